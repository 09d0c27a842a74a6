"""Words the site shows: labels for coded values, chart titles, type names."""

# Words the site shows for coded values, and the charts' titles.
LABELS = {
    "status": {"upcoming": "未开始", "active": "公示中", "ended": "已结束"},
    "body": {"owners_assembly": "业主大会", "committee": "业主委员会"},
    "entry_type": {"income": "收入", "cost": "成本"},
    "pledge": {
        "紧急到场": "5 分钟内到场",
        "简单问题": "40 分钟内解决",
        "一般问题": "3 小时内解决",
        "复杂问题": "2 天内解决",
    },
    "latest": {"decision": "{body}决定", "notice": "党务公示", "fund_use": "维修资金使用"},
    "excel_copy": "{title}（Excel/WPS 用）",
    "package_title": "{community}公开数据",
}
CHARTS = {
    "ledger": (
        "{year}年{account}每月收入与成本",
        "{year}年{account}各月收入和成本的柱状图，横轴为月份，纵轴为金额（元）；同样的数字见图下的表格。",
    ),
    "performance": (
        "报修按时办结率（按月）",
        "各类报修工单每月按承诺时限办结的比例，数据见图下表格。",
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
