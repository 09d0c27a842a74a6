"""Structured citations: ``[[cite:civil-code:278]]`` becomes 《民法典》第二百七十八条 with a
link to where its full text is published (the national database, or for a party
regulation the party's own site), from the catalogue in ``laws.yaml`` (numbers, short
titles, and each entry's link and the name of its source). A citation of an article
the catalogue does not know is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from builder.messages.site import CITATION

MARKER = re.compile(r"\[\[cite:([^:\]]+):([^\]]+)\]\]")
# Language data for writing article numbers in Chinese numerals, not wording.
_DIGITS = "零一二三四五六七八九"
_ZERO = _DIGITS[0]
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
# Separators (data): between the articles of a list, and between articles described.
ARTICLE_SEPARATOR = "、"
DESCRIPTION_SEPARATOR = "；"


@dataclass(frozen=True)
class Law:
    id: str
    title: str
    short: str
    url: str
    articles: dict[int, str]
    source_name: str


@dataclass(frozen=True)
class Citation:
    """A resolved citation: the text residents read, the link, the articles' titles."""

    law: Law
    articles: tuple[int, ...]
    text: str
    description: str

    @property
    def url(self) -> str:
        return self.law.url


class UnknownCitation(ValueError):
    pass


def chinese_number(n: int) -> str:
    """278 -> 二百七十八, 1259 -> 一千二百五十九, 10 -> 十, 105 -> 一百零五."""
    if n < 10:
        return _DIGITS[n]
    parts: list[str] = []
    rest = n
    pending_zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                parts.append(_ZERO)
            parts.append(
                ("" if digit == 1 and value == 10 and not parts else _DIGITS[digit]) + unit
            )
            pending_zero = False
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append(_ZERO)
        parts.append(_DIGITS[rest])
    return "".join(parts)


@cache
def catalogue() -> dict[str, Law]:
    data = yaml.safe_load(
        resources.files("builder.site").joinpath("laws.yaml").read_text(encoding="utf-8")
    )
    return {
        law["id"]: Law(
            law["id"],
            law["title"],
            law["short"],
            law["url"],
            {int(k): v for k, v in law["articles"].items()},
            law["source_name"],
        )
        for law in data["laws"]
    }


def _article_numbers(spec: str) -> tuple[list[int], str]:
    """'278' / '4,13,28' / '937-950' -> the article numbers and how to read them."""
    spec = spec.strip()
    # ASCII digits, at most four (no law here has 10,000 articles): "1-99999999999"
    # would otherwise list a hundred billion numbers before finding them unknown.
    if re.fullmatch(r"[0-9]{1,4}-[0-9]{1,4}", spec):
        first, last = map(int, spec.split("-"))
        if last <= first:
            raise UnknownCitation(spec)
        reading = CITATION["range"].format(first=chinese_number(first), last=chinese_number(last))
        return list(range(first, last + 1)), reading
    if re.fullmatch(r"[0-9]{1,4}(,[0-9]{1,4})*", spec):
        numbers = [int(n) for n in spec.split(",")]
        return numbers, ARTICLE_SEPARATOR.join(
            CITATION["article"].format(number=chinese_number(n)) for n in numbers
        )
    raise UnknownCitation(spec)


def resolve(law_id: str, spec: str) -> Citation:
    """Look a citation up in the catalogue; UnknownCitation if any part is unknown."""
    law = catalogue().get(law_id)
    if law is None:
        raise UnknownCitation(f"{law_id}:{spec}")
    numbers, reading = _article_numbers(spec)
    missing = [n for n in numbers if n not in law.articles]
    if missing:
        raise UnknownCitation(f"{law_id}:{spec}")
    description = DESCRIPTION_SEPARATOR.join(
        CITATION["described"].format(number=chinese_number(n), title=law.articles[n])
        for n in numbers[:6]
    )
    text = CITATION["text"].format(law=law.short, articles=reading)
    return Citation(law, tuple(numbers), text, description)


def find_citations(markdown: str) -> list[tuple[str, str, str]]:
    """Every marker in ``markdown`` as (marker text, law id, article spec)."""
    return [(m.group(0), m.group(1), m.group(2)) for m in MARKER.finditer(markdown)]
