# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delta sync of work orders: GET /workorders?cursor=&limit=.

A sync *pass* walks, by id and one page at a time, the terminal's work
orders that changed since the cursor's ``since`` (all of them on a full
sync). A work order "changed" when it or something the terminal shows of it
was written: its manufacturing order, its operation (instructions), time
lines, components, holds (on it or on the lots it produces), or a downtime
of its work center.

Odoo stamps ``write_date`` with its transaction's *start* time, so a
transaction that began before a pass but committed after it would be missed
if the next pass started exactly where this one did. The next pass
therefore starts a safety margin earlier, and, so that this overlap does
not send anything twice, the cursor remembers the version of each work
order of the overlap that the terminal already has: an item whose version
did not change since is left out, a late-committed change shows up with a
new version and is sent.
"""

import base64
import hashlib
import hmac
import json
from datetime import timedelta

from odoo import fields

from .errors import ShopfloorApiError
from .workorder_authority import acting_env
from .workorder_serializer import serialize_workorder

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
CURSOR_VERSION = 1
CURSOR_MAX_AGE = timedelta(days=30)
# Longest transaction we expect to overlap a pass (a 200-event batch takes
# seconds); changes of such a transaction are sent again, never lost.
CHANGE_MARGIN = timedelta(minutes=2)
RECENTLY_FINISHED = timedelta(hours=24)


def parse_limit(value):
    if value in (None, ""):
        return DEFAULT_LIMIT
    try:
        limit = int(value)
    except (TypeError, ValueError):
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise ShopfloorApiError(
            "invalid_request",
            "limit must be an integer from 1 to 1000.",
            {"field": "limit", "reason": "integer 1..1000"},
        )
    return limit


# Work orders remembered in a cursor (their id and version); more are sent
# again rather than grow the cursor past what a URL comfortably holds.
MAX_KNOWN = 200
VERSION_CHARS = 10
REMOVED = "x"


class WorkorderDelta:
    """One page of the delta sync for one terminal (in the terminal's env)."""

    def __init__(self, terminal):
        self.terminal = terminal
        self.env = terminal.env

    def page(self, cursor, limit):
        now = self.env.cr.now()
        state = self._decode(cursor, now) if cursor else self._full_sync_state(now)
        since, pass_start, after_id = (
            state["since"],
            state["pass_start"],
            state["after_id"],
        )
        known, seen = state["known"], state["seen"]
        next_since = pass_start - CHANGE_MARGIN

        domain = self._set_domain(now) + [("id", ">", after_id)]
        if since:
            domain += self._changed_since_domain(since)
        workorders = self.env["mrp.workorder"].search(
            domain, order="id asc", limit=limit + 1
        )
        has_more = len(workorders) > limit
        workorders = workorders[:limit]
        # what the next pass will see again: remember the versions sent now
        overlap = set(
            self.env["mrp.workorder"]
            .search(
                [("id", "in", workorders.ids)] + self._changed_since_domain(next_since)
            )
            .ids
        )
        items = []
        # the domain keeps to the terminal's work centers; serializing reads
        # the MO and its other work orders (see workorder_authority.py)
        for workorder in workorders.with_env(acting_env(self.terminal)):
            data = serialize_workorder(workorder)
            version = data["version"][:VERSION_CHARS]
            if workorder.id in overlap:
                seen[workorder.id] = version
            if known.get(workorder.id) != version:
                items.append(data)
        removed = []
        if since and not after_id:
            for workorder_id in self._removed_ids(since, now):
                seen[workorder_id] = REMOVED
                if known.get(workorder_id) != REMOVED:
                    removed.append(workorder_id)

        if has_more:
            next_state = dict(state, after_id=workorders[-1].id)
        else:
            next_state = {
                "since": next_since,
                "pass_start": None,
                "after_id": 0,
                "known": seen,
                "seen": {},
            }
        return {
            "items": items,
            "removed": removed,
            "next_cursor": self._encode(next_state, now),
            "has_more": has_more,
        }

    def _full_sync_state(self, now):
        return {
            "since": None,
            "pass_start": now,
            "after_id": 0,
            "known": {},
            "seen": {},
        }

    def _workcenter_ids(self):
        return sorted(self.terminal.workcenter_ids.ids)

    def _set_domain(self, now):
        """The work orders a terminal holds: open ones and those finished lately."""
        return [
            ("workcenter_id", "in", self._workcenter_ids()),
            ("production_id.state", "not in", ("draft", "cancel")),
            "|",
            ("state", "not in", ("done", "cancel")),
            "&",
            ("state", "=", "done"),
            ("date_finished", ">=", now - RECENTLY_FINISHED),
        ]

    def _changed_since_domain(self, since):
        return [
            "|",
            "|",
            "|",
            "|",
            "|",
            "|",
            "|",
            ("write_date", ">", since),
            ("production_id.write_date", ">", since),
            ("operation_id.write_date", ">", since),
            ("time_ids.write_date", ">", since),
            ("move_raw_ids.write_date", ">", since),
            ("shopfloor_hold_ids.write_date", ">", since),
            (
                "production_id.lot_producing_ids.shopfloor_hold_ids.write_date",
                ">",
                since,
            ),
            (
                "workcenter_id.time_ids",
                "any",
                [
                    ("write_date", ">", since),
                    ("loss_type", "not in", ("productive", "performance")),
                ],
            ),
        ]

    def _removed_ids(self, since, now):
        """Ids that left the terminal's set since ``since``, in id order.

        sudo: a work order moved to another work center is outside the
        terminal's record rules, yet the terminal must learn to drop it;
        only ids are returned.
        """
        workorders = self.env["mrp.workorder"].sudo()
        workcenter_ids = self._workcenter_ids()
        in_set = set(workorders.search(self._set_domain(now)).ids)
        changed = workorders.search(
            [
                "|",
                ("workcenter_id", "in", workcenter_ids),
                ("shopfloor_left_workcenter_ids", "in", workcenter_ids),
                ("write_date", ">", since),
            ]
        )
        aged_out = workorders.search(
            [
                ("workcenter_id", "in", workcenter_ids),
                ("state", "=", "done"),
                ("date_finished", ">", since - RECENTLY_FINISHED),
                ("date_finished", "<", now - RECENTLY_FINISHED),
            ]
        )
        return sorted(set((changed | aged_out).ids) - in_set)

    # -- cursor ---------------------------------------------------------

    def _secret(self):
        # sudo: the database secret signs cursors so a forged one is refused
        return (
            self.env["ir.config_parameter"].sudo().get_param("database.secret").encode()
        )

    def _encode(self, state, now):
        def pairs(versions):
            return [
                [workorder_id, version]
                for workorder_id, version in list(versions.items())[-MAX_KNOWN:]
            ]

        payload = {
            "v": CURSOR_VERSION,
            "s": fields.Datetime.to_string(state["since"]) if state["since"] else None,
            "p": fields.Datetime.to_string(state["pass_start"])
            if state["pass_start"]
            else None,
            "a": state["after_id"],
            "k": pairs(state["known"]),
            "n": pairs(state["seen"]),
            "w": self._workcenter_ids(),
            "t": self.terminal.id,
            "i": fields.Datetime.to_string(now),
        }
        body = base64.urlsafe_b64encode(
            json.dumps(payload, separators=(",", ":")).encode()
        )
        signature = hmac.new(self._secret(), body, hashlib.sha256).digest()[:16]
        signature_text = base64.urlsafe_b64encode(signature).decode().rstrip("=")
        return f"{body.decode().rstrip('=')}.{signature_text}"

    def _decode(self, cursor, now):
        try:
            body, signature = cursor.split(".")
            body_bytes = (body + "=" * (-len(body) % 4)).encode()
            expected = hmac.new(self._secret(), body_bytes, hashlib.sha256).digest()[
                :16
            ]
            given = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
            if not hmac.compare_digest(expected, given):
                raise ValueError("bad signature")
            payload = json.loads(base64.urlsafe_b64decode(body_bytes))
            if payload["v"] != CURSOR_VERSION or payload["t"] != self.terminal.id:
                raise ValueError("not this terminal's cursor")
            issued = fields.Datetime.to_datetime(payload["i"])
            since = fields.Datetime.to_datetime(payload["s"]) if payload["s"] else None
            state = {
                "since": since,
                # a new pass starts now; a pass under way keeps its start
                "pass_start": fields.Datetime.to_datetime(payload["p"])
                if payload["p"]
                else now,
                "after_id": int(payload["a"]),
                "known": {
                    int(workorder_id): str(version)
                    for workorder_id, version in payload["k"]
                },
                "seen": {
                    int(workorder_id): str(version)
                    for workorder_id, version in payload["n"]
                },
            }
        except (ValueError, KeyError, TypeError) as exc:
            raise _expired("The cursor cannot be read; do a full sync.") from exc
        if now - issued > CURSOR_MAX_AGE:
            raise _expired("The cursor is older than 30 days; do a full sync.")
        if payload["w"] != self._workcenter_ids():
            # the terminal's work centers changed: its whole set changed
            raise _expired("The terminal's work centers changed; do a full sync.")
        return state


def _expired(message):
    return ShopfloorApiError("cursor_expired", message)
