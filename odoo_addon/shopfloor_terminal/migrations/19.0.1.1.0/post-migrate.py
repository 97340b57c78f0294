# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.1.0: a rejected event's "acknowledged" flag became its resolution.

Version 19.0.1.0.0 only let a supervisor tick *Acknowledged*; now a rejected
event is resolved (resent, discarded, or resolved in Odoo, with who and
when), and the terminal counters count the unresolved ones. A row ticked
before the update was dealt with in Odoo: it becomes *Resolved in Odoo* by
whoever last wrote it, so the counters do not turn red on update.
"""

from odoo.tools.sql import SQL, column_exists


def migrate(cr, version):
    if not version:
        return
    if not column_exists(cr, "shopfloor_terminal_event", "acknowledged"):
        return
    # SQL: one set-based update of rows the ORM no longer has a field for
    cr.execute(
        SQL(
            """
            UPDATE shopfloor_terminal_event
               SET resolution = 'resolved_in_odoo',
                   resolved_at = write_date,
                   resolved_by_user_id = write_uid
             WHERE status = 'rejected' AND acknowledged AND resolution IS NULL
            """
        )
    )
