# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.shopfloor_terminal.services.errors import ShopfloorApiError
from odoo.addons.shopfloor_terminal.services.workorder_delta import (
    WorkorderDelta,
    parse_limit,
)
from odoo.addons.shopfloor_terminal.services.workorder_serializer import (
    serialize_workorder,
)

from .common import ShopfloorCommon


@tagged("post_install", "-at_install")
class TestWorkorderDelta(ShopfloorCommon):
    def setUp(self):
        super().setUp()
        self.delta = WorkorderDelta(self.device_terminal())
        self.now = self.env.cr.now()

    def cursor_since(self, since, issued=None):
        state = {
            "since": since,
            "pass_start": None,
            "after_id": 0,
            "known": {},
            "seen": {},
        }
        return self.delta._encode(state, issued or self.now)

    def ids(self, page):
        return [item["id"] for item in page["items"]]

    def test_full_sync_lists_the_terminals_open_work_orders_page_by_page(self):
        mine = (self.workorder | self.workorder_lot | self.workorder_serial).sorted(
            "id"
        )
        first = self.delta.page(None, 2)
        self.assertEqual(self.ids(first), mine.ids[:2])
        self.assertTrue(first["has_more"])
        self.assertEqual(first["removed"], [])
        second = self.delta.page(first["next_cursor"], 2)
        self.assertEqual(self.ids(second), mine.ids[2:])
        self.assertFalse(second["has_more"])
        self.assertNotIn(
            self.workorder_elsewhere.id, self.ids(first) + self.ids(second)
        )

    def test_set_rules_done_cancelled_and_draft(self):
        self.workorder.button_finish()
        self.workorder_lot.production_id.action_cancel()
        draft = self._make_workorder(self.product)
        draft.production_id.state = "draft"
        ids = self.ids(self.delta.page(None, 100))
        self.assertIn(self.workorder.id, ids, "finished in the last 24 hours")
        self.assertNotIn(self.workorder_lot.id, ids)
        self.assertNotIn(draft.id, ids, "draft MOs are not released to the floor")
        self.workorder.with_context(bypass_duration_calculation=True).write(
            {
                "date_start": self.now - timedelta(hours=26),
                "date_finished": self.now - timedelta(hours=25),
            }
        )
        self.assertNotIn(self.workorder.id, self.ids(self.delta.page(None, 100)))

    def test_a_cursor_after_the_last_change_returns_nothing(self):
        page = self.delta.page(self.cursor_since(self.now + timedelta(seconds=1)), 100)
        self.assertEqual(
            (page["items"], page["removed"], page["has_more"]), ([], [], False)
        )

    def test_delta_returns_what_changed_and_what_left(self):
        before = self.now - timedelta(seconds=1)
        self.workorder_lot.production_id.action_cancel()
        self.workorder_serial.workcenter_id = self.wc_other
        page = self.delta.page(self.cursor_since(before), 100)
        self.assertIn(self.workorder.id, self.ids(page))
        self.assertEqual(
            sorted(page["removed"]),
            sorted([self.workorder_lot.id, self.workorder_serial.id]),
        )
        self.assertNotIn(
            self.workorder_elsewhere.id, page["removed"], "never mine: not listed"
        )

    def test_the_overlap_of_passes_sends_nothing_twice_but_sends_new_versions(self):
        head = self.delta.page(None, 100)["next_cursor"]
        again = self.delta.page(head, 100)
        self.assertEqual(
            (again["items"], again["removed"]),
            ([], []),
            "nothing changed since the head",
        )
        self.workorder.qty_produced = 1
        changed = self.delta.page(head, 100)
        self.assertEqual(self.ids(changed), [self.workorder.id])
        self.assertEqual(
            changed["items"][0]["version"],
            serialize_workorder(self.workorder)["version"],
        )
        self.assertEqual(self.ids(self.delta.page(changed["next_cursor"], 100)), [])

    def test_the_last_page_cursor_starts_the_next_pass_a_margin_before_this_one(self):
        page = self.delta.page(None, 100)
        state = self.delta._decode(page["next_cursor"], self.now)
        self.assertEqual(state["after_id"], 0)
        self.assertLess(state["since"], self.now)
        self.assertGreaterEqual(state["since"], self.now - timedelta(minutes=5))

    def test_unusable_cursors_expire(self):
        cursors = {
            "garbage": "not-a-cursor",
            "tampered": self.cursor_since(self.now)[:-3] + "AAA",
            "old": self.cursor_since(self.now, issued=self.now - timedelta(days=31)),
        }
        for name, cursor in cursors.items():
            with self.subTest(cursor=name), self.assertRaises(
                ShopfloorApiError
            ) as caught:
                self.delta.page(cursor, 10)
            self.assertEqual(caught.exception.code, "cursor_expired")
        cursor = self.cursor_since(self.now)
        self.terminal.workcenter_ids = [Command.link(self.wc_other.id)]
        with self.assertRaises(ShopfloorApiError) as caught:
            WorkorderDelta(self.device_terminal()).page(cursor, 10)
        self.assertEqual(
            caught.exception.code,
            "cursor_expired",
            "its work centers changed: full sync",
        )
        other_terminal_cursor = WorkorderDelta(
            self.device_terminal(self.terminal_other)
        ).page(None, 1)["next_cursor"]
        with self.assertRaises(ShopfloorApiError):
            WorkorderDelta(self.device_terminal()).page(other_terminal_cursor, 10)

    def test_limit_bounds(self):
        self.assertEqual(parse_limit(None), 500)
        self.assertEqual(parse_limit("1000"), 1000)
        for bad in ("0", "1001", "x", "-5"):
            with self.subTest(limit=bad), self.assertRaises(ShopfloorApiError):
                parse_limit(bad)

    def test_version_changes_when_anything_shown_changes(self):
        versions = [serialize_workorder(self.workorder)["version"]]
        self.assertEqual(
            serialize_workorder(self.workorder)["version"],
            versions[0],
            "stable while nothing changes",
        )
        self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        versions.append(serialize_workorder(self.workorder)["version"])
        self.workorder.qty_produced = 1
        versions.append(serialize_workorder(self.workorder)["version"])
        self.workorder.production_id.priority = "1"
        versions.append(serialize_workorder(self.workorder)["version"])
        self.assertEqual(len(set(versions)), 4)

    def test_workorder_shape(self):
        data = serialize_workorder(self.workorder)
        self.assertEqual(
            set(data),
            {
                "id",
                "name",
                "sequence",
                "production",
                "product",
                "work_center",
                "state",
                "is_running",
                "qty_production",
                "qty_produced",
                "qty_producing",
                "lots_producing",
                "duration_expected",
                "duration",
                "date_start",
                "date_finished",
                "components",
                "consumption",
                "components_availability_state",
                "components_expected_date",
                "holds",
                "is_blocked",
                "note",
                "instructions",
                "open_instructions_on_start",
                "attachments",
                "version",
            },
        )
        self.assertEqual(
            data["work_center"],
            {"id": self.wc_main.id, "name": "SF Assembly", "code": "SFA"},
        )
        self.assertEqual(data["product"]["tracking"], "none")
        self.assertEqual(data["components"][0]["product"]["barcode"], "SF-SCREW")
        self.assertEqual(data["components"][0]["qty_required"], 20)
        component = data["components"][0]
        self.assertEqual(
            component["move_id"], self.workorder.production_id.move_raw_ids.id
        )
        self.assertEqual(component["lots"], [])
        # nothing of the screws is in stock: short, as Odoo's column says
        self.assertTrue(component["availability"]["is_short"])
        self.assertEqual(component["availability"]["qty_reserved"], 0)
        self.assertEqual(data["components_availability_state"], "unavailable")
        self.assertEqual(data["consumption"], "warning")  # a new BoM's default
        self.assertEqual(data["production"]["state"], "confirmed")
