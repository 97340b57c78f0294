# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The tablet discards with the reason "Discarded in Odoo by <name>: <note>",
# and a discard reason holds at most 200 characters.
NOTE_MAX = 120


class ShopfloorTerminalEventDecisionWizard(models.TransientModel):
    _name = "shopfloor.terminal.event.decision.wizard"
    _description = "Decide on Rejected Terminal Events"

    event_ids = fields.Many2many(
        "shopfloor.terminal.event",
        "shopfloor_event_decision_wizard_event_rel",
        "wizard_id",
        "event_id",
        string="Events",
        required=True,
    )
    decision = fields.Selection(
        [("discard", "Ask the tablet to discard"), ("resolve", "Mark resolved")],
        required=True,
        default="discard",
    )
    note = fields.Char(
        help="Why; the tablet shows it with the discarded event.",
    )

    @api.constrains("note")
    def _check_note(self):
        for wizard in self:
            if wizard.note and len(wizard.note) > NOTE_MAX:
                raise ValidationError(
                    self.env._(
                        "Keep the note under %(max)s characters.", max=NOTE_MAX
                    )
                )

    def action_confirm(self):
        self.ensure_one()
        self.event_ids._shopfloor_decide(
            "discard",
            note=(self.note or "").strip() or None,
            resolve=self.decision == "resolve",
        )
        return {"type": "ir.actions.act_window_close"}
