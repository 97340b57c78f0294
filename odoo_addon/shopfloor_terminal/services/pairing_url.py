# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether a tablet can use the address a pairing QR code points to.

The QR code is built from ``web.base.url``. A loopback address means the
tablet itself, not Odoo; plain HTTP reaches Odoo but the browser gives no
camera (scanning) and no service worker (offline) outside a secure context:
https://developer.mozilla.org/docs/Web/Security/Secure_Contexts
"""

import ipaddress
from urllib.parse import urlsplit

LOOPBACK = "loopback"
PLAIN_HTTP = "plain_http"


def base_url_problem(url):
    """``LOOPBACK``, ``PLAIN_HTTP`` or None for a base URL a tablet can use."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return LOOPBACK
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address and (address.is_loopback or address.is_unspecified):
        return LOOPBACK
    if parts.scheme != "https":
        return PLAIN_HTTP
    return None
