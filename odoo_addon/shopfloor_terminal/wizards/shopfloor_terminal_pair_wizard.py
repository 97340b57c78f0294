# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlencode

from odoo import api, fields, models


class ShopfloorTerminalPairWizard(models.TransientModel):
    """Shows a fresh pairing code once, as text and as a QR code."""

    _name = "shopfloor.terminal.pair.wizard"
    _description = "Pair a Shop Floor Terminal"

    terminal_id = fields.Many2one("shopfloor.terminal", required=True, readonly=True, ondelete="cascade")
    pairing_code = fields.Char(readonly=True)
    expires_at = fields.Datetime(related="terminal_id.pairing_expires_at")
    pairing_url = fields.Char(compute="_compute_pairing_url", string="Pairing Link")
    qr_code_url = fields.Char(compute="_compute_pairing_url")

    @api.depends("pairing_code")
    def _compute_pairing_url(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        for wizard in self:
            url = f"{base_url}/shopfloor_terminal/app/#/pair?code={wizard.pairing_code or ''}"
            wizard.pairing_url = url
            # Odoo's own barcode controller renders the QR image
            wizard.qr_code_url = "/report/barcode/?" + urlencode(
                {"barcode_type": "QR", "value": url, "width": 280, "height": 280}
            )
