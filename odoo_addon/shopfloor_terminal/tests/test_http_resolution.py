# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13 over the wire: the resend envelope, event.discard, the rejected
result's work order, GET /events/<id> and GET /decisions."""

import uuid

from odoo.tests import new_test_user, tagged

from .common import ShopfloorHttpCommon


@tagged("post_install", "-at_install")
class TestHttpResolution(ShopfloorHttpCommon):
    def post(self, *events):
        response = self.call("/events", {"events": list(events)})
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()["results"]

    def test_the_scenario_over_http(self):
        workorder = self._make_workorder(self.product, qty=9)
        start = self.event("workorder.start", workorder, device_seq=1)
        self.assertEqual(self.post(start)[0]["status"], "applied")
        hold = self.env["shopfloor.quality.hold"].create(
            {"workorder_id": workorder.id, "reason_id": self.hold_reason.id}
        )
        produce = self.event(
            "workorder.produce", workorder, payload={"qty": 6}, device_seq=2
        )
        finish = self.event(
            "workorder.finish", workorder, payload={"qty": 6}, device_seq=3
        )
        refused, waiting = self.post(produce, finish)
        self.assertEqual(
            (refused["status"], refused["error"]["code"]),
            ("rejected", "workorder_on_hold"),
        )
        self.assertEqual(refused["workorder"]["holds"][0]["id"], hold.id)
        self.assertEqual(waiting["error"]["code"], "waiting_for_earlier_event")
        failed = self.call(f"/events/{produce['id']}").json()["event"]
        self.assertEqual(
            (failed["resend_of"], failed["resolution"], failed["resolved_at"]),
            (None, None, None),
        )
        hold.action_release(note="checked")
        resent = dict(
            produce,
            id=str(uuid.uuid4()),
            resend_of=produce["id"],
            resolved_by=self.supervisor.id,
        )
        results = self.post(resent, finish)
        self.assertEqual([r["status"] for r in results], ["applied", "applied"])
        self.assertEqual(results[1]["workorder"]["qty_produced"], 6)
        self.assertEqual(results[1]["workorder"]["state"], "done")
        failed = self.call(f"/events/{produce['id']}").json()["event"]
        self.assertEqual(failed["resolution"], "resent")
        self.assertTrue(failed["resolved_at"])
        new = self.call(f"/events/{resent['id']}").json()["event"]
        self.assertEqual(new["resend_of"], produce["id"])
        self.assertIsNone(new["resolution"])

    def test_invalid_resend_fields_name_the_field(self):
        for field, value in (("resend_of", "nope"), ("resolved_by", -1)):
            with self.subTest(field=field):
                event = self.event("workorder.start", **{field: value})
                (result,) = self.post(event)
                self.assertEqual(result["status"], "rejected")
                self.assertEqual(result["error"]["code"], "invalid_event")
                self.assertEqual(result["error"]["details"]["field"], field)
                self.assertEqual(
                    result["workorder"]["id"],
                    self.workorder.id,
                    "a rejected result carries the work order",
                )

    def test_finish_without_qty_is_rejected(self):
        (result,) = self.post(self.event("workorder.finish"))
        self.assertEqual(result["error"]["code"], "invalid_event")
        self.assertEqual(result["error"]["details"]["field"], "payload.qty")
        self.assertNotEqual(self.workorder.state, "done")

    def test_decisions(self):
        self.assertError(self.call("/decisions", token=False), 401, "unauthorized")
        self.assertError(self.call("/decisions", {}), 405, "method_not_allowed")
        response = self.call("/decisions")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), {"decisions": []})
        refused = self.event("workorder.start", self.workorder_elsewhere)
        self.post(refused)
        other = self.event("workorder.start")  # not on the other's work centers
        self.ingest_one(other, terminal=self.terminal_other)
        manager = new_test_user(
            self.env, "sf_http_manager", groups="mrp.group_mrp_manager"
        )
        rows = self.ledger(refused) | self.ledger(other)
        rows.with_user(manager).action_ask_resend()
        self.assertEqual(rows.mapped("decision"), ["resend", "resend"])
        decisions = self.call("/decisions").json()["decisions"]
        self.assertEqual(
            [(d["event_id"], d["action"]) for d in decisions],
            [(refused["id"], "resend")],
            "only this terminal's decisions",
        )
        self.assertEqual(decisions[0]["decided_by"], manager.name)
