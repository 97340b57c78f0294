# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pairing codes, device tokens and the bearer check.

Secrets are never stored: the database keeps the sha256 of a pairing code
or token, and a presented token is compared in constant time.
"""

import base64
import hashlib
import hmac
import math
import re
import secrets
from datetime import timedelta

from odoo import fields

from .errors import ShopfloorApiError
from .event_schema import is_plain_text
from .wire import API_VERSION

PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PAIRING_CODE_LENGTH = 8
PAIRING_CODE_TTL = timedelta(minutes=15)
PAIRING_MAX_FAILURES = 10
PAIRING_FAILURE_WINDOW = timedelta(minutes=10)
# all addresses together, per window: ten tablets' worth, so one bad tablet
# never locks the plant out, while many addresses cannot walk the code
# space (31^8 codes at 100 guesses per 10 minutes)
PAIRING_MAX_FAILURES_GLOBAL = 100
DEVICE_NAME_MAX = 64
CLIENT_VERSION_MAX = 32
TOKEN_PREFIX = "sft_"

_BEARER_RE = re.compile(r"^bearer\s+(\S+)\s*$", re.IGNORECASE)


def new_pairing_code():
    return "".join(
        secrets.choice(PAIRING_ALPHABET) for _i in range(PAIRING_CODE_LENGTH)
    )


def normalize_pairing_code(value):
    """Codes are read aloud and typed: case, spaces and dashes do not count."""
    return re.sub(r"[\s-]", "", value).upper()


def new_token():
    raw = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    return TOKEN_PREFIX + raw


def hash_secret(value):
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def authenticate(env, headers):
    """The terminal owning the bearer token of ``headers`` (as sudo), or refuse."""
    header = headers.get("Authorization")
    match = _BEARER_RE.match(header or "")
    if not match:
        raise ShopfloorApiError(
            "unauthorized",
            "Send the terminal token as 'Authorization: Bearer <token>'.",
        )
    token = match.group(1)
    digest = hash_secret(token)
    # sudo: no user is known before the token is checked, and the token hash
    # is readable by administrators only.
    terminal = (
        env["shopfloor.terminal"]
        .sudo()
        .with_context(active_test=False)
        .search([("token_hash", "=", digest)], limit=1)
    )
    if not terminal or not hmac.compare_digest(terminal.token_hash or "", digest):
        raise ShopfloorApiError(
            "token_invalid", "This terminal token is not known; pair again."
        )
    if terminal.state == "revoked" or not terminal.active:
        raise ShopfloorApiError(
            "token_revoked",
            "This terminal was revoked in Odoo; ask a supervisor to pair it again.",
        )
    lifetime = terminal.token_lifetime_days
    expires_at = terminal.paired_at and terminal.paired_at + timedelta(days=lifetime)
    if lifetime and expires_at and expires_at <= fields.Datetime.now():
        raise ShopfloorApiError(
            "token_invalid",
            "This terminal token expired; ask a supervisor to pair it again.",
            {"reason": "expired", "token_lifetime_days": lifetime},
        )
    return terminal


def pair(env, body, remote_addr):
    """Exchange a one-time pairing code for a device token (POST /pair)."""
    attempts = env["shopfloor.terminal.pairing.attempt"].sudo()
    _check_rate_limit(attempts, remote_addr)
    if not isinstance(body, dict):
        raise ShopfloorApiError(
            "invalid_request",
            "The body must be a JSON object.",
            {"field": "body", "reason": "not an object"},
        )
    code = body.get("pairing_code")
    if not isinstance(code, str) or not code.strip() or not is_plain_text(code):
        raise ShopfloorApiError(
            "invalid_request",
            "pairing_code is required.",
            {"field": "pairing_code", "reason": "required string"},
        )
    device_name = body.get("device_name")
    if (
        not isinstance(device_name, str)
        or not 1 <= len(device_name.strip()) <= DEVICE_NAME_MAX
        or not is_plain_text(device_name)
    ):
        raise ShopfloorApiError(
            "invalid_request",
            "device_name must be 1 to 64 characters, no control characters.",
            {
                "field": "device_name",
                "reason": "string of 1..64 characters, no control characters",
            },
        )
    client_version = body.get("client_version")
    if client_version is not None and not (
        isinstance(client_version, str)
        and len(client_version) <= CLIENT_VERSION_MAX
        and is_plain_text(client_version)
    ):
        raise ShopfloorApiError(
            "invalid_request",
            "client_version must be a string of at most 32 characters.",
            {"field": "client_version", "reason": "string of at most 32 characters"},
        )
    # sudo: the caller is anonymous until the code is proven; the lookup is
    # by the code's hash only and leaks nothing but "valid or not".
    terminal = (
        env["shopfloor.terminal"]
        .sudo()
        .search(
            [
                ("pairing_code_hash", "=", hash_secret(normalize_pairing_code(code))),
                ("pairing_expires_at", ">", fields.Datetime.now()),
            ],
            limit=1,
        )
    )
    if not terminal:
        attempts.create({"remote_addr": remote_addr or "unknown"})
        raise ShopfloorApiError(
            "pairing_code_invalid", "This pairing code is wrong or expired."
        )
    token = terminal._shopfloor_complete_pairing(device_name.strip(), client_version)
    return {
        "terminal": {"id": terminal.id, "name": terminal.name},
        "token": token,
        "api_version": API_VERSION,
    }


def _check_rate_limit(attempts, remote_addr):
    window_start = fields.Datetime.now() - PAIRING_FAILURE_WINDOW
    in_window = [("attempted_at", ">", window_start)]
    own = attempts.search(
        in_window + [("remote_addr", "=", remote_addr or "unknown")],
        order="attempted_at asc",
    )
    if len(own) >= PAIRING_MAX_FAILURES:
        _refuse(own, PAIRING_MAX_FAILURES, "address")
    if attempts.search_count(in_window) >= PAIRING_MAX_FAILURES_GLOBAL:
        everyone = attempts.search(in_window, order="attempted_at asc")
        _refuse(everyone, PAIRING_MAX_FAILURES_GLOBAL, "global")


def _refuse(recent, limit, scope):
    # the window frees up when its oldest counted failure leaves it
    oldest = recent[len(recent) - limit]
    wait = oldest.attempted_at + PAIRING_FAILURE_WINDOW - fields.Datetime.now()
    retry_after = max(1, math.ceil(wait.total_seconds()))
    who = "this address" if scope == "address" else "all devices together"
    raise ShopfloorApiError(
        "rate_limited",
        f"Too many wrong pairing codes from {who}; wait before trying again.",
        {"retry_after": retry_after, "scope": scope},
        headers={"Retry-After": str(retry_after)},
    )
