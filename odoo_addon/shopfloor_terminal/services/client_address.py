# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The address of the device behind a request, for the pairing rate limit.

Behind the project's Node server (``npm start`` in front of Odoo) every
tablet reaches Odoo from the proxy's address, so one bad tablet would slow
down all of them. The proxy sets ``X-Forwarded-For`` to the address it saw;
that header is believed only from the proxies listed in the system
parameter ``shopfloor_terminal.trusted_proxies`` (comma-separated, default
the loopback addresses), never from anyone else.
"""

import ipaddress

TRUSTED_PROXIES_PARAM = "shopfloor_terminal.trusted_proxies"
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"


def client_address(env, httprequest):
    remote_addr = httprequest.remote_addr
    forwarded = httprequest.headers.get("X-Forwarded-For")
    if not forwarded or not remote_addr:
        return remote_addr
    # sudo: a system parameter read, not the caller's data
    trusted = (
        env["ir.config_parameter"]
        .sudo()
        .get_param(TRUSTED_PROXIES_PARAM, DEFAULT_TRUSTED_PROXIES)
    )
    if remote_addr not in {item.strip() for item in trusted.split(",")}:
        return remote_addr
    # the last hop is the one the trusted proxy added
    candidate = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
