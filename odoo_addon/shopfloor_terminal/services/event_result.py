# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one place where an event's result of POST /events is built.

Its shape follows the status (docs/api.md, "Results"): ``applied``,
``duplicate`` and ``rejected`` carry the work order (or null), which the
terminal puts in place of its own copy; ``rejected``, ``conflict`` and
``retry`` carry the error.
"""

WITH_WORKORDER = frozenset({"applied", "duplicate", "rejected"})


def event_result(event_id, status, error=None, workorder=None):
    """The result for event ``event_id``.

    ``workorder`` may still be a record: POST /events serializes each work
    order of a batch once, after the whole batch.
    """
    result = {"id": event_id, "status": status}
    if error is not None:
        result["error"] = error
    if status in WITH_WORKORDER:
        result["workorder"] = workorder
    return result
