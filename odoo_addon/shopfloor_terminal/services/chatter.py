# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Chatter messages a terminal writes, signed by the operator.

A terminal acts in Odoo as its device user, so Odoo would sign every
message "Terminal: Assembly tablet". What the office needs is who did it on
the floor: a message a terminal posts reads "Marc Demo via Assembly tablet".
Outside a terminal (a person in Odoo) the message is an ordinary one.
"""

from markupsafe import Markup


def lines(*parts):
    """A message body of the non-empty ``parts``, one per line (escaped)."""
    return Markup("<br/>").join(part for part in parts if part)


def terminal_of(env):
    """The terminal whose device user ``env`` runs as, or an empty recordset."""
    return env["shopfloor.terminal"].search([("user_id", "=", env.uid)], limit=1)


def author_label(terminal, employee):
    """ "Marc Demo via Assembly tablet", or the terminal alone without operator."""
    if not employee:
        return terminal.name
    return terminal.env._(
        "%(operator)s via %(terminal)s",
        operator=employee.name,
        terminal=terminal.name,
    )


def post(record, body, employee=None):
    """Post a note on ``record``; signed by the operator when a terminal posts.

    A message with no author partner shows its ``email_from`` as the author
    (mail's ``Message.authorName``). It is a note, so no e-mail is sent with
    that sender.
    """
    terminal = terminal_of(record.env)
    if not terminal:
        return record.message_post(body=body, subtype_xmlid="mail.mt_note")
    return record.message_post(
        body=body,
        subtype_xmlid="mail.mt_note",
        author_id=False,
        email_from=author_label(terminal, employee),
    )
