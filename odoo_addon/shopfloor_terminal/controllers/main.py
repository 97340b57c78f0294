# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The terminal API v1 and the terminal app, as plain HTTP routes.

Routes are ``type="http"``: Odoo's ``jsonrpc``/``json2`` dispatchers would
answer errors in Odoo's shapes, and the contract has its own envelope.
Each route only states its methods and delegates to :meth:`_serve`, which
does the wire work (correlation id, client version, body limit, token) and
maps every failure through ``services/errors.py``.
"""

import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..services import app_files, auth, errors, event_time, wire
from ..services.bootstrap import build_bootstrap
from ..services.client_address import client_address
from ..services.event_ingest import receive_events
from ..services.event_lookup import lookup_event
from ..services.event_resolution import pending_decisions
from ..services.lot_lookup import lookup_lot
from ..services.workorder_delta import WorkorderDelta, parse_limit

_logger = logging.getLogger(__name__)

API = wire.API_PREFIX
APP = "/shopfloor_terminal/app"
ROUTE = {"type": "http", "auth": "public", "csrf": False, "save_session": False}

APP_NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop Floor Terminal</title></head>
<body><h1>Shop Floor Terminal</h1>
<p>The terminal app is not built into this module yet. In the project, run
<code>npm run build:addon</code>, then restart Odoo.</p></body></html>
"""


class ShopfloorTerminalController(http.Controller):
    # -- API routes ------------------------------------------------------------

    @http.route(f"{API}/health", **ROUTE)
    def health(self):
        return self._serve(("GET",), self._health, authenticated=False)

    @http.route(f"{API}/pair", **ROUTE)
    def pair(self):
        return self._serve(("POST",), self._pair, authenticated=False, with_body=True)

    @http.route(f"{API}/bootstrap", **ROUTE)
    def bootstrap(self):
        return self._serve(("GET",), lambda terminal, body: build_bootstrap(terminal))

    @http.route(f"{API}/workorders", **ROUTE)
    def workorders(self, cursor=None, limit=None):
        return self._serve(
            ("GET",),
            lambda terminal, body: WorkorderDelta(terminal).page(
                cursor or None, parse_limit(limit)
            ),
        )

    @http.route(f"{API}/lots", **ROUTE)
    def lots(self, barcode=None, product_id=None):
        return self._serve(
            ("GET",), lambda terminal, body: lookup_lot(terminal, barcode, product_id)
        )

    @http.route(f"{API}/events", **ROUTE)
    def events(self):
        return self._serve(("POST",), self._events, with_body=True)

    @http.route(f"{API}/events/<string:event_id>", **ROUTE)
    def event(self, event_id):
        return self._serve(
            ("GET",), lambda terminal, body: lookup_event(terminal, event_id)
        )

    @http.route(f"{API}/decisions", **ROUTE)
    def decisions(self):
        return self._serve(
            ("GET",), lambda terminal, body: pending_decisions(terminal)
        )

    @http.route([API, f"{API}/", f"{API}/<path:subpath>"], **ROUTE)
    def not_found(self, subpath=None):
        return self._serve((), None, authenticated=False)

    # -- app routes --------------------------------------------------------------

    @http.route(APP, type="http", auth="public", save_session=False)
    def app_root(self):
        return request.redirect(f"{APP}/", code=301)

    @http.route(
        [f"{APP}/", f"{APP}/<path:path>"],
        type="http",
        auth="public",
        save_session=False,
    )
    def app(self, path=""):
        if not app_files.app_is_built():
            return request.make_response(
                APP_NOT_BUILT,
                headers=[("Content-Type", "text/html; charset=utf-8")],
                status=503,
            )
        response = app_files.response(path)
        if response is None:
            correlation_id = wire.correlation_id_from(request.httprequest.headers)
            error = errors.ShopfloorApiError(
                "not_found", "No such file in the terminal app."
            )
            return self._json(
                errors.envelope(error, correlation_id), error.status, correlation_id
            )
        return response

    # -- handlers (called by _serve, never routes) -------------------------------

    def _health(self, terminal, body):
        return {
            "status": "ok",
            "api_version": wire.API_VERSION,
            "server_time": wire.format_timestamp(request.env.cr.now()),
        }

    def _pair(self, terminal, body):
        return auth.pair(
            request.env, body, client_address(request.env, request.httprequest)
        )

    def _events(self, terminal, body):
        environ = request.httprequest.environ
        return receive_events(
            terminal,
            body,
            environ["shopfloor.correlation_id"],
            replays=environ.get("shopfloor.replays", 0),
        )

    # -- the wire ------------------------------------------------------------------

    def _serve(self, methods, handler, authenticated=True, with_body=False):
        httprequest = request.httprequest
        headers = httprequest.headers
        correlation_id = wire.correlation_id_from(headers)
        httprequest.environ["shopfloor.correlation_id"] = correlation_id
        terminal_id = None
        try:
            if handler is None:
                raise errors.ShopfloorApiError(
                    "not_found", "There is no such route in the terminal API."
                )
            if httprequest.method not in methods:
                raise errors.ShopfloorApiError(
                    "method_not_allowed",
                    f"Use {' or '.join(methods)} on this route.",
                    {"allowed": list(methods)},
                    headers={"Allow": ", ".join(methods)},
                )
            wire.check_client_version(headers)
            body = wire.read_json_body(httprequest) if with_body else None
            terminal = None
            if authenticated:
                terminal = auth.authenticate(request.env, headers)
                terminal_id = terminal.id
                terminal._shopfloor_touch(headers.get("X-Terminal-Client"))
                # from here on the request acts as the terminal's device user
                terminal = terminal.with_env(
                    request.env(user=terminal.user_id.id, su=False)
                )
            data = handler(terminal, body)
        except errors.CONCURRENCY_ERRORS:
            # Odoo's retry loop replays the whole request on a clean
            # transaction, with the same WSGI environ: it counts the replays
            httprequest.environ["shopfloor.replays"] = (
                httprequest.environ.get("shopfloor.replays", 0) + 1
            )
            raise
        except Exception as exc:  # noqa: BLE001 - every failure gets the envelope
            error = errors.http_error_for(exc)
            if not isinstance(exc, errors.ShopfloorApiError):
                # an unexpected failure may have left half-done writes
                request.env.cr.rollback()
                # Odoo's business refusals are no server fault: no traceback
                log = (
                    _logger.warning if isinstance(exc, UserError) else _logger.exception
                )
                log(
                    "shopfloor %s %s failed: %s correlation_id=%s",
                    httprequest.method,
                    httprequest.path,
                    exc,
                    correlation_id,
                )
            _logger.info(
                "shopfloor %s %s -> %s %s terminal=%s correlation_id=%s",
                httprequest.method,
                httprequest.path,
                error.status,
                error.code,
                terminal_id,
                correlation_id,
            )
            return self._json(
                errors.envelope(error, correlation_id),
                error.status,
                correlation_id,
                error.headers,
            )
        _logger.info(
            "shopfloor %s %s -> 200 terminal=%s correlation_id=%s",
            httprequest.method,
            httprequest.path,
            terminal_id,
            correlation_id,
        )
        return self._json(data, 200, correlation_id)

    def _json(self, data, status, correlation_id, extra_headers=None):
        headers = {
            "X-Correlation-ID": correlation_id,
            "Cache-Control": "no-store",
            # with the device's send and receive times, each round trip
            # measures the device clock's offset
            event_time.SERVER_TIME_HEADER: event_time.format_server_time(
                event_time.utc_now()
            ),
            **(extra_headers or {}),
        }
        return request.make_json_response(
            data, headers=list(headers.items()), status=status
        )
