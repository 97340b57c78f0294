# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

import qrcode

from odoo import api, fields, models

from ..services.pairing_url import LOOPBACK, PLAIN_HTTP, base_url_problem


class ShopfloorTerminalPairWizard(models.TransientModel):
    """Shows a fresh pairing code once, as text and as a QR code."""

    _name = "shopfloor.terminal.pair.wizard"
    _description = "Pair a Shop Floor Terminal"
    # the code lives 15 minutes: its wizard row must not outlive it by much
    _transient_max_hours = 0.25

    terminal_id = fields.Many2one(
        "shopfloor.terminal", required=True, readonly=True, ondelete="cascade"
    )
    pairing_code = fields.Char(readonly=True)
    expires_at = fields.Datetime(
        related="terminal_id.pairing_expires_at", string="Expires"
    )
    pairing_url = fields.Char(compute="_compute_pairing_url", string="Pairing Link")
    # Drawn here with the qrcode library (an Odoo dependency, as auth_totp
    # does) rather than by /report/barcode, which needs reportlab's Type 1
    # fonts that not every installation has.
    qr_code = fields.Binary(
        compute="_compute_pairing_url", attachment=False, string="QR Code"
    )

    base_url_warning = fields.Char(compute="_compute_base_url_warning")

    @api.depends("pairing_code")
    def _compute_base_url_warning(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        problem = base_url_problem(base_url)
        if problem == LOOPBACK:
            warning = self.env._(
                "The QR code points to %(url)s, this computer's own address: a "
                "tablet cannot reach it. Set the System Parameter web.base.url "
                "to the address tablets use (HTTPS), or type the code on the "
                "tablet with the server address.",
                url=base_url,
            )
        elif problem == PLAIN_HTTP:
            warning = self.env._(
                "The QR code points to %(url)s over plain HTTP: tablets can pair, "
                "but their browsers allow no camera scanning and no offline "
                "work there. Serve Odoo over HTTPS and set web.base.url to it.",
                url=base_url,
            )
        else:
            warning = False
        for wizard in self:
            wizard.base_url_warning = warning

    @api.depends("pairing_code")
    def _compute_pairing_url(self):
        base_url = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("web.base.url", "")
            .rstrip("/")
        )
        for wizard in self:
            code = wizard.pairing_code or ""
            url = f"{base_url}/shopfloor_terminal/app/#/pair?code={code}"
            wizard.pairing_url = url
            image = io.BytesIO()
            qrcode.make(url.encode(), box_size=6).save(
                image, optimise=True, format="PNG"
            )
            wizard.qr_code = base64.b64encode(image.getvalue())

    def action_done(self):
        """Close, forgetting the plain code: only its hash stays, on the terminal."""
        self.write({"pairing_code": False})
        return {"type": "ir.actions.act_window_close"}
