# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GET /lots?barcode=&product_id=: validate a scanned lot while online."""

from .errors import ShopfloorApiError
from .workorder_serializer import serialize_lot


def lookup_lot(terminal, barcode, product_id=None):
    if not barcode or not barcode.strip():
        raise ShopfloorApiError(
            "invalid_request",
            "barcode is required.",
            {"field": "barcode", "reason": "required"},
        )
    domain = [
        ("name", "=", barcode.strip()),
        ("company_id", "in", [terminal.company_id.id, False]),
    ]
    if product_id not in (None, ""):
        try:
            domain.append(("product_id", "=", int(product_id)))
        except ValueError as exc:
            raise ShopfloorApiError(
                "invalid_request",
                "product_id must be an integer.",
                {"field": "product_id", "reason": "integer"},
            ) from exc
    lot = terminal.env["stock.lot"].search(domain, order="id asc", limit=1)
    if not lot:
        raise ShopfloorApiError(
            "lot_unknown",
            "No lot or serial number has this name.",
            {"barcode": barcode},
        )
    return {"lot": serialize_lot(lot)}
