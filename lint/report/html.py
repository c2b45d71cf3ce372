"""The scorecard as one self-contained HTML page: no scripts, no fonts, no images or styles fetched
from anywhere, so it opens offline and prints to PDF as it shows.

Charts are inline SVG: a bar per group for its score (with the grade bands marked) and a stacked
bar per group of its findings by family. Elements carry classes the tests count: `rect.score-bar`,
`rect.family-seg`, `rect.legend-swatch`.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from lint.report.scorecard import (
    FAMILY_WEIGHT,
    GRADE_BANDS,
    REPEAT_FACTOR,
    SEVERITY_WEIGHT,
    GroupScore,
    Scorecard,
    round1,
    truncate,
)

# Okabe–Ito colours (readable by colour-blind readers), one per family in the project's order.
_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#D55E00", "#0072B2", "#CC79A7", "#F0E442", "#999999",
            "#000000", "#7F3C8D")
_GRADE_COLOUR = {"优": "#1a7f37", "良": "#4d9a2a", "中": "#d29922", "差": "#cf222e"}
_FAMILY_ZH = {
    "placeholder": "占位/涉密", "unit_mismatch": "单位不符", "illogical_operator": "符号不合理",
    "copy_paste": "复制粘贴", "budget_inconsistency": "预算不一致", "structure": "结构缺项",
    "vague_value": "指标值模糊", "stale_year": "年份过时", "input": "输入",
}
_BY_ZH = {"unit": "单位", "department": "部门", "document": "文件"}

_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
       "PingFang SC", sans-serif; color: var(--ink); margin: 24px auto; max-width: 1100px; padding: 0 16px;
       font-size: 14px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .note { color: var(--muted); font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
/* Long unit and card names wrap onto lines, never down to one character per line. */
td.name { min-width: 13em; }
.grade { display: inline-block; min-width: 1.8em; text-align: center; color: #fff; border-radius: 3px;
         font-weight: 700; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .band { stroke: #8c959f; stroke-dasharray: 3 3; }
ul.findings { margin: 2px 0 0; padding-left: 18px; font-size: 12.5px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.unit { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11.5px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 10px; }
  th, td { padding: 3px 4px; }
}
"""


def _where(f) -> str:
    """`第 12 行` for text files, the cell address for office files."""
    return f.address if f.office else f"第 {f.line} 行"


def render_html(sc: Scorecard) -> str:
    by = _BY_ZH[sc.by]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>绩效目标质量记分卡（按{by}）</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>绩效目标质量记分卡（按{by}）</h1>",
        f'<p class="meta">{sc.files} 个文件，{len(sc.groups)} 个{by}，{sc.cards} 张绩效目标表，'
        f"{sc.findings} 条问题。得分取预算加权平均分与简单平均分中较低者；等级：优 ≥ 90，良 ≥ 80，中 ≥ 60，"
        "差 &lt; 60。计分办法见 docs/scoring.md。</p>",
        _ranked_table(sc),
        f'<h2>各{by}得分</h2>',
        f'<figure id="scores">{_score_chart(sc)}</figure>',
        "<h2>问题类别分布</h2>",
        f'<figure id="families">{_family_chart(sc)}</figure>',
        f"<h2>各{by}问题最多的绩效目标表</h2>",
        *(_unit_section(g, sc) for g in sc.groups if g.findings),
        _clean_groups(sc),
        _formula_note(),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _grade_badge(grade: str) -> str:
    return f'<span class="grade" style="background:{_GRADE_COLOUR.get(grade, "#59636e")}">{escape(grade)}</span>'


def _ranked_table(sc: Scorecard) -> str:
    by = _BY_ZH[sc.by]
    head = ("<table id=\"ranking\"><thead><tr>"
            f'<th class="num">排名</th><th>{by}</th><th>等级</th><th class="num">得分</th>'
            '<th class="num">预算加权</th><th class="num">简单平均</th><th class="num">表数</th>'
            '<th class="num">指标数</th><th class="num">预算（万元）</th><th class="num">含错误表占比</th>'
            '<th class="num">问题数</th><th>最常见规则</th></tr></thead><tbody>')
    rows = []
    for g in sc.groups:
        rules = "，".join(f"<code>{escape(c)}</code>×{n}" for c, n in g.top_rules()) or "—"
        rows.append(
            f'<tr><td class="num">{g.rank}</td><td class="name">{escape(g.label)}</td><td>{_grade_badge(g.grade)}</td>'
            f'<td class="num">{g.score:.1f}</td><td class="num">{round1(g.score_weighted):.1f}</td>'
            f'<td class="num">{round1(g.score_mean):.1f}</td><td class="num">{len(g.cards)}</td>'
            f'<td class="num">{g.indicators}</td><td class="num">{g.budget:,.2f}</td>'
            f'<td class="num">{g.error_share * 100:.0f}%</td><td class="num">{len(g.findings)}</td>'
            f"<td>{rules}</td></tr>"
        )
    return head + "".join(rows) + "</tbody></table>"


# Geometry shared by both charts (SVG user units; the SVG scales to the page width).
_LABEL_W = 250
_BAR_W = 560
_ROW_H = 24
_TOP = 28


def _label(g: GroupScore, y: float) -> str:
    short = truncate(g.label, 34)
    return (f'<text x="{_LABEL_W - 8}" y="{y + 16}" text-anchor="end"><title>{escape(g.label)}</title>'
            f"{escape(short)}</text>")


def _score_chart(sc: Scorecard) -> str:
    n = len(sc.groups)
    height = _TOP + n * _ROW_H + 24
    width = _LABEL_W + _BAR_W + 60
    out = [f'<svg id="score-chart" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="各组得分条形图">']
    # Grade band boundaries as dashed lines, labelled on top.
    for floor, name in GRADE_BANDS:
        if floor <= 0:
            continue
        x = _LABEL_W + _BAR_W * floor / 100
        out.append(f'<line class="band" x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{_TOP + n * _ROW_H}"/>')
        out.append(f'<text x="{x:.1f}" y="{_TOP - 10}" text-anchor="middle">{name} {floor:g}</text>')
    for i, g in enumerate(sc.groups):
        y = _TOP + i * _ROW_H
        w = _BAR_W * g.score / 100
        out.append(_label(g, y))
        out.append(f'<rect class="score-bar" data-group="{escape(g.label)}" data-score="{g.score:.1f}" '
                   f'x="{_LABEL_W}" y="{y + 4}" width="{w:.1f}" height="{_ROW_H - 8}" '
                   f'fill="{_GRADE_COLOUR[g.grade]}"><title>{escape(g.label)}：{g.score:.1f}（{g.grade}）</title></rect>')
        out.append(f'<text x="{_LABEL_W + w + 6:.1f}" y="{y + 16}">{g.score:.1f} {g.grade}</text>')
    axis_y = _TOP + n * _ROW_H
    out.append(f'<line x1="{_LABEL_W}" y1="{axis_y}" x2="{_LABEL_W + _BAR_W}" y2="{axis_y}" stroke="#8c959f"/>')
    for t in (0, 20, 40, 60, 80, 100):
        x = _LABEL_W + _BAR_W * t / 100
        out.append(f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">{t}</text>')
    out.append("</svg>")
    return "".join(out)


def family_colour(sc: Scorecard, family: str) -> str:
    return _PALETTE[sc.families.index(family) % len(_PALETTE)]


def _family_chart(sc: Scorecard) -> str:
    n = len(sc.groups)
    counts = [g.by_family() for g in sc.groups]
    peak = max((sum(c.values()) for c in counts), default=0) or 1
    present = [f for f in sc.families if any(c.get(f) for c in counts)]
    legend_rows = (len(present) + 3) // 4
    top = 12 + legend_rows * 20 + 8
    height = top + n * _ROW_H + 12
    width = _LABEL_W + _BAR_W + 60
    out = [f'<svg id="family-chart" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="各组问题类别堆积条形图">']
    for k, fam in enumerate(present):
        x = _LABEL_W + (k % 4) * 150
        y = 12 + (k // 4) * 20
        out.append(f'<rect class="legend-swatch" data-family="{fam}" x="{x}" y="{y}" width="12" height="12" '
                   f'fill="{family_colour(sc, fam)}"/>')
        out.append(f'<text x="{x + 16}" y="{y + 11}">{_FAMILY_ZH.get(fam, fam)} {fam}</text>')
    if not present:
        out.append(f'<text x="{_LABEL_W}" y="24">未发现问题</text>')
    for i, (g, c) in enumerate(zip(sc.groups, counts, strict=True)):
        y = top + i * _ROW_H
        out.append(_label(g, y))
        x = float(_LABEL_W)
        for fam in sc.families:
            k = c.get(fam, 0)
            if not k:
                continue
            w = _BAR_W * k / peak
            out.append(f'<rect class="family-seg" data-group="{escape(g.label)}" data-family="{fam}" '
                       f'data-count="{k}" x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{_ROW_H - 8}" '
                       f'fill="{family_colour(sc, fam)}"><title>{escape(g.label)} · {fam}：{k}</title></rect>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 16}">{sum(c.values())}</text>')
    out.append("</svg>")
    return "".join(out)


def _unit_section(g: GroupScore, sc: Scorecard) -> str:
    worst = g.worst(sc.worst_n)
    fam = g.by_family()
    fam_text = "，".join(f"{_FAMILY_ZH.get(f, f)} {fam[f]}" for f in sc.families if fam.get(f)) or "无"
    head = (f'<section class="unit"><h3>{g.rank}. {escape(g.label)} {_grade_badge(g.grade)} '
            f'<span class="meta">{g.score:.1f} 分 · {len(g.cards)} 张表 · {g.budget:,.2f} 万元 · '
            f"问题：{fam_text}</span></h3>")
    if not worst:
        return head + '<p class="note">所有绩效目标表均未发现问题。</p></section>'
    rows = []
    for c in worst:
        items = []
        for code, n in Counter(f.code for f in c.findings).most_common():
            first = next(f for f in c.findings if f.code == code)
            more = f"（共 {n} 处）" if n > 1 else ""
            items.append(f"<li><code>{escape(code)}</code> [{escape(first.severity)}] {escape(_where(first))}："
                         f"{escape(first.message)}{more}</li>")
        rows.append(f'<tr><td class="name">{escape(c.label())}<br><span class="meta">{escape(c.path)}:{c.line}</span></td>'
                    f'<td class="num">{c.budget if c.budget is not None else "—"}</td>'
                    f'<td class="num">{round1(c.score):.1f}</td><td><ul class="findings">{"".join(items)}</ul></td></tr>')
    table = ('<table class="worst"><thead><tr><th>绩效目标表</th><th class="num">预算（万元）</th>'
             '<th class="num">得分</th><th>问题</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    return head + table + "</section>"


def _clean_groups(sc: Scorecard) -> str:
    clean = [g.label for g in sc.groups if not g.findings]
    if not clean:
        return ""
    names = "、".join(escape(n) for n in clean)
    return f'<p class="note" id="clean">未发现问题的{_BY_ZH[sc.by]}（{len(clean)} 个）：{names}。</p>'


def _formula_note() -> str:
    sev = "，".join(f"{k} {v:g}" for k, v in SEVERITY_WEIGHT.items())
    fam = "，".join(f"{_FAMILY_ZH.get(k, k)} {v:g}" for k, v in FAMILY_WEIGHT.items() if k != "input")
    return (f'<h2>计分办法</h2><p class="note">每张表从 100 分起扣：每条规则在该表的第一处问题扣 严重程度权重 × 类别权重，'
            f"同一规则的其余每处扣其 {REPEAT_FACTOR:g} 倍，最低 0 分。严重程度权重：{sev}。类别权重：{fam}。"
            "单位得分取该单位各表得分的预算加权平均与简单平均中较低者（无预算数的表只计入简单平均）。</p>")

