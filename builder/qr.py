"""QR codes for printed notices: a page's permanent address, as an SVG made at build time.

A resident scans the code on the notice board (公示栏) and lands on the page that stays
current (status, later corrections). The code is a vector path, so it prints sharp at any
size; the same address always gives the same bytes (no timestamps, no random ids), and
no raster library (Pillow) is needed.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin

import qrcode
import qrcode.constants
import qrcode.image.svg

# Medium error correction (about 15% of the code may be soiled or torn) keeps a site
# address within a small symbol version, so each module stays large on paper.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
QUIET_ZONE = 4  # modules of white margin the standard asks for around the symbol


def permanent_url(site_url: str, page_url: str) -> str | None:
    """The absolute address of a page (``page_url`` as MkDocs gives it, e.g.
    ``branch/notices/2025-06-09/``) on the published site, or None without a site_url."""
    if not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, quote(page_url, safe="/#"))


def qr_svg(text: str) -> bytes:
    """A QR code of ``text`` as a standalone SVG document (black path on white)."""
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECTION,
        border=QUIET_ZONE,
        image_factory=qrcode.image.svg.SvgPathFillImage,
    )
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image()
    return image.to_string(encoding="utf-8") + b"\n"
