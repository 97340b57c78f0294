# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Is the time an event says it happened possible? (event_time.py corrects it first.)

A tablet whose clock reset would otherwise cost decades of labour into a
work order. The check takes the event's *effective* time (today its
``occurred_at``; a server that corrects device clock skew passes the
corrected time), so there is one place that judges time.
"""

from datetime import timedelta

from .errors import EventRefused
from .wire import format_timestamp

# a device clock may lag this much behind the server's (the same slack as
# the "ahead of the server clock" check)
CLOCK_SLACK = timedelta(minutes=5)


def check_event_time(effective_at, now, workorder, max_age_days):
    """Refuse an effective time (naive UTC) older than ``max_age_days`` or
    before the work order existed."""
    oldest = now - timedelta(days=max_age_days)
    if effective_at < oldest:
        raise EventRefused(
            "occurred_too_old",
            f"This event happened more than {max_age_days} days ago; a supervisor "
            "can resend it with the right time.",
            {
                "field": "occurred_at",
                "occurred_at": format_timestamp(effective_at),
                "max_age_days": max_age_days,
            },
        )
    created = workorder.create_date
    if created and effective_at < created - CLOCK_SLACK:
        raise EventRefused(
            "occurred_before_workorder",
            "This event happened before the work order existed; check the "
            "device clock, then a supervisor can resend it with the right time.",
            {
                "field": "occurred_at",
                "occurred_at": format_timestamp(effective_at),
                "workorder_created_at": format_timestamp(created),
            },
        )


def check_closes_after_start(effective_at, lines):
    """Refuse closing time lines before they started (no zero-length line)."""
    started = max(lines.mapped("date_start"), default=None)
    if started and effective_at.replace(microsecond=0) < started:
        raise EventRefused(
            "occurred_before_start",
            "This event happened before the time it closes started; check the "
            "device clock, then a supervisor can resend it with the right time.",
            {
                "field": "occurred_at",
                "occurred_at": format_timestamp(effective_at),
                "started_at": format_timestamp(started),
            },
        )
