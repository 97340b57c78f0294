# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tablet clocks drift: the one place where an event's time is corrected.

A batch states the device's clock when it left (``sent_at``); the skew is
the server's clock at receipt minus that. Every event of the batch is
corrected by it (``occurred_at + skew``): a clock that was consistently
wrong while the tablet was offline is still wrong by the same amount when
the batch leaves, so the correction holds. The error is at most the
batch's upload time. A batch without ``sent_at`` (an older terminal) is
not corrected.

The corrected time is what Odoo's records get and what "more than
5 minutes ahead" is judged on; the ledger keeps both times.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .errors import EventRefused, ShopfloorApiError
from .wire import is_int, parse_timestamp

SERVER_TIME_HEADER = "X-Server-Time"


@dataclass(frozen=True)
class BatchClock:
    """When the server received a batch, and server clock minus device clock."""

    received_at: datetime  # naive UTC, with microseconds
    skew: timedelta
    # False for a batch without sent_at: nothing was measured, nothing corrected
    measured: bool = True

    @property
    def skew_ms(self):
        return round(self.skew / timedelta(milliseconds=1))

    def corrected(self, occurred_at):
        """The device's ``occurred_at`` (naive UTC) on the server's clock."""
        return occurred_at + self.skew


def utc_now():
    """The server's wall clock, naive UTC with microseconds.

    Not ``cr.now()``: that is the transaction's start, and a round trip
    must be timed by the clock as it is when the answer leaves.
    """
    return datetime.now(UTC).replace(tzinfo=None)


def format_server_time(moment):
    """``X-Server-Time`` and ``server_time``: ISO 8601 UTC with milliseconds."""
    return moment.isoformat(timespec="milliseconds") + "Z"


def batch_clock(body, received_at):
    """The clock of a ``POST /events`` body, received at ``received_at``.

    :raises ShopfloorApiError: ``invalid_request`` when ``sent_at`` is given
        but is not a date-time: no time of the batch could be trusted.
    """
    sent_at = body.get("sent_at") if isinstance(body, dict) else None
    if sent_at is None:
        return BatchClock(received_at, timedelta(0), measured=False)
    device = parse_timestamp(sent_at)
    if device is None:
        raise ShopfloorApiError(
            "invalid_request",
            "The batch's sent_at must be an ISO 8601 date-time with an offset.",
            {"field": "sent_at", "reason": "an ISO 8601 time with offset"},
        )
    return BatchClock(received_at, received_at - device)


def clock_jump_ms(event):
    """The wall-clock jump (ms) the device marked the event with, or None.

    :raises EventRefused: ``invalid_event`` when the mark is not an integer.
    """
    value = event.get("clock_jump_ms")
    if value is not None and not is_int(value):
        raise EventRefused(
            "invalid_event",
            "clock_jump_ms: an integer number of milliseconds.",
            {"field": "clock_jump_ms", "reason": "an integer number of milliseconds"},
        )
    return value
