"""Staff text that YAML, Markdown, HTML or Jinja would read as something else, and
characters outside the Basic Multilingual Plane (GB 18030-2022 names, emoji): every
page, front matter and download must carry each exactly (tests/test_published_*.py)."""

CORPUS = [
    "𠮷野家的决定",
    "业主😀表情",
    "e\u0301组合附加符号",
    "零宽\ufeff不换行",
    "<script>alert(1)</script>",
    '"quoted: yes # not comment"',
    "- leading dash",
    "[[brackets]]",
    "|pipe|",
    "*star*",
    "{{ jinja }}",
    "{% raw %}",
    "_under_ & 100% `tick` #hash",
    "表意空格　在中间",
    "! bang & anchor: *alias",
]
