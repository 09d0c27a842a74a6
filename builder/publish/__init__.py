"""Stage 6, publish: downloads an auditor can re-check, and build provenance."""
