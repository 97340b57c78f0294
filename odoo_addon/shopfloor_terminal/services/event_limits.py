# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Limits that keep a terminal's queue moving.

- An event that fails for an unexpected reason (a bug, not a business
  refusal nor a database conflict) is answered ``retry``; after the
  terminal's ``max_event_failures`` such failures it is ``rejected`` with
  ``internal_error`` instead, so the tablet dead-letters it and a supervisor
  sees it, rather than resending it forever.
- A request has a time budget: once spent, the rest of the batch answers
  ``retry`` instead of running into the worker's time limit
  (``limit_time_real``, 120 s by default), which would kill the request and
  lose the answers of the events already applied.
"""

from time import monotonic

import psycopg2

from .errors import EventRefused, event_refusal_for

# seconds; far below Odoo's default limit_time_real (120 s)
REQUEST_TIME_BUDGET = 20.0


def is_unexpected(exc):
    """Whether ``exc`` is a server fault rather than a refusal or a conflict."""
    return event_refusal_for(exc).code == "temporarily_unavailable" and not isinstance(
        exc, psycopg2.Error
    )


def after_failure(refusal, failures, max_failures, correlation_id):
    """The answer to an event after its ``failures``-th unexpected failure."""
    if failures < max_failures:
        return refusal
    return EventRefused(
        "internal_error",
        f"The server failed to apply this event {failures} times; "
        "it is set aside for a supervisor. Quote the correlation id to the "
        "Odoo administrator.",
        {"failures": failures, "correlation_id": correlation_id},
    )


class RequestBudget:
    """The time a request may spend applying events, from its creation."""

    def __init__(self, seconds=REQUEST_TIME_BUDGET):
        self.seconds = seconds
        self.started = monotonic()

    def spent(self):
        return monotonic() - self.started >= self.seconds


def out_of_time(event_uuid, budget):
    """The answer to an event the request had no time left for."""
    return EventRefused(
        "temporarily_unavailable",
        "The server ran out of time for this request before this event; "
        "send it again.",
        {"time_budget_s": budget.seconds},
    ).result(event_uuid)
