"""The property-service section (物业服务事项公开, Civil Code Art. 943): service items,
fees, and the monthly work-order performance against the response pledge, with a chart."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from builder.messages import CHARTS, LABELS
from builder.site import addresses, charts
from builder.site.context import Generated, Site

PLEDGE_CLASSES = LABELS["pledge"]


def pages(site: Site) -> list[Generated]:
    rows = sorted(site.records.performance, key=lambda r: (r["month"], r["class"]))
    months = sorted({r["month"] for r in rows})
    classes = [c for c in PLEDGE_CLASSES if any(r["class"] == c for r in rows)]
    table = {(r["month"], r["class"]): r for r in rows}
    labels = [f"{m[0]}-{m[1]:02d}" if isinstance(m, tuple) else str(m) for m in months]
    # On-time rates in percent: chart positions, not money, so a float is fine here.
    series = {
        c: [
            float(Decimal(table[(m, c)]["within_pledge"]) * 100 / table[(m, c)]["received"])
            if (m, c) in table and table[(m, c)]["received"]
            else 100.0
            for m in months
        ]
        for c in classes
    }
    chart_files, chart_srcs = site.chart_set(
        addresses.PROPERTY_CHART,
        lambda frame: charts.rate_chart(labels, series, *CHARTS["performance"], frame=frame),
    )
    by_year: dict[str, list] = defaultdict(list)
    for month, label in zip(months, labels, strict=True):
        by_year[label[:4]].append(
            {"label": label, "cells": [table.get((month, c)) for c in classes]}
        )
    # The pledge as the records state it (each class's latest wording): a community's
    # own, never a wording fixed in the tool.
    pledges = {c: next(r["pledge"] for r in reversed(rows) if r["class"] == c) for c in classes}
    page = site.page(
        "property.md.j2",
        addresses.PROPERTY,
        services=site.records.services,
        fees=site.records.fees,
        pledges=pledges,
        classes=classes,
        performance=sorted(by_year.items(), reverse=True),
        chart_srcs=chart_srcs,
    )
    return [page, *chart_files]
