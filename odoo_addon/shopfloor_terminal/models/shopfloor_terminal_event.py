# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services import ledger_display

_logger = logging.getLogger(__name__)

RETENTION_PARAM = "shopfloor_terminal.ledger_retention_days"
# The contract promises that a replay months late still answers
# "duplicate": the ledger is never purged younger than this.
MIN_RETENTION_DAYS = 90
DEFAULT_RETENTION_DAYS = 180


class ShopfloorTerminalEvent(models.Model):
    _name = "shopfloor.terminal.event"
    _description = "Shop Floor Terminal Event (ledger)"
    _inherit = ["mail.thread"]
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
    event_type = fields.Char(
        string="Type Sent",
        readonly=True,
        index=True,
        help="The event type exactly as the terminal sent it.",
    )
    event_kind = fields.Selection(
        ledger_display.EVENT_KINDS,
        string="Type",
        compute="_compute_event_kind",
        store=True,
        precompute=True,
        help="The event type in words; 'Other' for a type this Odoo does not "
        "know (see Type Sent).",
    )
    # precomputed: set in the ledger row's INSERT, one query per event
    company_id = fields.Many2one(
        related="terminal_id.company_id", store=True, precompute=True, index=True
    )
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
    occurred_at_server = fields.Datetime(
        string="Occurred At (Server Clock)",
        readonly=True,
        help="When the operator acted, corrected by the tablet's clock offset "
        "measured on the batch: the time Odoo's records got.",
    )
    # milliseconds over decades (a clock reset to its default date) do not
    # fit an int4 column
    clock_jump_ms = fields.Float(
        string="Clock Jump (ms)",
        digits=(16, 0),
        readonly=True,
        help="The tablet's clock was set by this much (negative: back) since "
        "its previous event, while it could not measure it against the "
        "server: check the times of this work order.",
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
    error_label = fields.Char(string="Failure", compute="_compute_error_label")
    payload_summary = fields.Html(
        string="Details", compute="_compute_payload_summary", sanitize=False
    )
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
    flag = fields.Char(
        readonly=True,
        index="btree_not_null",
        help="Applied, but someone should look: e.g. components consumed beyond "
        "the bill of materials under its 'warning' rule.",
    )
    resend_of = fields.Char(
        string="Resend Of (ID)",
        readonly=True,
        index="btree_not_null",
        help="The id of the failed event this event was resent for.",
    )
    resend_of_id = fields.Many2one(
        "shopfloor.terminal.event",
        string="Resend Of",
        readonly=True,
        ondelete="set null",
        help="The failed event of this terminal that this event resends.",
    )
    resent_as_id = fields.Many2one(
        "shopfloor.terminal.event",
        string="Resent As",
        readonly=True,
        ondelete="set null",
        help="The event the tablet sent in place of this failed one.",
    )
    resolution = fields.Selection(
        [
            ("resent", "Resent"),
            ("discarded", "Discarded"),
            ("resolved_in_odoo", "Resolved in Odoo"),
        ],
        readonly=True,
        index="btree_not_null",
        help="How this rejected event was dealt with; empty while it needs attention.",
    )
    resolution_reason = fields.Char(readonly=True)
    resolved_by_employee_id = fields.Many2one(
        "hr.employee",
        string="Resolved by",
        readonly=True,
        ondelete="set null",
        help="The supervisor who resolved it on the tablet.",
    )
    resolved_by_user_id = fields.Many2one(
        "res.users",
        string="Resolved by User",
        readonly=True,
        ondelete="set null",
        help="The Odoo user who resolved it in Odoo.",
    )
    resolved_at = fields.Datetime(readonly=True)
    decision = fields.Selection(
        [("resend", "Resend"), ("discard", "Discard")],
        readonly=True,
        help="What a supervisor asked the tablet to do with this failed event.",
    )
    decision_note = fields.Text(readonly=True)
    decided_by_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, ondelete="set null"
    )
    decided_at = fields.Datetime(readonly=True)
    decision_done_at = fields.Datetime(
        string="Decision Carried Out",
        readonly=True,
        help="When the tablet sent the resend or discard for this event; "
        "until then the decision is offered to the tablet at each sync.",
    )

    _event_uuid_unique = models.Constraint(
        "unique(event_uuid)",
        "An event id is recorded once: the ledger is the idempotency guard.",
    )

    @api.depends("event_type")
    def _compute_event_kind(self):
        for row in self:
            row.event_kind = ledger_display.event_kind(row.event_type)

    @api.depends("error_code", "error_message")
    def _compute_error_label(self):
        for row in self:
            row.error_label = ledger_display.error_label(
                row.env, row.error_code, row.error_message
            )

    @api.depends("event_kind", "event_type", "production_id", "employee_id")
    def _compute_display_name(self):
        """ "Scrap · WH/MO/00005 · Marc Demo": what happened, where, by whom."""
        kinds = dict(self._fields["event_kind"]._description_selection(self.env))
        for row in self:
            kind = kinds.get(row.event_kind) if row.event_kind != "other" else False
            parts = [
                kind or row.event_type or self.env._("Event"),
                row.production_id.name,
                row.employee_id.name,
            ]
            row.display_name = " · ".join(str(part) for part in parts if part)

    @api.depends("event_type", "payload")
    def _compute_payload_summary(self):
        for row in self:
            lines = ledger_display.payload_lines(row.env, row.event_type, row.payload)
            row.payload_summary = (
                Markup("<dl class='row mb-0'>%s</dl>")
                % Markup().join(
                    Markup(
                        "<dt class='col-sm-4'>%s</dt><dd class='col-sm-8'>%s</dd>"
                    )
                    % (label, value)
                    for label, value in lines
                )
                if lines
                else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        # Rows are written by the terminals' device users, many a minute: no
        # creation message and no follower per row (the chatter is for people).
        rows = super(
            ShopfloorTerminalEvent,
            self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True),
        ).create(vals_list)
        return rows.with_env(self.env)

    @api.model
    def _selection_result_ref(self):
        return [
            ("mrp.workorder", "Work Order"),
            ("mrp.workcenter.productivity", "Time Line"),
            ("stock.scrap", "Scrap"),
            ("shopfloor.quality.hold", "Quality Hold"),
            ("stock.lot", "Lot/Serial"),
            ("shopfloor.terminal.event", "Terminal Event"),
            ("stock.move", "Component Move"),
            ("mrp.production", "Manufacturing Order"),
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

    @api.model
    def _needs_attention_domain(self):
        """Rejected rows nobody resolved yet: what the terminal counters count."""
        return [("status", "=", "rejected"), ("resolution", "=", False)]

    def _shopfloor_check_supervisor(self):
        # The device user may write its own ledger rows (the ingest does);
        # deciding on them is a person's job.
        if not self.env.user.has_group("mrp.group_mrp_manager"):
            raise AccessError(
                self.env._(
                    "Only a Manufacturing Administrator may decide on "
                    "rejected terminal events."
                )
            )

    def _shopfloor_unresolved(self):
        """The rejected, unresolved rows among these; refuse if there are none."""
        rows = self.filtered_domain(self._needs_attention_domain())
        if not rows:
            raise UserError(
                self.env._(
                    "None of these events is a rejected event that still "
                    "needs attention."
                )
            )
        return rows

    def _shopfloor_decide(self, decision, note=None, resolve=False):
        """Record an office decision the tablet carries out at its next sync.

        ``resolve`` also resolves the rows at once ("Mark resolved"): the
        counters clear now, and the tablet, told to discard, drops its dead
        letter when it syncs. Rows already resolved are skipped, so a bulk
        action on a mixed selection does what it can.
        """
        self._shopfloor_check_supervisor()
        rows = self._shopfloor_unresolved()
        now = fields.Datetime.now()
        vals = {
            "decision": decision,
            "decision_note": note or False,
            "decided_by_id": self.env.user.id,
            "decided_at": now,
            "decision_done_at": False,
        }
        if resolve:
            vals.update(
                {
                    "resolution": "resolved_in_odoo",
                    "resolution_reason": note or False,
                    "resolved_by_user_id": self.env.user.id,
                    "resolved_at": now,
                }
            )
        rows.write(vals)
        return True

    def action_ask_resend(self):
        """Ask the tablet to send these rejected events again, as they are."""
        return self._shopfloor_decide("resend")

    def _shopfloor_open_decision_wizard(self, decision):
        self._shopfloor_check_supervisor()
        rows = self._shopfloor_unresolved()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ask the tablet to discard")
            if decision == "discard"
            else self.env._("Mark resolved"),
            "res_model": "shopfloor.terminal.event.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_event_ids": rows.ids,
                "default_decision": decision,
            },
        }

    def action_ask_discard(self):
        """Ask the tablet to drop these rejected events (with a note)."""
        return self._shopfloor_open_decision_wizard("discard")

    def action_mark_resolved(self):
        """Resolve these rejected events now (with a note); the tablet drops them."""
        return self._shopfloor_open_decision_wizard("resolve")

    def action_release_hold(self):
        """Open the release wizard for the hold that made this event fail."""
        self.ensure_one()
        if self.error_code != "workorder_on_hold":
            raise UserError(self.env._("This event was not refused for a hold."))
        holds = self.workorder_id.shopfloor_active_hold_ids
        if not holds:
            raise UserError(
                self.env._(
                    "The work order has no active hold anymore: ask the tablet "
                    "to resend the event."
                )
            )
        return holds.action_open_release_wizard()

    @api.model
    def _cron_purge(self):
        """Delete ledger entries past the retention, old pairing failures and
        apply locks no request took for a day."""
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
        self.env["shopfloor.terminal.lock"]._purge()
        return True
