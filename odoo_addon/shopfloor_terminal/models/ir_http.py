# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.http import request

from ..services import errors
from ..services.wire import API_PREFIX, correlation_id_from

_logger = logging.getLogger(__name__)

_HTTP_EXCEPTION_CODES = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
}


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """Last line of defence for the terminal API: errors that escape the
        controller (Odoo's retry loop giving up on a serialization failure,
        a failure before the route runs) still get the contract's JSON
        envelope instead of Odoo's HTML page."""
        if not request.httprequest.path.startswith(API_PREFIX + "/"):
            return super()._handle_error(exception)
        if (
            isinstance(exception, HTTPException)
            and exception.code in _HTTP_EXCEPTION_CODES
        ):
            error = errors.ShopfloorApiError(
                _HTTP_EXCEPTION_CODES[exception.code],
                exception.description or exception.name,
            )
        else:
            error = errors.http_error_for(exception)
        environ = request.httprequest.environ
        correlation_id = environ.get("shopfloor.correlation_id") or correlation_id_from(
            request.httprequest.headers
        )
        _logger.warning(
            "shopfloor %s %s failed outside the controller: %s correlation_id=%s",
            request.httprequest.method,
            request.httprequest.path,
            exception,
            correlation_id,
        )
        headers = {"X-Correlation-ID": correlation_id, **error.headers}
        return request.make_json_response(
            errors.envelope(error, correlation_id),
            headers=list(headers.items()),
            status=error.status,
        )
