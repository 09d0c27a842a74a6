"""The downloads' data dictionary, ``README.txt``: what each published file holds and
what each column means, in Chinese, made from the published ``datapackage.json`` (its
titles, descriptions and constraints) through the template
``builder/site/templates/downloads_readme.txt.j2``; no wording lives here.

A plain-text file rather than Markdown, because that is what an office worker can open:
on Windows a double click opens a ``.txt`` in Notepad, while a ``.md`` asks which
program to use. It is written UTF-8 with a BOM and Windows line ends, so older Notepad
and WPS show the Chinese and the lines rightly too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import jinja2

from builder.core.schema import key_names
from builder.messages.site import TYPE_NAMES_ZH
from builder.publish.excel import value_label
from builder.publish.provenance import Provenance
from builder.site.templating import make_environment

TEMPLATE = "downloads_readme.txt.j2"
_ENV = make_environment(jinja2.PackageLoader("builder.site", "templates"), autoescape=False)


def render(
    package: Mapping[str, Any],
    counts: Mapping[str, int],
    files: Sequence[tuple[str, str]],
    provenance: Provenance,
) -> bytes:
    """The dictionary's bytes. ``package``: the published datapackage.json, in which
    each table's resource is followed by its Excel copy's; ``files``: (path, title) of
    every file of the downloads folder."""
    resources = list(package["resources"])
    tables = [
        _table(plain, excel, counts.get(plain["name"], 0))
        for plain, excel in zip(resources[::2], resources[1::2], strict=True)
    ]
    text = _ENV.get_template(TEMPLATE).render(
        package=package,
        tables=tables,
        files=files,
        commit=provenance.commit,
        type_names=TYPE_NAMES_ZH,
    )
    return ("\ufeff" + text.replace("\r\n", "\n").replace("\n", "\r\n")).encode("utf-8")


def _table(plain: Mapping[str, Any], excel: Mapping[str, Any], rows: int) -> dict[str, Any]:
    """One table as the template reads it: the plain resource with, for each field, its
    Excel header and the Chinese name of each value its enum allows."""
    schema = plain["schema"]
    titles = {f["name"]: f.get("title") or f["name"] for f in schema["fields"]}
    fields = []
    for spec, excel_spec in zip(schema["fields"], excel["schema"]["fields"], strict=True):
        constraints = dict(spec.get("constraints") or {})
        enum = constraints.pop("enum", None)
        fields.append(
            {
                "name": spec["name"],
                "title": titles[spec["name"]],
                "header": excel_spec["name"],
                "type": spec.get("type", "string"),
                "description": spec.get("description", ""),
                "required": constraints.pop("required", False) is True,
                "constraints": constraints,
                # (value as in the plain CSV, as in the Excel copy); None when any.
                "allowed": None
                if enum is None
                else [(v, value_label(spec["name"], v) if isinstance(v, str) else v) for v in enum],
            }
        )
    foreign_keys = [
        {
            "fields": [titles[n] for n in key_names(key["fields"])],
            "resource": key["reference"]["resource"] or plain["name"],
            "reference": list(key_names(key["reference"]["fields"])),
        }
        for key in schema.get("foreignKeys", [])
    ]
    return {
        "resource": plain,
        "excel": excel,
        "description": plain.get("description", ""),
        "rows": rows,
        "fields": fields,
        "primary_key": [titles[n] for n in key_names(schema.get("primaryKey"))],
        "foreign_keys": foreign_keys,
    }
