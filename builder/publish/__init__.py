"""Stage 6, publish: downloads an auditor can re-check, build provenance, and where the
site may be written (``target``)."""
