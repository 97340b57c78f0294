# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property tests: whatever a broken or hostile terminal sends, no 5xx.

Hypothesis (Debian's ``python3-hypothesis``) mutates one field of a valid
event at a time; every mutation must be rejected ``invalid_event`` naming
that field, be recorded in the ledger, and post nothing in Odoo.
"""

import json

from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import HttpCase, tagged

from odoo.addons.shopfloor_terminal.services.event_schema import (
    PAYLOAD_FIELDS,
    storable,
)

from .common import NOW, ShopfloorCommon

API = "/shopfloor_terminal/v1"

# values no field accepts as they are
HOSTILE_TEXT = st.sampled_from(
    ["\x00", "lot\x00", "\x07bell", "\x1b[31m", "\x9b", "\ud800", "x\udfffy"]
)
WRONG_SHAPE = st.sampled_from([True, False, [], [1], {}, {"nested": {"deeper": 1}}])
BAD_ID = st.one_of(
    st.sampled_from([0, -1, 1.5, 2**31, 2**53, 1e21, "42", "\x00"]),
    st.integers(min_value=2**31),
    st.integers(max_value=0),
)
INVALID = {
    "type": st.one_of(
        st.sampled_from(["workorder.explode", "", None, 7]), HOSTILE_TEXT
    ),
    "workorder_id": st.one_of(BAD_ID, WRONG_SHAPE, st.none()),
    "occurred_at": st.one_of(
        st.sampled_from(
            [
                "yesterday",
                "2026-01-10T10:00:00",
                "0001-01-01T00:00:00+01:00",
                "9999-12-31T23:59:59-01:00",
                "2999-01-01T00:00:00Z",
                0,
                None,
            ]
        ),
        HOSTILE_TEXT,
    ),
    "device_seq": st.sampled_from([-1, 1.5, 2**53, "1", None, True]),
    "employee_id": st.one_of(BAD_ID, WRONG_SHAPE),
    "correlation_id": st.one_of(
        st.sampled_from(["", "c" * 65, "has space", "ok\n", 12]), HOSTILE_TEXT
    ),
    "payload": st.sampled_from([[], "payload", 3, None]),
    "payload.qty": st.one_of(
        st.sampled_from(["1", 1e308, 10_000_001, 10**400, -(10**400)]),
        WRONG_SHAPE,
        HOSTILE_TEXT,
    ),
    "payload.lot_name": st.one_of(
        HOSTILE_TEXT, st.sampled_from(["lot\tname", "L" * 129, 5]), WRONG_SHAPE
    ),
    "payload.note": st.one_of(
        HOSTILE_TEXT, st.sampled_from(["N" * 2001, 5]), WRONG_SHAPE
    ),
}
for _key in ("product_id", "reason_id", "loss_reason_id", "hold_id", "move_id"):
    INVALID[f"payload.{_key}"] = st.one_of(BAD_ID, WRONG_SHAPE)
INVALID.update(
    {
        "payload.qty_basis": st.one_of(
            st.sampled_from(["guessed", "PLANNED", "", 1]), HOSTILE_TEXT
        ),
        "payload.event_id": st.one_of(
            st.sampled_from(["not-a-uuid", "", 42, None]), HOSTILE_TEXT
        ),
        "payload.reason": st.one_of(
            st.sampled_from(["R" * 201, "", "   ", 5, None]), HOSTILE_TEXT
        ),
        "payload.backorder": st.sampled_from(["yes", 1, 0, None, [], {}]),
        "resend_of": st.one_of(st.sampled_from(["not-a-uuid", "", 42]), HOSTILE_TEXT),
        "resolved_by": st.one_of(BAD_ID, WRONG_SHAPE),
    }
)

# a payload of each type that passes validation (its ids need not exist)
VALID_PAYLOADS = {
    "workorder.start": {},
    "workorder.pause": {"loss_reason_id": 1},
    "workorder.produce": {"qty": 1, "lot_name": "LOT-1"},
    "workorder.finish": {"qty": 1, "qty_basis": "reported", "lot_name": "LOT-1"},
    "scrap.record": {
        "product_id": 1,
        "qty": 1,
        "lot_name": "LOT-1",
        "reason_id": 1,
        "note": "n",
    },
    "quality.hold": {"lot_name": "LOT-1", "reason_id": 1, "note": "n"},
    "quality.release": {"hold_id": 1, "note": "n"},
    "downtime.start": {"loss_reason_id": 1, "note": "n"},
    "downtime.end": {},
    "event.discard": {
        "event_id": "0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f",
        "reason": "counted twice",
    },
    "component.consume": {"move_id": 1, "qty": 1, "lot_name": "LOT-1"},
    "production.close": {"backorder": False},
}
ENVELOPE = [
    "type",
    "workorder_id",
    "occurred_at",
    "device_seq",
    "employee_id",
    "correlation_id",
    "payload",
    "resend_of",
    "resolved_by",
]


@st.composite
def mutations(draw):
    """(event type, mutated field, value): one field of a valid event broken."""
    event_type = draw(st.sampled_from(sorted(VALID_PAYLOADS)))
    fields = ENVELOPE + [f"payload.{key}" for key in VALID_PAYLOADS[event_type]]
    if draw(st.integers(0, 4)) == 0:
        key = draw(st.sampled_from(["extra", "lot", "qty_basis_x", "a\x00b"]))
        value = draw(st.one_of(st.none(), st.integers(), st.text(max_size=5)))
        return event_type, f"payload.{key}", value
    field = draw(st.sampled_from(fields))
    return event_type, field, draw(INVALID[field])


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventFuzz(ShopfloorCommon):
    def test_payload_table_matches_the_event_types(self):
        self.assertEqual(set(PAYLOAD_FIELDS), set(VALID_PAYLOADS))

    def _footprint(self):
        """What any applied event would have changed."""
        workorder = self.workorder
        workorder.invalidate_recordset()
        return (
            workorder.state,
            workorder._shopfloor_qty_made(),
            len(workorder.time_ids),
            self.env["stock.scrap"].search_count([]),
            self.env["shopfloor.quality.hold"].search_count([]),
            self.env["mrp.workcenter.productivity"].search_count([]),
            self.env["stock.lot"].search_count([]),
        )

    @settings(
        max_examples=300,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(mutations())
    def test_a_mutated_event_is_rejected_on_its_field_and_posts_nothing(self, mutation):
        event_type, field, value = mutation
        event = self.event(
            event_type, payload=dict(VALID_PAYLOADS[event_type]), correlation_id="f-1"
        )
        if field.startswith("payload."):
            event["payload"][field.removeprefix("payload.")] = value
        else:
            event[field] = value
        before = self._footprint()
        result = self.ingest_one(event)
        self.assertRejected(result, "invalid_event")
        self.assertEqual(result["error"]["details"]["field"], storable(field))
        self.assertEqual(self.ledger(event).status, "rejected")
        self.assertEqual(self._footprint(), before)


@tagged("post_install", "-at_install")
class TestHostileBodies(HttpCase, ShopfloorCommon):
    def setUp(self):
        super().setUp()
        self.token = self.terminal._shopfloor_complete_pairing("Fuzz tablet", "1.0.0")

    def post(self, raw):
        return self.url_open(
            API + "/events",
            data=raw,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
            },
            method="POST",
        )

    def test_deep_or_garbage_bodies_are_400_in_the_envelope(self):
        deep = 5000
        bodies = [
            "[" * deep + "]" * deep,
            '{"a":' * deep + "1" + "}" * deep,
            json.dumps({"events": [{"payload": {"a": {"b": {"c": {"d": {}}}}}}]}),
            "\x00",
            '{"events": [',
            '"\\ud800"',
            '{"events": [{"id": "\\u0000"}]}',
        ]
        for raw in bodies:
            response = self.post(raw)
            self.assertEqual(response.status_code, 400, raw[:60])
            error = response.json()["error"]
            self.assertEqual(
                error["correlation_id"], response.headers["X-Correlation-ID"]
            )
        error = self.post(bodies[0]).json()["error"]
        self.assertEqual(error["code"], "invalid_request")
        self.assertEqual(error["details"]["field"], "body")

    def test_the_issue_cases_are_rejected_not_500(self):
        base = self.event("workorder.produce", payload={"qty": 1})
        cases = {
            "payload.qty": dict(base, payload={"qty": "1\x00"}),
            "workorder_id": dict(base, workorder_id=2**31),
            "employee_id": dict(base, employee_id=9007199254740992),
            "payload.lot_name": dict(base, payload={"qty": 1, "lot_name": "\ud800"}),
        }
        for field, event in cases.items():
            event = dict(event, id=self.event("workorder.start")["id"])
            response = self.post(json.dumps({"events": [event]}))
            self.assertEqual(response.status_code, 200, response.text)
            (result,) = response.json()["results"]
            self.assertEqual(result["status"], "rejected", result)
            self.assertEqual(result["error"]["code"], "invalid_event")
            self.assertEqual(result["error"]["details"]["field"], field)
