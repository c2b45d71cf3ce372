"""Reports: findings and records in the formats users work with."""
