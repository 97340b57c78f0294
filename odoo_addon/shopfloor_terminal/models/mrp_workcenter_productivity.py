# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError


class MrpWorkcenterProductivity(models.Model):
    _inherit = "mrp.workcenter.productivity"

    # Named with a prefix: Enterprise's mrp_workorder_hr adds "employee_id".
    shopfloor_employee_id = fields.Many2one(
        "hr.employee", string="Operator", index="btree_not_null"
    )
    shopfloor_terminal_id = fields.Many2one(
        "shopfloor.terminal", string="Terminal", index="btree_not_null"
    )

    def _close(self):
        """Close timers at the terminal's ``occurred_at`` instead of "now".

        Odoo's own ``_close`` stamps the current time; replaying an offline
        shift must cost it as it ran. Same logic as Odoo's (split off the
        time over the expected duration as a performance loss), only the
        closing time differs; without the context key Odoo's code runs.
        """
        occurred_at = self.env.context.get("shopfloor_occurred_at")
        if not occurred_at:
            return super()._close()
        underperformance_timers = self.browse()
        for timer in self:
            workorder = timer.workorder_id
            timer.write({"date_end": max(occurred_at, timer.date_start)})
            if workorder.duration > workorder.duration_expected:
                productive_date_end = timer.date_end - relativedelta(
                    minutes=workorder.duration - workorder.duration_expected
                )
                if productive_date_end <= timer.date_start:
                    underperformance_timers |= timer
                else:
                    underperformance_timers |= timer.copy(
                        {"date_start": productive_date_end}
                    )
                    timer.write({"date_end": productive_date_end})
        if underperformance_timers:
            underperformance_type = self.env["mrp.workcenter.productivity.loss"].search(
                [("loss_type", "=", "performance")], limit=1
            )
            if not underperformance_type:
                raise UserError(
                    self.env._(
                        "You need to define at least one unactive productivity loss "
                        "in the category 'Performance'."
                    )
                )
            underperformance_timers.write({"loss_id": underperformance_type.id})
        return None
