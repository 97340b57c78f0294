# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One operator, one time line at a time.

Odoo Community keeps no such rule: ``mrp.workorder.button_start`` only
skips a work order on which the *user* already has an open timer, and
``mrp.workcenter.productivity._check_open_time_ids`` forbids two open
timers of one user on *one* work order; the same user may time several
work orders at once. Every terminal's lines belong to its device user, so
the rule is kept per operator (``shopfloor_employee_id``):

- a start while the operator's line on another work order of this
  terminal runs closes that line at the start's time (the operator
  switched work orders, as pausing it first would have);
- a start inside one of the operator's lines, or before a line of theirs
  that started later, is refused ``operator_time_overlap``, and so is a
  start while their line runs on a work order of another terminal (pause
  it there first);
- a pause or finish that would close a line over another line of the
  operator is refused the same way.

A supervisor resolves a refusal by resending the event with the right time.
The demo backend decides the same way in src/domain/operator-lines.ts.
"""

from .errors import EventRefused
from .wire import format_timestamp

OVERLAP = "operator_time_overlap"


def _refuse(employee, at, line, message):
    raise EventRefused(
        OVERLAP,
        message,
        {
            "field": "occurred_at",
            "occurred_at": format_timestamp(at),
            "employee_id": employee.id,
            "workorder_id": line.workorder_id.id,
            "line_start": format_timestamp(line.date_start),
            "line_end": format_timestamp(line.date_end) if line.date_end else None,
        },
    )


def _lines_ending_after(env, employee, moment):
    """The operator's time lines on work orders still open after ``moment``."""
    return env["mrp.workcenter.productivity"].search(
        [
            ("shopfloor_employee_id", "=", employee.id),
            ("workorder_id", "!=", False),
            "|",
            ("date_end", "=", False),
            ("date_end", ">", moment),
        ],
        order="date_start asc, id asc",
    )


def lines_to_switch_from(env, terminal, employee, at):
    """The operator's running lines a start at ``at`` closes, or a refusal.

    ``at`` is naive UTC to the second, as time lines are kept. The caller
    has already made a start of what the terminal's user times a no-op; the
    operator's line on the same work order from another terminal is
    switched from too.
    """
    if not employee:
        return env["mrp.workcenter.productivity"]
    switch = env["mrp.workcenter.productivity"]
    for line in _lines_ending_after(env, employee, at):
        if line.date_start > at:
            _refuse(
                employee,
                at,
                line,
                "This operator's time already has a later line; check the "
                "device clock, then a supervisor can resend it with the right time.",
            )
        if line.date_end:
            _refuse(
                employee,
                at,
                line,
                "This operator was already working at that time; a supervisor "
                "can resend the event with the right time.",
            )
        if line.workcenter_id not in terminal.workcenter_ids:
            _refuse(
                employee,
                at,
                line,
                "This operator is still working on a work order of another "
                "terminal; pause it there first.",
            )
        switch |= line
    return switch


def check_closing(env, employee, closing, at):
    """Refuse closing the operator's lines among ``closing`` at ``at`` over
    another line of theirs."""
    closing = closing.filtered(lambda line: line.shopfloor_employee_id == employee)
    if not employee or not closing:
        return
    start = min(closing.mapped("date_start"))
    for line in _lines_ending_after(env, employee, start) - closing:
        if line.date_start < at:
            _refuse(
                employee,
                at,
                line,
                "This operator has another time line in this span; a supervisor "
                "can resend the event with the right time.",
            )
