"""The translation check (addon_i18n.py) finds what it promises to find.

Run by scripts/check-addon.py, or alone:

    /usr/bin/python3 -m unittest scripts/test_addon_i18n.py
"""

import importlib.util
import tempfile
import textwrap
import unittest
from pathlib import Path

import addon_i18n

TEMPLATE = r'''# Translation of Odoo Server.
msgid ""
msgstr ""
"Project-Id-Version: Odoo Server 19.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: \n"

#. module: demo_addon
#: model:ir.ui.menu,name:demo_addon.menu_events
msgid "Terminal Events"
msgstr ""

#. module: demo_addon
#. odoo-python
#: code:addons/demo_addon/models/hold.py:0
msgid "Held: %(reason)s"
msgstr ""

#. module: demo_addon
#: model_terms:ir.ui.view,arch_db:demo_addon.view_form
msgid ""
"<span class=\"o_stat_text\">Active Holds</span>"
msgstr ""
'''

GERMAN = {
    "Terminal Events": "Terminal-Ereignisse",
    "Held: %(reason)s": "Gesperrt: %(reason)s",
    '<span class=\\"o_stat_text\\">Active Holds</span>': (
        '<span class=\\"o_stat_text\\">Aktive Sperren</span>'
    ),
}


FRENCH = {
    "Terminal Events": "Événements de terminal",
    "Held: %(reason)s": "Bloqué\u00a0: %(reason)s",
    '<span class=\\"o_stat_text\\">Active Holds</span>': (
        '<span class=\\"o_stat_text\\">Blocages actifs</span>'
    ),
}


def translated(template, translations, lang):
    """The template with a language's header and the given msgstr."""
    text = template.replace(
        '"Plural-Forms: \\n"',
        f'"Language: {lang}\\n"\n"Plural-Forms: {addon_i18n.LANGUAGES[lang]}\\n"',
    )
    for msgid, msgstr in translations.items():
        one_line = f'msgid "{msgid}"\nmsgstr ""'
        wrapped = f'msgid ""\n"{msgid}"\nmsgstr ""'
        form = one_line if one_line in text else wrapped
        text = text.replace(form, form[: -len('""')] + f'"{msgstr}"')
    return text


class TranslationCheck(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.addon = Path(tmp.name) / "demo_addon"
        (self.addon / "i18n").mkdir(parents=True)
        self.write("i18n/demo_addon.pot", TEMPLATE)
        self.write("i18n/de.po", translated(TEMPLATE, GERMAN, "de"))
        self.write("i18n/fr.po", translated(TEMPLATE, FRENCH, "fr"))

    def write(self, name, text):
        path = self.addon / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def german(self, **changes):
        self.write("i18n/de.po", translated(TEMPLATE, dict(GERMAN, **changes), "de"))

    def problems(self):
        return [
            f"{label}: {problem}"
            for label, found in addon_i18n.check(self.addon)
            for problem in found
        ]

    def assertReported(self, expected):
        problems = self.problems()
        self.assertTrue(
            any(expected in problem for problem in problems),
            f"{expected!r} not in {problems}",
        )

    def test_complete_files_pass(self):
        self.assertEqual(self.problems(), [])

    def test_a_blanked_entry_is_named(self):
        self.german(**{"Terminal Events": ""})
        self.assertReported("i18n/de.po: line 9: untranslated: msgid 'Terminal Events'")

    def test_a_fuzzy_entry_is_named(self):
        path = self.addon / "i18n/de.po"
        path.write_text(
            path.read_text().replace(
                'msgid "Terminal Events"', '#, fuzzy\nmsgid "Terminal Events"'
            )
        )
        self.assertReported("fuzzy (check it, then remove the flag): msgid 'Terminal")

    def test_a_term_missing_from_a_po_is_named(self):
        self.write(
            "i18n/fr.po",
            translated(TEMPLATE, FRENCH, "fr").replace(
                "#. module: demo_addon\n"
                "#: model:ir.ui.menu,name:demo_addon.menu_events\n"
                'msgid "Terminal Events"\nmsgstr "Événements de terminal"\n\n',
                "",
            ),
        )
        self.assertReported(
            "i18n/fr.po: missing (template line 8): msgid 'Terminal Events'"
        )

    def test_a_renamed_placeholder_is_named(self):
        self.german(**{"Held: %(reason)s": "Gesperrt: %(grund)s"})
        self.assertReported(
            "lost %(reason)s; added %(grund)s): msgid 'Held: %(reason)s'"
        )

    def test_a_lost_tag_is_named(self):
        self.german(
            **{'<span class=\\"o_stat_text\\">Active Holds</span>': "Aktive Sperren"}
        )
        self.assertReported('lost </span>, <span class="o_stat_text">; added none')

    def test_a_term_the_template_no_longer_has_is_named(self):
        path = self.addon / "i18n/de.po"
        path.write_text(path.read_text() + '\nmsgid "Gone"\nmsgstr "Weg"\n')
        self.assertReported("not in the template (run `scripts/odoo-lab.sh pot`)")

    def test_a_wrong_plural_forms_header_is_named(self):
        path = self.addon / "i18n/fr.po"
        path.write_text(path.read_text().replace("nplurals=3", "nplurals=2"))
        self.assertReported("i18n/fr.po: header Plural-Forms is 'nplurals=2")

    def test_a_term_of_the_code_missing_from_the_template_is_named(self):
        self.write(
            "models/pin.py",
            textwrap.dedent(
                """\
                from odoo import fields, models


                class PinAttempt(models.Model):
                    _name = "demo.pin.attempt"
                    _description = "Failed PIN Attempt"

                    pin_tried_at = fields.Datetime()
                    mode = fields.Selection([("off", "No PIN")], string="PIN Mode")

                    def lock(self):
                        return self.env._("PIN locked for %(minutes)s minutes")
                """
            ),
        )
        for term, line in (
            ("Failed PIN Attempt", 6),
            ("Pin Tried At", 8),
            ("No PIN", 9),
            ("PIN Mode", 9),
            ("PIN locked for %(minutes)s minutes", 12),
        ):
            self.assertReported(
                f"i18n/demo_addon.pot: in the code (models/pin.py:{line}) but not in "
                f"the template (run `scripts/odoo-lab.sh pot`): '{term}'"
            )

    @unittest.skipUnless(importlib.util.find_spec("polib"), "polib (python3-polib)")
    def test_merge_keeps_translations_and_brings_new_terms_untranslated(self):
        new_term = (
            '\n#. module: demo_addon\n#: model:ir.ui.menu,name:demo_addon.menu_pin\n'
            'msgid "PIN Settings"\nmsgstr ""\n'
        )
        self.write("i18n/demo_addon.pot", TEMPLATE + new_term)
        addon_i18n.merge(self.addon)
        self.assertEqual(
            self.problems(),
            [
                "i18n/de.po: line 26: untranslated: msgid 'PIN Settings'",
                "i18n/fr.po: line 26: untranslated: msgid 'PIN Settings'",
            ],
        )
        german = {
            e.msgid: e.msgstr[0] for e in addon_i18n.read_po(self.addon / "i18n/de.po")
        }
        self.assertEqual(german["Terminal Events"], "Terminal-Ereignisse")
