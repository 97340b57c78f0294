# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pairing: limits per address and for everyone, the real client address
behind the Node proxy, and no plain code left behind."""

import json

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.shopfloor_terminal.services import auth
from odoo.addons.shopfloor_terminal.services.client_address import TRUSTED_PROXIES_PARAM
from odoo.addons.shopfloor_terminal.services.errors import ShopfloorApiError

from .common import NOW, ShopfloorCommon

BODY = {"device_name": "guess", "client_version": "1.0.0"}


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestPairingLimits(ShopfloorCommon):
    def fail_from(self, address):
        # not assertRaises: its savepoint would roll the failure record back
        try:
            auth.pair(self.env, dict(BODY, pairing_code="AAAAAAAA"), address)
        except ShopfloorApiError as exc:
            return exc
        self.fail("a wrong code must be refused")

    def test_many_addresses_together_hit_the_global_limit(self):
        per_address = auth.PAIRING_MAX_FAILURES
        for index in range(auth.PAIRING_MAX_FAILURES_GLOBAL // per_address):
            for _attempt in range(per_address):
                address = f"198.51.100.{index}"
                self.assertEqual(self.fail_from(address).code, "pairing_code_invalid")
        refused = self.fail_from("203.0.113.7")
        self.assertEqual(refused.code, "rate_limited")
        self.assertEqual(refused.details["scope"], "global")

    def test_one_bad_tablet_is_limited_alone(self):
        for _attempt in range(auth.PAIRING_MAX_FAILURES):
            self.fail_from("198.51.100.1")
        refused = self.fail_from("198.51.100.1")
        self.assertEqual(refused.details["scope"], "address")
        self.assertEqual(self.fail_from("198.51.100.2").code, "pairing_code_invalid")

    def test_the_wizard_forgets_the_plain_code_when_closed(self):
        action = self.terminal.action_pair_device()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertTrue(wizard.pairing_code)
        wizard.action_done()
        self.assertFalse(wizard.pairing_code)
        self.assertLessEqual(wizard._transient_max_hours, 0.25)


@tagged("post_install", "-at_install")
class TestClientAddress(HttpCase, ShopfloorCommon):
    def post_pair(self, forwarded):
        return self.url_open(
            "/shopfloor_terminal/v1/pair",
            data=json.dumps(dict(BODY, pairing_code="AAAAAAAA")),
            headers={"Content-Type": "application/json", "X-Forwarded-For": forwarded},
            method="POST",
        )

    def last_attempt(self):
        return self.env["shopfloor.terminal.pairing.attempt"].search(
            [], order="id desc", limit=1
        )

    def test_the_proxys_forwarded_address_is_believed_from_loopback_only(self):
        self.assertEqual(self.post_pair("198.51.100.23").status_code, 401)
        self.assertEqual(self.last_attempt().remote_addr, "198.51.100.23")
        self.env["ir.config_parameter"].set_param(TRUSTED_PROXIES_PARAM, "192.0.2.1")
        self.assertEqual(self.post_pair("198.51.100.24").status_code, 401)
        self.assertEqual(self.last_attempt().remote_addr, "127.0.0.1")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestTokenRotation(ShopfloorCommon):
    def authenticate(self, token):
        return auth.authenticate(self.env, {"Authorization": f"Bearer {token}"})

    def test_rotating_stops_the_token_and_offers_a_new_code(self):
        token = self.terminal._shopfloor_complete_pairing("Tablet", "1.0.0")
        self.assertEqual(self.authenticate(token), self.terminal)
        action = self.terminal.action_rotate_token()
        with self.assertRaises(ShopfloorApiError) as caught:
            self.authenticate(token)
        self.assertEqual(caught.exception.code, "token_invalid")
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        pairing = auth.pair(
            self.env, dict(BODY, pairing_code=wizard.pairing_code), "192.0.2.5"
        )
        self.assertEqual(self.authenticate(pairing["token"]), self.terminal)

    def test_a_token_may_expire(self):
        token = self.terminal._shopfloor_complete_pairing("Tablet", "1.0.0")
        self.terminal.token_lifetime_days = 30
        self.assertEqual(self.authenticate(token), self.terminal)
        with freeze_time("2026-02-09 10:00:00"):
            with self.assertRaises(ShopfloorApiError) as caught:
                self.authenticate(token)
        self.assertEqual(caught.exception.code, "token_invalid")
        self.assertEqual(caught.exception.details["reason"], "expired")
