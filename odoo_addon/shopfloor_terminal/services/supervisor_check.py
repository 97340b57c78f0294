# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The server's check, on replay, of what the tablet checked offline.

On the tablet, a discard or a resend of a failed event needs a supervisor's
badge and PIN; the event then names that supervisor (``employee_id`` of an
``event.discard``, ``resolved_by`` of a resend). A tablet can be tampered
with, so the server decides again: the named employee must be an operator of
the terminal's work centers with *Can Release Quality Holds* (the
supervisor right), or, naming nobody, the event must carry out an office
decision recorded on the failed event's row. The demo backend's
``server/ingest/supervisor-check.ts`` decides the same.
"""

from .errors import EventRefused


def check_supervisor_action(terminal, supervisor_id, original_uuid, action):
    """Refuse (``supervisor_required``) a discard or resend nobody may make.

    ``action`` is ``discard`` or ``resend``. A resend that resolves nothing
    (its original is not this terminal's rejected, unresolved event) is an
    ordinary event with a stray link and is not checked.
    """
    original = terminal.env["shopfloor.terminal.event"].search(
        [("event_uuid", "=", original_uuid), ("terminal_id", "=", terminal.id)],
        limit=1,
    )
    resolves = original.status == "rejected" and not original.resolution
    if action == "resend" and not resolves:
        return
    if supervisor_id is not None:
        supervisors = terminal._shopfloor_operators().filtered(
            "shopfloor_can_release_holds"
        )
        if supervisor_id in supervisors.ids:
            return
        raise EventRefused(
            "supervisor_required",
            f"Employee {supervisor_id} may not {action} events on this "
            "terminal: a supervisor of its work centers must authorize it "
            "with badge and PIN.",
            {"employee_id": supervisor_id},
        )
    if original.decision == action:
        return
    raise EventRefused(
        "supervisor_required",
        f"No supervisor authorized this {action} and the office decided none: "
        "a supervisor must authorize it with badge and PIN.",
        {"employee_id": None},
    )
