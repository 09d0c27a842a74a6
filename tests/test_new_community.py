"""The second community: from an empty directory to its own site, through the real
command line, with nothing of the sample and no fill-in hint published."""

from __future__ import annotations

from datetime import date

from conftest import cli, gongshi
from new_community import (
    FULL_NAME,
    NAME,
    PLACEHOLDER,
    SITE_URL,
    add_records,
    init,
    sample_only_strings,
    texts,
)


def leaks(files: dict[str, str]) -> dict[str, list[str]]:
    """Sample-only strings by the file that holds them."""
    sample = sample_only_strings()
    found = {path: sorted(s for s in sample if s in text) for path, text in files.items()}
    return {path: strings for path, strings in found.items() if strings}


def test_init_writes_nothing_of_the_sample(tmp_path):
    root = tmp_path / "guixiang"
    assert init(root).returncode == 0
    files = texts(root)
    assert "content/legal/property-services.md" in files and "mkdocs.yml" in files
    assert leaks(files) == {}


def test_from_an_empty_directory_to_a_site_with_the_communitys_own_name(tmp_path):
    root, site = tmp_path / "guixiang", tmp_path / "site"
    created = init(root)
    assert created.returncode == 0, created.stderr
    assert "接下来三步" in created.stdout and "Settings → Pages" in created.stdout

    # Built as created: the hints left stop it, each named by file, line and field.
    stopped = gongshi("build", str(root), "--site-dir", str(site), timeout=600)
    assert stopped.returncode == 1
    assert "网站没有生成" in stopped.stderr and "data/community.yaml" in stopped.stderr
    assert "第 4 行 · address" in stopped.stderr and "Traceback" not in stopped.stderr
    assert not site.exists()

    add_records(root, date.today())
    built = gongshi("build", str(root), "--site-dir", str(site), timeout=600)
    assert built.returncode == 0, built.stderr
    # The build says what validate would warn about (no owners' register yet).
    assert "register-missing" in built.stdout and "数据检查通过（1 条提醒）" in built.stdout

    files = texts(site)
    home = files["index.html"]
    assert f"{FULL_NAME}“三公开”" in home and f"{NAME}业主委员会" in home
    assert "通过《桂香苑业主大会议事规则》" in home and "桂香苑党支部发展党员公示" in home
    assert SITE_URL in files["sitemap.xml"]
    assert [path for path, text in files.items() if PLACEHOLDER in text] == []
    assert leaks(files) == {}


def test_a_hint_left_in_a_new_record_stops_the_build_but_not_validate(project, tmp_path):
    assert cli("new", "notice", str(project), "--write").returncode == 0
    checked = cli("validate", str(project))
    assert checked.returncode == 0 and "placeholder-text" in checked.stdout
    site = tmp_path / "site"
    stopped = gongshi("build", str(project), "--site-dir", str(site), timeout=600)
    assert stopped.returncode == 1 and not site.exists()
    lines = (project / "data/branch/notices.yaml").read_text(encoding="utf-8").splitlines()
    title = next(n for n, line in enumerate(lines, 1) if "（请填写公示标题）" in line)
    assert "data/branch/notices.yaml" in stopped.stderr
    assert f"第 {title} 行 · title" in stopped.stderr and "（请填写公示标题）" in stopped.stderr
