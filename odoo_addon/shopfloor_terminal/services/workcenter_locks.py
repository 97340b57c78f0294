# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Requests that apply work on one work center take turns.

Every timer opened or closed on a work center rewrites its stored
``working_state``: two requests applying events on one work center at once
collide on that row, and the later one fails with a serialization failure
(an ``ERROR odoo.sql_db: bad query`` line in Odoo's log, and ``retry``
answers for the terminal). So before applying anything, a request takes a
PostgreSQL advisory transaction lock per work center of its batch, in id
order (no deadlock), held until it commits.

Waiting for a lock in the middle of a transaction is not enough: Odoo runs
requests in REPEATABLE READ, and this transaction's snapshot predates the
other request's commit, so its first write to the work center would still
fail. A request that had to wait therefore raises :class:`ConcurrencyError`
once the other request has committed, and Odoo's own retry loop
(``odoo.service.model.retrying``) replays it on a fresh transaction, with no
failed statement and no ERROR line. Odoo replays a request at most 5 times
and then fails it, so after MAX_REPLAYS replays a request that still had to
wait answers its events ``retry`` (``lock_timeout``) instead.

The operations of one manufacturing order may sit on several work centers,
and a produce or a finish writes the order itself (its quantity producing,
workorder_produce.py; a first start its state): so the manufacturing orders
of the batch are locked too.

An event naming a work order id that does not exist (deleted, or never
there) has no work center, yet its ledger row must be decided once: two
requests carrying the same such event at once would both insert it, and
the later insert would fail on the unique event id (an ERROR line). So such
an id is locked by itself, in a namespace of its own. Every request takes
its locks in one total order, by namespace and then by id (work centers,
unknown work order ids, manufacturing orders), so two requests can never
wait for each other.
"""

from odoo.exceptions import ConcurrencyError

# The first key of the two-key advisory locks (pg_advisory_xact_lock(int, int)),
# so that these locks never meet another module's one-key locks: one per kind
# of record, in the order the locks are taken.
LOCK_NAMESPACE = 0x5F7E  # work centers ("shopfloor terminal")
UNKNOWN_WORKORDER_NAMESPACE = 0x5F7F  # work order ids that name no work order
PRODUCTION_NAMESPACE = 0x5F80  # manufacturing orders
# below odoo.service.model.MAX_TRIES_ON_CONCURRENCY_FAILURE (5)
MAX_REPLAYS = 4


def lock_workcenters(env, workorder_ids, replays):
    """Take the advisory lock of every work center and manufacturing order of
    these work orders, and of every id among them that names no work order.

    :param int replays: how many times Odoo already replayed this request.
    :return: True when the locks were free; False when this request had to
        wait and may not be replayed again (its events answer ``retry``).
    :raises ConcurrencyError: after waiting for a lock another request held,
        for Odoo to replay this request on a fresh snapshot.
    """
    # ids PostgreSQL cannot hold name no work order; the event is refused later
    ids = sorted({i for i in workorder_ids if i is not None and 0 < i < 2**31})
    # sudo: only to learn where the ids are; authorization
    # happens per event afterwards (workorder_authority.py)
    workorders = env["mrp.workorder"].sudo().browse(ids).exists()
    keys = [
        (LOCK_NAMESPACE, workcenter_id)
        for workcenter_id in sorted(set(workorders.workcenter_id.ids))
    ]
    keys += [
        (UNKNOWN_WORKORDER_NAMESPACE, workorder_id)
        for workorder_id in sorted(set(ids) - set(workorders.ids))
    ]
    keys += [
        (PRODUCTION_NAMESPACE, production_id)
        for production_id in sorted(set(workorders.production_id.ids))
    ]
    waited = []
    for key in keys:
        env.cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", key)
        if not env.cr.fetchone()[0]:
            env.cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", key)
            waited.append(key)
    if not waited:
        return True
    if replays >= MAX_REPLAYS:
        return False
    raise ConcurrencyError(
        f"shopfloor: waited for the locks {waited}; replaying on a fresh snapshot"
    )
