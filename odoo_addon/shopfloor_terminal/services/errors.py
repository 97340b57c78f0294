# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one place where failures become the contract's answers.

Two kinds of answers exist: an HTTP error envelope for the request
(``{"error": {code, message, details, correlation_id}}``) and, inside
``POST /events``, a per-event result (``rejected`` or ``retry``). Both are
decided here, from :data:`EXCEPTION_TABLE` and :data:`HTTP_STATUS_BY_CODE`,
so a controller or a service never picks a status code itself.
"""

import psycopg2.errors

from odoo.exceptions import (
    AccessError,
    ConcurrencyError,
    LockError,
    MissingError,
    UserError,
    ValidationError,
)

from .event_result import event_result

# HTTP error code -> status (docs/contract-decisions.md, "Error codes").
HTTP_STATUS_BY_CODE = {
    "malformed_json": 400,
    "invalid_request": 400,
    "unauthorized": 401,
    "token_invalid": 401,
    "token_revoked": 401,
    "pairing_code_invalid": 401,
    "forbidden": 403,
    "not_found": 404,
    "lot_unknown": 404,
    "method_not_allowed": 405,
    "idempotency_key_reused": 409,
    "cursor_expired": 410,
    "payload_too_large": 413,
    "batch_too_large": 413,
    "client_too_old": 426,
    "rate_limited": 429,
    "internal_error": 500,
    "temporarily_unavailable": 503,
}

# Result codes of POST /events, by result status.
REJECTED_CODES = frozenset(
    {
        "invalid_event",
        "workorder_not_found",
        "workorder_forbidden",
        "workorder_closed",
        "workorder_on_hold",
        "workorder_blocked",
        "workcenter_down",
        "qty_invalid",
        "qty_over_tolerance",
        "lot_required",
        "lot_unknown",
        "serial_already_produced",
        "serial_qty",
        "reason_unknown",
        "employee_unknown",
        "hold_unknown",
        "hold_not_active",
        "hold_forbidden",
        "occurred_too_old",
        "occurred_before_workorder",
        "occurred_before_start",
        # one operator's time lines never overlap (operator_lines.py)
        "operator_time_overlap",
        "product_forbidden",
        "scrap_over_cap",
        "release_not_allowed",
        "supervisor_required",
        "product_unknown",
        "downtime_not_open",
        "downtime_already_open",
        "component_unknown",
        "lot_on_hold",
        "consumption_exceeded",
        "consumption_mismatch",
        "close_not_allowed",
        # retried max_event_failures times without an answer (event_limits.py)
        "internal_error",
    }
)
RETRY_CODES = frozenset(
    {"waiting_for_earlier_event", "lock_timeout", "temporarily_unavailable"}
)

# Exception -> (HTTP status, HTTP code, event status, event code).
# First match wins, so subclasses come before their parents
# (MissingError, AccessError, LockError and ValidationError are UserErrors).
EXCEPTION_TABLE = (
    (
        psycopg2.errors.LockNotAvailable,
        503,
        "temporarily_unavailable",
        "retry",
        "lock_timeout",
    ),
    (LockError, 503, "temporarily_unavailable", "retry", "lock_timeout"),
    (
        psycopg2.errors.SerializationFailure,
        503,
        "temporarily_unavailable",
        "retry",
        "temporarily_unavailable",
    ),
    (
        psycopg2.errors.DeadlockDetected,
        503,
        "temporarily_unavailable",
        "retry",
        "temporarily_unavailable",
    ),
    (MissingError, 404, "not_found", "rejected", "workorder_not_found"),
    (AccessError, 403, "forbidden", "rejected", "workorder_forbidden"),
    (ValidationError, 400, "invalid_request", "rejected", "invalid_event"),
    (UserError, 400, "invalid_request", "rejected", "invalid_event"),
    (Exception, 500, "internal_error", "retry", "temporarily_unavailable"),
)

# Odoo's own retry loop (odoo.service.model.retrying) replays the whole
# request on these; a controller lets them through instead of answering.
CONCURRENCY_ERRORS = (
    ConcurrencyError,
    psycopg2.errors.LockNotAvailable,
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
)


class ShopfloorApiError(Exception):
    """A refusal of the whole request, answered with the error envelope."""

    def __init__(self, code, message, details=None, headers=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers or {}

    @property
    def status(self):
        return HTTP_STATUS_BY_CODE[self.code]


class EventRefused(Exception):
    """An event that is not applied; ``status`` is ``rejected`` or ``retry``."""

    def __init__(self, code, message, details=None):
        super().__init__(message)
        if code in REJECTED_CODES:
            self.status = "rejected"
        elif code in RETRY_CODES:
            self.status = "retry"
        else:
            raise ValueError(f"unknown event result code {code!r}")
        self.code = code
        self.message = message
        self.details = details or {}

    def to_error(self):
        return {"code": self.code, "message": self.message, "details": self.details}

    def result(self, event_id, workorder=None):
        """The contract's result for event ``event_id`` refused this way;
        ``workorder`` goes into a ``rejected`` one (see event_result.py)."""
        return event_result(event_id, self.status, self.to_error(), workorder)


def _lookup(exc):
    for exc_class, http_status, http_code, event_status, event_code in EXCEPTION_TABLE:
        if isinstance(exc, exc_class):
            return http_status, http_code, event_status, event_code
    raise AssertionError("EXCEPTION_TABLE ends with Exception")  # pragma: no cover


def _public_message(exc, fallback):
    # Odoo's business exceptions carry a sentence meant for people; anything
    # else may hold internals (SQL, paths) and is replaced by the fallback.
    if isinstance(exc, UserError) and exc.args:
        return str(exc.args[0])
    return fallback


def http_error_for(exc):
    """Return a ShopfloorApiError describing ``exc`` for the HTTP envelope."""
    if isinstance(exc, ShopfloorApiError):
        return exc
    http_status, code, _event_status, _event_code = _lookup(exc)
    fallback = {
        500: "The server failed to answer; try again later.",
        503: "The server is busy; try again later.",
    }.get(http_status, "The request was refused.")
    error = ShopfloorApiError(code, _public_message(exc, fallback))
    if http_status == 503:
        error.headers["Retry-After"] = "5"
    return error


def event_refusal_for(exc):
    """Return an EventRefused describing ``exc`` as the result of one event."""
    if isinstance(exc, EventRefused):
        return exc
    _http_status, _http_code, _event_status, code = _lookup(exc)
    fallback = (
        "The server could not apply this event now; it will be retried."
        if code in RETRY_CODES
        else "The event was refused."
    )
    details = {}
    if isinstance(exc, UserError):
        details["odoo_error"] = type(exc).__name__
    return EventRefused(code, _public_message(exc, fallback), details)


def envelope(error, correlation_id):
    """The contract's error body for a ShopfloorApiError."""
    return {
        "error": {
            "code": error.code,
            "message": error.message,
            "details": error.details,
            "correlation_id": correlation_id,
        }
    }
