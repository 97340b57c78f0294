# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Applying one terminal event to Odoo: one ``_apply_<type>`` per event type.

Once the terminal is authorized for the work order (workorder_authority.py),
every applier runs as the terminal's device user without record rules and
calls Odoo's own business methods (``button_start``, ``button_pending``,
``button_finish``, ``stock.scrap.action_validate``, ``button_block``,
``unblock``), so Odoo's
rules run as they do for a person. The times Odoo records are the event's
``occurred_at``: it reaches Odoo's time-line code through the
``shopfloor_occurred_at`` context key (see mrp_workorder.py and
mrp_workcenter_productivity.py), and dates Odoo stamps with "now" outside
those hooks are corrected right after the call.

A business refusal raises :class:`EventRefused` with a code of the
contract; the caller rolls back the event's savepoint.
"""

from dataclasses import dataclass
from datetime import timedelta

from odoo import Command

from . import chatter, event_resolution, operator_lines
from .component_consume import apply_component_consume
from .errors import EventRefused
from .event_schema import MAX_ID, check_envelope, invalid, read_payload
from .event_time import clock_jump_ms
from .event_time_bounds import check_closes_after_start, check_event_time
from .production_close import apply_production_close
from .supervisor_check import check_supervisor_action
from .wire import is_int, is_number, parse_timestamp, parse_uuid
from .workcenter_downtime import Downtimes
from .workorder_authority import acting_env, authorize_workorder
from .workorder_produce import apply_produce, set_finished_quantity

MAX_CLOCK_AHEAD = timedelta(minutes=5)


def read_discard(payload):
    """The failed event's id and the reason of an ``event.discard``."""
    event_uuid = parse_uuid(payload.get("event_id"))
    if event_uuid is None:
        raise invalid("payload.event_id", "the failed event's id (a UUID)")
    reason = payload.get("reason")
    reason = reason.strip() if isinstance(reason, str) else ""
    if not 1 <= len(reason) <= event_resolution.DISCARD_REASON_MAX or (
        "\x00" in reason
    ):
        raise invalid(
            "payload.reason",
            f"1 to {event_resolution.DISCARD_REASON_MAX} characters",
        )
    return event_uuid, reason


@dataclass(frozen=True)
class EventContext:
    """A validated event, its records resolved in the terminal's env."""

    event_id: str
    event_type: str
    workorder: object
    occurred_at: object
    device_seq: int
    employee: object
    payload: dict
    # the supervisor who resolved the failed event this one resends
    resolved_by: object
    # occurred_at above is corrected by the batch's clock skew (event_time.py)
    device_occurred_at: object = None
    clock_jump_ms: int | None = None


@dataclass(frozen=True)
class Outcome:
    workorder: object
    record: object = None


class EventApplier:
    """Applies the events of one batch; lookups are kept for the batch."""

    def __init__(self, terminal, clock):
        self.terminal = terminal
        self.env = acting_env(terminal)
        self.clock = clock
        self._workorders = {}
        self._operators = None
        self.downtimes = Downtimes(self.env)

    def forget(self):
        """Forget what the batch read that a rolled-back savepoint may have
        changed (the authorizations and operators stay true)."""
        self.downtimes.forget()

    # -- validation and resolution -----------------------------------------

    def prepare(self, event):
        """Validate the envelope of one event and resolve its records."""
        event_type = check_envelope(event)
        device_occurred_at = parse_timestamp(event.get("occurred_at"))
        if device_occurred_at is None:
            raise invalid("occurred_at", "an ISO 8601 time with offset")
        occurred_at = self.clock.corrected(device_occurred_at)
        if occurred_at > self.clock.received_at + MAX_CLOCK_AHEAD:
            raise invalid(
                "occurred_at", "more than 5 minutes ahead of the server clock"
            )
        payload = read_payload(event_type, event.get("payload"))
        workorder_id = event["workorder_id"]
        employee_id = event.get("employee_id")
        if event_type == "event.discard":
            # A discard only touches the terminal's own ledger: it needs no
            # rights on a work order the terminal may have lost, only a
            # supervisor of the terminal (or an office decision, carried out
            # with nobody signed in).
            event_uuid, _reason = read_discard(payload)
            check_supervisor_action(self.terminal, employee_id, event_uuid, "discard")
            workorder = self.optional_workorder(workorder_id)
            employee = self._known_employee(employee_id)
        else:
            if event.get("resend_of"):
                check_supervisor_action(
                    self.terminal,
                    event.get("resolved_by"),
                    parse_uuid(event["resend_of"]),
                    "resend",
                )
            workorder = self._resolve_workorder(workorder_id)
            employee = self._resolve_employee(employee_id)
            # judged on the corrected time (event_time.py), against the
            # server's clock when the batch arrived
            check_event_time(
                occurred_at,
                self.clock.received_at,
                workorder,
                self.terminal.max_event_age_days,
            )
        return EventContext(
            event_id=event["id"],
            event_type=event_type,
            workorder=workorder,
            occurred_at=occurred_at,
            device_seq=event["device_seq"],
            employee=employee,
            payload=payload,
            resolved_by=self._known_employee(event.get("resolved_by")),
            device_occurred_at=device_occurred_at,
            clock_jump_ms=clock_jump_ms(event),
        )

    def optional_workorder(self, workorder_id):
        """The work order if it exists and is still the terminal's, else empty."""
        if is_int(workorder_id) and 0 < workorder_id <= MAX_ID:
            try:
                return self._resolve_workorder(workorder_id)
            except EventRefused:
                pass
        return self.env["mrp.workorder"]

    def _resolve_workorder(self, workorder_id):
        if workorder_id not in self._workorders:
            try:
                self._workorders[workorder_id] = authorize_workorder(
                    self.terminal, workorder_id
                )
            except EventRefused as refusal:
                self._workorders[workorder_id] = refusal
        found = self._workorders[workorder_id]
        if isinstance(found, EventRefused):
            raise found
        return found

    def _resolve_employee(self, employee_id):
        if employee_id is None:
            if self.terminal.require_operator:
                raise invalid(
                    "employee_id", "required: this terminal requires operator sign-in"
                )
            return self.env["hr.employee"]
        if self._operators is None:
            self._operators = self.terminal._shopfloor_operators()
        operators = self._operators
        if employee_id not in operators.ids:
            raise EventRefused(
                "employee_unknown",
                "This operator is not allowed on this terminal.",
                {"employee_id": employee_id},
            )
        return operators.browse(employee_id)

    def _known_employee(self, employee_id):
        """A supervisor who resolved a failed event, when Odoo knows the employee.

        Never a reason to refuse a resolution: a resend carries the
        operator's record, and the supervisor may have left the terminal's
        work centers since.
        """
        employees = self.env["hr.employee"]
        if employee_id is None or not 0 < employee_id <= MAX_ID:
            return employees
        # sudo: employees are HR records; only whether the id exists is read
        known = employees.sudo().search_count(
            [
                ("id", "=", employee_id),
                ("company_id", "in", [self.terminal.company_id.id, False]),
            ],
            limit=1,
        )
        return employees.browse(employee_id) if known else employees

    # -- dispatch ----------------------------------------------------------

    def apply(self, ctx):
        method = getattr(self, "_apply_" + ctx.event_type.replace(".", "_"))
        return method(ctx)

    def _odoo_context(self, ctx):
        return {
            # time lines are kept to the second, as Odoo's own are
            "shopfloor_occurred_at": ctx.occurred_at.replace(microsecond=0),
            "shopfloor_employee_id": ctx.employee.id or False,
            "shopfloor_terminal_id": self.terminal.id,
        }

    # -- work order --------------------------------------------------------

    def _apply_workorder_start(self, ctx):
        workorder = ctx.workorder
        self._check_open(workorder)
        if self._own_open_timers(workorder):
            return Outcome(workorder)  # already running: nothing to do
        workcenter = workorder.workcenter_id
        self.downtimes.check_up_at(workcenter, ctx.occurred_at)
        self._switch_operator(ctx)
        # A "blocked" work order (waiting for an earlier operation or for
        # components) starts as Odoo's own Start button starts it:
        # button_start refuses only a down work center and done/cancelled.
        first_start = workorder.state != "progress"
        with self.downtimes.before_open(workcenter) as downtime:
            workorder.with_context(**self._odoo_context(ctx)).button_start()
        if downtime:
            # the downtime that began after the start stopped its timer then
            first = downtime[:1]
            first.with_context(shopfloor_occurred_at=first.date_start).button_block()
        if (
            first_start
            and workorder.date_start
            and ctx.occurred_at < workorder.date_start
        ):
            workorder.with_context(
                bypass_duration_calculation=True
            ).date_start = ctx.occurred_at
        return Outcome(workorder)

    def _apply_workorder_pause(self, ctx):
        workorder = ctx.workorder
        loss = self._optional_reason(
            ctx, "loss_reason_id", "mrp.workcenter.productivity.loss", "loss reason"
        )
        timers = self._own_open_timers(workorder)
        if not timers:
            return Outcome(workorder)  # not running: a pause is a no-op
        check_closes_after_start(ctx.occurred_at, timers)
        operator_lines.check_closing(
            self.env, ctx.employee, timers, ctx.occurred_at.replace(microsecond=0)
        )
        workorder.with_context(**self._odoo_context(ctx)).button_pending()
        if loss:
            for timer in timers:
                timer.description = self.env._(
                    "%(description)s — paused: %(reason)s",
                    description=timer.description or "",
                    reason=loss.name,
                )
        return Outcome(workorder)

    def _apply_workorder_produce(self, ctx):
        # through Odoo's "Quantity Producing" (workorder_produce.py)
        return Outcome(ctx.workorder, apply_produce(self, ctx) or None)

    def _apply_workorder_finish(self, ctx):
        """Finish with the quantity the operator confirmed on screen.

        As a person finishes in Odoo: the work order's "Quantity Producing"
        set to the quantity (workorder_produce.py), then Done
        (``action_mark_as_done``). ``button_finish`` picks the unpicked
        component moves at that quantity, closes every timer (``end_all``),
        writes ``qty_produced`` from it and marks the work order done. Its
        fallback to the planned quantity never applies: the event's ``qty``
        is always set first; when the operator chose the planned quantity
        on screen, ``qty`` is that quantity and ``qty_basis`` says so (kept
        in the ledger's payload).
        """
        workorder = ctx.workorder
        self._check_open(workorder)
        # mrp.workorder.action_mark_as_done refuses a down work center (and
        # Odoo hides Done there), judged when the operator finished
        self.downtimes.check_up_at(workorder.workcenter_id, ctx.occurred_at)
        self._check_not_held(workorder)
        # zero or less: finishing with nothing made is a cancellation, which
        # belongs to a supervisor in Odoo
        qty = self._positive_qty(ctx)
        self._check_tolerance(workorder, qty)
        if workorder.product_id.tracking == "serial":
            self._check_serial_count(ctx, qty)
        running = workorder.time_ids.filtered(lambda line: not line.date_end)
        check_closes_after_start(ctx.occurred_at, running)
        operator_lines.check_closing(
            self.env, ctx.employee, running, ctx.occurred_at.replace(microsecond=0)
        )
        if ctx.payload.get("lot_name") is not None:
            self._produced_lot(ctx, qty=None)
        set_finished_quantity(workorder, qty)
        with self.downtimes.before_open(workorder.workcenter_id):
            self._mark_as_done(ctx)
        vals = {"date_finished": ctx.occurred_at}
        if not workorder.date_start or workorder.date_start > ctx.occurred_at:
            vals["date_start"] = ctx.occurred_at
        workorder.with_context(bypass_duration_calculation=True).write(vals)
        return Outcome(workorder)

    def _switch_operator(self, ctx):
        """Close the operator's running line elsewhere at the start's time."""
        at = ctx.occurred_at.replace(microsecond=0)
        switched = operator_lines.lines_to_switch_from(
            self.env, self.terminal, ctx.employee, at
        )
        if switched:
            # Odoo's timer closing (mrp.workcenter.productivity._close) at
            # occurred_at, as a pause there would have closed it
            switched.with_context(shopfloor_occurred_at=at)._close()

    def _mark_as_done(self, ctx):
        """Odoo's Done button (mrp.workorder.action_mark_as_done), at occurred_at.

        Without any time logged, Odoo's Done logs the expected duration as
        one time line ending "now"; on the terminal's work order it ends when
        the operator finished.
        """
        workorder = ctx.workorder
        logged = workorder.time_ids
        workorder.with_context(**self._odoo_context(ctx)).action_mark_as_done()
        estimated = workorder.time_ids - logged
        if estimated:
            end = ctx.occurred_at.replace(microsecond=0)
            start = end - timedelta(minutes=workorder.duration_expected)
            estimated.write({"date_start": start, "date_end": end})

    # -- scrap -------------------------------------------------------------

    def _apply_scrap_record(self, ctx):
        workorder = ctx.workorder
        if workorder.state == "cancel":
            raise EventRefused("workorder_closed", "This work order is cancelled.")
        product_id = ctx.payload.get("product_id")
        if not is_int(product_id):
            raise invalid("payload.product_id", "an integer")
        product = self.env["product.product"].search(
            [("id", "=", product_id)] + self._company_domain()
        )
        if not product or product.type != "consu":
            raise EventRefused(
                "product_unknown",
                "This product does not exist or cannot be scrapped.",
                {"product_id": product_id},
            )
        qty = self._positive_qty(ctx)
        self._check_scrap_of_order(workorder.production_id, product, qty)
        lot = self.env["stock.lot"]
        if product.tracking != "none":
            lot = self._existing_lot(
                self._lot_name(ctx),
                product,
                "This product is tracked: scan its lot or serial number.",
                "No such lot or serial number for this product.",
            )
        reasons = self._optional_reason(
            ctx, "reason_id", "stock.scrap.reason.tag", "scrap reason"
        )
        production = workorder.production_id
        # Odoo's "Scrap created" would be signed by the device user; the
        # operator's own note below says it instead
        scraps = self.env["stock.scrap"].with_context(mail_create_nolog=True)
        scrap = scraps.create(
            {
                "product_id": product.id,
                "product_uom_id": product.uom_id.id,
                "scrap_qty": qty,
                "lot_id": lot.id or False,
                "production_id": production.id,
                "workorder_id": workorder.id,
                "company_id": production.company_id.id,
                "origin": production.name,
                "scrap_reason_tag_ids": [Command.set(reasons.ids)],
                "shopfloor_employee_id": ctx.employee.id or False,
                "shopfloor_terminal_id": self.terminal.id,
            }
        ).with_env(self.env)
        result = scrap.action_validate()
        if isinstance(result, dict) and scrap.state == "draft":
            # Short stock: Odoo answers with its "insufficient quantity"
            # wizard and scraps nothing. A scrap on the floor is a fact, so
            # do what the wizard's confirm button does (do_scrap), once.
            scrap.do_scrap()
        # the scrap, its stock move and move lines happened at occurred_at
        scrap.date_done = ctx.occurred_at
        scrap.move_ids.date = ctx.occurred_at
        scrap.move_ids.move_line_ids.date = ctx.occurred_at
        chatter.post(
            scrap,
            chatter.lines(
                self.env._("Scrapped on the shop floor."), self._operator_note(ctx)
            ),
            ctx.employee,
        )
        return Outcome(workorder, scrap)

    def _check_scrap_of_order(self, production, product, qty):
        """Scrap what the MO makes or uses, at most its quantity of it.

        As Odoo's Scrap button on a manufacturing order
        (``mrp.production.button_scrap`` offers the products of its
        component and finished moves), capped at the MO's quantity of that
        product times the terminal's scrap cap.
        """
        moves = (production.move_raw_ids | production.move_finished_ids).filtered(
            lambda move: move.product_id == product and move.state != "cancel"
        )
        if not moves:
            raise EventRefused(
                "product_forbidden",
                "This product is neither made nor used by this manufacturing "
                "order; scrap it where it is used.",
                {"product_id": product.id},
            )
        cap = sum(moves.mapped("product_qty")) * self.terminal.max_scrap_ratio
        if product.uom_id.compare(qty, cap) > 0:
            raise EventRefused(
                "scrap_over_cap",
                "This is more than can be scrapped on this order at once.",
                {"qty": qty, "max_qty": cap},
            )

    # -- quality -----------------------------------------------------------

    def _apply_quality_hold(self, ctx):
        workorder = ctx.workorder
        reason = self._optional_reason(
            ctx, "reason_id", "shopfloor.hold.reason", "hold reason"
        )
        if not reason:
            raise invalid("payload.reason_id", "required: a hold needs a reason")
        lot = self.env["stock.lot"]
        lot_name = self._lot_name(ctx)
        if lot_name:
            products = (
                workorder.product_id | workorder.production_id.move_raw_ids.product_id
            )
            lot = self._find_lot(lot_name, products)
            if not lot:
                raise EventRefused(
                    "lot_unknown",
                    "No such lot or serial number on this work order.",
                    {"lot_name": lot_name},
                )
        hold = self.env["shopfloor.quality.hold"].create(
            {
                "lot_id": lot.id or False,
                "workorder_id": False if lot else workorder.id,
                "origin_workorder_id": workorder.id,
                "reason_id": reason.id,
                "note": self._operator_note(ctx) or False,
                "employee_id": ctx.employee.id or False,
                "terminal_id": self.terminal.id,
                "company_id": workorder.company_id.id,
                "date": ctx.occurred_at,
            }
        )
        return Outcome(workorder, hold)

    def _apply_quality_release(self, ctx):
        hold_id = ctx.payload.get("hold_id")
        if not is_int(hold_id):
            raise invalid("payload.hold_id", "an integer")
        hold = self.env["shopfloor.quality.hold"].search(
            [("id", "=", hold_id)] + self._company_domain()
        )
        if not hold:
            raise EventRefused(
                "hold_unknown", "This hold does not exist.", {"hold_id": hold_id}
            )
        if not self._hold_within_workcenters(hold):
            raise EventRefused(
                "hold_forbidden",
                "This hold is not on a work order or lot of the terminal's "
                "work centers; release it there or in Odoo.",
                {"hold_id": hold_id},
            )
        if hold.state != "held":
            raise EventRefused(
                "hold_not_active",
                "This hold was already released.",
                {"hold_id": hold_id},
            )
        if not ctx.employee or not ctx.employee.shopfloor_can_release_holds:
            raise EventRefused(
                "release_not_allowed",
                "This operator may not release quality holds.",
                {"employee_id": ctx.employee.id or None},
            )
        hold._release(
            note=self._operator_note(ctx),
            employee=ctx.employee,
            release_date=ctx.occurred_at,
        )
        return Outcome(ctx.workorder, hold)

    def _hold_within_workcenters(self, hold):
        """True when the hold is on a work order of the terminal's work
        centers, was reported at one, or holds a lot one of them produces or
        consumed: what this terminal may release."""
        workcenters = self.terminal.workcenter_ids
        if (hold.workorder_id | hold.origin_workorder_id).workcenter_id & workcenters:
            return True
        if not hold.lot_id:
            return False
        lot_ids = hold.lot_id.ids
        return bool(
            self.env["mrp.workorder"].search_count(
                [
                    ("workcenter_id", "in", workcenters.ids),
                    "|",
                    ("production_id.lot_producing_ids", "in", lot_ids),
                    ("production_id.move_raw_ids.move_line_ids.lot_id", "in", lot_ids),
                ],
                limit=1,
            )
        )

    # -- downtime ----------------------------------------------------------

    def _apply_downtime_start(self, ctx):
        workcenter = ctx.workorder.workcenter_id
        loss = self._optional_reason(
            ctx, "loss_reason_id", "mrp.workcenter.productivity.loss", "loss reason"
        )
        if not loss:
            raise invalid(
                "payload.loss_reason_id", "required: a downtime needs a loss reason"
            )
        if loss.loss_type not in ("availability", "quality"):
            raise EventRefused(
                "reason_unknown",
                "This loss reason does not stop a work center.",
                {"loss_reason_id": loss.id},
            )
        if workcenter.working_state == "blocked" or self.downtimes.open(workcenter):
            raise EventRefused(
                "downtime_already_open",
                "This work center is already down.",
                {"workcenter_id": workcenter.id},
            )
        line = (
            self.env["mrp.workcenter.productivity"]
            .with_context(**self._odoo_context(ctx))
            .create(
                {
                    "workcenter_id": workcenter.id,
                    "loss_id": loss.id,
                    "description": self._operator_note(ctx) or loss.name,
                    "date_start": ctx.occurred_at.replace(microsecond=0),
                    "user_id": self.env.user.id,
                    "company_id": workcenter.company_id.id,
                    "shopfloor_employee_id": ctx.employee.id or False,
                    "shopfloor_terminal_id": self.terminal.id,
                }
            )
        )
        self.downtimes.forget()
        # Odoo's "Block" closes the running timers of the work center (at
        # occurred_at, through the context above).
        line.button_block()
        return Outcome(ctx.workorder, line)

    def _apply_downtime_end(self, ctx):
        workcenter = ctx.workorder.workcenter_id
        lines = self.downtimes.open(workcenter)
        self.downtimes.forget()
        if not lines:
            raise EventRefused(
                "downtime_not_open",
                "This work center has no open downtime.",
                {"workcenter_id": workcenter.id},
            )
        check_closes_after_start(ctx.occurred_at, lines)
        workcenter.unblock()
        # unblock() closes the lines "now"; the downtime ended at occurred_at
        lines.date_end = ctx.occurred_at.replace(microsecond=0)
        return Outcome(ctx.workorder, lines[:1])

    # -- resolution --------------------------------------------------------

    def _apply_event_discard(self, ctx):
        event_uuid, reason = read_discard(ctx.payload)
        row = event_resolution.discard(
            self.terminal, event_uuid, reason, ctx.employee
        )
        return Outcome(ctx.workorder, row or None)

    # -- components and closing (their own modules) ------------------------

    def _apply_component_consume(self, ctx):
        return Outcome(ctx.workorder, apply_component_consume(self, ctx))

    def _apply_production_close(self, ctx):
        return Outcome(ctx.workorder, apply_production_close(self, ctx))

    # -- helpers -----------------------------------------------------------

    def _check_open(self, workorder):
        if workorder.state in ("done", "cancel"):
            raise EventRefused(
                "workorder_closed",
                "This work order is already finished or cancelled.",
                {"state": workorder.state},
            )

    def _check_not_held(self, workorder):
        holds = workorder.shopfloor_active_hold_ids
        if holds:
            raise EventRefused(
                "workorder_on_hold",
                "This work order is on quality hold; "
                "a supervisor must release it first.",
                {"hold_ids": holds.ids},
            )

    def _own_open_timers(self, workorder):
        return workorder.time_ids.filtered(
            lambda line: not line.date_end and line.user_id == self.env.user
        )

    def _qty(self, ctx):
        qty = ctx.payload.get("qty")
        if not is_number(qty):
            raise invalid("payload.qty", "a number")
        return float(qty)

    def _positive_qty(self, ctx):
        qty = self._qty(ctx)
        if qty <= 0:
            raise EventRefused(
                "qty_invalid",
                "The quantity must be more than 0.",
                {"field": "payload.qty"},
            )
        return qty

    def _check_tolerance(self, workorder, total):
        tolerance = self.terminal.overproduction_tolerance
        allowed = workorder.qty_production * (1 + tolerance)
        if workorder.product_uom_id.compare(total, allowed) > 0:
            raise EventRefused(
                "qty_over_tolerance",
                "This quantity is more than the work order allows.",
                {
                    "qty_production": workorder.qty_production,
                    "max_qty": allowed,
                    "qty": total,
                },
            )

    def _optional_reason(self, ctx, key, model, what):
        """The record of ``model`` whose id the payload gives under ``key``, or an
        empty recordset when the payload has none; an unknown id is refused."""
        reason_id = ctx.payload.get(key)
        if reason_id is None:
            return self.env[model]
        domain = [("id", "=", reason_id)]
        if "company_id" in self.env[model]._fields:
            domain += self._company_domain()
        reason = self.env[model].search(domain) if is_int(reason_id) else None
        if not reason:
            raise EventRefused(
                "reason_unknown", f"This {what} does not exist.", {key: reason_id}
            )
        return reason

    def _company_domain(self):
        # the env has no record rules (acting_env): lookups keep to the
        # terminal's company, as the device user's multi-company rules do
        return [("company_id", "in", [self.terminal.company_id.id, False])]

    @staticmethod
    def _operator_note(ctx):
        """The note the operator typed with the event (the chatter message's
        second line, a hold's or a downtime's text), or None without one."""
        note = ctx.payload.get("note")
        return (note.strip() or None) if isinstance(note, str) else None

    def _lot_name(self, ctx):
        lot_name = ctx.payload.get("lot_name")
        if lot_name is None:
            return None
        if not isinstance(lot_name, str):
            raise invalid("payload.lot_name", "a string")
        return lot_name.strip() or None

    def _existing_lot(self, lot_name, product, required_message, unknown_message):
        """The lot of a tracked ``product`` an event names: it must exist."""
        if not lot_name:
            raise EventRefused(
                "lot_required", required_message, {"field": "payload.lot_name"}
            )
        lot = self._find_lot(lot_name, product)
        if not lot:
            raise EventRefused("lot_unknown", unknown_message, {"lot_name": lot_name})
        return lot

    def _find_lot(self, name, products):
        lots = self.env["stock.lot"]
        for product in products:
            lot = lots.search(
                [
                    ("name", "=", name),
                    ("product_id", "=", product.id),
                ]
                + self._company_domain(),
                limit=1,
            )
            if lot:
                return lot
        return lots

    def _produced_lot(self, ctx, qty):
        """The lot or serial produced by this event, linked to the MO.

        Returns an empty recordset for an untracked product.
        """
        workorder = ctx.workorder
        production = workorder.production_id
        product = workorder.product_id
        lots = self.env["stock.lot"]
        if product.tracking == "none":
            return lots
        lot_name = self._lot_name(ctx)
        if not lot_name:
            raise EventRefused(
                "lot_required",
                "This product is tracked: give the lot or serial number produced.",
                {"field": "payload.lot_name"},
            )
        if (
            product.tracking == "serial"
            and qty is not None
            and workorder.product_uom_id.compare(qty, 1)
        ):
            raise EventRefused(
                "serial_qty",
                "A serial number is produced one unit at a time.",
                {"field": "payload.qty"},
            )
        lot = self._find_lot(lot_name, product)
        # In a serial routing each operation reports the MO's serials: one
        # registered by an earlier operation is accepted, once per operation.
        if (
            lot
            and product.tracking == "serial"
            and (
                lot in workorder.shopfloor_serial_ids
                or production._are_finished_serials_already_produced(lot)
            )
        ):
            raise EventRefused(
                "serial_already_produced",
                "This serial number was already produced.",
                {"lot_name": lot_name},
            )
        if (
            product.tracking == "lot"
            and production.lot_producing_ids
            and lot not in production.lot_producing_ids
        ):
            raise invalid(
                "payload.lot_name",
                "this manufacturing order already produces lot "
                f"{production.lot_producing_ids[:1].name}",
            )
        if not lot:
            if not self.terminal.allow_lot_creation:
                raise EventRefused(
                    "lot_unknown",
                    "No such lot or serial number, "
                    "and this terminal may not create one.",
                    {"lot_name": lot_name},
                )
            lot = lots.create(
                {
                    "name": lot_name,
                    "product_id": product.id,
                    "company_id": production.company_id.id,
                }
            )
        if lot not in production.lot_producing_ids:
            production.lot_producing_ids = [Command.link(lot.id)]
        if product.tracking == "serial":
            workorder.shopfloor_serial_ids = [Command.link(lot.id)]
        return lot

    def _check_serial_count(self, ctx, qty):
        """A serial product's finished quantity is the number of its serials:
        those the operation reported, and the one the finish names."""
        workorder = ctx.workorder
        serials = len(workorder.shopfloor_serial_ids) + bool(self._lot_name(ctx))
        if workorder.product_uom_id.compare(qty, serials):
            raise EventRefused(
                "serial_qty",
                f"This operation reported {serials} serial number(s); "
                "finish it with that quantity, or report the missing serials.",
                {"field": "payload.qty", "serials": serials},
            )
