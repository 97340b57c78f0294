# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Requests that apply work on one work center take turns.

Every timer opened or closed on a work center rewrites its stored
``working_state``: two requests applying events on one work center at once
collide on that row, and the later one fails with a serialization failure
(an ``ERROR odoo.sql_db: bad query`` line in Odoo's log, and ``retry``
answers for the terminal). So before applying anything, a request locks
each work center of its batch, in one total order (no deadlock), held until
it commits.

The operations of one manufacturing order may sit on several work centers,
and a produce or a finish writes the order itself (its quantity producing,
workorder_produce.py; a first start its state): so the manufacturing orders
of the batch are locked too. An event naming no work order (deleted, never
there, or not an id) has no work center, yet its ledger row must be decided
once: two requests carrying the same such event at once would both insert
it, and the later insert would fail on the unique event id. So such an
event is locked by its own id.

Odoo runs requests in REPEATABLE READ, with a snapshot taken at the
request's first query (authentication), before any lock. Waiting for
another request is therefore not enough: its writes, committed after this
snapshot, stay invisible, and this request's first write to the same rows
would fail. The same holds when the other request committed just before
this one asked for the lock, which was then free. A lock is therefore a row
of ``shopfloor.terminal.lock`` that each request writes: PostgreSQL makes the
write wait while another request holds the row, and fails it when the row
was written by a request that committed after this snapshot, in both cases
before anything else is written. That failure raises
:class:`ConcurrencyError`, and Odoo's own retry loop
(``odoo.service.model.retrying``) replays the request on a fresh
transaction, with no ERROR line (the statement does not log its expected
failure). Odoo replays a request at most 5 times and then fails it, so
after MAX_REPLAYS replays a request that still met another one answers its
events ``retry`` (``lock_timeout``) instead.
"""

from odoo.exceptions import ConcurrencyError
from odoo.tools import SQL

from .errors import CONCURRENCY_ERRORS
from .event_schema import MAX_ID

# below odoo.service.model.MAX_TRIES_ON_CONCURRENCY_FAILURE (5)
MAX_REPLAYS = 4


def lock_keys(env, events):
    """The lock keys of a batch, in the one order every request takes them.

    :param events: ``(workorder_id or None, event_uuid)`` per event.
    """
    ids = {
        workorder_id
        for workorder_id, _event_uuid in events
        if workorder_id is not None and 0 < workorder_id <= MAX_ID
    }
    # sudo: only to learn where the ids are; authorization
    # happens per event afterwards (workorder_authority.py)
    workorders = env["mrp.workorder"].sudo().browse(sorted(ids)).exists()
    found = set(workorders.ids)
    keys = {f"mrp.workcenter,{i}" for i in workorders.workcenter_id.ids}
    keys |= {f"mrp.production,{i}" for i in workorders.production_id.ids}
    keys |= {
        f"event,{event_uuid}"
        for workorder_id, event_uuid in events
        if workorder_id not in found
    }
    return sorted(keys)


def lock_batch(env, events, replays):
    """Lock every work center and manufacturing order of a batch's events,
    and every event among them naming no work order.

    :param events: ``(workorder_id or None, event_uuid)`` per event.
    :param int replays: how many times Odoo already replayed this request.
    :return: True when this request holds the locks on a current snapshot;
        False when it met another request and may not be replayed again
        (its events answer ``retry``).
    :raises ConcurrencyError: when it met another request, for Odoo to
        replay it on a fresh snapshot.
    """
    keys = lock_keys(env, events)
    try:
        with env.cr.savepoint(flush=False):
            for key in keys:
                take(env, key)
    except CONCURRENCY_ERRORS as exc:
        if replays >= MAX_REPLAYS:
            return False
        raise ConcurrencyError(
            f"shopfloor: another request held or changed {keys}; "
            "replaying on a fresh snapshot"
        ) from exc
    return True


def take(env, key):
    """Write the lock row of ``key``, waiting while another request holds it.

    SQL, not the ORM: the ORM has no insert-or-update, and this statement's
    expected failure must not be logged as a bad query (``log_exceptions``).
    """
    env.cr.execute(
        SQL(
            "INSERT INTO shopfloor_terminal_lock (key, taken_at)"
            " VALUES (%s, now() AT TIME ZONE 'UTC')"
            " ON CONFLICT (key) DO UPDATE SET taken_at = EXCLUDED.taken_at",
            key,
        ),
        log_exceptions=False,
    )
