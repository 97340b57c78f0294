# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time
from lxml import etree

from odoo.tests import new_test_user, tagged

from ..services import auth
from ..services.pairing_url import LOOPBACK, PLAIN_HTTP, base_url_problem
from .common import NOW, ShopfloorCommon
from .test_ledger_display import rows_opened


def arch(env, model, view_type):
    views = env[model].get_views([(False, view_type)])
    return etree.fromstring(views["views"][view_type]["arch"])


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestOperatorsVisibleInOdoo(ShopfloorCommon):
    """What a terminal records in Odoo names the operator, not only the device."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mrp_user = new_test_user(
            cls.env, login="sf_ops_user", groups="mrp.group_mrp_user"
        )

    def _scrap(self, note=None):
        payload = {"product_id": self.component.id, "qty": 1}
        if note:
            payload["note"] = note
        event = self.event("scrap.record", payload=payload)
        # with mail's automatic messages, as in production
        terminal = self.terminal.with_context(tracking_disable=False)
        self.assertApplied(self.ingest_one(event, terminal=terminal))
        return self.ledger(event).result_ref

    def test_a_scrap_carries_its_operator_and_terminal(self):
        scrap = self._scrap()
        self.assertEqual(scrap._name, "stock.scrap")
        self.assertEqual(scrap.shopfloor_employee_id, self.operator)
        self.assertEqual(scrap.shopfloor_terminal_id, self.terminal)

    def test_a_scrap_made_in_odoo_has_no_operator(self):
        scrap = self.env["stock.scrap"].create(
            {"product_id": self.component.id, "scrap_qty": 1}
        )
        self.assertFalse(scrap.shopfloor_employee_id)

    def test_odoos_scrap_screens_show_and_group_by_the_operator(self):
        env = self.env(user=self.mrp_user)
        self.assertTrue(
            arch(env, "stock.scrap", "form").xpath(
                "//field[@name='shopfloor_employee_id']"
            )
        )
        self.assertTrue(
            arch(env, "stock.scrap", "list").xpath(
                "//field[@name='shopfloor_employee_id']"
            )
        )
        search = arch(env, "stock.scrap", "search")
        self.assertTrue(search.xpath("//field[@name='shopfloor_employee_id']"))
        self.assertTrue(
            search.xpath(
                "//filter[contains(@context, \"'group_by': 'shopfloor_employee_id'\")]"
            )
        )

    def test_the_scrap_note_reads_operator_via_terminal(self):
        scrap = self._scrap(note="Cracked housing")
        (message,) = scrap.message_ids
        self.assertIn("Cracked housing", message.body)
        self.assertFalse(message.author_id)
        self.assertEqual(message.email_from, "SF Operator via SF Tablet")

    def test_a_scrap_without_a_note_is_still_signed_by_its_operator(self):
        scrap = self._scrap()
        self.assertEqual(
            scrap.message_ids.mapped("email_from"), ["SF Operator via SF Tablet"]
        )

    def test_pairing_is_logged_by_the_terminal_not_the_public_user(self):
        code = self.terminal.generate_pairing_code()
        public = self.env.ref("base.public_user")
        auth.pair(
            self.env(user=public),
            {"pairing_code": code, "device_name": "Tab 7", "client_version": "1.0.0"},
            "127.0.0.1",
        )
        (message,) = self.terminal.message_ids.filtered(
            lambda m: "Tab 7" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.terminal.user_id.partner_id)
        self.assertNotEqual(message.author_id, public.partner_id)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestHoldsInOdoo(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quality = new_test_user(
            cls.env,
            login="sf_quality",
            groups="mrp.group_mrp_user,"
            "shopfloor_terminal.group_shopfloor_quality_release",
        )
        cls.planner = new_test_user(
            cls.env, login="sf_planner", groups="mrp.group_mrp_user"
        )
        cls.portal = new_test_user(
            cls.env, login="sf_portal", groups="base.group_portal"
        )

    def _hold_from_the_terminal(self, note="Scratch on the lid"):
        event = self.event(
            "quality.hold",
            payload={"reason_id": self.hold_reason.id, "note": note},
        )
        self.assertApplied(self.ingest_one(event))
        return self.ledger(event).result_ref

    def test_a_new_hold_is_noted_in_its_chatter_by_the_operator(self):
        hold = self._hold_from_the_terminal()
        (message,) = hold.message_ids
        self.assertEqual(message.email_from, "SF Operator via SF Tablet")
        self.assertIn(self.hold_reason.name, message.body)
        self.assertIn("Scratch on the lid", message.body)

    def test_the_reasons_quality_responsible_gets_a_to_do(self):
        self.hold_reason.responsible_id = self.quality
        self.workorder.production_id.user_id = self.planner
        hold = self._hold_from_the_terminal()
        self.assertEqual(hold.activity_ids.user_id, self.quality)
        self.assertIn(self.hold_reason.name, hold.activity_ids.summary)

    def test_without_one_the_mos_responsible_gets_the_to_do(self):
        self.workorder.production_id.user_id = self.planner
        hold = self._hold_from_the_terminal()
        self.assertEqual(hold.activity_ids.user_id, self.planner)

    def test_a_responsible_who_cannot_read_holds_gets_none_and_the_hold_stands(self):
        self.hold_reason.responsible_id = self.portal
        self.workorder.production_id.user_id = False
        hold = self._hold_from_the_terminal()
        self.assertEqual(hold.state, "held")
        self.assertFalse(hold.activity_ids)

    def test_the_release_note_is_posted_in_the_chatter(self):
        hold = self._hold_from_the_terminal()
        event = self.event(
            "quality.release",
            payload={"hold_id": hold.id, "note": "Polished, fine"},
            employee_id=self.supervisor.id,
            minutes=1,
        )
        self.assertApplied(self.ingest_one(event))
        message = hold.message_ids.filtered(lambda m: "Polished" in (m.body or ""))
        self.assertEqual(message.email_from, "SF Supervisor via SF Tablet")

    def test_a_release_in_odoo_is_posted_by_the_user(self):
        hold = self._hold_from_the_terminal()
        wizard = (
            self.env["shopfloor.quality.hold.release.wizard"]
            .with_user(self.quality)
            .create({"hold_ids": [(6, 0, hold.ids)], "note": "Checked twice"})
        )
        wizard.action_release()
        message = hold.message_ids.filtered(lambda m: "Checked twice" in (m.body or ""))
        self.assertEqual(message.author_id, self.quality.partner_id)

    def test_hold_smart_buttons_open_what_they_count(self):
        self._hold_from_the_terminal()
        released = self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        released.action_release(note="fine")
        for record in (self.workorder, self.workorder.production_id):
            with self.subTest(model=record._name):
                opened = rows_opened(self.env, record.action_view_shopfloor_holds())
                self.assertEqual(record.shopfloor_hold_count, 1)
                self.assertEqual(len(opened), record.shopfloor_hold_count)
                self.assertNotIn(released, opened)

    def test_the_lots_hold_button_opens_what_it_counts(self):
        lot = self.env["stock.lot"].create(
            {"name": "LOT-BUTTON", "product_id": self.component.id}
        )
        held, released = self.env["shopfloor.quality.hold"].create(
            [{"lot_id": lot.id, "reason_id": self.hold_reason.id}] * 2
        )
        released.action_release(note="fine")
        opened = rows_opened(self.env, lot.action_view_shopfloor_holds())
        self.assertEqual(lot.shopfloor_hold_count, 1)
        self.assertEqual(opened, held)

    def test_work_orders_are_found_by_mo_number(self):
        production = self.workorder.production_id
        found = self.env["mrp.workorder"].name_search(production.name)
        self.assertIn(self.workorder.id, [wid for wid, _name in found])

    def test_the_hold_form_offers_no_create_and_no_release_before_save(self):
        form = arch(self.env(user=self.quality), "shopfloor.quality.hold", "form")
        for name in ("workorder_id", "lot_id"):
            (field,) = form.xpath(f"//sheet//field[@name='{name}']")
            self.assertIn("'no_create': True", field.get("options", ""))
        (release,) = form.xpath("//button[@name='action_open_release_wizard']")
        self.assertIn("not id", release.get("invisible"))


@tagged("post_install", "-at_install")
class TestPairingAddressWarning(ShopfloorCommon):
    def test_addresses_a_tablet_cannot_use(self):
        cases = {
            "http://localhost:8069": LOOPBACK,
            "http://127.0.0.1:8069": LOOPBACK,
            "https://127.0.1.1": LOOPBACK,
            "http://[::1]:8069": LOOPBACK,
            "http://0.0.0.0:8069": LOOPBACK,
            "": LOOPBACK,
            "http://odoo.plant.lan:8069": PLAIN_HTTP,
            "http://192.168.1.20:8069": PLAIN_HTTP,
            "https://odoo.example.com": None,
        }
        for url, problem in cases.items():
            with self.subTest(url=url):
                self.assertEqual(base_url_problem(url), problem)

    def _wizard_warning(self, base_url):
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", base_url)
        action = self.terminal.action_pair_device()
        return self.env[action["res_model"]].browse(action["res_id"]).base_url_warning

    def test_the_pairing_wizard_warns_of_loopback_and_plain_http(self):
        self.assertIn("cannot reach", self._wizard_warning("http://localhost:8069"))
        self.assertIn("HTTPS", self._wizard_warning("http://odoo.plant.lan"))
        self.assertFalse(self._wizard_warning("https://odoo.example.com"))
