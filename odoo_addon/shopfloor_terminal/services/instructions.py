# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work instructions of a work order's operation: what the terminal shows
and which files it may fetch (GET /attachments/<id>)."""

from odoo.tools import html2plaintext, html_sanitize, is_html_empty

from .errors import ShopfloorApiError

# PDFs and raster images only: an SVG can carry scripts, and the terminal's
# viewer must open every listed file offline without a plugin.
MIMETYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
)
MAX_BYTES_PARAM = "shopfloor_terminal.instruction_file_max_bytes"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_file_bytes(env):
    """The per-file limit for offline use, in bytes (a system parameter)."""
    value = env["ir.config_parameter"].sudo().get_param(MAX_BYTES_PARAM)
    try:
        limit = int(value)
    except (TypeError, ValueError):
        return DEFAULT_MAX_BYTES
    return limit if limit > 0 else DEFAULT_MAX_BYTES


def instruction_files(operation):
    """The operation's attachments the terminal may show, in upload order."""
    return operation.shopfloor_attachment_ids.filtered(
        lambda attachment: attachment.mimetype in MIMETYPES
    ).sorted("id")


def serialize_instructions(workorder):
    """``note`` (the instructions as plain text, for terminals that predate
    ``instructions``), ``instructions``, ``open_instructions_on_start`` and
    ``attachments`` of the WorkOrder JSON."""
    operation = workorder.operation_id
    max_bytes = max_file_bytes(workorder.env)
    files = instruction_files(operation)
    html = operation.shopfloor_instructions
    if is_html_empty(html):
        html = None
    else:
        # the field sanitizes on write; styles and classes mean nothing on
        # the tablet and only known attributes reach it
        html = html_sanitize(
            html, sanitize_attributes=True, strip_style=True, strip_classes=True
        )
    return {
        "note": (html2plaintext(html).strip() or None) if html else None,
        "instructions": html,
        # nothing to show opens nothing
        "open_instructions_on_start": bool(
            operation.shopfloor_open_instructions and (html or files)
        ),
        "attachments": [
            {
                "id": attachment.id,
                "name": attachment.name,
                "mimetype": attachment.mimetype,
                "size": attachment.file_size,
                "checksum": attachment.checksum,
                "offline": attachment.file_size <= max_bytes,
            }
            for attachment in files
        ],
    }


def terminal_attachment(terminal, attachment_id):
    """The instruction file ``attachment_id`` if it belongs to an operation
    of one of the terminal's work centers; else 404, or 403 when it is an
    instruction file of another work center's operation."""
    env = terminal.env
    try:
        attachment_id = int(attachment_id)
    except (TypeError, ValueError):
        attachment_id = 0
    if not 0 < attachment_id < 2**31:
        raise ShopfloorApiError("not_found", "No instruction file has this id.")
    # sudo: the device user reads no operations of other work centers; the
    # terminal's own work centers are checked below before anything is sent
    operations = (
        env["mrp.routing.workcenter"]
        .sudo()
        .with_context(active_test=False)
        .search([("shopfloor_attachment_ids", "in", attachment_id)])
    )
    attachment = operations.shopfloor_attachment_ids.filtered(
        lambda file: file.id == attachment_id and file.mimetype in MIMETYPES
    )
    if not attachment:
        raise ShopfloorApiError("not_found", "No instruction file has this id.")
    if not operations.workcenter_id & terminal.workcenter_ids:
        raise ShopfloorApiError(
            "forbidden",
            "This file belongs to another work center's operations.",
        )
    return attachment
