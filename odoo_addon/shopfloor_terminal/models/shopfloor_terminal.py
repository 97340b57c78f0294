# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets
import uuid
from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import LockError, UserError

from ..services import auth

STALE_AFTER = timedelta(hours=1)
# last_seen_at is bookkeeping: writing it once a minute is precise enough
# and keeps a busy terminal from writing its own row on every request.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
# below this a tablet's clock is "on time" (the terminal warns from here too)
CLOCK_OFF_THRESHOLD = timedelta(minutes=1)


class ShopfloorTerminal(models.Model):
    _name = "shopfloor.terminal"
    _description = "Shop Floor Terminal"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        "shopfloor_terminal_workcenter_rel",
        "terminal_id",
        "workcenter_id",
        string="Work Centers",
        check_company=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Device User",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The least-privilege user whose rights the terminal acts with.",
    )
    state = fields.Selection(
        [("unpaired", "Not paired"), ("paired", "Paired"), ("revoked", "Revoked")],
        string="Status",
        default="unpaired",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    token_hash = fields.Char(copy=False, index=True, groups="base.group_system")
    pairing_code_hash = fields.Char(copy=False, index=True, groups="base.group_system")
    pairing_expires_at = fields.Datetime(readonly=True, copy=False)
    paired_at = fields.Datetime(readonly=True, copy=False)
    revoked_at = fields.Datetime(readonly=True, copy=False)
    device_name = fields.Char(readonly=True, copy=False)
    client_version = fields.Char(readonly=True, copy=False)
    last_seen_at = fields.Datetime(readonly=True, copy=False)
    # milliseconds over decades (a clock reset to its default date) do not
    # fit an int4 column
    clock_offset_ms = fields.Float(
        string="Clock Offset (ms)",
        digits=(16, 0),
        readonly=True,
        copy=False,
        help="The server's clock minus the tablet's, measured on its last "
        "batch of events (negative: the tablet is fast). Event times are "
        "corrected by it.",
    )
    clock_offset_at = fields.Datetime(
        string="Clock Measured At", readonly=True, copy=False
    )
    clock_offset_text = fields.Char(
        string="Tablet Clock", compute="_compute_clock_offset_text"
    )
    require_operator = fields.Boolean(
        default=True, help="Every event must name the operator who signed in."
    )
    allow_operator_list = fields.Boolean(
        default=True,
        help="Operators may pick their name from a list instead of scanning a badge.",
    )
    allow_lot_creation = fields.Boolean(
        default=True,
        help="A produced lot or serial number that does not exist yet is created.",
    )
    allow_production_close = fields.Boolean(
        help="Operators may close the manufacturing order from its last operation "
        "(Odoo's Produce All), with or without a backorder.",
    )
    overproduction_tolerance = fields.Float(
        default=0.1,
        help="How much more than the quantity to produce may be reported (0.1 = 10 %).",
    )
    max_event_failures = fields.Integer(
        string="Failures Before Dead Letter",
        default=5,
        help="An event the server fails to apply unexpectedly this many times is "
        "rejected (internal_error) instead of being retried forever, and waits "
        "for a supervisor.",
    )
    max_event_age_days = fields.Integer(
        string="Oldest Event Accepted (days)",
        default=7,
        help="An event that happened longer ago than this is refused "
        "(occurred_too_old): a tablet whose clock reset must not cost years of "
        "labour into a work order. A supervisor resends it with the right time.",
    )
    allow_all_employees = fields.Boolean(
        string="All Employees May Sign In",
        help="Off (default): only the operators listed on the terminal's work "
        "centers (tab Shop Floor) are sent to the tablet and may sign in; a "
        "work center without a list lets no one in. On: every employee of the "
        "company.",
    )
    missing_operator_list = fields.Boolean(compute="_compute_missing_operator_list")
    require_pin = fields.Boolean(
        string="Ask Operators for Their PIN",
        help="After the badge scan (or picking their name), operators type "
        "their PIN (the employee's PIN, tab HR Settings). The tablet checks it "
        "offline against a salted hash; an operator without a PIN cannot sign "
        "in here. Supervisor actions on the tablet always ask for badge and PIN.",
    )
    credential_salt = fields.Char(
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="Random, per terminal: the operators' badge and PIN hashes sent to "
        "this tablet are salted with it, so they match on no other terminal.",
    )
    operator_hash_cache = fields.Json(
        copy=False,
        groups="base.group_system",
        help="The operators' badge and PIN hashes for this terminal, derived "
        "again only when a badge, a PIN or the salt changes.",
    )
    token_lifetime_days = fields.Integer(
        string="Token Lifetime (days)",
        default=0,
        help="After this many days from pairing, the device's token stops working "
        "(401 token_invalid) and the device must be paired again. 0: never.",
    )
    max_scrap_ratio = fields.Float(
        string="Scrap Cap",
        default=1.0,
        help="The most one scrap may take, as a multiple of the manufacturing "
        "order's quantity of that product (1 = the order's quantity).",
    )
    event_ids = fields.One2many(
        "shopfloor.terminal.event", "terminal_id", string="Events"
    )
    rejected_event_count = fields.Integer(
        compute="_compute_event_stats",
        help="Rejected events nobody resolved yet, on the tablet or in Odoo.",
    )
    retry_event_count = fields.Integer(compute="_compute_event_stats")
    oldest_pending_at = fields.Datetime(
        compute="_compute_event_stats",
        string="Oldest Pending Event",
        help="Received time of the oldest event that is waiting to be sent again.",
    )
    is_stale = fields.Boolean(
        compute="_compute_is_stale",
        search="_search_is_stale",
        string="Not Seen for an Hour",
    )

    _check_max_event_age = models.Constraint(
        "CHECK(max_event_age_days > 0)",
        "The oldest event accepted must be at least one day old.",
    )
    _check_token_lifetime = models.Constraint(
        "CHECK(token_lifetime_days >= 0)",
        "The token lifetime cannot be negative.",
    )
    _check_max_scrap_ratio = models.Constraint(
        "CHECK(max_scrap_ratio > 0)",
        "The scrap cap must be above 0.",
    )
    _check_tolerance = models.Constraint(
        "CHECK(overproduction_tolerance >= 0)",
        "The overproduction tolerance cannot be negative.",
    )
    _check_max_event_failures = models.Constraint(
        "CHECK(max_event_failures >= 1)",
        "An event is tried at least once before it becomes a dead letter.",
    )

    @api.depends("allow_all_employees", "workcenter_ids.shopfloor_employee_ids")
    def _compute_missing_operator_list(self):
        for terminal in self:
            terminal.missing_operator_list = not terminal.allow_all_employees and any(
                not workcenter.shopfloor_employee_ids
                for workcenter in terminal.workcenter_ids
            )

    @api.depends("event_ids.status", "event_ids.resolution")
    def _compute_event_stats(self):
        events = self.env["shopfloor.terminal.event"]
        rejected = dict(
            events._read_group(
                [("terminal_id", "in", self.ids), *events._needs_attention_domain()],
                ["terminal_id"],
                ["__count"],
            )
        )
        pending = {
            terminal: (count, oldest)
            for terminal, count, oldest in events._read_group(
                [("terminal_id", "in", self.ids), ("status", "=", "retry")],
                ["terminal_id"],
                ["__count", "received_at:min"],
            )
        }
        for terminal in self:
            terminal.rejected_event_count = rejected.get(terminal, 0)
            count, oldest = pending.get(terminal, (0, False))
            terminal.retry_event_count = count
            terminal.oldest_pending_at = oldest

    @api.depends("clock_offset_ms", "clock_offset_at")
    def _compute_clock_offset_text(self):
        for terminal in self:
            terminal.clock_offset_text = terminal._shopfloor_clock_text()

    def _shopfloor_clock_text(self):
        if not self.clock_offset_at:
            return self.env._("Not measured yet")
        offset = timedelta(milliseconds=abs(self.clock_offset_ms))
        if offset < CLOCK_OFF_THRESHOLD:
            return self.env._("On time")
        minutes = round(offset.total_seconds() / 60)
        hours, minutes = divmod(minutes, 60)
        amount = (
            self.env._("%(h)s h %(m)s min", h=hours, m=minutes)
            if hours
            else self.env._("%(m)s min", m=minutes)
        )
        if self.clock_offset_ms < 0:
            return self.env._("%(amount)s fast", amount=amount)
        return self.env._("%(amount)s slow", amount=amount)

    @api.depends("last_seen_at", "state")
    def _compute_is_stale(self):
        limit = fields.Datetime.now() - STALE_AFTER
        for terminal in self:
            terminal.is_stale = terminal.state == "paired" and (
                not terminal.last_seen_at or terminal.last_seen_at < limit
            )

    def _search_is_stale(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        limit = fields.Datetime.now() - STALE_AFTER
        stale = [
            ("state", "=", "paired"),
            "|",
            ("last_seen_at", "=", False),
            ("last_seen_at", "<", limit),
        ]
        if (operator == "=") == value:
            return stale
        return ["!", *stale]

    @api.model_create_multi
    def create(self, vals_list):
        terminals = super().create(vals_list)
        for terminal in terminals:
            terminal.user_id = terminal._shopfloor_create_device_user()
        return terminals

    def write(self, vals):
        res = super().write(vals)
        if "name" in vals:
            for terminal in self.filtered("user_id"):
                # sudo: supervisors manage terminals, not users
                terminal.user_id.sudo().name = self._shopfloor_device_user_name(
                    terminal.name
                )
        return res

    def unlink(self):
        users = self.user_id
        res = super().unlink()
        # sudo: the device user is owned by the terminal; it is archived, not
        # deleted, because time lines and scraps still point at it.
        users.sudo().active = False
        return res

    def action_pair_device(self):
        """Open the wizard that shows a fresh one-time pairing code."""
        self.ensure_one()
        code = self.generate_pairing_code()
        wizard = self.env["shopfloor.terminal.pair.wizard"].create(
            {"terminal_id": self.id, "pairing_code": code}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pair a device"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_rotate_token(self):
        """Stop the current token at once and show a new pairing code.

        The device answers 401 token_invalid until it is paired again with
        the new code; unlike a revocation, the terminal and its device user
        stay as they are.
        """
        self.ensure_one()
        # sudo: the hash fields are restricted to administrators
        self.sudo().write({"token_hash": False, "state": "unpaired"})
        self.message_post(body=self.env._("Token rotated: pair the device again."))
        return self.action_pair_device()

    def action_revoke(self):
        """Make the terminal's token fail at once (401 token_revoked)."""
        now = fields.Datetime.now()
        for terminal in self:
            # sudo: the hash fields are restricted to administrators
            terminal.sudo().write(
                {
                    "state": "revoked",
                    "revoked_at": now,
                    "pairing_code_hash": False,
                    "pairing_expires_at": False,
                }
            )
            terminal.message_post(body=self.env._("Terminal revoked."))
        # sudo: a revoked device user must not act anymore, not even by mistake
        self.user_id.sudo().active = False
        return True

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_terminal.shopfloor_terminal_event_action"
        )
        # exactly the rows rejected_event_count counts; the whole ledger is
        # under Manufacturing > Terminals > Terminal Events
        events = self.env["shopfloor.terminal.event"]
        action["domain"] = [
            ("terminal_id", "=", self.id),
            *events._needs_attention_domain(),
        ]
        action["display_name"] = self.env._(
            "%(terminal)s: rejected events to resolve", terminal=self.display_name
        )
        return action

    def generate_pairing_code(self):
        """Return a new one-time pairing code, valid for 15 minutes.

        Callable from code and over JSON-2
        (``/json/2/shopfloor.terminal/generate_pairing_code``);
        the code replaces any earlier one of this terminal.
        """
        self.ensure_one()
        self.check_access("write")
        if not self.active:
            raise UserError(self.env._("An archived terminal cannot be paired."))
        code = auth.new_pairing_code()
        # sudo: the hash fields are restricted to administrators
        self.sudo().write(
            {
                "pairing_code_hash": auth.hash_secret(code),
                "pairing_expires_at": fields.Datetime.now() + auth.PAIRING_CODE_TTL,
            }
        )
        return code

    def _shopfloor_complete_pairing(self, device_name, client_version):
        """Give the device its token; any earlier token stops working."""
        self.ensure_one()
        token = auth.new_token()
        now = fields.Datetime.now()
        self.user_id.active = True
        # The pairing is the device's own act: logged as its device user, not
        # as the anonymous caller (Public user). sudo: the device user may not
        # write its terminal's restricted fields (token hash).
        terminal = self.with_user(self.user_id).sudo()
        terminal.write(
            {
                "token_hash": auth.hash_secret(token),
                "pairing_code_hash": False,
                "pairing_expires_at": False,
                "state": "paired",
                "paired_at": now,
                "revoked_at": False,
                "last_seen_at": now,
                "device_name": device_name,
                "client_version": client_version or False,
            }
        )
        terminal.message_post(
            body=self.env._("Paired with device %(device)s.", device=device_name)
        )
        return token

    def _shopfloor_touch(self, client_version):
        """Record that the terminal was seen, without ever blocking a request."""
        self.ensure_one()
        now = fields.Datetime.now()
        fresh = self.last_seen_at and now - self.last_seen_at < LAST_SEEN_RESOLUTION
        if fresh and (not client_version or client_version == self.client_version):
            return
        vals = {"last_seen_at": now}
        if client_version:
            vals["client_version"] = client_version[:32]
        self._shopfloor_write_unless_busy(vals)

    def _shopfloor_note_clock(self, offset_ms):
        """Record the clock offset measured on a batch, never blocking it."""
        self.ensure_one()
        self._shopfloor_write_unless_busy(
            {"clock_offset_ms": offset_ms, "clock_offset_at": fields.Datetime.now()}
        )

    def _shopfloor_write_unless_busy(self, vals):
        """Write bookkeeping only if the row is free.

        The row lock is only tried (SKIP LOCKED): a concurrent request of
        the same terminal already holds it and records the same facts.
        """
        try:
            with self.env.cr.savepoint():
                if self.try_lock_for_update(allow_referencing=True):
                    self.write(vals)
        except (LockError, psycopg2.errors.SerializationFailure):
            return

    def _shopfloor_device_user_name(self, name):
        return self.env._("Terminal: %(name)s", name=name)

    def _shopfloor_create_device_user(self):
        self.ensure_one()
        group = self.env.ref("shopfloor_terminal.group_shopfloor_terminal_device")
        # sudo: creating users is an administrator right; supervisors create
        # terminals and each terminal needs its own device user.
        return (
            self.env["res.users"]
            .sudo()
            .with_context(no_reset_password=True, mail_create_nosubscribe=True)
            .create(
                {
                    "name": self._shopfloor_device_user_name(self.name),
                    "login": f"shopfloor_terminal_{uuid.uuid4().hex[:12]}",
                    "company_id": self.company_id.id,
                    "company_ids": [fields.Command.set(self.company_id.ids)],
                    "group_ids": [fields.Command.set(group.ids)],
                }
            )
        )

    def _shopfloor_credential_salt(self):
        """The terminal's random salt for badge and PIN hashes, made on first use.

        Made lazily rather than as a field default: Odoo fills a new
        column's default once for all existing rows, which would give every
        terminal of an updated database the same salt.
        """
        self.ensure_one()
        # sudo: the salt is an administrator-only field; the device user's
        # bootstrap reads (and first makes) it
        terminal = self.sudo()
        if not terminal.credential_salt:
            terminal.credential_salt = secrets.token_hex(16)
        return terminal.credential_salt

    def _shopfloor_operators(self):
        """Employees allowed to sign in on this terminal (as sudo).

        The operators listed on the terminal's work centers; a work center
        without a list lets no one in. Every employee of the company only
        when the terminal's "All employees may sign in" is on: the badges of
        a whole company must not reach a tablet by omission.
        """
        self.ensure_one()
        # sudo: badges and languages of employees are HR-only fields; the
        # terminal needs them to identify who signs in, nothing more.
        employees = self.env["hr.employee"].sudo()
        if self.allow_all_employees:
            return employees.search([("company_id", "in", [self.company_id.id, False])])
        return self.workcenter_ids.sudo().shopfloor_employee_ids.filtered("active")
