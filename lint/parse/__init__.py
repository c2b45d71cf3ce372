"""Parse: rows of cells → documents, cards and indicator records; 指标值 → typed values."""
