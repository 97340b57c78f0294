# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work instructions on operations: what the work order carries, what the
delta notices, and who may fetch the files."""

import base64
from datetime import timedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.shopfloor_terminal.services.errors import ShopfloorApiError
from odoo.addons.shopfloor_terminal.services.instructions import (
    MAX_BYTES_PARAM,
    terminal_attachment,
)
from odoo.addons.shopfloor_terminal.services.workorder_delta import WorkorderDelta
from odoo.addons.shopfloor_terminal.services.workorder_serializer import (
    serialize_workorder,
)

from .common import ShopfloorCommon, ShopfloorHttpCommon

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# a 1x1 transparent PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYA"
    "AjCB0C8AAAAASUVORK5CYII="
)


class InstructionsMixin:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operation = cls.workorder.operation_id
        cls.operation_elsewhere = cls.workorder_elsewhere.operation_id
        attachments = cls.env["ir.attachment"].create(
            [
                {"name": "Steps.pdf", "raw": PDF, "mimetype": "application/pdf"},
                # as the form's upload widget links it: to the operation
                {
                    "name": "Jig.png",
                    "raw": PNG,
                    "mimetype": "image/png",
                    "res_model": "mrp.routing.workcenter",
                    "res_id": cls.operation.id,
                },
                {"name": "Notes.txt", "raw": b"plain", "mimetype": "text/plain"},
                {"name": "Paint.pdf", "raw": PDF, "mimetype": "application/pdf"},
            ]
        )
        cls.pdf, cls.png, cls.text, cls.pdf_elsewhere = attachments
        cls.operation.write(
            {
                "shopfloor_instructions": "<p>Check the <b>runners</b>.</p>"
                '<script>alert("x")</script><p style="color:red">Torque 12 Nm</p>',
                "shopfloor_open_instructions": True,
                "shopfloor_attachment_ids": [
                    Command.set((cls.pdf | cls.png | cls.text).ids)
                ],
            }
        )
        cls.operation_elsewhere.shopfloor_attachment_ids = [
            Command.set(cls.pdf_elsewhere.ids)
        ]


@tagged("post_install", "-at_install")
class TestWorkInstructions(InstructionsMixin, ShopfloorCommon):
    def test_the_work_order_carries_sanitized_instructions_and_its_files(self):
        data = serialize_workorder(self.workorder)
        self.assertIn("<b>runners</b>", data["instructions"])
        self.assertNotIn("script", data["instructions"])
        self.assertNotIn("style", data["instructions"])
        self.assertEqual(data["note"], "Check the *runners*.\nTorque 12 Nm")
        self.assertTrue(data["open_instructions_on_start"])
        self.assertEqual(
            data["attachments"],
            [
                {
                    "id": self.pdf.id,
                    "name": "Steps.pdf",
                    "mimetype": "application/pdf",
                    "size": len(PDF),
                    "checksum": self.pdf.checksum,
                    "offline": True,
                },
                {
                    "id": self.png.id,
                    "name": "Jig.png",
                    "mimetype": "image/png",
                    "size": len(PNG),
                    "checksum": self.png.checksum,
                    "offline": True,
                },
            ],
            "the text file is not an instruction file",
        )

    def test_files_over_the_limit_are_listed_but_not_offline(self):
        self.assertLess(len(PDF), len(PNG))
        self.env["ir.config_parameter"].set_param(MAX_BYTES_PARAM, str(len(PDF)))
        offline = {
            item["name"]: item["offline"]
            for item in serialize_workorder(self.workorder)["attachments"]
        }
        self.assertEqual(offline, {"Steps.pdf": True, "Jig.png": False})

    def test_an_operation_without_instructions_sends_none(self):
        data = serialize_workorder(self.workorder_lot)
        self.assertEqual(
            (
                data["note"],
                data["instructions"],
                data["open_instructions_on_start"],
                data["attachments"],
            ),
            (None, None, False, []),
        )

    def test_editing_the_operation_changes_the_version_and_reaches_the_delta(self):
        delta = WorkorderDelta(self.device_terminal())
        now = self.env.cr.now()
        state = {
            "since": now + timedelta(seconds=1),
            "pass_start": None,
            "after_id": 0,
            "known": {},
            "seen": {},
        }
        cursor = delta._encode(state, now)
        self.assertEqual(delta.page(cursor, 100)["items"], [])
        before = serialize_workorder(self.workorder)["version"]
        self.operation.shopfloor_instructions = "<p>Wear gloves.</p>"
        self.assertNotEqual(serialize_workorder(self.workorder)["version"], before)
        # as a later transaction would stamp it
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE mrp_routing_workcenter SET write_date = %s WHERE id = %s",
                now + timedelta(seconds=2),
                self.operation.id,
            )
        )
        self.env.invalidate_all()
        page = delta.page(cursor, 100)
        self.assertEqual([item["id"] for item in page["items"]], self.workorder.ids)

    def test_a_terminal_gets_only_its_operations_files(self):
        device = self.device_terminal()
        self.assertEqual(terminal_attachment(device, str(self.pdf.id)), self.pdf)
        cases = {
            "another work center's file": (self.pdf_elsewhere.id, "forbidden"),
            "not an instruction file type": (self.text.id, "not_found"),
            "no such id": (self.pdf.id + 1000, "not_found"),
            "not an id": ("abc", "not_found"),
        }
        for name, (attachment_id, code) in cases.items():
            with self.subTest(name), self.assertRaises(ShopfloorApiError) as caught:
                terminal_attachment(device, attachment_id)
            self.assertEqual(caught.exception.code, code)


@tagged("post_install", "-at_install")
class TestHttpWorkInstructions(InstructionsMixin, ShopfloorHttpCommon):
    def test_the_terminal_downloads_its_file(self):
        response = self.call(f"/attachments/{self.png.id}")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.headers["Content-Type"], "image/png")
        self.assertEqual(response.content, PNG)
        self.assertTrue(response.headers["X-Correlation-ID"])
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        unchanged = self.call(
            f"/attachments/{self.png.id}",
            headers={"If-None-Match": response.headers["ETag"]},
        )
        self.assertEqual(unchanged.status_code, 304)

    def test_other_files_are_refused_in_the_envelope(self):
        self.assertError(
            self.call(f"/attachments/{self.pdf_elsewhere.id}"), 403, "forbidden"
        )
        self.assertError(self.call(f"/attachments/{self.text.id}"), 404, "not_found")
        self.assertError(
            self.call(f"/attachments/{self.pdf.id}", token=False), 401, "unauthorized"
        )

    def test_the_work_order_feed_lists_the_files(self):
        body = self.call("/workorders").json()
        (item,) = [wo for wo in body["items"] if wo["id"] == self.workorder.id]
        self.assertEqual(
            [file["name"] for file in item["attachments"]], ["Steps.pdf", "Jig.png"]
        )
