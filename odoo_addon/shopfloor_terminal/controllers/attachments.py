# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GET /attachments/<id>: an instruction file of one of the terminal's
operations, as bytes; failures in the API's JSON envelope like any route."""

from odoo import http
from odoo.http import request

from ..services import event_time
from ..services.instructions import terminal_attachment
from .main import API, ROUTE, ShopfloorTerminalController


class InstructionFile:
    """A handler's answer that is a file, not JSON."""

    def __init__(self, attachment):
        self.attachment = attachment


class ShopfloorAttachmentController(ShopfloorTerminalController):
    @http.route(f"{API}/attachments/<string:attachment_id>", **ROUTE)
    def attachment(self, attachment_id):
        return self._serve(
            ("GET",),
            lambda terminal, body: InstructionFile(
                terminal_attachment(terminal, attachment_id)
            ),
        )

    # _serve answers every handler's data through _json: a file is sent as
    # bytes here, everything else (errors too) as JSON
    def _json(self, data, status, correlation_id, extra_headers=None):
        if not isinstance(data, InstructionFile):
            return super()._json(data, status, correlation_id, extra_headers)
        # Odoo's own file sending (as /web/content): ETag from the checksum,
        # conditional and range requests, nosniff, streamed from the filestore
        stream = request.env["ir.binary"]._get_stream_from(data.attachment)
        response = stream.get_response(as_attachment=False)
        response.headers.update(
            {
                # the terminal keeps its own copy, keyed by the checksum
                "Cache-Control": "private, no-cache",
                "X-Correlation-ID": correlation_id,
                event_time.SERVER_TIME_HEADER: event_time.format_server_time(
                    event_time.utc_now()
                ),
            }
        )
        return response
