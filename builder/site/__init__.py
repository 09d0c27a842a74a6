"""Stage 5, site: pages, charts, QR codes and citations from the records."""
