# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Floor Terminal",
    "summary": "Offline-first shop-floor terminal: pairing, work order sync "
    "and an idempotent event ledger that posts real manufacturing records",
    "version": "19.0.1.0.0",
    "category": "Supply Chain/Manufacturing",
    "website": "https://github.com/shopfloor-terminal/shopfloor-terminal",
    "author": "Shopfloor Terminal contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["mrp", "hr"],
    "data": [
        "security/shopfloor_terminal_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/shopfloor_hold_reason_data.xml",
        "wizards/shopfloor_terminal_pair_wizard_views.xml",
        "wizards/shopfloor_quality_hold_release_wizard_views.xml",
        "views/shopfloor_terminal_views.xml",
        "views/shopfloor_terminal_event_views.xml",
        "views/shopfloor_quality_hold_views.xml",
        "views/shopfloor_hold_reason_views.xml",
        "views/mrp_workorder_views.xml",
        "views/mrp_production_views.xml",
        "views/mrp_workcenter_views.xml",
        "views/stock_lot_views.xml",
        "views/hr_employee_views.xml",
        "views/shopfloor_terminal_menus.xml",
    ],
    "demo": [
        "demo/shopfloor_terminal_demo.xml",
    ],
}
