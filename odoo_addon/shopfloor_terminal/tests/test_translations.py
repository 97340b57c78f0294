# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

import polib
from freezegun import freeze_time
from lxml import etree

from odoo.modules import get_module_path
from odoo.tests import tagged
from odoo.tools.translate import trans_export

from ..services import ledger_display
from .common import NOW, ShopfloorCommon

LANGS = ("de_DE", "fr_FR")
FILES = {"de_DE": "de.po", "fr_FR": "fr.po"}


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestTranslations(ShopfloorCommon):
    """The addon's i18n/de.po and fr.po reach Odoo's screens through Odoo's own
    translation machinery: menus, field labels, selections, views, data
    records and the messages of the code. scripts/check-addon.py checks that
    every term is translated; this checks that Odoo loads and uses them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in LANGS:
            cls.env["res.lang"]._activate_lang(code)
        # what installing a language or updating the module does
        cls.env["ir.module.module"]._load_module_terms(
            ["shopfloor_terminal"], list(LANGS), overwrite=True
        )

    def _in(self, lang, record):
        return record.with_context(lang=lang)

    def test_menus_read_in_german_and_french(self):
        cases = {
            "shopfloor_terminal.shopfloor_terminal_event_menu": (
                "Terminal-Ereignisse",
                "Événements de terminal",
            ),
            "shopfloor_terminal.shopfloor_terminal_menu": ("Terminals", "Terminaux"),
            "shopfloor_terminal.shopfloor_quality_hold_menu": (
                "Qualitätssperren",
                "Blocages qualité",
            ),
        }
        for xmlid, expected in cases.items():
            menu = self.env.ref(xmlid)
            for lang, name in zip(LANGS, expected, strict=True):
                self.assertEqual(self._in(lang, menu).name, name, (xmlid, lang))

    def test_the_ledger_event_type_and_status_are_translated_selections(self):
        Event = self.env["shopfloor.terminal.event"]
        for lang, scrap, produce, rejected in (
            ("de_DE", "Ausschuss", "Menge gemeldet", "Abgelehnt"),
            ("fr_FR", "Rebut", "Quantité déclarée", "Rejeté"),
        ):
            env = Event.with_context(lang=lang).env
            kinds = dict(Event._fields["event_kind"]._description_selection(env))
            self.assertEqual(kinds["scrap.record"], scrap)
            self.assertEqual(kinds["workorder.produce"], produce)
            statuses = dict(Event._fields["status"]._description_selection(env))
            self.assertEqual(statuses["rejected"], rejected)

    def test_a_ledger_row_reads_in_the_users_language(self):
        event = self.event(
            "scrap.record", payload={"product_id": self.component.id, "qty": 2}
        )
        self.assertApplied(self.ingest_one(event))
        row = self.ledger(event)
        production = self.workorder.production_id.name
        for lang, kind in (("de_DE", "Ausschuss"), ("fr_FR", "Rebut")):
            self.env.invalidate_all()
            self.assertEqual(
                self._in(lang, row).display_name,
                f"{kind} · {production} · {self.operator.name}",
            )

    def test_field_labels_and_help_are_translated(self):
        Event = self.env["shopfloor.terminal.event"]
        Scrap = self.env["stock.scrap"]
        for lang, failure, operator, help_start in (
            ("de_DE", "Fehlerursache", "Bediener", "Wann der Bediener gehandelt hat"),
            ("fr_FR", "Échec", "Opérateur", "Moment où l'opérateur a agi"),
        ):
            fields = self._in(lang, Event).fields_get(
                ["error_label", "occurred_at"], ["string", "help"]
            )
            self.assertEqual(fields["error_label"]["string"], failure)
            self.assertTrue(
                fields["occurred_at"]["help"].startswith(help_start),
                fields["occurred_at"]["help"],
            )
            scrap_fields = self._in(lang, Scrap).fields_get(
                ["shopfloor_employee_id"], ["string"]
            )
            self.assertEqual(scrap_fields["shopfloor_employee_id"]["string"], operator)

    def test_views_are_translated(self):
        for lang, expected in (
            ("de_DE", "Entscheidung in Odoo"),
            ("fr_FR", "Décision dans Odoo"),
        ):
            views = self._in(lang, self.env["shopfloor.terminal.event"]).get_views(
                [(False, "form")]
            )
            arch = etree.fromstring(views["views"]["form"]["arch"])
            self.assertTrue(arch.xpath(f"//group[@string='{expected}']"), lang)

    def test_data_records_are_translated(self):
        reason = self.env.ref("shopfloor_terminal.hold_reason_visual")
        self.assertEqual(self._in("de_DE", reason).name, "Sichtbarer Fehler")
        self.assertEqual(self._in("fr_FR", reason).name, "Défaut visuel")

    def test_messages_of_the_code_are_translated(self):
        self.terminal.write(
            {"clock_offset_ms": -10 * 60 * 1000, "clock_offset_at": NOW}
        )
        for lang, label, clock in (
            ("de_DE", "Ungültige Menge", "10 min vor"),
            ("fr_FR", "Quantité invalide", "10 min d'avance"),
        ):
            terminal = self._in(lang, self.terminal)
            self.assertEqual(
                ledger_display.error_label(terminal.env, "qty_invalid"), label
            )
            self.assertEqual(terminal._shopfloor_clock_text(), clock)

    def test_every_translation_of_the_files_reaches_odoo(self):
        """Odoo's own export reads each term back from the database (records,
        fields, selections, views) or the files (code): a translation Odoo did
        not import, or imported for another term, would come back different.
        (Blank terms and placeholders are the static check's job.)"""
        for lang, name in FILES.items():
            i18n = f"{get_module_path('shopfloor_terminal')}/i18n"
            shipped = polib.pofile(f"{i18n}/{name}")
            buffer = io.BytesIO()
            trans_export(lang, ["shopfloor_terminal"], buffer, "po", self.env)
            exported = {
                entry.msgid: entry.msgstr
                for entry in polib.pofile(buffer.getvalue().decode())
            }
            lost = {
                entry.msgid: exported.get(entry.msgid)
                for entry in shipped
                # Odoo exports a translation equal to its source as empty
                if entry.msgstr != entry.msgid
                and exported.get(entry.msgid) != entry.msgstr
            }
            self.assertEqual(lost, {}, lang)
