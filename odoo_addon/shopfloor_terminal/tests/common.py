# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures built from scratch (no demo data): a plant with two work
centers, products with each tracking, a confirmed MO per product, two
terminals, operators and reasons."""

import json
import uuid

from odoo import Command
from odoo.tests import HttpCase, TransactionCase
from odoo.tools import SQL

from odoo.addons.shopfloor_terminal.services.event_ingest import EventIngest

# Every test runs at this instant (freeze_time); events happen an hour
# before, as if replayed after an hour offline.
API = "/shopfloor_terminal/v1"
NOW = "2026-01-10 10:00:00"
OCCURRED = "2026-01-10T10:00:00+01:00"  # 09:00 UTC
OCCURRED_UTC = "2026-01-10 09:00:00"
# when the fixtures' work orders were created
CREATED = "2026-01-09 08:00:00"


def at(minutes):
    """occurred_at ``minutes`` after OCCURRED, as the terminal sends it."""
    hours, mins = divmod(minutes, 60)
    return f"2026-01-10T{10 + hours:02d}:{mins:02d}:00+01:00"


class ShopfloorCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.stock_location = cls.env.ref("stock.stock_location_stock")
        cls.wc_main, cls.wc_other = cls.env["mrp.workcenter"].create(
            [
                {"name": "SF Assembly", "code": "SFA", "resource_calendar_id": False},
                {"name": "SF Paint", "code": "SFP", "resource_calendar_id": False},
            ]
        )
        cls.component = cls.env["product.product"].create(
            {"name": "SF Screw", "is_storable": True, "barcode": "SF-SCREW"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "SF Drawer", "is_storable": True}
        )
        cls.product_lot = cls.env["product.product"].create(
            {"name": "SF Panel", "is_storable": True, "tracking": "lot"}
        )
        cls.product_serial = cls.env["product.product"].create(
            {"name": "SF Motor", "is_storable": True, "tracking": "serial"}
        )
        cls.operator, cls.supervisor, cls.outsider = cls.env["hr.employee"].create(
            [
                {"name": "SF Operator", "barcode": "SF0001"},
                {
                    "name": "SF Supervisor",
                    "barcode": "SF0002",
                    "shopfloor_can_release_holds": True,
                },
                {"name": "SF Outsider", "barcode": "SF0003"},
            ]
        )
        (cls.wc_main | cls.wc_other).shopfloor_employee_ids = [
            Command.set((cls.operator | cls.supervisor).ids)
        ]
        cls.terminal = cls.env["shopfloor.terminal"].create(
            {"name": "SF Tablet", "workcenter_ids": [Command.set(cls.wc_main.ids)]}
        )
        cls.terminal_other = cls.env["shopfloor.terminal"].create(
            {
                "name": "SF Paint Tablet",
                "workcenter_ids": [Command.set(cls.wc_other.ids)],
            }
        )
        cls.hold_reason = cls.env["shopfloor.hold.reason"].create(
            {"name": "SF Scratch"}
        )
        cls.scrap_reason = cls.env["stock.scrap.reason.tag"].create(
            {"name": "SF Dropped"}
        )
        cls.loss_failure = cls.env.ref(
            "mrp.block_reason1"
        )  # Equipment Failure (availability)
        cls.loss_setup = cls.env.ref("mrp.block_reason2")  # Setup and Adjustments
        cls.loss_productive = cls.env.ref("mrp.block_reason7")
        cls.workorder = cls._make_workorder(cls.product)
        cls.workorder_lot = cls._make_workorder(cls.product_lot)
        cls.workorder_serial = cls._make_workorder(cls.product_serial, qty=2)
        cls.workorder_elsewhere = cls._make_workorder(
            cls.product, workcenter=cls.wc_other
        )

    @classmethod
    def _make_workorder(cls, product, qty=10, workcenter=None):
        production = cls._make_routing(product, [workcenter or cls.wc_main], qty)
        return production.workorder_ids

    @classmethod
    def _make_routing(cls, product, workcenters, qty=10):
        """A confirmed MO whose BoM has one operation per work center given."""
        bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 2})
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": f"SF Step {index + 1}" if index else "SF Assemble",
                            "workcenter_id": workcenter.id,
                            "sequence": 10 * (index + 1),
                            "time_cycle_manual": 6,
                        }
                    )
                    for index, workcenter in enumerate(workcenters)
                ],
            }
        )
        production = cls.env["mrp.production"].create(
            {"product_id": product.id, "product_qty": qty, "bom_id": bom.id}
        )
        production.action_confirm()
        cls.backdate(production.workorder_ids)
        return production

    @classmethod
    def backdate(cls, workorders):
        """Date the work orders' creation before the fixtures' events.

        ``create_date`` is PostgreSQL's transaction time, which freeze_time
        cannot move, and an event before its work order existed is refused.
        """
        cls.env.cr.execute(
            SQL(
                "UPDATE mrp_workorder SET create_date = %s WHERE id IN %s",
                CREATED,
                tuple(workorders.ids),
            )
        )
        workorders.invalidate_recordset(["create_date"])

    # -- helpers -------------------------------------------------------------

    @classmethod
    def device_terminal(cls, terminal=None):
        """The terminal in its device user's env: how the API runs it."""
        terminal = terminal or cls.terminal
        return terminal.with_user(terminal.user_id)

    def event(self, event_type, workorder=None, payload=None, minutes=0, **overrides):
        event = {
            "id": str(uuid.uuid4()),
            "type": event_type,
            "workorder_id": (workorder or self.workorder).id,
            "occurred_at": at(minutes),
            "device_seq": overrides.pop("device_seq", minutes),
            "employee_id": self.operator.id,
            "payload": payload or {},
        }
        event.update(overrides)
        return event

    def ingest(self, *events, terminal=None):
        # as a request does: nothing read by the test's admin env is cached
        self.env.invalidate_all()
        service = EventIngest(self.device_terminal(terminal), "test-correlation")
        return service.ingest({"events": list(events)})

    def ingest_one(self, event, terminal=None):
        (result,) = self.ingest(event, terminal=terminal)
        return result

    def assertApplied(self, result):
        self.assertEqual(result["status"], "applied", result.get("error"))
        return result

    def assertRejected(self, result, code):
        self.assertEqual(result["status"], "rejected", result)
        self.assertEqual(result["error"]["code"], code, result["error"])
        return result

    def ledger(self, event):
        return self.env["shopfloor.terminal.event"].search(
            [("event_uuid", "=", event["id"])]
        )


class ShopfloorHttpCommon(HttpCase, ShopfloorCommon):
    """The fixtures, paired, and the terminal API called over real HTTP."""

    def setUp(self):
        super().setUp()
        self.token = self.terminal._shopfloor_complete_pairing("Test tablet", "1.0.0")
        # The HTTP server runs on the real clock (freeze_time cannot reach
        # it) while the fixtures' events are dated 2026-01-10.
        self.terminal.max_event_age_days = 36500

    def call(self, path, body=None, token=True, headers=None, method=None, raw=None):
        all_headers = {"Content-Type": "application/json", "X-Terminal-Client": "1.0.0"}
        if token:
            all_headers[
                "Authorization"
            ] = f"Bearer {self.token if token is True else token}"
        all_headers.update(headers or {})
        data = (
            raw if raw is not None else (json.dumps(body) if body is not None else None)
        )
        return self.url_open(
            API + path,
            data=data,
            headers=all_headers,
            method=method or ("POST" if data else "GET"),
        )

    def assertError(self, response, status, code):
        self.assertEqual(response.status_code, status, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        body = response.json()
        self.assertEqual(set(body), {"error"})
        self.assertEqual(
            set(body["error"]), {"code", "message", "details", "correlation_id"}
        )
        self.assertEqual(body["error"]["code"], code)
        self.assertIsInstance(body["error"]["details"], dict)
        self.assertTrue(body["error"]["message"])
        self.assertEqual(
            body["error"]["correlation_id"], response.headers["X-Correlation-ID"]
        )
        return body["error"]
