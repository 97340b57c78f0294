# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"
    # A work order reads "WH/MO/00005 - Assembly" (Odoo's display name): it is
    # found by what it shows, the MO number too, not by the operation alone.
    _rec_names_search = ["name", "production_id.name"]

    shopfloor_hold_ids = fields.One2many(
        "shopfloor.quality.hold", "workorder_id", string="Holds on this Work Order"
    )
    shopfloor_active_hold_ids = fields.Many2many(
        "shopfloor.quality.hold",
        compute="_compute_shopfloor_active_hold_ids",
        string="Active Quality Holds",
        help="Held holds on this work order or on the lots it produces.",
    )
    shopfloor_hold_count = fields.Integer(compute="_compute_shopfloor_active_hold_ids")
    shopfloor_left_workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        "shopfloor_workorder_left_workcenter_rel",
        "workorder_id",
        "workcenter_id",
        string="Former Work Centers",
        copy=False,
        help="Work centers this work order was moved away from; "
        "their terminals drop it.",
    )

    shopfloor_serial_ids = fields.Many2many(
        "stock.lot",
        "shopfloor_workorder_serial_rel",
        "workorder_id",
        "lot_id",
        string="Serials Reported",
        copy=False,
        help="Serial numbers this operation reported from a terminal. Every "
        "operation of a serial routing reports the serials of its MO once.",
    )
    shopfloor_qty_reported = fields.Float(
        string="Quantity Reported",
        digits="Product Unit",
        copy=False,
        help="What terminals reported made on this operation before it was "
        "finished. Odoo's own count, Quantity Done, is written when the "
        "operation is finished.",
    )

    def _shopfloor_qty_made(self):
        """What this operation made: Odoo's Quantity Done once finished,
        else what terminals reported (or a Quantity Done set in Odoo)."""
        self.ensure_one()
        if self.state == "done":
            return self.qty_produced
        return max(self.qty_produced, self.shopfloor_qty_reported)

    @api.depends(
        "shopfloor_hold_ids.state",
        "production_id.lot_producing_ids.shopfloor_hold_ids.state",
    )
    def _compute_shopfloor_active_hold_ids(self):
        holds = self.env["shopfloor.quality.hold"]
        for workorder in self:
            if not workorder.id:
                workorder.shopfloor_active_hold_ids = holds
                workorder.shopfloor_hold_count = 0
                continue
            active = holds.search(holds._held_domain_for_workorders(workorder))
            workorder.shopfloor_active_hold_ids = active
            workorder.shopfloor_hold_count = len(active)

    def write(self, vals):
        if "workcenter_id" in vals:
            for workorder in self:
                if workorder.workcenter_id.id != vals["workcenter_id"]:
                    workorder.shopfloor_left_workcenter_ids = [
                        fields.Command.link(workorder.workcenter_id.id)
                    ]
        return super().write(vals)

    def button_finish(self):
        # A quality hold must stop Odoo's own Finish/Done buttons too, and
        # MO closing (button_mark_done finishes its work orders this way).
        held = self.filtered(
            lambda wo: wo.state not in ("done", "cancel")
            and wo.shopfloor_active_hold_ids
        )
        if held:
            raise UserError(
                self.env._(
                    "Work order %(workorders)s is on quality hold (%(holds)s); "
                    "release the hold before finishing it.",
                    workorders=", ".join(held.mapped("display_name")),
                    holds=", ".join(
                        held.shopfloor_active_hold_ids.mapped("display_name")
                    ),
                )
            )
        return super().button_finish()

    def _prepare_timeline_vals(self, duration, date_start, date_end=False):
        # Events replayed from a terminal carry the time the operator acted;
        # Odoo stamps "now", which would cost an offline shift at replay time.
        occurred_at = self.env.context.get("shopfloor_occurred_at")
        if occurred_at:
            date_start = occurred_at
        vals = super()._prepare_timeline_vals(duration, date_start, date_end=date_end)
        employee_id = self.env.context.get("shopfloor_employee_id")
        terminal_id = self.env.context.get("shopfloor_terminal_id")
        if terminal_id:
            vals["shopfloor_terminal_id"] = terminal_id
        if employee_id:
            employee = self.env["hr.employee"].browse(employee_id)
            vals["shopfloor_employee_id"] = employee_id
            # sudo: the operator's name, for a line readable in Odoo's screens
            vals["description"] = self.env._(
                "Time Tracking: %(operator)s", operator=employee.sudo().name
            )
        return vals

    def action_view_shopfloor_holds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_terminal.shopfloor_quality_hold_action"
        )
        # the holds the button counts (those that stop this work order),
        # released ones one filter away
        action["domain"] = [
            "|",
            ("workorder_id", "=", self.id),
            ("lot_id", "in", self.production_id.lot_producing_ids.ids),
        ]
        action["context"] = {
            "default_workorder_id": self.id,
            "search_default_filter_held": 1,
        }
        return action
