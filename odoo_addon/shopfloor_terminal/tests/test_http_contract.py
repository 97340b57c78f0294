# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The wire: every endpoint over real HTTP, statuses and the error envelope."""

import os
import tempfile
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.shopfloor_terminal.services import app_files
from odoo.addons.shopfloor_terminal.services.errors import ShopfloorApiError

from .common import ShopfloorHttpCommon


@tagged("post_install", "-at_install")
class TestHttpContract(ShopfloorHttpCommon):
    def test_health_and_correlation_ids(self):
        response = self.call(
            "/health", token=False, headers={"X-Correlation-ID": "abc-123_x.y"}
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual((body["status"], body["api_version"]), ("ok", "1"))
        self.assertIn("server_time", body)
        self.assertEqual(response.headers["X-Correlation-ID"], "abc-123_x.y")
        generated = self.call(
            "/health", token=False, headers={"X-Correlation-ID": "bad id!"}
        )
        self.assertRegex(generated.headers["X-Correlation-ID"], r"^[0-9a-f]{32}$")

    def test_unknown_routes_and_methods(self):
        self.assertError(self.call("/nope"), 404, "not_found")
        self.assertError(self.call("/events/x/y", method="DELETE"), 404, "not_found")
        self.assertError(self.call(""), 404, "not_found")
        error = self.assertError(
            self.call("/health", body={}), 405, "method_not_allowed"
        )
        self.assertEqual(error["details"]["allowed"], ["GET"])
        self.assertError(self.call("/events"), 405, "method_not_allowed")

    def test_pair_over_http(self):
        code = self.terminal.generate_pairing_code()
        body = {
            "pairing_code": code,
            "device_name": "Line 1 tablet",
            "client_version": "1.0.0",
        }
        response = self.call("/pair", body, token=False)
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        self.assertTrue(answer["token"].startswith("sft_"))
        self.assertEqual(answer["terminal"]["id"], self.terminal.id)
        bootstrap = self.call("/bootstrap", token=answer["token"])
        self.assertEqual(bootstrap.status_code, 200)
        self.assertError(
            self.call("/bootstrap"), 401, "token_invalid"
        )  # the old token was replaced
        self.assertError(
            self.call("/pair", body, token=False), 401, "pairing_code_invalid"
        )
        self.assertError(
            self.call("/pair", raw="{not json", token=False), 400, "malformed_json"
        )
        error = self.assertError(
            self.call("/pair", {"pairing_code": code}, token=False),
            400,
            "invalid_request",
        )
        self.assertEqual(error["details"]["field"], "device_name")

    def test_pair_is_rate_limited(self):
        body = {
            "pairing_code": "WRONG000",
            "device_name": "x",
            "client_version": "1.0.0",
        }
        for _attempt in range(10):
            self.assertError(
                self.call("/pair", body, token=False), 401, "pairing_code_invalid"
            )
        response = self.call("/pair", body, token=False)
        self.assertError(response, 429, "rate_limited")
        self.assertTrue(int(response.headers["Retry-After"]) > 0)

    def test_authentication(self):
        self.assertError(self.call("/bootstrap", token=False), 401, "unauthorized")
        self.assertError(
            self.call("/bootstrap", token="sft_unknown"), 401, "token_invalid"
        )
        self.terminal.action_revoke()
        self.assertError(self.call("/bootstrap"), 401, "token_revoked")

    def test_a_device_user_without_rights_is_forbidden(self):
        # misconfigured: someone removed the device user from its group
        self.terminal.user_id.group_ids = [
            Command.set(self.env.ref("base.group_user").ids)
        ]
        self.assertError(self.call("/bootstrap"), 403, "forbidden")

    def test_client_too_old(self):
        error = self.assertError(
            self.call("/bootstrap", headers={"X-Terminal-Client": "0.9.0"}),
            426,
            "client_too_old",
        )
        self.assertEqual(error["details"]["minimum_version"], "1.0.0")
        self.assertEqual(
            self.call(
                "/bootstrap", headers={"X-Terminal-Client": "garbage"}
            ).status_code,
            200,
        )

    def test_bootstrap(self):
        response = self.call("/bootstrap")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["terminal"]["work_center_ids"], [self.wc_main.id])
        self.assertEqual(body["limits"], {"max_batch": 200, "max_body_bytes": 1048576})
        self.assertEqual(
            {operator["id"] for operator in body["operators"]},
            set((self.operator | self.supervisor).ids),
        )
        self.assertNotIn("SF0001", response.text, "badges travel as hashes only")
        self.assertIn(
            self.hold_reason.id, [reason["id"] for reason in body["hold_reasons"]]
        )
        self.assertIn(
            self.component.id, [product["id"] for product in body["products"]]
        )
        self.assertTrue(self.terminal.last_seen_at)

    def test_workorders(self):
        response = self.call("/workorders?limit=2")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(len(body["items"]), 2)
        self.assertTrue(body["has_more"])
        rest = self.call(f"/workorders?cursor={body['next_cursor']}").json()
        self.assertEqual(len(rest["items"]), 1)
        self.assertError(self.call("/workorders?limit=0"), 400, "invalid_request")
        self.assertError(self.call("/workorders?cursor=bogus"), 410, "cursor_expired")

    def test_lots(self):
        lot = self.env["stock.lot"].create(
            {"name": "LOT-HTTP", "product_id": self.product_lot.id}
        )
        self.env["shopfloor.quality.hold"].create(
            {"lot_id": lot.id, "reason_id": self.hold_reason.id}
        )
        body = self.call("/lots?barcode=LOT-HTTP").json()
        self.assertEqual(body["lot"]["id"], lot.id)
        self.assertEqual(body["lot"]["holds"][0]["state"], "held")
        self.assertError(self.call("/lots?barcode=NOPE"), 404, "lot_unknown")
        self.assertError(self.call("/lots"), 400, "invalid_request")

    def test_events_and_reconciliation(self):
        event = self.event("workorder.produce", payload={"qty": 2})
        response = self.call(
            "/events", {"events": [event]}, headers={"X-Correlation-ID": "batch-1"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        (result,) = response.json()["results"]
        self.assertEqual((result["id"], result["status"]), (event["id"], "applied"))
        self.assertEqual(result["workorder"]["qty_produced"], 2)
        (replay,) = self.call("/events", {"events": [event]}).json()["results"]
        self.assertEqual(replay["status"], "duplicate")
        entry = self.call(f"/events/{event['id']}").json()["event"]
        self.assertEqual(
            (entry["status"], entry["type"], entry["correlation_id"]),
            ("applied", "workorder.produce", "batch-1"),
        )
        self.assertEqual(entry["workorder"]["id"], self.workorder.id)
        self.assertIsNone(entry["error"])
        self.assertError(self.call("/events/not-a-uuid"), 400, "invalid_request")
        self.assertError(
            self.call("/events/0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f"), 404, "not_found"
        )

    def test_every_answer_carries_the_server_time(self):
        pattern = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"
        for response in (self.call("/health", token=False), self.call("/nowhere")):
            self.assertRegex(response.headers["X-Server-Time"], pattern)
        event = self.event("workorder.start")
        body = {"events": [event], "sent_at": "2026-01-10T10:10:00.000Z"}
        response = self.call("/events", body)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertRegex(response.json()["server_time"], pattern)
        entry = self.call(f"/events/{event['id']}").json()["event"]
        self.assertIsNone(entry["clock_jump_ms"])
        self.assertTrue(entry["occurred_at"] and entry["occurred_at_server"])
        self.assertError(
            self.call("/events", {"events": [event], "sent_at": "soon"}),
            400,
            "invalid_request",
        )

    def test_the_event_of_a_moved_work_order_is_answered_without_it(self):
        event = self.event("workorder.start")
        self.assertEqual(
            self.call("/events", {"events": [event]}).status_code, 200
        )
        self.workorder.workcenter_id = self.wc_other
        response = self.call("/events", {"events": [event]})
        self.assertEqual(response.status_code, 200, response.text)
        (replay,) = response.json()["results"]
        self.assertEqual((replay["status"], replay["workorder"]), ("duplicate", None))
        response = self.call(f"/events/{event['id']}")
        self.assertEqual(response.status_code, 200, response.text)
        entry = response.json()["event"]
        self.assertEqual((entry["status"], entry["workorder"]), ("applied", None))

    def test_another_terminals_event_is_not_found(self):
        other = self.event("workorder.start", self.workorder_elsewhere)
        self.ingest_one(other, terminal=self.terminal_other)
        self.assertError(self.call(f"/events/{other['id']}"), 404, "not_found")

    def test_body_and_batch_limits(self):
        self.assertError(
            self.call("/events", raw="x" * (1024 * 1024 + 1)), 413, "payload_too_large"
        )
        events = [
            self.event("workorder.produce", payload={"qty": 1}) for _i in range(201)
        ]
        self.assertError(
            self.call("/events", {"events": events}), 413, "batch_too_large"
        )
        error = self.assertError(
            self.call("/events", {"events": [{"type": "x"}]}), 400, "invalid_request"
        )
        self.assertEqual(error["details"]["field"], "events[0].id")
        self.assertError(self.call("/events", raw="[1,"), 400, "malformed_json")
        nan = (
            '{"events": [{"id": "0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f", '
            '"payload": {"qty": NaN}}]}'
        )
        self.assertError(self.call("/events", raw=nan), 400, "malformed_json")

    def test_error_table_with_rollback(self):
        cases = [
            (ValueError("boom"), 500, "internal_error"),
            (AccessError("no"), 403, "forbidden"),
            (MissingError("gone"), 404, "not_found"),
            (UserError("no way"), 400, "invalid_request"),
            (ShopfloorApiError("cursor_expired", "old"), 410, "cursor_expired"),
        ]
        for exc, status, code in cases:
            with self.subTest(exception=type(exc).__name__):

                def failing_bootstrap(terminal, exc=exc):
                    terminal.sudo().name = "half-done write"
                    raise exc

                with patch(
                    "odoo.addons.shopfloor_terminal.controllers.main.build_bootstrap",
                    failing_bootstrap,
                ), mute_logger("odoo.addons.shopfloor_terminal.controllers.main"):
                    self.assertError(self.call("/bootstrap"), status, code)
                self.terminal.invalidate_recordset(["name"])
                if isinstance(exc, ShopfloorApiError):
                    # a refusal the service chose keeps what the request wrote
                    # before it (the terminal's last-seen touch, a pairing attempt)
                    self.assertEqual(self.terminal.name, "half-done write")
                    self.terminal.name = "SF Tablet"
                else:
                    self.assertEqual(
                        self.terminal.name,
                        "SF Tablet",
                        "an unexpected failure is rolled back",
                    )

    def test_a_failure_outside_the_controller_still_gets_the_envelope(self):
        """Odoo's own retry loop replays a request that hit a serialization
        failure; when it gives up, the answer is still the contract's JSON."""

        def conflicting_bootstrap(terminal):
            terminal.env.cr.execute(
                "DO $$ BEGIN RAISE EXCEPTION 'concurrent update' "
                "USING ERRCODE = '40001'; END $$"
            )

        with patch(
            "odoo.addons.shopfloor_terminal.controllers.main.build_bootstrap",
            conflicting_bootstrap,
        ), patch("odoo.service.model.MAX_TRIES_ON_CONCURRENCY_FAILURE", 1), mute_logger(
            "odoo.sql_db", "odoo.http", "odoo.addons.shopfloor_terminal.models.ir_http"
        ):
            response = self.call("/bootstrap", headers={"X-Correlation-ID": "net-1"})
        error = self.assertError(response, 503, "temporarily_unavailable")
        self.assertEqual(error["correlation_id"], "net-1")
        self.assertTrue(response.headers["Retry-After"])


@tagged("post_install", "-at_install")
class TestServeApp(HttpCase):
    def test_app_not_built(self):
        with patch.object(app_files, "APP_DIR", "/nonexistent/app"):
            response = self.url_open("/shopfloor_terminal/app/")
        self.assertEqual(response.status_code, 503)
        self.assertIn("npm run build:addon", response.text)

    def test_app_files_and_cache_policy(self):
        # Odoo streams files from its addons paths only (odoo.tools.file_path)
        static = os.path.dirname(app_files.APP_DIR)
        with tempfile.TemporaryDirectory(dir=static) as folder:
            os.makedirs(os.path.join(folder, "assets"))
            files = {
                "index.html": "<!doctype html><title>app</title>",
                "sw.js": "self.x=1",
                "manifest.webmanifest": "{}",
                "assets/index-AbCd1234.js": "console.log(1)",
                "assets/index-AbCd1234.css": "body{}",
            }
            for name, content in files.items():
                with open(os.path.join(folder, name), "w") as handle:
                    handle.write(content)
            with patch.object(app_files, "APP_DIR", folder):
                expectations = {
                    "/shopfloor_terminal/app/": ("text/html", "no-cache"),
                    "/shopfloor_terminal/app/sw.js": ("text/javascript", "no-cache"),
                    "/shopfloor_terminal/app/manifest.webmanifest": (
                        "application/manifest+json",
                        "no-cache",
                    ),
                    "/shopfloor_terminal/app/assets/index-AbCd1234.js": (
                        "text/javascript",
                        "immutable",
                    ),
                    "/shopfloor_terminal/app/assets/index-AbCd1234.css": (
                        "text/css",
                        "immutable",
                    ),
                    "/shopfloor_terminal/app/workorders/42": (
                        "text/html",
                        "no-cache",
                    ),  # client route
                }
                for url, (mimetype, cache) in expectations.items():
                    with self.subTest(url=url):
                        response = self.url_open(url)
                        self.assertEqual(response.status_code, 200)
                        self.assertTrue(
                            response.headers["Content-Type"].startswith(mimetype)
                        )
                        self.assertIn(cache, response.headers["Cache-Control"])
                        # a year for the hashed assets; the rest is revalidated
                        self.assertEqual(
                            "max-age=31536000" in response.headers["Cache-Control"],
                            cache == "immutable",
                        )
                        # the app runs its own scripts: no download policy
                        self.assertNotIn("Content-Security-Policy", response.headers)
                index = self.url_open("/shopfloor_terminal/app/")
                again = self.url_open(
                    "/shopfloor_terminal/app/",
                    headers={"If-None-Match": index.headers["ETag"]},
                )
                self.assertEqual(again.status_code, 304)
                self.assertEqual(
                    self.url_open(
                        "/shopfloor_terminal/app/assets/missing-1234abcd.js"
                    ).status_code,
                    404,
                )
                self.assertEqual(
                    self.url_open(
                        "/shopfloor_terminal/app/%2e%2e/__manifest__.py"
                    ).status_code,
                    404,
                )
                redirect = self.url_open(
                    "/shopfloor_terminal/app", allow_redirects=False
                )
                self.assertEqual(redirect.status_code, 301)
