# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.shopfloor_terminal.services import auth
from odoo.addons.shopfloor_terminal.services.errors import ShopfloorApiError

from .common import NOW, ShopfloorCommon

ADDRESS = "192.0.2.10"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestPairing(ShopfloorCommon):
    def pair(self, code, device_name="Line 1 tablet", address=ADDRESS):
        return auth.pair(
            self.env,
            {
                "pairing_code": code,
                "device_name": device_name,
                "client_version": "1.0.0",
            },
            address,
        )

    def assertRefused(self, code, func, *args, **kwargs):
        with self.assertRaises(ShopfloorApiError) as caught:
            func(*args, **kwargs)
        self.assertEqual(caught.exception.code, code)
        return caught.exception

    def test_pairing_code_format_and_storage(self):
        code = self.terminal.generate_pairing_code()
        self.assertRegex(code, r"^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$")
        self.assertEqual(
            self.terminal.pairing_code_hash,
            auth.hash_secret(code),
            "only a hash is stored",
        )
        self.assertEqual(
            self.terminal.pairing_expires_at, datetime(2026, 1, 10, 10, 15)
        )

    def test_pair_returns_a_token_once_and_keeps_its_hash(self):
        code = self.terminal.generate_pairing_code()
        answer = self.pair(f"{code[:4].lower()}-{code[4:]}")  # typed by a person
        token = answer["token"]
        self.assertRegex(token, r"^sft_[A-Za-z0-9_-]{43}$")
        self.assertEqual(
            answer["terminal"], {"id": self.terminal.id, "name": "SF Tablet"}
        )
        self.assertEqual(answer["api_version"], "1")
        self.assertEqual(self.terminal.token_hash, auth.hash_secret(token))
        self.assertEqual(
            (self.terminal.state, self.terminal.device_name),
            ("paired", "Line 1 tablet"),
        )
        self.assertEqual(
            auth.authenticate(self.env, {"Authorization": f"Bearer {token}"}),
            self.terminal,
        )
        self.assertRefused("pairing_code_invalid", self.pair, code)  # a code works once

    def test_expired_code_is_refused(self):
        code = self.terminal.generate_pairing_code()
        with freeze_time(datetime(2026, 1, 10, 10, 16)):
            self.assertRefused("pairing_code_invalid", self.pair, code)

    def test_repairing_replaces_the_token(self):
        old = self.pair(self.terminal.generate_pairing_code())["token"]
        new = self.pair(self.terminal.generate_pairing_code())["token"]
        self.assertRefused(
            "token_invalid",
            auth.authenticate,
            self.env,
            {"Authorization": f"Bearer {old}"},
        )
        self.assertEqual(
            auth.authenticate(self.env, {"Authorization": f"bearer  {new}"}),
            self.terminal,
        )

    def test_revoked_token_is_refused_at_once(self):
        token = self.pair(self.terminal.generate_pairing_code())["token"]
        self.terminal.action_revoke()
        self.assertRefused(
            "token_revoked",
            auth.authenticate,
            self.env,
            {"Authorization": f"Bearer {token}"},
        )

    def test_authorization_header_shapes(self):
        self.assertRefused("unauthorized", auth.authenticate, self.env, {})
        self.assertRefused(
            "unauthorized", auth.authenticate, self.env, {"Authorization": "Basic abc"}
        )
        self.assertRefused(
            "token_invalid",
            auth.authenticate,
            self.env,
            {"Authorization": "Bearer sft_nope"},
        )

    def test_request_validation(self):
        error = self.assertRefused(
            "invalid_request",
            self.pair,
            self.terminal.generate_pairing_code(),
            device_name="",
        )
        self.assertEqual(error.details["field"], "device_name")
        error = self.assertRefused(
            "invalid_request", auth.pair, self.env, {"device_name": "x"}, ADDRESS
        )
        self.assertEqual(error.details["field"], "pairing_code")

    def test_wrong_codes_are_rate_limited_per_address(self):
        for _attempt in range(auth.PAIRING_MAX_FAILURES):
            # not assertRaises: its savepoint would roll the failure record back
            try:
                self.pair("AAAAAAAA")
            except ShopfloorApiError as exc:
                self.assertEqual(exc.code, "pairing_code_invalid")
            else:
                self.fail("a wrong code must be refused")
        code = self.terminal.generate_pairing_code()
        error = self.assertRefused("rate_limited", self.pair, code)
        self.assertEqual(error.status, 429)
        self.assertTrue(1 <= int(error.headers["Retry-After"]) <= 600)
        self.assertTrue(
            self.pair(code, address="192.0.2.99")["token"],
            "other addresses are not slowed down",
        )
        with freeze_time(datetime(2026, 1, 10, 10, 11)):
            code = self.terminal.generate_pairing_code()
            self.assertTrue(self.pair(code)["token"], "the window moves on")

    def test_pair_device_wizard_shows_code_and_qr(self):
        action = self.terminal.action_pair_device()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(len(wizard.pairing_code), 8)
        self.assertTrue(
            wizard.pairing_url.endswith(
                f"/shopfloor_terminal/app/#/pair?code={wizard.pairing_code}"
            )
        )
        self.assertTrue(base64.b64decode(wizard.qr_code).startswith(b"\x89PNG"))

    def test_last_seen_is_recorded(self):
        self.terminal._shopfloor_touch("1.2.3")
        self.assertEqual(self.terminal.last_seen_at, datetime(2026, 1, 10, 10, 0))
        self.assertEqual(self.terminal.client_version, "1.2.3")
        self.terminal.state = "paired"
        self.assertFalse(self.terminal.is_stale)
        with freeze_time(datetime(2026, 1, 10, 10, 0) + timedelta(hours=2)):
            self.terminal.invalidate_recordset(["is_stale"])
            self.assertTrue(self.terminal.is_stale)
            self.assertIn(
                self.terminal,
                self.env["shopfloor.terminal"].search([("is_stale", "=", True)]),
            )
