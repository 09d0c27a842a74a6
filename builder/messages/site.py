"""Words the site shows: labels for coded values, chart titles, type names."""

# The Chinese names of ledger entry types and deciding bodies (pages and downloads).
ENTRY_TYPES = {
    "income": "收入",
    "cost": "合理成本",
    "fund_transfer": "转入专项维修资金",
    "distribution": "分配给业主",
    "account_transfer": "转入其他账户",
    "owners_use": "业主决定的其他用途",
}
BODIES = {"owners_assembly": "业主大会", "committee": "业主委员会"}

# Words the site shows for coded values, and the charts' titles.
LABELS = {
    "status": {"upcoming": "未开始", "active": "公示中", "ended": "已结束"},
    "body": BODIES,
    "entry_type": ENTRY_TYPES,
    # The order the work-order classes are shown in (their pledges are the records').
    "pledge": ["紧急到场", "简单问题", "一般问题", "复杂问题"],
    "latest": {"decision": "{body}决定", "notice": "党务公示", "fund_use": "维修资金使用"},
    # the title of a page a record number leads to (search's 直达 result)
    "direct": {
        "ledger": "{year}年{account}",
        "fund_use": "维修资金使用：{project}",
        "requests": "{year}年居民诉求台账",
    },
    "excel_copy": "{title}（Excel/WPS 用）",
    "package_title": "{community}公开数据",
}
CHARTS = {
    "ledger": (
        "{year}年{account}每月收入、合理成本和业主决定的使用",
        "{year}年{account}各月收入、合理成本和业主决定的使用（不是成本）的柱状图，横轴为月份，纵轴为金额（元）；同样的数字见图下的表格。",
    ),
    "performance": (
        "报修按时办理率（按月）",
        "各类报修工单每月按承诺时限办理的比例，数据见图下表格。",
    ),
}

TYPE_NAMES_ZH = {
    "date": "有效日期（写成 2025-03-05）",
    "number": "数字（写成 1200.00，不要加 ¥ 或逗号）",
    "integer": "整数",
    "yearmonth": "年月（写成 2025-03）",
    "string": "文字",
    "boolean": "是/否",
}

# The Civil Code Art. 278 arithmetic (builder/rules/decisions.py) as a report, a
# decision page and `gongshi diff` show it; the bodies' Chinese names are LABELS["body"].
VOTE_MATTERS = {
    1: "制定和修改业主大会议事规则",
    2: "制定和修改管理规约",
    3: "选举业主委员会或者更换业主委员会成员",
    4: "选聘和解聘物业服务企业或者其他管理人",
    5: "使用建筑物及其附属设施的维修资金",
    6: "筹集建筑物及其附属设施的维修资金",
    7: "改建、重建建筑物及其附属设施",
    8: "改变共有部分的用途或者利用共有部分从事经营活动",
    9: "有关共有和共同管理权利的其他重大事项",
}
VOTE_RESULTS = {"passed": "通过", "rejected": "未通过"}
BODIES_EN = {"owners_assembly": "owners' assembly", "committee": "owners' committee"}
# What each comparison counts ({base}: VOTE_BASES), and in what unit.
VOTE_TESTS = {
    "voted_area": ("参与表决的专有部分面积", "participating area"),
    "voted_owners": ("参与表决的业主人数", "participating owners"),
    "approve_area": ("同意的专有部分面积", "approving area"),
    "approve_owners": ("同意的业主人数", "approving owners"),
    "members_present": ("出席委员", "members present"),
    "members_approve": ("同意委员（以{base}计）", "members approving"),
}
VOTE_BASES = {"all": "全体委员", "present": "出席委员"}
# The owners' committee's rule from community.yaml ({quorum}, {approval}: its terms).
COMMITTEE_RULE = "{quorum}委员出席，{base}{approval}同意"
VOTE_UNITS = {"area": "㎡", "people": "人"}
# The vote figures as "decision-count-order" names them.
VOTE_FIGURES = {
    "approve_area": "同意面积",
    "voted_area": "参与表决面积",
    "total_area": "总面积",
    "approve_owners": "同意人数",
    "voted_owners": "参与表决人数",
    "total_owners": "业主总人数",
    "members_approve": "同意委员数",
    "members_present": "出席委员数",
    "members_total": "委员总数",
    "oppose_area": "反对面积",
    "oppose_owners": "反对人数",
    "abstain_area": "弃权面积",
    "abstain_owners": "弃权人数",
    "invalid_area": "无效及未表达意见面积",
    "invalid_owners": "无效及未表达意见人数",
}
# One comparison, its verdict, and how the comparisons are joined (between, after).
VOTE_TEST = (
    "{what} {part}{unit}，占 {whole}{unit} 的 {percent}，要求{term}（至少 {least}{unit}）——{verdict}",
    "{what} {part} of {whole} ({percent}), needs at least {least}: {verdict}",
)
VOTE_VERDICTS = {True: ("达到", "met"), False: ("未达到", "not met")}
# Which ratio failed, by threshold term: "参与表决的专有部分面积" + "不足三分之二".
VOTE_SHORTFALLS = {
    "过半数": "未过半数",
    "半数以上": "不足半数",
    "三分之二以上": "不足三分之二",
    "四分之三以上": "不足四分之三",
    "全体": "未达到全体",
}
# The ballots of an owners' vote, by field prefix, in the order a page lists them: with
# approve they add up to the participating figure (every ballot cast takes part).
VOTE_BALLOTS = {
    "approve": ("同意", "approve"),
    "oppose": ("反对", "oppose"),
    "abstain": ("弃权", "abstain"),
    "invalid": ("无效及未表达意见", "invalid or unexpressed"),
}
# The two figures of each ballot, as a report names them.
VOTE_MEASURES = {"area": ("面积", "area"), "owners": ("人数", "headcount")}
VOTE_JOINS = (("；", "。"), ("; ", "."))

# How a date and a month are written on pages (core/formatting.py, site/ledgers.py).
DATE_ZH = "{year}年{month}月{day}日"
MONTH_ZH = "{month}月"
# The charts' legends, axes and point labels (site/charts.py).
CHART_WORDS = {
    "income": "收入",
    "cost": "合理成本",
    "uses": "业主决定的使用",
    "yuan": "金额（元）",
    "on_time": "按时办理率（%）",
    "rate_point": "{label}：{rate}%",
}
# The titles of the downloads that are not a published table (publish/downloads.py).
DOWNLOAD_TITLES = {
    "datapackage": "数据包说明（datapackage.json）",
    "report": "数据检查报告",
    "provenance": "构建来源",
    "checksums": "校验和（SHA-256）",
    "dictionary": "数据说明：每个文件、每一列的含义（README.txt）",
    "calendar": "公开日历（calendar.json：每项应公开事项的期限、公开日期和状态）",
}
# What the downloads page says of the Excel copies (publish/downloads.py, excel_text).
DOWNLOAD_NOTES = {
    "excel_formula": (
        "Excel 版里，凡是会被表格软件当作公式执行的文字（以 =、+、-、@、制表符或回车开头），"
        "开头都加了一个英文单引号 '，打开后只显示为文字，不会执行；数字不加。"
        "没有“Excel/WPS 用”字样的 UTF-8 CSV 文件保留原样，不加单引号。",
        "In the Excel copies, text a spreadsheet would run as a formula (starting with "
        "=, +, -, @, a tab or a carriage return) begins with an apostrophe ', so it is "
        "shown as text and never run; numbers are unchanged. The plain UTF-8 CSV files "
        "carry the values exactly, without the apostrophe.",
    ),
}
# How a citation reads (site/citations.py): 《民法典》第二百七十八条.
CITATION = {
    "text": "《{law}》{articles}",
    "article": "第{number}条",
    "range": "第{first}条至第{last}条",
    "described": "第{number}条 {title}",
}

# The Chinese name of each coded value, by field name and value: the Excel copies and
# the downloads' data dictionary write these (publish/excel.py). Every code a published
# schema allows has one here (tests/test_downloads_labels.py). Entry types, bodies and
# results are the very dictionaries the site's pages label them with.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "type": ENTRY_TYPES,
    "body": BODIES,
    "result": VOTE_RESULTS,
    "kind": {
        "ledger": "公共收益账户",
        "fund": "专项维修资金账户",
        "deposit": "存入",
        "transfer_in": "公共收益转入",
        "interest": "利息",
    },
    "basis": {"owners_decision": "业主大会决定", "emergency": "紧急情况"},
    # The disclosure ranges (core/disclosure.py); only 向社会公开 is published.
    "scope": {
        "public": "向社会公开",
        "party": "党内公开",
        "organisation": "在一定范围内公开",
        "specific": "对特定对象公开",
        "internal": "不向社会公开（旧写法，未写明范围）",
    },
    "personal_basis": {"consent": "本人同意", "legal_duty": "法定义务"},
    # The disclosure log (data/disclosures.csv).
    "subject": {
        "common_income": "公共收益收支情况",
        "maintenance_fund": "专项维修资金收支情况",
        "committee_fees": "业委会委员交费情况",
        "seal_use": "印章使用情况",
        "service_report": "物业服务合同履行和收支情况",
        "contract_notice": "物业服务人不续聘的书面通知",
    },
    "channel": {"notice_board": "公示栏", "site": "本网站", "both": "公示栏和本网站"},
}
# The downloads' own tables (publish/tables.py): the accounts and balance assertions of
# ledgers/accounts.yaml and the owners' register of community.yaml, which are settings,
# not resources (title, description).
SETTINGS_TABLES = {
    "accounts": (
        "账户及期初余额",
        "每个账户一行：账户编号、名称、建账和销户日期、期初余额。"
        "某账户某日的余额 = 期初余额 + 该日（含）以前的收入 − 合理成本 − 业主决定的使用。",
    ),
    "balance-assertions": (
        "账户余额核对点",
        "每行一个核对点：该日（含当日）全部分录记账后，账户余额应等于“应有余额”，"
        "与开户行对账单核对一致。",
    ),
    "owners-register": (
        "业主名册（面积和人数）",
        "每期名册每个范围（全体业主、各幢、各单元）一行：专有部分面积、套数和业主人数。"
        "人数按《最高人民法院关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释》第九条计算："
        "业主人数 = 套数 − 建设单位未售或未交付套数（有则另计一人）− 同一买受人多出的套数。"
        "业主大会决定的总面积、总人数与决定日期当时有效的一期（名册日期不晚于决定日期的最近一期）中表决范围那一行核对。",
    ),
}
# An Excel copy's column header when two fields share a title (publish/excel.py).
EXCEL_HEADER_CLASH = "{title}（{name}）"
# What datapackage.json says of an Excel copy (publish/downloads.py).
EXCEL_DESCRIPTION = (
    "“{title}”的 Excel/WPS 用副本（带 BOM 的 UTF-8）：第一行是各列的中文标题，"
    "编码值写成中文名称（如 income 写成“收入”），会被当作公式的文字开头加了英文单引号。"
    "核对和复算请用同名的 UTF-8 CSV（{path}），它保留原始的列名和值。"
)
# What each value of the counting-basis and part-scope settings (community.yaml rules:)
# means, for the pages and for community-bad-choice's {allowed}: SPC interpretation on
# building ownership Art. 8 (area) and Art. 9 (headcount); part-scope votes are the
# community's own rule (the national rule is silent).
RULE_SETTING_VALUES = {
    "area_basis": {
        "register": "按不动产登记簿记载的面积；尚未登记的按测绘机构的实测面积，尚未实测的按房屋买卖合同记载的面积",
        "survey": "按测绘机构的实测面积",
        "contract": "按房屋买卖合同记载的面积",
    },
    "headcount_basis": {
        "units": "按专有部分的数量，一个专有部分一人；建设单位尚未出售和已出售尚未交付的合计一人；"
        "同一买受人拥有一个以上专有部分的计一人",
    },
    "part_scope_votes": {
        "required": "只涉及部分楼幢、单元共有部分的事项，须由这部分业主表决，按这部分的面积和人数计算比例",
        "allowed": "只涉及部分楼幢、单元共有部分的事项，可以由这部分业主表决，也可以由全体业主表决",
    },
}

# The disclosure calendar (rules/calendar.py, the 公开日历 page, `gongshi calendar`):
# what each duty publishes (Chinese, English), a decision's by its body.
CALENDAR_DUTIES: dict[str, tuple[str, str]] = {
    "decisions": ("决定", "decisions"),
    "decisions:owners_assembly": ("业主大会的决定", "owners' assembly decisions"),
    "decisions:committee": ("业主委员会的决定", "owners' committee decisions"),
    "assembly_notice": ("业主大会会议通知", "notice of an owners' assembly meeting"),
    "common_income": ("公共收益收支情况", "common income and its use"),
    "maintenance_fund": ("专项维修资金收支情况", "the maintenance fund's income and use"),
    "committee_fees": (
        "业主委员会委员交纳物业费、停车费情况",
        "whether committee members paid their property and parking fees",
    ),
    "seal_use": (
        "业主大会、业主委员会印章使用情况",
        "the use of the assembly's and committee's seals",
    ),
    "service_report": (
        "物业服务事项、收费和合同履行情况",
        "the property services, their fees and the contract's performance",
    ),
    "contract_notice": (
        "物业服务人不续聘的书面通知",
        "the provider's written notice that it will not renew",
    ),
    "contract_renewal": (
        "续聘或另聘的决定、续订合同",
        "the decision to renew or choose another provider, and the renewed contract",
    ),
    "contract_open_term": (
        "合同期满未作续聘或另聘决定",
        "the term ended with no decision to renew or choose another provider",
    ),
}
CALENDAR_STATUSES: dict[str, tuple[str, str]] = {
    "overdue": ("逾期未公开", "overdue"),
    "late": ("逾期后公开", "published late"),
    "upcoming": ("即将到期", "due soon"),
    "done-on-time": ("按时公开", "published on time"),
    "no-frequency": ("法规未定期限", "no frequency set"),
}
CALENDAR_EVERY: dict[str | None, tuple[str, str]] = {
    "quarter": ("每季度", "quarter"),
    "half_year": ("每半年", "half-year"),
    "year": ("每年", "year"),
    None: ("定期（法规未规定频次）", "periodically (no frequency set)"),
}
# A period's name: 2026-Q3 → 2026年第三季度.
CALENDAR_PERIODS: dict[str, str] = {
    "quarter": "{year}年第{n}季度",
    "half_year": "{year}年{half}",
    "year": "{year}年",
    "event": "{date}（{subject}）",
    "contract": "物业服务合同 {start}至{end}",
    "none": "定期",
}
CALENDAR_HALVES = ("上半年", "下半年")
# A contract with no fixed term (Civil Code Art. 948), in place of a due date.
CALENDAR_OPEN_TERM = (
    "原合同继续有效，服务期限为不定期；任何一方可以随时解除，但应当提前 {days} 日书面通知对方",
    "the contract continues with no fixed term; either side may end it with {days} days'"
    " written notice",
)
CALENDAR_QUARTERS = ("一", "二", "三", "四")
CALENDAR_PERIOD_EXAMPLES = {"quarter": "2026-Q3", "half_year": "2026-H1", "year": "2026"}
CALENDAR_CHANNELS = VALUE_LABELS["channel"]
# The home page's one line on the calendar (site/calendar.py).
CALENDAR_HOME = {
    "overdue": "{duty}（{period}）逾期 {days} 天未公开",
    "late": "{duty}（{period}）逾期 {days} 天后公开",
    "on_time": "{duty}（{period}）已按时公开",
    "upcoming": "{duty}（{period}）应在 {due} 前公开",
}

# The feeds of new disclosures (publish.feeds): each feed's title by section, and the
# kind of record an entry is, shown before its title.
FEED_TITLES = {
    "all": "{community}“三公开”：新公开的事项",
    "branch": "{community}党务公开",
    "committee": "{community}业委会事务公开",
    "property": "{community}物业服务事项公开",
    "ledgers": "{community}公共收益",
}
FEED_KINDS = {
    "notice": "党务公示",
    "decision": "{body}决定",
    "fund_use": "维修资金使用",
    "performance": "报修响应情况",
    "ledger": "公共收益台账",
}
FEED_ENTRY_TITLES = {
    "performance": "{year}年{month}月报修和工单响应情况",
    "ledger": "{year}年{account}收支",
}
# A record history's field names (core/history.py); other fields show their own name.
HISTORY_FIELDS = {
    "income": "收入",
    "cost": "合理成本",
    "net": "净收益",
    "uses": "业主决定的使用",
    "closing": "期末余额",
    "title": "标题",
    "date": "日期",
    "result": "表决结果",
    "amount": "金额",
    "summary": "内容",
    "body": "正文",
    "scope": "范围",
    "matter": "事项",
    "votes.": "票数：",
    "person": "公示对象",
}

# The requests register and the response pledge (site/requests.py): a pledge class's
# limit as the pages word it ("40分钟内办结"), and each request's standing against it.
PLEDGE_UNIT_WORDS = {"minutes": "分钟", "hours": "小时", "days": "天"}
PLEDGE_COUNT_WORDS = {"on_site": "到场", "answered": "答复或提出方案", "resolved": "办结"}
PLEDGE_LIMIT = "{amount}{unit}内{counts}"
REQUEST_VERDICTS = {
    "met": "按时",
    "late": "超时",
    "overdue": "已过时限未办",
    "pending": "未到时限",
    "unjudged": "—",
}
# --- the city index site (builder/city/site) ---
CITY_SITE_TITLE = "小区“三公开”汇总"
CITY_DOWNLOADS = {
    "harvests": "各小区及最近一次采集结果",
    "table": "各小区的 {table} 表（已核对的最近一次采集）",
    "package": "数据包说明（datapackage.json）",
    "checksums": "SHA-256 校验和",
}
CITY_FEED_TITLE = "{title}：各小区新公开的事项"
