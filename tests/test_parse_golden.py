"""Golden tests: cards of the three corpus layouts, every field checked against the text by hand.

Expected values are typed from the source files (line numbers given), not produced by the parser.
"""

from __future__ import annotations

from tests.conftest import card_at, rows


def test_card_counts(ocr_doc, md_doc, word_doc):
    # 000 holds 35 titled cards with 35 distinct 项目编码 (2 under 六, 33 under 七, numbered 1–33);
    # the corpus README says 31 under 七, but the text has titles 1、…33、 each with its own grid.
    assert len(ocr_doc.cards) == 35
    assert len({c.project_code for c in ocr_doc.cards}) == 35
    assert len(md_doc.cards) == 44
    assert len(word_doc.cards) == 48
    assert [c.seq for c in word_doc.cards] == [n for n in range(1, 50) if n != 28]
    assert [c.seq for c in md_doc.cards] == list(range(1, 45))


def test_document_metadata(ocr_doc, md_doc, word_doc):
    assert (ocr_doc.layout, ocr_doc.department_code, ocr_doc.department, ocr_doc.budget_year) == (
        "ocr", "203", "中共巨鹿县委组织部", 2024)
    assert (md_doc.layout, md_doc.department_code, md_doc.department, md_doc.budget_year) == (
        "markdown", "316", "中共石家庄高新技术产业开发区工委组织部", 2024)
    assert (word_doc.layout, word_doc.department, word_doc.budget_year) == (
        "word", "中国共产党阜平县委员会办公室", 2021)


def test_ocr_card_village_operations(ocr_doc):
    # 000 line 581: 5、村级组织运转经费绩效目标表
    c = card_at(ocr_doc, 581)
    assert c.seq == 5
    assert c.project_code == "13052924P00584011620R"
    assert c.project_name == "村级组织运转经费"
    assert (c.budget, c.fiscal_funds, c.other_funds) == (6029.3, 6029.3, None)
    assert c.spend_plan == {"3月底": 25.0, "6月底": 50.0, "10月底": 75.0, "12月底": 100.0}
    assert c.fund_use.startswith("主要用于村级组织运转、村党组织活动")
    assert "为291个村发放经费" in c.goal_text
    assert rows(c) == [
        ("产出指标", "数量指标", "村级组织数量", "保障村级组织运转数量", "291个", "实际数量"),
        ("产出指标", "数量指标", '村"两委"干部人数', '发放补贴的村"两委"干部人数', "≤1165人", "村干部花名册"),
        ("产出指标", "质量指标", "村级组织运转率", "正常运转村级组织占总的村级组织的比例", "100%", "工作考核"),
        ("产出指标", "时效指标", "经费支付完成时限", "经费支付完成的时间", "12月底", "支出进度表"),
        ("产出指标", "成本指标", "办公费标准", "平均每个村级组织每年办公费用", "≥12万元",
         "冀组发〔2018〕14号、冀组发〔2020〕18号"),
        ("产出指标", "成本指标", "补贴标准", "每人每年补贴标准", "≤2.88万元", "(冀组发 (2018) 14号、冀组发 (2020) 18号)"),
        ("效益指标", "社会效益指标", "提升工作效率", "村级组织工作效率提升情况", "提升", "工作成绩"),
        ("效益指标", "可持续影响指标", "运转时间", "保障村级组织运转时间", "1年", "工作调查"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "群众对村级组织工作的满意度", "≥95%", "满意度调查"),
    ]
    first = c.indicators[0]
    assert first.line == 590
    assert (first.locs["value"].line, first.locs["value"].column) == (590, 26)


def test_ocr_card_retired_cadres_medical(ocr_doc):
    # 000 line 471: the first card, under 六; a garbled 一级 cell (`*r ** 1k 1-`) on the 社会效益 row.
    c = card_at(ocr_doc, 471)
    assert c.seq == 1 and c.project_code == "13052924P00584210734N"
    assert c.project_name == "冀财社2023年218号提前下达2024年脱贫县离休干部医药费补助资金"
    assert (c.budget, c.fiscal_funds) == (2.8, 2.8)
    assert c.spend_plan == {"3月底": None, "6月底": 40.0, "10月底": 40.0, "12月底": 100.0}
    assert rows(c) == [
        ("产出指标", "数量指标", "补助人数", "每年补助离休干部医药费的人数", "≤14人", "离休干部人数统计"),
        ("产出指标", "质量指标", "补助覆盖率", "补助人数占应补助人数的比例", "100%", "补助发放单"),
        ("产出指标", "时效指标", "资金支出完成时限", "资金支出完成的时间", "12月底", "支出进度表"),
        ("产出指标", "成本指标", "补助标准", "平均每人补助的医药费金额", "0.2万元", "冀财社【2022】156号"),
        ("效益指标", "社会效益指标", "政策保障率", "离休干部政策保障率", "100%", "政策清单"),
        ("效益指标", "可持续影响指标", "离休干部就医率", "离休干部就医的比例", "≥95%", "就诊名单"),
        ("满意度指标", "服务对象满意度指标", "满意度", "离休干部满意程度", "≥95%", "满意度调查"),
    ]


def test_ocr_split_description_and_stray_marks(ocr_doc):
    # 000 line 1006 (card 29): descriptions split over two cells, OCR specks (`t`, `È`) between cells.
    c = card_at(ocr_doc, 1006)
    assert (c.budget, c.fiscal_funds) == (45.0, 45.0)  # `其中: 财政 | 资金` split over two cells
    got = rows(c)
    assert got[0] == ("产出指标", "数量指标", "培训天数", "每年累计培训天数", "≥12天", "《干部教育培训工作条例》")
    assert got[3] == ("产出指标", "质量指标", "工作进度", "工作完成情况占计划的比例", "100%", "工作计划")
    assert got[5] == ("产出指标", "成本指标", "培训标准", "每天每人培训标准", "≤30元", "培训费标准")
    assert got[7][:3] == ("效益指标", "社会效益指标", "培训时长保障率保障")


def test_markdown_card_rent(md_doc):
    # 002 line 1034: 1、组织人社运转保障工作经费绩效目标表 (tags <b>…</b> in label cells)
    c = card_at(md_doc, 1034)
    assert c.project_code == "13019024P0042TD10003H"
    assert c.project_name == "组织人社运转保障工作经费"
    assert (c.budget, c.fiscal_funds, c.other_funds) == (25.23, 25.23, None)
    assert c.fund_use == "用于房租和网络租赁费支出。"
    assert c.spend_plan == {"3月底": 25.0, "6月底": 50.0, "10月底": 75.0, "12月底": 100.0}
    assert c.goal_text == "1.保障组织人社工作正常开展。"
    assert rows(c) == [
        ("产出指标", "数量指标", "租赁面积", "租赁办公用房面积", "293.6 平方米", "年度工作计划"),
        ("产出指标", "数量指标", "租赁网络线路数量", "租赁网络线路数量", "14 条", "年度工作计划"),
        ("产出指标", "质量指标", "租赁办公用房质量情况", "办公用房内各项设施齐全，运转正常", "设施齐全，正常运转", "年度工作计划"),
        ("产出指标", "时效指标", "租赁合同签订时间", "办公用房租赁合同签订日期", "12 月前", "年度工作计划"),
        ("产出指标", "成本指标", "单位面积办公用房年度租赁费", "每平方米办公用房年度租赁费", "≤1.3 元/平方米", "年度工作计划"),
        ("效益指标", "可持续影响指标", "租赁期限", "办公用房和网络租赁期限", "≥1 年", "年度工作计划"),
        ("满意度指标", "服务对象满意度指标", "使用人员满意度", "办公用房使用人员满意程度", "≥95%", "年度工作计划"),
    ]
    # `<b>项目编码</b>` starts at column 1; the code cell after the tab at column 15.
    assert (c.locs["project_code"].line, c.locs["project_code"].column) == (1038, 13)


def test_markdown_card_across_page_break(md_doc):
    # 002 line 1257: card 13 crosses a page; the header repeats (line 1277) and the 成本 row's value
    # continues on the next page (line 1278): one card, 15 rows, the value joined.
    c = card_at(md_doc, 1257)
    assert c.project_code == "13019024P00DD0410234Q" and c.budget == 616.0
    assert len(c.indicators) == 15
    cost = c.indicators[7]
    assert (cost.level2, cost.name, cost.value, cost.basis) == (
        "成本指标", "社会保险补贴人均标准", "单位应缴纳的社会保险费原则上不超过社会保险费实际缴费额的 2/3", "年度工作计划")
    assert c.indicators[8].line == 1279
    assert rows(c)[-1] == ("满意度指标", "服务对象满意度指标", "就业扶持政策经办服务满意度", "就业扶持政策经办服务满意度",
                           "≥95%", "年度工作计划")


def test_word_card_gatekeeping(word_doc):
    # 004 line 252: 1.门卫安保经费绩效目标表 (cell per line, blank first cells for merged 一级)
    c = card_at(word_doc, 252)
    assert c.title == "1.门卫安保经费绩效目标表"
    assert (c.reporting_unit_code, c.reporting_unit) == ("201001", "中国共产党阜平县委员会本级")
    assert c.project_code == "130624210SN9T0TGCCC6F" and c.project_name == "门卫安保经费"
    assert (c.budget, c.fiscal_funds, c.other_funds) == (3.0, 3.0, 0.0)
    assert c.fund_use.startswith("该项目主要用于门卫室房屋安全维修")
    assert c.spend_plan == {"3月底": 20.0, "6月底": 50.0, "10月底": 70.0, "12月底": 100.0}
    assert c.goal_text == ("1.门卫室房屋安全维修及电路整修到位。\n2.保安服装购置及时，其他费用合理。\n"
                           "3.政府院内监控及伸缩门等设施检修全部完成。")
    assert rows(c) == [
        ("产出指标", "数量指标", "政府院内等设施正常使用率", "政府院内等设施正常使用率", "100百分比", "设备使用情况"),
        ("产出指标", "质量指标", "维修合格率", "维修工作是否合格", "≥90百分比", "对设备维修及时情况"),
        ("产出指标", "时效指标", "门卫室、基础设施维修及时率", "是否及时维修", "100百分比", "对设备维修及时情况"),
        ("产出指标", "成本指标", "控制成本", "0", "≥90百分比", "对设备维修及时情况"),
        ("效益指标", "经济效益指标", "经济效益", "0", "≥90百分比", "对设备维修及时情况"),
        ("效益指标", "社会效益指标", "单位工作人员对门卫工作的满意率", "单位工作人员对门卫工作满意人数占总人数的比例",
         "≥95百分比", "对设备维修及时情况"),
        ("效益指标", "可持续影响指标", "可持续发挥的作用", "0", "≥93百分比", "对设备维修及时情况"),
        ("满意度指标", "服务对象满意度指标", "本单位人员对门卫工作的满意率", "对门卫工作的满意程度", "≥90百分比", "工作方案"),
    ]
    assert c.indicators[0].line == 297
    assert (c.indicators[0].locs["value"].line, c.indicators[0].locs["value"].column) == (301, 2)


def test_word_card_goal_over_blank_lines_and_partial_plan(word_doc):
    # 004 line 2647: goal sentences separated by blank lines; the plan row leaves 3月底 empty.
    c = card_at(word_doc, 2647)
    assert c.reporting_unit == "中共阜平县委县直机关工作委员会"
    assert c.spend_plan == {"3月底": None, "6月底": 100.0, "10月底": 100.0, "12月底": 100.0}
    assert c.goal_text.splitlines() == ["1.按时完成模范机关和创新机关的评选。", "2.按时开展“七一”等一系列活动。", "3.印刷书籍"]
    assert len(c.indicators) == 10
    assert rows(c)[7] == ("效益指标", "可持续影响指标", "提高研发水平和创新能力", "提高党务工作者业务能力", "≥90分", "模范机关创建")


def test_reporting_units_of_word_document(word_doc):
    units = {c.reporting_unit for c in word_doc.cards}
    assert len(units) == 9
    assert "中国共产主义青年团阜平县委员会" in units


def test_narrative_is_kept(ocr_doc, md_doc, word_doc):
    for doc in (ocr_doc, md_doc, word_doc):
        assert doc.narrative, doc.path
    assert any("县委办绩效目标" in p.text for p in word_doc.narrative)
