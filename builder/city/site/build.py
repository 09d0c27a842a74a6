"""``gongshi city build DIR --site-dir SITE``: the city index site, built by MkDocs with
the theme and templates shipped in the package.

The steps read as the community build's (``builder.pipeline.build_project``):

1. refuse a site folder whose replacement would destroy something (DIR itself, a
   folder holding it, a git work tree, a folder that is no gongshi site);
2. write the MkDocs configuration into a work folder (a city repository has none);
3. build into a staging folder beside the site, which replaces it only when the build
   succeeded (``publish.target.staged``): a failed build leaves the last good site.

The build date is the newest harvest's date in DIR (or ``SOURCE_DATE_EPOCH`` when set):
the same DIR gives the same site, whichever day it is built and however many shards
made it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import yaml

from builder import messages
from builder.city import queries, store
from builder.core.problems import ConfigError
from builder.messages.site import CITY_SITE_TITLE
from builder.pipeline import BuildFailed, build_staged
from builder.publish import target as site_target

__all__ = ["NAV", "THEME", "build_city"]

THEME = Path(__file__).parent / "theme"
NAV = [
    {"首页": "index.md"},
    {"各小区": "communities/index.md"},
    {"城市合计": "totals/index.md"},
    {"排名": "ranking/index.md"},
    {"逾期未公开": "overdue/index.md"},
    {"数据下载": "downloads/index.md"},
    {"搜索": "search.md"},
]
FOOTER = "本站数字由各小区公开网站发布的数据汇总而成，每个数字都可以追溯到各小区公布的文件。"


def build_date(out: Path) -> date:
    """SOURCE_DATE_EPOCH's day when set, else the newest harvest's, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    import duckdb

    try:
        with queries.open_city(out) as city:
            row = city.execute("SELECT max(harvested) FROM harvest").fetchone()
    except duckdb.Error as exc:
        zh, en = messages.render("city-dir-unreadable", {"detail": str(exc)})
        raise BuildFailed(f"{zh} / {en}") from exc
    newest = row[0] if row else None
    return newest if isinstance(newest, date) else date.today()


@contextlib.contextmanager
def _source_date(day: date) -> Iterator[None]:
    """MkDocs dates the sitemap from SOURCE_DATE_EPOCH: the build date, for the build."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if before is None:
        moment = datetime.combine(day, time(), tzinfo=UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def _config(work: Path, title: str) -> Path:
    (work / "docs").mkdir()
    config = {
        "site_name": title,
        "docs_dir": "docs",
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": None,
            "custom_dir": str(THEME.resolve()),
            "locale": "zh_CN",
            "static_templates": ["404.html"],
        },
        "markdown_extensions": [{"toc": {"permalink": False}}, "tables"],
        "extra": {"footer": FOOTER},
        "nav": NAV,
    }
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def build_city(out: Path, site_dir: Path, title: str | None = None) -> Path:
    """Build the city site of ``out`` into ``site_dir``; the site folder."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from builder.city.site.plugin import CityPlugin

    out, site = Path(out), Path(site_dir)
    if not (out / store.COMMUNITIES).is_dir():
        raise ConfigError("city-dir-missing", path=str(out))
    here, there = site.resolve(), out.resolve()
    if here == there or there in here.parents or here in there.parents:
        raise ConfigError("city-site-in-dir", path=str(site), dir=str(out))
    site_target.refuse_unsafe(site, out, [there])
    day = build_date(out)
    title = title or CITY_SITE_TITLE
    with tempfile.TemporaryDirectory(prefix="gongshi-city-") as folder, _source_date(day):
        work = Path(folder)
        try:
            config = load_config(str(_config(work, title)), strict=True)
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from exc
        config.plugins["gongshi-city"] = CityPlugin(out, work, title, day)
        build_staged(config, site)
    return site
