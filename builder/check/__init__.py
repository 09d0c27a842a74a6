"""Stage 2, check: every table against its Table Schema, on the fast path or through
Frictionless, each error pointed at the staff file's line."""
