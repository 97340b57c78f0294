# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GET /bootstrap: everything a terminal needs offline except work orders."""

from odoo import fields

from .credentials import CREDENTIAL_ITERATIONS, CREDENTIAL_KDF, operator_hashes
from .wire import API_VERSION, MAX_BATCH, MAX_BODY_BYTES, format_timestamp
from .workorder_serializer import serialize_product

SUPPORTED_LANGS = ("en", "de", "fr")


def build_bootstrap(terminal):
    env = terminal.env
    workcenters = terminal.workcenter_ids
    operators = terminal._shopfloor_operators()
    hashes = operator_hashes(terminal, operators)
    return {
        "api_version": API_VERSION,
        "server_time": format_timestamp(fields.Datetime.now()),
        "terminal": {
            "id": terminal.id,
            "name": terminal.name,
            "work_center_ids": workcenters.ids,
            "settings": {
                "require_operator": terminal.require_operator,
                "allow_operator_list": terminal.allow_operator_list,
                "allow_lot_creation": terminal.allow_lot_creation,
                "allow_production_close": terminal.allow_production_close,
                "require_pin": terminal.require_pin,
                "overproduction_tolerance": terminal.overproduction_tolerance,
            },
            "credentials": {
                "kdf": CREDENTIAL_KDF,
                "iterations": CREDENTIAL_ITERATIONS,
                "salt": terminal._shopfloor_credential_salt(),
            },
        },
        "work_centers": [
            _serialize_workcenter(workcenter) for workcenter in workcenters
        ],
        "operators": [
            _serialize_operator(employee, *hashes[employee.id])
            for employee in operators
        ],
        "scrap_reasons": [
            {"id": tag.id, "name": tag.name}
            for tag in env["stock.scrap.reason.tag"].search([])
        ],
        "loss_reasons": [
            {"id": loss.id, "name": loss.name, "loss_type": loss.loss_type}
            for loss in env["mrp.workcenter.productivity.loss"].search(
                [("manual", "=", True)]
            )
        ],
        "hold_reasons": [
            {"id": reason.id, "name": reason.name}
            for reason in env["shopfloor.hold.reason"].search([])
        ],
        "products": [serialize_product(product) for product in _products(terminal)],
        "limits": {"max_batch": MAX_BATCH, "max_body_bytes": MAX_BODY_BYTES},
    }


def _serialize_workcenter(workcenter):
    downtime = workcenter._shopfloor_open_downtime()[:1]
    return {
        "id": workcenter.id,
        "name": workcenter.name,
        "code": workcenter.code or "",
        "is_blocked": workcenter.working_state == "blocked",
        "open_downtime": {
            "loss_reason_id": downtime.loss_id.id,
            "since": format_timestamp(downtime.date_start),
        }
        if downtime
        else None,
    }


def _serialize_operator(employee, badge_hash, pin_hash):
    """What sign-in needs of an employee: never the badge or the PIN itself."""
    lang = (employee.lang or employee.user_id.lang or "")[:2] or None
    return {
        "id": employee.id,
        "name": employee.name,
        "badge_hash": badge_hash,
        "pin_hash": pin_hash,
        "can_release_holds": employee.shopfloor_can_release_holds,
        "lang": lang if lang in SUPPORTED_LANGS else None,
    }


def _products(terminal):
    """Products of the terminal's open work orders and their components."""
    workorders = terminal.env["mrp.workorder"].search(
        [
            ("workcenter_id", "in", terminal.workcenter_ids.ids),
            ("state", "not in", ("done", "cancel")),
            ("production_id.state", "not in", ("draft", "cancel")),
        ]
    )
    return workorders.product_id | workorders.production_id.move_raw_ids.product_id
