# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time
from lxml import etree

from odoo.tests import new_test_user, tagged

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestOperatorInOdooViews(ShopfloorCommon):
    """The operator who worked shows in Odoo's own time-tracking screens, not only the
    terminal's device user that created the line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="sf_mrp_manager", groups="mrp.group_mrp_manager"
        )

    def _arch(self, model, view_type):
        views = self.env[model].with_user(self.manager).get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_the_time_line_of_a_terminal_start_names_its_operator(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start")))
        line = self.workorder.time_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.shopfloor_employee_id, self.operator)
        self.assertEqual(line.shopfloor_terminal_id, self.terminal)
        self.assertEqual(line.user_id, self.terminal.user_id)

    def test_productivity_list_search_and_form_show_the_operator(self):
        model = "mrp.workcenter.productivity"
        self.assertTrue(
            self._arch(model, "list").xpath("//field[@name='shopfloor_employee_id']")
        )
        self.assertTrue(
            self._arch(model, "form").xpath("//field[@name='shopfloor_employee_id']")
        )
        search = self._arch(model, "search")
        self.assertTrue(search.xpath("//field[@name='shopfloor_employee_id']"))
        self.assertTrue(
            search.xpath(
                "//filter[@name='shopfloor_operator_group']"
                "[contains(@context, 'shopfloor_employee_id')]"
            )
        )

    def test_the_work_order_time_tracking_tab_shows_the_operator(self):
        arch = self._arch("mrp.workorder", "form")
        self.assertTrue(
            arch.xpath(
                "//field[@name='time_ids']/list/field[@name='shopfloor_employee_id']"
            )
        )

    def test_operators_group_the_time_lines(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start")))
        groups = self.env["mrp.workcenter.productivity"]._read_group(
            [("workorder_id", "=", self.workorder.id)], ["shopfloor_employee_id"]
        )
        self.assertEqual(groups, [(self.operator,)])


@tagged("post_install", "-at_install")
class TestMenusAfterOdoos(ShopfloorCommon):
    def _sequence(self, xmlid):
        return self.env.ref(xmlid).sequence

    def test_the_app_entry_comes_after_odoos_own_in_the_menu_bar(self):
        self.assertGreater(
            self._sequence("shopfloor_terminal.shopfloor_terminal_menu_app"),
            self._sequence("mrp.menu_mrp_reporting"),
        )

    def test_configuration_lists_work_centers_before_terminals(self):
        work_centers = self._sequence("mrp.menu_view_resource_search_mrp")
        routings = self._sequence("mrp.menu_mrp_routing_action")
        for xmlid in (
            "shopfloor_terminal.shopfloor_terminal_menu",
            "shopfloor_terminal.shopfloor_hold_reason_menu",
        ):
            self.assertGreater(self._sequence(xmlid), max(work_centers, routings))


@tagged("post_install", "-at_install")
class TestBackendRightsAndBanners(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mrp_user = new_test_user(
            cls.env, login="sf_mrp_user", groups="mrp.group_mrp_user"
        )
        cls.mrp_manager = new_test_user(
            cls.env, login="sf_mrp_manager2", groups="mrp.group_mrp_manager"
        )

    def _buttons(self, user):
        arch = etree.fromstring(
            self.env["shopfloor.terminal"]
            .with_user(user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        return {b.get("name") for b in arch.xpath("//header/button")}

    def test_pair_and_revoke_show_only_to_who_may_use_them(self):
        self.assertFalse(
            {"action_pair_device", "action_revoke"} & self._buttons(self.mrp_user)
        )
        self.assertLessEqual(
            {"action_pair_device", "action_revoke"}, self._buttons(self.mrp_manager)
        )

    def test_the_manufacturing_order_shows_a_hold_banner(self):
        arch = etree.fromstring(
            self.env["mrp.production"]
            .with_user(self.mrp_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        banners = arch.xpath(
            "//div[hasclass('alert-danger')]"
            "[contains(@invisible, 'shopfloor_hold_count')]"
        )
        self.assertEqual(len(banners), 1)
