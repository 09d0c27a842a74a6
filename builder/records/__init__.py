"""Stage 3, records: the typed domain records made from the rows that passed the schema
checks, built once, complete, and not changed after (``build.RecordsBuilder``)."""
