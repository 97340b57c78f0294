# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Was the work center down when the event happened?

Odoo's buttons judge a blocked work center by its ``working_state`` now
(``mrp.workorder.button_start`` and ``action_mark_as_done`` raise "Please
unblock the work center"). A replayed event is judged at its (corrected)
``occurred_at`` instead: ``mrp.workcenter.productivity`` keeps every block
line with its ``date_start`` and ``date_end``, so a block line covering
that time means the work center was down then. A downtime logged
10:00-10:30 refuses a start at 10:15 replayed at noon; a start at 10:40
replayed while a downtime runs since 10:50 is applied, and that downtime
stops its timer at 10:50 as Odoo's Block (``button_block``) stops timers.
The demo backend judges the same way (server/ingest/guards.ts).
"""

from contextlib import contextmanager

from .errors import EventRefused
from .wire import format_timestamp

# what mrp.workcenter._compute_working_state reads as "not blocked"
RUNNING_LOSS_TYPES = ("productive", "performance")


def downtime_at(workcenter, moment):
    """The block line that had ``workcenter`` down at ``moment`` (naive UTC)."""
    return workcenter.env["mrp.workcenter.productivity"].search(
        [
            ("workcenter_id", "=", workcenter.id),
            ("loss_type", "not in", RUNNING_LOSS_TYPES),
            ("date_start", "<=", moment),
            "|",
            ("date_end", "=", False),
            ("date_end", ">", moment),
        ],
        order="date_start asc, id asc",
        limit=1,
    )


def check_up_at(workcenter, moment):
    """Refuse ``workcenter_down`` when a downtime covered ``moment``."""
    downtime = downtime_at(workcenter, moment)
    if downtime:
        raise EventRefused(
            "workcenter_down",
            "The work center was down at that time; end the downtime first.",
            {
                "workcenter_id": workcenter.id,
                "field": "occurred_at",
                "downtime_start": format_timestamp(downtime.date_start),
                "downtime_end": format_timestamp(downtime.date_end)
                if downtime.date_end
                else None,
            },
        )


@contextmanager
def before_open_downtime(workcenter):
    """Run Odoo's buttons as the work center was before its open downtime.

    Only called once :func:`check_up_at` found the event's time before that
    downtime began. Its block lines are closed at their start for the call
    (so ``working_state`` is not ``blocked``), then reopened; yields them.
    The event's savepoint undoes both if the call fails.
    """
    lines = workcenter._shopfloor_open_downtime()
    for line in lines:
        line.date_end = line.date_start
    yield lines
    lines.date_end = False
