"""The city index: many communities' published sites harvested, verified, stored and
shown as one site (issue 21). A sub-pipeline of its own, in order:
registry → fetch → verify → store → queries → site (see ``README.md`` here).

Only this package imports DuckDB (``gongshi[city]``), and only when it runs.
"""
