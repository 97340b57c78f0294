# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import chatter

RELEASE_GROUP = "shopfloor_terminal.group_shopfloor_quality_release"
# fields only a release may set
RELEASE_FIELDS = {
    "state",
    "release_date",
    "release_note",
    "released_by_employee_id",
    "released_by_user_id",
}


class ShopfloorQualityHold(models.Model):
    """A lot or a work order that must not go on until someone releases it.

    While held, the work order cannot finish (Odoo's own buttons included)
    and the lot cannot be consumed or delivered.
    """

    _name = "shopfloor.quality.hold"
    _description = "Quality Hold"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        required=True, readonly=True, copy=False, default=lambda self: self.env._("New")
    )
    state = fields.Selection(
        [("held", "Held"), ("released", "Released")],
        default="held",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Lot/Serial", index="btree_not_null", tracking=True
    )
    workorder_id = fields.Many2one(
        "mrp.workorder",
        string="Work Order",
        index="btree_not_null",
        tracking=True,
        help="Set when the work order itself is held.",
    )
    origin_workorder_id = fields.Many2one(
        "mrp.workorder",
        string="Reported at",
        help="The work order where the hold was reported.",
    )
    production_id = fields.Many2one(
        "mrp.production",
        compute="_compute_production_id",
        store=True,
        index="btree_not_null",
        string="Manufacturing Order",
    )
    product_id = fields.Many2one(
        "product.product", compute="_compute_product_id", store=True, string="Product"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    reason_id = fields.Many2one("shopfloor.hold.reason", required=True, string="Reason")
    note = fields.Text()
    employee_id = fields.Many2one("hr.employee", string="Held by")
    terminal_id = fields.Many2one("shopfloor.terminal", readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    released_by_employee_id = fields.Many2one(
        "hr.employee", string="Released by", readonly=True
    )
    released_by_user_id = fields.Many2one(
        "res.users", string="Released by User", readonly=True
    )
    release_date = fields.Datetime(readonly=True)
    release_note = fields.Text(readonly=True)

    @api.depends("workorder_id.production_id", "origin_workorder_id.production_id")
    def _compute_production_id(self):
        for hold in self:
            hold.production_id = (
                hold.workorder_id or hold.origin_workorder_id
            ).production_id

    @api.depends("lot_id.product_id", "workorder_id.product_id")
    def _compute_product_id(self):
        for hold in self:
            hold.product_id = hold.lot_id.product_id or hold.workorder_id.product_id

    @api.constrains("lot_id", "workorder_id")
    def _check_target(self):
        for hold in self:
            if not hold.lot_id and not hold.workorder_id:
                raise ValidationError(
                    self.env._("A hold is on a lot, a work order, or both.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                # sudo: terminals create holds but do not read sequences
                vals["name"] = (
                    sequence.sudo().next_by_code("shopfloor.quality.hold") or "/"
                )
        # the generic "created" note would be signed by a terminal's device
        # user; _shopfloor_announce says who held what, and why
        holds = super(
            ShopfloorQualityHold, self.with_context(mail_create_nolog=True)
        ).create(vals_list)
        holds = holds.with_env(self.env)
        holds._shopfloor_announce()
        return holds

    def _shopfloor_announce(self):
        """Note each new hold in its chatter; give its quality responsible a to-do."""
        for hold in self:
            body = chatter.lines(
                self.env._("Held: %(reason)s", reason=hold.reason_id.name),
                hold.note,
            )
            chatter.post(hold, body, hold.employee_id)
            responsible = hold._shopfloor_quality_responsible()
            if responsible:
                hold.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=responsible.id,
                    summary=self.env._(
                        "Review quality hold: %(reason)s", reason=hold.reason_id.name
                    ),
                    note=hold.note or False,
                )

    def _shopfloor_quality_responsible(self):
        """Who reviews this hold: the reason's responsible, else the MO's.

        A user who may not read holds is skipped (Odoo refuses to assign
        them an activity, and the hold must still be recorded).
        """
        self.ensure_one()
        user = self.reason_id.responsible_id or self.production_id.user_id
        if user and self.with_user(user).has_access("read"):
            return user
        return self.env["res.users"]

    def write(self, vals):
        # The ACL lets manufacturing users edit holds (note, reason); the
        # release itself is the Quality release group's, also over RPC.
        if RELEASE_FIELDS & set(vals):
            self._check_can_release()
        return super().write(vals)

    def _compute_display_name(self):
        for hold in self:
            target = hold.lot_id.name or hold.workorder_id.display_name or ""
            hold.display_name = f"{hold.name} ({target})" if target else hold.name

    def _check_can_release(self):
        if not self.env.su and not self.env.user.has_group(RELEASE_GROUP):
            raise AccessError(
                self.env._(
                    "Releasing a quality hold needs the Quality release group "
                    "(Manufacturing administrators have it)."
                )
            )

    def action_release(self, note=None, employee=None, release_date=None):
        """Release held holds (Quality release group); a released hold is refused."""
        self._check_can_release()
        return self._release(note=note, employee=employee, release_date=release_date)

    def _release(self, note=None, employee=None, release_date=None):
        """Release held holds for whoever was checked by the caller.

        The terminal path checks its own rules (a releaser's badge, the
        terminal's work centers) and calls this; people go through
        :meth:`action_release`.
        """
        if self.filtered(lambda hold: hold.state != "held"):
            raise UserError(self.env._("Only a held hold can be released."))
        # sudo: the caller checked who may release (see the docstring); the
        # user releasing is still recorded below.
        self.sudo().write(
            {
                "state": "released",
                "release_date": release_date or fields.Datetime.now(),
                "release_note": note or False,
                "released_by_employee_id": employee.id if employee else False,
                "released_by_user_id": self.env.user.id,
            }
        )
        for hold in self:
            chatter.post(
                hold, chatter.lines(self.env._("Released."), note), employee
            )
        return True

    def action_open_release_wizard(self):
        self._check_can_release()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Release Hold"),
            "res_model": "shopfloor.quality.hold.release.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_hold_ids": self.ids},
        }

    @api.model
    def _held_domain_for_workorders(self, workorders):
        """Holds that stop these work orders: on them, or on the lots they produce."""
        return [
            ("state", "=", "held"),
            "|",
            ("workorder_id", "in", workorders.ids),
            ("lot_id", "in", workorders.production_id.lot_producing_ids.ids),
        ]
