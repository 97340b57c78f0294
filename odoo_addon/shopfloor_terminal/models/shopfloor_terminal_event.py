# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

RETENTION_PARAM = "shopfloor_terminal.ledger_retention_days"
# The contract promises that a replay months late still answers
# "duplicate": the ledger is never purged younger than this.
MIN_RETENTION_DAYS = 90
DEFAULT_RETENTION_DAYS = 180


class ShopfloorTerminalEvent(models.Model):
    _name = "shopfloor.terminal.event"
    _description = "Shop Floor Terminal Event (ledger)"
    _order = "received_at desc, id desc"
    _rec_name = "event_uuid"

    event_uuid = fields.Char(
        string="Event ID",
        required=True,
        readonly=True,
        help="The idempotency key made on the tablet.",
    )
    terminal_id = fields.Many2one(
        "shopfloor.terminal",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    event_type = fields.Char(string="Type", readonly=True, index=True)
    workorder_id = fields.Many2one(
        "mrp.workorder",
        string="Work Order",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    workorder_ref = fields.Integer(
        string="Work Order ID Sent",
        readonly=True,
        help="The work order id as the terminal sent it.",
    )
    # not stored: an insert per event must stay one query (searchable anyway)
    production_id = fields.Many2one(
        related="workorder_id.production_id", string="Manufacturing Order"
    )
    workcenter_id = fields.Many2one(related="workorder_id.workcenter_id")
    # JavaScript integers reach 2**53: more than an int4 column holds
    device_seq = fields.Float(string="Device Sequence", digits=(16, 0), readonly=True)
    employee_id = fields.Many2one(
        "hr.employee", string="Operator", readonly=True, ondelete="set null"
    )
    occurred_at = fields.Datetime(
        readonly=True, help="When the operator acted, on the tablet's clock."
    )
    received_at = fields.Datetime(
        required=True, readonly=True, index=True, default=fields.Datetime.now
    )
    applied_at = fields.Datetime(readonly=True)
    content_hash = fields.Char(
        readonly=True, help="sha256 of the event's canonical content."
    )
    payload = fields.Json(readonly=True)
    status = fields.Selection(
        [("applied", "Applied"), ("rejected", "Rejected"), ("retry", "Retry")],
        required=True,
        readonly=True,
        index=True,
    )
    error = fields.Json(readonly=True)
    error_code = fields.Char(readonly=True, index="btree_not_null")
    error_message = fields.Char(readonly=True)
    correlation_id = fields.Char(readonly=True, index="btree_not_null")
    attempt_count = fields.Integer(default=1, readonly=True)
    failure_count = fields.Integer(
        string="Unexpected Failures",
        readonly=True,
        help="Times the server failed to apply this event for an unexpected "
        "reason; at the terminal's limit it is rejected as internal_error.",
    )
    result_ref = fields.Reference(
        selection="_selection_result_ref", string="Resulting Record", readonly=True
    )
    acknowledged = fields.Boolean(
        help="A supervisor has looked at this rejected event."
    )

    _event_uuid_unique = models.Constraint(
        "unique(event_uuid)",
        "An event id is recorded once: the ledger is the idempotency guard.",
    )

    @api.model
    def _selection_result_ref(self):
        return [
            ("mrp.workorder", "Work Order"),
            ("mrp.workcenter.productivity", "Time Line"),
            ("stock.scrap", "Scrap"),
            ("shopfloor.quality.hold", "Quality Hold"),
            ("stock.lot", "Lot/Serial"),
        ]

    def action_open_result(self):
        """Open the Odoo record this event produced (or its work order)."""
        self.ensure_one()
        record = self.result_ref or self.workorder_id
        if not record:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_acknowledge(self):
        self.filtered(lambda event: event.status == "rejected").acknowledged = True
        return True

    @api.model
    def _cron_purge(self):
        """Delete ledger entries past the retention, and old pairing failures."""
        param = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM)
        try:
            days = int(param) if param else DEFAULT_RETENTION_DAYS
        except ValueError:
            days = DEFAULT_RETENTION_DAYS
        days = max(days, MIN_RETENTION_DAYS)
        limit = fields.Datetime.now() - timedelta(days=days)
        old = self.search([("received_at", "<", limit)])
        _logger.info(
            "shopfloor ledger retention %s days: purging %s events", days, len(old)
        )
        old.unlink()
        self.env["shopfloor.terminal.pairing.attempt"]._purge()
        return True
