# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MrpRoutingWorkcenter(models.Model):
    """Work instructions on an operation (Community 19 has none: its
    worksheets belong to Enterprise's ``mrp_workorder``)."""

    _inherit = "mrp.routing.workcenter"

    shopfloor_instructions = fields.Html(
        "Work Instructions",
        help="What the operator reads at the station. Shown on the Shop Floor "
        "Terminal, offline too; images and links from the web are not shown.",
    )
    shopfloor_open_instructions = fields.Boolean(
        "Open Instructions on Start",
        help="The terminal opens the instructions when an operator starts "
        "this operation.",
    )
    shopfloor_attachment_ids = fields.Many2many(
        "ir.attachment",
        "mrp_routing_workcenter_shopfloor_attachment_rel",
        "operation_id",
        "attachment_id",
        string="Instruction Files",
        help="PDFs and images (PNG, JPEG, GIF, WebP) the terminal keeps for "
        "offline use, up to the per-file limit of the system parameter "
        "shopfloor_terminal.instruction_file_max_bytes (10 MB by default). "
        "Larger files open only while online; other types are not sent.",
    )
