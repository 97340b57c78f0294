# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Badges and PINs as a terminal may know them: salted PBKDF2 hashes.

The bootstrap never carries a badge or a PIN in clear. What is hashed is
defined once, in the app's ``src/domain/credentials.ts``; this module derives
the same bytes (``tests/test_credentials.py`` holds the shared vectors), and
the tablet checks a scanned badge or a typed PIN against them offline.
Threat model and iterations: docs/contract-decisions.md, "Identity on the
floor".
"""

import hashlib
import hmac

CREDENTIAL_KDF = "PBKDF2-HMAC-SHA256"
# about 10 ms per hash on a desktop core, a few times that on a slow tablet
CREDENTIAL_ITERATIONS = 50_000
CREDENTIAL_HASH_BYTES = 32
_SCHEME = "shopfloor-terminal/credential/v1"


def credential_input(kind, value, terminal_salt, employee_id):
    """The PBKDF2 password and salt of a badge or PIN (credentials.ts).

    A badge hash does not depend on the employee, so the tablet finds the
    operator of a scan with one derivation; a PIN hash does, so the same PIN
    of two operators never shows as the same hash.
    """
    if kind == "badge":
        return f"badge\x00{value.strip()}", f"{_SCHEME}\x00{terminal_salt}"
    return (
        f"pin\x00{value.strip()}",
        f"{_SCHEME}\x00{terminal_salt}\x00{employee_id}",
    )


def derive(kind, value, terminal_salt, employee_id, iterations=CREDENTIAL_ITERATIONS):
    """The hex hash of one credential, or None when it is not set."""
    if not value:
        return None
    password, salt = credential_input(kind, value, terminal_salt, employee_id)
    return hashlib.pbkdf2_hmac(
        "sha256",
        password.encode(),
        salt.encode(),
        iterations,
        CREDENTIAL_HASH_BYTES,
    ).hex()


def _fingerprint(terminal_salt, employee):
    """What the cached hashes were derived from, without keeping it in clear.

    Keyed by the salt, so the cache cannot be used to test guesses faster
    than PBKDF2 by anyone who does not already read hr.employee.
    """
    message = f"{employee.id}\x00{employee.barcode or ''}\x00{employee.pin or ''}"
    return hmac.new(
        terminal_salt.encode(), message.encode(), hashlib.sha256
    ).hexdigest()


def operator_hashes(terminal, employees):
    """``{employee_id: (badge_hash, pin_hash)}`` for the bootstrap.

    Derived only for employees whose badge or PIN (or the terminal's salt)
    changed since the last bootstrap: PBKDF2 for a few hundred operators on
    every bootstrap would take seconds. The cache lives on the terminal.
    ``employees`` are read as sudo (badges and PINs are HR fields).
    """
    salt = terminal._shopfloor_credential_salt()
    cache = terminal.sudo().operator_hash_cache or {}
    fresh = {}
    for employee in employees:
        fingerprint = _fingerprint(salt, employee)
        known = cache.get(str(employee.id))
        if known and known[0] == fingerprint:
            fresh[str(employee.id)] = known
            continue
        fresh[str(employee.id)] = [
            fingerprint,
            derive("badge", employee.barcode, salt, employee.id),
            derive("pin", employee.pin, salt, employee.id),
        ]
    if fresh != cache:
        # sudo: the cache is a technical field of the terminal, written by
        # the device user's bootstrap, readable by administrators only
        terminal.sudo().operator_hash_cache = fresh
    return {int(key): (value[1], value[2]) for key, value in fresh.items()}
