# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import NOW, OCCURRED_UTC, ShopfloorCommon


def utc(value):
    return fields.Datetime.to_datetime(value)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestApplyWorkorder(ShopfloorCommon):
    def test_start_opens_a_time_line_at_occurred_at_for_the_operator(self):
        result = self.assertApplied(self.ingest_one(self.event("workorder.start")))
        line = self.workorder.time_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(
            line.date_start,
            utc(OCCURRED_UTC),
            "the time the operator acted, not the replay time",
        )
        self.assertFalse(line.date_end)
        self.assertEqual(line.shopfloor_employee_id, self.operator)
        self.assertEqual(line.user_id, self.terminal.user_id)
        self.assertIn("SF Operator", line.description)
        self.assertEqual(self.workorder.state, "progress")
        self.assertEqual(self.workorder.date_start, utc(OCCURRED_UTC))
        self.assertTrue(result["workorder"]["is_running"])

    def test_start_twice_is_a_no_op(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start")))
        self.assertApplied(self.ingest_one(self.event("workorder.start", minutes=5)))
        self.assertEqual(len(self.workorder.time_ids), 1)

    def test_start_refused_on_a_down_work_center(self):
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "downtime.start", payload={"loss_reason_id": self.loss_failure.id}
                )
            )
        )
        self.assertRejected(
            self.ingest_one(self.event("workorder.start", minutes=1)), "workcenter_down"
        )

    def test_start_refused_on_a_closed_work_order(self):
        self.workorder.button_finish()
        self.assertRejected(
            self.ingest_one(self.event("workorder.start")), "workorder_closed"
        )

    def test_a_held_work_order_can_start(self):
        self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        self.assertApplied(self.ingest_one(self.event("workorder.start")))

    def test_pause_closes_the_timer_at_occurred_at_with_the_reason(self):
        self.ingest_one(self.event("workorder.start"))
        result = self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.pause",
                    minutes=30,
                    payload={"loss_reason_id": self.loss_setup.id},
                )
            )
        )
        line = self.workorder.time_ids
        self.assertEqual(line.date_end, utc("2026-01-10 09:30:00"))
        self.assertEqual(line.duration, 30)
        self.assertIn(self.loss_setup.name, line.description)
        self.assertEqual(
            self.workorder.state,
            "progress",
            "a paused work order stays in progress, as in Odoo",
        )
        self.assertFalse(result["workorder"]["is_running"])

    def test_pause_when_not_running_is_a_no_op(self):
        self.assertApplied(self.ingest_one(self.event("workorder.pause")))
        self.assertFalse(self.workorder.time_ids)

    def test_pause_with_an_unknown_loss_reason_is_rejected(self):
        self.ingest_one(self.event("workorder.start"))
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "workorder.pause", minutes=1, payload={"loss_reason_id": 999999}
                )
            ),
            "reason_unknown",
        )

    def test_produce_adds_to_the_operations_count(self):
        self.assertApplied(
            self.ingest_one(self.event("workorder.produce", payload={"qty": 4}))
        )
        result = self.assertApplied(
            self.ingest_one(
                self.event("workorder.produce", minutes=1, payload={"qty": 2.5})
            )
        )
        self.assertEqual(self.workorder._shopfloor_qty_made(), 6.5)
        self.assertEqual(result["workorder"]["qty_produced"], 6.5)
        # Odoo's own count is written by Done; the MO is producing what was
        # reported (test_odoo_parity.py compares that with Odoo's form)
        self.assertEqual(self.workorder.qty_produced, 0)
        self.assertEqual(self.workorder.production_id.qty_producing, 6.5)

    def test_produce_refuses_bad_quantities(self):
        for qty in (0, -1):
            with self.subTest(qty=qty):
                self.assertRejected(
                    self.ingest_one(
                        self.event("workorder.produce", payload={"qty": qty})
                    ),
                    "qty_invalid",
                )
        for qty in ("3", True, None):
            with self.subTest(qty=qty):
                result = self.assertRejected(
                    self.ingest_one(
                        self.event("workorder.produce", payload={"qty": qty})
                    ),
                    "invalid_event",
                )
                self.assertEqual(result["error"]["details"]["field"], "payload.qty")

    def test_produce_over_tolerance_is_rejected(self):
        self.assertApplied(
            self.ingest_one(self.event("workorder.produce", payload={"qty": 11}))
        )  # 10 + 10 %
        self.assertRejected(
            self.ingest_one(
                self.event("workorder.produce", minutes=1, payload={"qty": 0.5})
            ),
            "qty_over_tolerance",
        )

    def test_produce_tracked_needs_a_lot_and_creates_it(self):
        self.assertRejected(
            self.ingest_one(
                self.event("workorder.produce", self.workorder_lot, payload={"qty": 1})
            ),
            "lot_required",
        )
        result = self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.produce",
                    self.workorder_lot,
                    minutes=1,
                    payload={"qty": 3, "lot_name": "LOT-A"},
                )
            )
        )
        lot = self.workorder_lot.production_id.lot_producing_ids
        self.assertEqual(lot.name, "LOT-A")
        self.assertEqual(lot.product_id, self.product_lot)
        self.assertEqual(
            result["workorder"]["lots_producing"], [{"id": lot.id, "name": "LOT-A"}]
        )

    def test_produce_unknown_lot_refused_when_the_terminal_may_not_create_lots(self):
        self.terminal.allow_lot_creation = False
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "workorder.produce",
                    self.workorder_lot,
                    payload={"qty": 1, "lot_name": "LOT-NEW"},
                )
            ),
            "lot_unknown",
        )
        existing = self.env["stock.lot"].create(
            {"name": "LOT-OLD", "product_id": self.product_lot.id}
        )
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.produce",
                    self.workorder_lot,
                    minutes=1,
                    payload={"qty": 1, "lot_name": "LOT-OLD"},
                )
            )
        )
        self.assertEqual(self.workorder_lot.production_id.lot_producing_ids, existing)

    def test_produce_serials_one_at_a_time_and_never_twice(self):
        wo = self.workorder_serial
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "workorder.produce", wo, payload={"qty": 2, "lot_name": "SN-1"}
                )
            ),
            "serial_qty",
        )
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.produce",
                    wo,
                    minutes=1,
                    payload={"qty": 1, "lot_name": "SN-1"},
                )
            )
        )
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "workorder.produce",
                    wo,
                    minutes=2,
                    payload={"qty": 1, "lot_name": "SN-1"},
                )
            ),
            "serial_already_produced",
        )
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.produce",
                    wo,
                    minutes=3,
                    payload={"qty": 1, "lot_name": "SN-2"},
                )
            )
        )
        self.assertEqual(
            sorted(wo.production_id.lot_producing_ids.mapped("name")), ["SN-1", "SN-2"]
        )
        self.assertEqual(wo._shopfloor_qty_made(), 2)

    def test_produce_on_hold_is_rejected(self):
        self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        self.assertRejected(
            self.ingest_one(self.event("workorder.produce", payload={"qty": 1})),
            "workorder_on_hold",
        )

    def test_finish_closes_the_work_order_at_occurred_at(self):
        self.ingest_one(self.event("workorder.start"))
        self.ingest_one(self.event("workorder.produce", minutes=10, payload={"qty": 4}))
        result = self.assertApplied(
            self.ingest_one(
                self.event("workorder.finish", minutes=45, payload={"qty": 4})
            )
        )
        self.assertEqual(self.workorder.state, "done")
        self.assertEqual(self.workorder.date_finished, utc("2026-01-10 09:45:00"))
        self.assertEqual(self.workorder._shopfloor_qty_made(), 4)
        self.assertTrue(all(self.workorder.time_ids.mapped("date_end")))
        self.assertEqual(
            max(self.workorder.time_ids.mapped("date_end")), utc("2026-01-10 09:45:00")
        )
        self.assertEqual(result["workorder"]["state"], "done")

    def test_work_order_dates_keep_the_terminals_milliseconds(self):
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.finish",
                    occurred_at="2026-01-10T10:45:00.250+01:00",
                    payload={"qty": 10},
                )
            )
        )
        self.assertEqual(
            self.workorder.date_finished,
            utc("2026-01-10 09:45:00").replace(microsecond=250000),
        )

    def test_finish_with_qty_sets_the_final_quantity(self):
        self.ingest_one(self.event("workorder.produce", payload={"qty": 4}))
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.finish", minutes=1, payload={"qty": 9})
            )
        )
        self.assertEqual(self.workorder._shopfloor_qty_made(), 9)

    def test_finish_records_the_operators_quantity_never_odoos_fallback(self):
        # nothing reported yet: Odoo's button_finish alone would record the
        # planned 10
        self.ingest_one(self.event("workorder.start"))
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.finish", minutes=5, payload={"qty": 2})
            )
        )
        self.assertEqual(self.workorder._shopfloor_qty_made(), 2)
        self.assertEqual(self.workorder.state, "done")

    def test_finish_with_the_planned_quantity_says_so(self):
        event = self.event(
            "workorder.finish", payload={"qty": 10, "qty_basis": "planned"}
        )
        self.assertApplied(self.ingest_one(event))
        self.assertEqual(self.workorder._shopfloor_qty_made(), 10)
        self.assertEqual(self.ledger(event).payload["qty_basis"], "planned")

    def test_finish_refusals(self):
        for payload, field in (
            ({}, "payload.qty"),
            ({"qty": None}, "payload.qty"),
            ({"qty": "6"}, "payload.qty"),
            ({"qty": 6, "qty_basis": "guessed"}, "payload.qty_basis"),
        ):
            with self.subTest(payload=payload):
                result = self.assertRejected(
                    self.ingest_one(self.event("workorder.finish", payload=payload)),
                    "invalid_event",
                )
                self.assertEqual(result["error"]["details"]["field"], field)
        for qty in (0, -1):
            with self.subTest(qty=qty):
                self.assertRejected(
                    self.ingest_one(
                        self.event("workorder.finish", payload={"qty": qty})
                    ),
                    "qty_invalid",
                )
        self.assertNotEqual(self.workorder.state, "done")
        self.assertRejected(
            self.ingest_one(self.event("workorder.finish", payload={"qty": 12})),
            "qty_over_tolerance",
        )
        hold = self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        self.assertRejected(
            self.ingest_one(self.event("workorder.finish", payload={"qty": 1})),
            "workorder_on_hold",
        )
        hold.action_release(note="ok")
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.finish", minutes=1, payload={"qty": 1})
            )
        )
        self.assertRejected(
            self.ingest_one(
                self.event("workorder.finish", minutes=2, payload={"qty": 1})
            ),
            "workorder_closed",
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestApplyScrap(ShopfloorCommon):
    def test_scrap_posts_a_done_scrap_even_when_stock_is_short_and_only_once(self):
        result = self.assertApplied(
            self.ingest_one(
                self.event(
                    "scrap.record",
                    payload={
                        "product_id": self.component.id,
                        "qty": 3,
                        "reason_id": self.scrap_reason.id,
                        "note": "fell",
                    },
                )
            )
        )
        scrap = self.workorder.scrap_ids
        self.assertEqual(len(scrap), 1)
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.scrap_qty, 3)
        self.assertEqual(scrap.production_id, self.workorder.production_id)
        self.assertEqual(scrap.scrap_reason_tag_ids, self.scrap_reason)
        self.assertEqual(scrap.date_done, utc(OCCURRED_UTC))
        self.assertEqual(
            len(scrap.move_ids), 1, "scrapped once, although stock was short"
        )
        self.assertEqual(scrap.move_ids.state, "done")
        self.assertEqual(self.ledger_result(result), scrap)

    def ledger_result(self, result):
        return (
            self.env["shopfloor.terminal.event"]
            .search([("event_uuid", "=", result["id"])])
            .result_ref
        )

    def test_scrap_of_a_tracked_product_needs_a_known_lot(self):
        payload = {"product_id": self.product_lot.id, "qty": 1}

        def scrap():
            event = self.event("scrap.record", self.workorder_lot, payload=payload)
            return self.ingest_one(event)

        self.assertRejected(scrap(), "lot_required")
        payload["lot_name"] = "NOPE"
        self.assertRejected(scrap(), "lot_unknown")
        lot = self.env["stock.lot"].create(
            {"name": "LOT-S", "product_id": self.product_lot.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_lot, self.stock_location, 5, lot_id=lot
        )
        payload["lot_name"] = "LOT-S"
        self.assertApplied(scrap())
        self.assertEqual(self.workorder_lot.scrap_ids.lot_id, lot)

    def test_scrap_refusals(self):
        self.assertRejected(
            self.ingest_one(
                self.event("scrap.record", payload={"product_id": 999999, "qty": 1})
            ),
            "product_unknown",
        )
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "scrap.record", payload={"product_id": self.component.id, "qty": 0}
                )
            ),
            "qty_invalid",
        )
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "scrap.record",
                    payload={
                        "product_id": self.component.id,
                        "qty": 1,
                        "reason_id": 999999,
                    },
                )
            ),
            "reason_unknown",
        )
        self.assertFalse(self.workorder.scrap_ids)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestApplyQuality(ShopfloorCommon):
    def test_hold_on_the_work_order(self):
        result = self.assertApplied(
            self.ingest_one(
                self.event(
                    "quality.hold",
                    payload={"reason_id": self.hold_reason.id, "note": "burr"},
                )
            )
        )
        hold = self.workorder.shopfloor_hold_ids
        self.assertEqual(hold.state, "held")
        self.assertEqual(hold.employee_id, self.operator)
        self.assertEqual(hold.date, utc(OCCURRED_UTC))
        self.assertEqual(hold.note, "burr")
        self.assertTrue(result["workorder"]["is_blocked"])
        self.assertEqual(result["workorder"]["holds"][0]["reason"], "SF Scratch")

    def test_hold_on_a_lot_of_the_work_order(self):
        lot = self.env["stock.lot"].create(
            {"name": "SCREW-7", "product_id": self.component.id}
        )
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "quality.hold",
                    payload={"reason_id": self.hold_reason.id, "lot_name": "SCREW-7"},
                )
            )
        )
        hold = self.env["shopfloor.quality.hold"].search([("lot_id", "=", lot.id)])
        self.assertEqual(hold.origin_workorder_id, self.workorder)
        self.assertFalse(
            hold.workorder_id, "a lot hold does not stop the work order itself"
        )
        self.assertTrue(lot.shopfloor_is_held)

    def test_hold_refusals(self):
        self.assertRejected(
            self.ingest_one(self.event("quality.hold", payload={})), "invalid_event"
        )
        self.assertRejected(
            self.ingest_one(self.event("quality.hold", payload={"reason_id": 999999})),
            "reason_unknown",
        )
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "quality.hold",
                    payload={"reason_id": self.hold_reason.id, "lot_name": "X"},
                )
            ),
            "lot_unknown",
        )

    def test_release_needs_the_right_and_an_active_hold(self):
        hold = self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        payload = {"hold_id": hold.id, "note": "measured again"}
        self.assertRejected(
            self.ingest_one(self.event("quality.release", payload=payload)),
            "release_not_allowed",
        )
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "quality.release",
                    payload=payload,
                    minutes=5,
                    employee_id=self.supervisor.id,
                )
            )
        )
        self.assertEqual(hold.state, "released")
        self.assertEqual(hold.released_by_employee_id, self.supervisor)
        self.assertEqual(hold.release_note, "measured again")
        self.assertEqual(hold.release_date, utc("2026-01-10 09:05:00"))
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "quality.release",
                    payload=payload,
                    minutes=6,
                    employee_id=self.supervisor.id,
                )
            ),
            "hold_not_active",
        )
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "quality.release",
                    payload={"hold_id": 999999},
                    employee_id=self.supervisor.id,
                )
            ),
            "hold_unknown",
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestApplyDowntime(ShopfloorCommon):
    def test_downtime_blocks_the_work_center_from_occurred_at_and_ends_at_occurred_at(
        self,
    ):
        self.ingest_one(self.event("workorder.start"))
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "downtime.start",
                    minutes=20,
                    payload={"loss_reason_id": self.loss_failure.id, "note": "belt"},
                )
            )
        )
        self.assertEqual(self.wc_main.working_state, "blocked")
        timer = self.workorder.time_ids
        self.assertEqual(
            timer.date_end,
            utc("2026-01-10 09:20:00"),
            "running timers stop when the line stops",
        )
        down = self.wc_main._shopfloor_open_downtime()
        self.assertEqual(down.loss_id, self.loss_failure)
        self.assertEqual(down.date_start, utc("2026-01-10 09:20:00"))
        self.assertEqual(down.description, "belt")
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "downtime.start",
                    minutes=21,
                    payload={"loss_reason_id": self.loss_failure.id},
                )
            ),
            "downtime_already_open",
        )
        self.assertApplied(self.ingest_one(self.event("downtime.end", minutes=50)))
        self.assertEqual(down.date_end, utc("2026-01-10 09:50:00"))
        self.assertEqual(self.wc_main.working_state, "normal")
        self.assertRejected(
            self.ingest_one(self.event("downtime.end", minutes=51)), "downtime_not_open"
        )

    def test_downtime_needs_a_stopping_loss_reason(self):
        self.assertRejected(
            self.ingest_one(self.event("downtime.start", payload={})), "invalid_event"
        )
        self.assertRejected(
            self.ingest_one(
                self.event(
                    "downtime.start",
                    payload={"loss_reason_id": self.loss_productive.id},
                )
            ),
            "reason_unknown",
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestResolution(ShopfloorCommon):
    def test_work_order_of_another_work_center_is_forbidden(self):
        self.assertRejected(
            self.ingest_one(self.event("workorder.start", self.workorder_elsewhere)),
            "workorder_forbidden",
        )
        self.assertFalse(self.workorder_elsewhere.time_ids)

    def test_unknown_work_order(self):
        self.assertRejected(
            self.ingest_one(self.event("workorder.start", workorder_id=999999)),
            "workorder_not_found",
        )

    def test_operator_must_be_allowed_on_the_terminal(self):
        self.assertRejected(
            self.ingest_one(
                self.event("workorder.start", employee_id=self.outsider.id)
            ),
            "employee_unknown",
        )
        self.assertRejected(
            self.ingest_one(self.event("workorder.start", employee_id=None)),
            "invalid_event",
        )
        self.terminal.require_operator = False
        self.assertApplied(
            self.ingest_one(self.event("workorder.start", employee_id=None))
        )

    def test_malformed_events_are_rejected_and_recorded(self):
        cases = {
            "type": self.event("workorder.explode"),
            "workorder_id": self.event("workorder.start", workorder_id="42"),
            "occurred_at": self.event(
                "workorder.start", occurred_at="2026-01-10 10:00:00"
            ),
            "device_seq": self.event("workorder.start", device_seq=-1),
            "payload": self.event("workorder.start", payload=[1]),
        }
        for field, event in cases.items():
            with self.subTest(field=field):
                result = self.assertRejected(self.ingest_one(event), "invalid_event")
                self.assertEqual(result["error"]["details"]["field"], field)
                self.assertEqual(self.ledger(event).status, "rejected")

    def test_occurred_at_in_the_future_is_rejected(self):
        result = self.assertRejected(
            self.ingest_one(
                self.event("workorder.start", occurred_at="2026-01-10T10:06:00+00:00")
            ),
            "invalid_event",
        )
        self.assertEqual(result["error"]["details"]["field"], "occurred_at")
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.start", occurred_at="2026-01-10T10:04:00Z")
            )
        )
