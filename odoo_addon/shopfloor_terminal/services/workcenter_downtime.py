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

A batch of a few hundred starts and finishes asks this of the same work
centers again and again, so the block lines are read once per work center
and batch (:class:`Downtimes`). That is sound because nothing else changes
them meanwhile: the batch holds its work centers' locks
(workcenter_locks.py), and a downtime event of the batch itself makes the
batch read them again.
"""

from contextlib import contextmanager

from odoo import fields

from .errors import EventRefused
from .wire import format_timestamp

# what mrp.workcenter._compute_working_state reads as "not blocked"
RUNNING_LOSS_TYPES = ("productive", "performance")


def block_line_domain(workcenter):
    """The block lines (manual losses) of ``workcenter``."""
    return [
        ("workcenter_id", "=", workcenter.id),
        ("loss_type", "not in", RUNNING_LOSS_TYPES),
    ]


class Downtimes:
    """The block lines of the work centers one batch applies events on."""

    def __init__(self, env):
        self.env = env
        # workcenter id -> (since, its block lines open or ended after since)
        self._read = {}

    def forget(self):
        """Read the block lines again: a downtime event changed them, or a
        savepoint rolled back what the batch read."""
        self._read.clear()

    def _lines(self, workcenter, since):
        """The block lines of ``workcenter`` open at or after ``since``."""
        read = self._read.get(workcenter.id)
        if read is None or read[0] > since:
            lines = self.env["mrp.workcenter.productivity"].search(
                block_line_domain(workcenter)
                + ["|", ("date_end", "=", False), ("date_end", ">", since)],
                order="date_start asc, id asc",
            )
            read = self._read[workcenter.id] = (since, lines)
        return read[1]

    def at(self, workcenter, moment):
        """The block line that had ``workcenter`` down at ``moment`` (naive UTC)."""
        return self._lines(workcenter, moment).filtered(
            lambda line: line.date_start <= moment
            and (not line.date_end or line.date_end > moment)
        )[:1]

    def open(self, workcenter):
        """The work center's block lines that have not ended."""
        read = self._read.get(workcenter.id)
        since = read[0] if read else fields.Datetime.now()
        return self._lines(workcenter, since).filtered(lambda line: not line.date_end)

    def check_up_at(self, workcenter, moment):
        """Refuse ``workcenter_down`` when a downtime covered ``moment``."""
        downtime = self.at(workcenter, moment)
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
    def before_open(self, workcenter):
        """Run Odoo's buttons as the work center was before its open downtime.

        Only called once :meth:`check_up_at` found the event's time before
        that downtime began. Its block lines are closed at their start for
        the call (so ``working_state`` is not ``blocked``), then reopened;
        yields them. The event's savepoint undoes both if the call fails.
        """
        lines = self.open(workcenter)
        for line in lines:
            line.date_end = line.date_start
        yield lines
        lines.date_end = False
