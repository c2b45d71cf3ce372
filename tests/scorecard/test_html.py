"""The HTML scorecard: self-contained, charts present, and rendered by headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lint.check import run_rules
from lint.report.html import render_html
from lint.report.scorecard import build_scorecard
from lint.rules import select_rules
from tests.scorecard.common import constructed

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]

# (unit, family) pairs with findings in tests/scorecard/common.py: 妇联 4 families, 工商联 2, 文联 2, 科协 1.
SEGMENTS = {
    ("阜平县妇女联合会", "unit_mismatch"), ("阜平县妇女联合会", "vague_value"), ("阜平县妇女联合会", "copy_paste"),
    ("阜平县妇女联合会", "stale_year"), ("阜平县工商业联合会", "budget_inconsistency"),
    ("阜平县工商业联合会", "illogical_operator"), ("阜平县文学艺术界联合会", "structure"),
    ("阜平县文学艺术界联合会", "placeholder"), ("阜平县科学技术协会", "brand_new_family"),
}


class Rects(HTMLParser):
    """Collects the attributes of every <rect> and notes every element with an external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[dict[str, str]] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "rect":
            self.rects.append(a)
        if tag in ("script", "link", "img", "iframe") or any(k in ("src", "href") for k in a):
            self.external.append(tag)

    def of(self, cls: str) -> list[dict[str, str]]:
        return [r for r in self.rects if cls in r.get("class", "").split()]


def parse(html: str) -> Rects:
    p = Rects()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def page(word_doc) -> str:
    findings = constructed(word_doc) + run_rules([word_doc], select_rules(["PH001"]))
    return render_html(build_scorecard([word_doc], findings, by="unit"))


def test_html_is_self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://|@import|url\(", page)
    assert parse(page).external == []
    assert "@media print" in page and "@page" in page


def test_charts_have_a_bar_per_unit_and_a_segment_per_family(page):
    p = parse(page)
    bars = p.of("score-bar")
    assert len(bars) == 9
    # Ranked order: the five clean units, 科协 99.0, 妇联 92.9, 本级 92.3 (PH001 on card 10), 文联 87.6, 工商联 65.5.
    assert [b["data-score"] for b in bars] == ["100.0"] * 4 + ["99.0", "92.9", "92.3", "87.6", "65.5"]
    assert float(bars[-1]["width"]) == pytest.approx(560 * 0.655)
    segs = {(s["data-group"], s["data-family"]) for s in p.of("family-seg")}
    assert segs == SEGMENTS | {("中国共产党阜平县委员会本级", "placeholder")}
    assert len(p.of("legend-swatch")) == len({f for _, f in SEGMENTS})
    wenlian = {s["data-family"]: int(s["data-count"]) for s in p.of("family-seg")
               if s["data-group"] == "阜平县文学艺术界联合会"}
    assert wenlian == {"structure": 5, "placeholder": 1}


def test_unit_sections_list_worst_cards_with_findings(page):
    # 工商联 card 49 (与海外社会合作与交流专项经费) lost points to BU001 twice and IO001 once.
    section = page.split("阜平县工商业联合会 <span", 1)[1].split("</section>", 1)[0]
    assert "49.与海外社会合作与交流专项经费绩效目标表" in section
    assert "<code>BU001</code> [error]" in section and "（共 2 处）" in section and "<code>IO001</code>" in section


# A probe appended to a copy of the page (never to the report): it measures the laid-out charts.
PROBE = """<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message)));
const box = sel => [...document.querySelectorAll(sel)].map(r => r.getBoundingClientRect().width);
document.body.insertAdjacentHTML('beforeend', '<pre id="probe">' + JSON.stringify({
  bars: box('#score-chart rect.score-bar'), segs: box('#family-chart rect.family-seg'),
  svgs: [...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect().height),
  errors: window.__errors}) + '</pre>');
</script>"""


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
                          capture_output=True, text=True, timeout=180)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_chromium_renders_the_charts(page, tmp_path):
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    r = chromium(tmp_path, "--dump-dom", probed.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    dom = parse(r.stdout)
    assert len(dom.of("score-bar")) == 9 and len(dom.of("family-seg")) == len(SEGMENTS) + 1
    # The last match: the first is the probe's own source inside the <script>.
    probe = json.loads(re.findall(r'<pre id="probe">(.*?)</pre>', r.stdout, re.S)[-1])
    assert probe["errors"] == []
    assert len(probe["bars"]) == 9 and all(w > 0 for w in probe["bars"])
    assert len(probe["segs"]) == len(SEGMENTS) + 1 and all(w > 0 for w in probe["segs"])
    assert len(probe["svgs"]) == 2 and all(h > 100 for h in probe["svgs"])

    report = tmp_path / "scorecard.html"
    report.write_text(page, encoding="utf-8")
    shot = tmp_path / "scorecard.png"
    r = chromium(tmp_path, "--window-size=1200,1500", f"--screenshot={shot}", report.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 1500)
    assert len(png) > 20_000  # a blank page compresses to a few kilobytes
