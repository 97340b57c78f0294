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
