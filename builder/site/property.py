"""The property-service section (物业服务事项公开, Civil Code Art. 943): service items,
fees, and the monthly work-order performance against the response pledge, with a chart."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from builder.messages import CHARTS, LABELS
from builder.site import addresses, charts, requests
from builder.site.context import Generated, Site

PLEDGE_CLASSES = LABELS["pledge"]


def pages(site: Site) -> list[Generated]:
    cells = requests.performance(site)
    months = sorted({month for month, _ in cells})
    setting = site.records.community.rules.response_pledge if site.records.community else None
    pledged = [c.name for c in setting.value] if setting else PLEDGE_CLASSES
    others = sorted({c for _, c in cells} - set(pledged))
    classes = [c for c in [*pledged, *others] if any(k[1] == c for k in cells)]
    labels = [requests.month_label(m) for m in months]
    # On-time rates in percent: chart positions, not money, so a float is fine here. A
    # month with nothing of a class received has no rate (no point), never 100 %.
    series: dict[str, list[float | None]] = {
        c: [
            float(Decimal(cells[(m, c)]["within_pledge"]) * 100 / cells[(m, c)]["received"])
            if (m, c) in cells and cells[(m, c)]["received"]
            else None
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
        row_cells = [cells.get((month, c)) for c in classes]
        from_register = any(cell and cell["register"] for cell in row_cells)
        by_year[label[:4]].append(
            {
                "label": label,
                "cells": row_cells,
                # The month's requests, listed on its year's board.
                "src": requests.month_src(site, month) if from_register else None,
            }
        )
    # The pledge: the community's setting (with its source) when it states one; else
    # as the hand-typed records word it (each class's latest wording).
    if setting:
        pledges = {c.name: requests.limit_text(c) for c in setting.value}
    else:
        rows = sorted(site.records.performance, key=lambda r: (r["month"], r["class"]))
        pledges = {
            c: next(r["pledge"] for r in reversed(rows) if r["class"] == c)
            for c in classes
            if any(r["class"] == c for r in rows)
        }
    page = site.page(
        "property.md.j2",
        addresses.PROPERTY,
        services=site.records.services,
        fees=site.records.fees,
        pledges=pledges,
        pledge_setting=setting,
        classes=classes,
        performance=sorted(by_year.items(), reverse=True),
        register_span=requests.register_span(site),
        chart_srcs=chart_srcs,
    )
    return [page, *chart_files]
