# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time
from lxml import etree

from odoo.fields import Domain
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..services import ledger_display
from ..services.event_schema import EVENT_TYPES
from .common import NOW, ShopfloorCommon


def rows_opened(env, action):
    """The rows an action shows: its domain and its default search filters."""
    model = env[action["res_model"]]
    context = action.get("context") or {}
    if isinstance(context, str):
        context = safe_eval(context)
    domain = Domain(action.get("domain") or [])
    search = etree.fromstring(
        model.get_views([(False, "search")])["views"]["search"]["arch"]
    )
    for key, value in context.items():
        if key.startswith("search_default_") and value:
            (node,) = search.xpath(f"//filter[@name='{key[15:]}']")
            domain &= Domain(safe_eval(node.get("domain")))
    return model.search(list(domain))


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestLedgerReadsForPeople(ShopfloorCommon):
    """An Odoo user reads the ledger in words: kinds, labels, names, not ids."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="sf_ledger_manager", groups="mrp.group_mrp_manager"
        )

    def _arch(self, view_type):
        views = (
            self.env["shopfloor.terminal.event"]
            .with_user(self.manager)
            .get_views([(False, view_type)])
        )
        return etree.fromstring(views["views"][view_type]["arch"])

    def _scrap(self, **payload):
        return self.event(
            "scrap.record",
            payload=dict(
                {"product_id": self.component.id, "qty": 2},
                **payload,
            ),
        )

    def test_every_event_type_the_addon_applies_has_a_kind(self):
        kinds = dict(ledger_display.EVENT_KINDS)
        for event_type in EVENT_TYPES:
            self.assertIn(event_type, kinds)

    def test_a_known_type_reads_as_its_kind_an_unknown_one_is_kept_as_sent(self):
        event = self.event("workorder.start")
        self.assertApplied(self.ingest_one(event))
        row = self.ledger(event)
        self.assertEqual(row.event_kind, "workorder.start")
        self.assertEqual(row.event_type, "workorder.start")

        odd = self.event("workorder.teleport")
        self.assertRejected(self.ingest_one(odd), "invalid_event")
        row = self.ledger(odd)
        self.assertEqual(row.event_kind, "other")
        self.assertEqual(row.event_type, "workorder.teleport")
        self.assertTrue(row.display_name.startswith("workorder.teleport"))

    def test_the_display_name_says_what_where_and_who(self):
        event = self._scrap()
        self.assertApplied(self.ingest_one(event))
        row = self.ledger(event)
        self.assertEqual(
            row.display_name,
            f"Scrap · {self.workorder.production_id.name} · {self.operator.name}",
        )

    def test_the_display_name_is_translated(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        event = self._scrap()
        self.assertApplied(self.ingest_one(event))
        field = self.env["ir.model.fields"]._get(
            "shopfloor.terminal.event", "event_kind"
        )
        option = field.selection_ids.filtered(lambda s: s.value == "scrap.record")
        option.with_context(lang="fr_FR").name = "Rebut"
        self.env.registry.clear_cache()
        row = self.ledger(event).with_context(lang="fr_FR")
        self.assertTrue(row.display_name.startswith("Rebut · "), row.display_name)

    def test_the_error_reads_as_a_label_with_the_raw_code_kept(self):
        event = self.event("workorder.produce", payload={"qty": -1})
        self.assertRejected(self.ingest_one(event), "qty_invalid")
        row = self.ledger(event)
        self.assertEqual(row.error_code, "qty_invalid")
        self.assertEqual(row.error_label, "Invalid quantity")

    def test_every_contract_error_code_has_a_label(self):
        from ..services.errors import REJECTED_CODES, RETRY_CODES

        self.assertLessEqual(
            REJECTED_CODES | RETRY_CODES, set(ledger_display.ERROR_LABELS)
        )

    def test_an_unknown_error_code_falls_back_to_its_message(self):
        self.assertEqual(
            ledger_display.error_label(self.env, "new_code", "Something new"),
            "Something new",
        )
        self.assertEqual(ledger_display.error_label(self.env, "new_code"), "new_code")

    def test_the_payload_is_shown_with_names(self):
        lot = self.env["stock.lot"].create(
            {"name": "LOT-DISPLAY", "product_id": self.component.id}
        )
        event = self._scrap(
            reason_id=self.scrap_reason.id, lot_name=lot.name, note="bent"
        )
        self.ingest_one(event)
        lines = dict(
            ledger_display.payload_lines(
                self.env, "scrap.record", self.ledger(event).payload
            )
        )
        self.assertEqual(lines["Product"], self.component.display_name)
        self.assertEqual(lines["Reason"], self.scrap_reason.name)
        self.assertEqual(lines["Lot/Serial"], "LOT-DISPLAY")
        self.assertEqual(lines["Note"], "bent")
        summary = self.ledger(event).payload_summary
        self.assertIn(self.component.name, summary)
        self.assertNotIn(f">{self.component.id}<", summary)

    def test_hold_reasons_loss_reasons_and_holds_read_by_name(self):
        hold_lines = dict(
            ledger_display.payload_lines(
                self.env, "quality.hold", {"reason_id": self.hold_reason.id}
            )
        )
        self.assertEqual(hold_lines["Reason"], self.hold_reason.name)
        loss_lines = dict(
            ledger_display.payload_lines(
                self.env, "downtime.start", {"loss_reason_id": self.loss_failure.id}
            )
        )
        self.assertEqual(loss_lines["Loss reason"], self.loss_failure.name)

    def test_unknown_keys_and_missing_records_are_shown_not_hidden(self):
        lines = dict(
            ledger_display.payload_lines(
                self.env,
                "scrap.record",
                {"product_id": 2**31 - 1, "gadget": {"x": 1}},
            )
        )
        self.assertIn("not found", lines["Product"])
        self.assertEqual(lines["gadget"], '{"x": 1}')

    def test_waiting_events_keep_their_work_order_operator_and_payload(self):
        refused = self.event("workorder.produce", payload={"qty": -1})
        waiting = self.event("workorder.produce", payload={"qty": 3}, minutes=1)
        first, second = self.ingest(refused, waiting)
        self.assertRejected(first, "qty_invalid")
        self.assertEqual(second["status"], "retry")
        row = self.ledger(waiting)
        self.assertEqual(row.error_code, "waiting_for_earlier_event")
        self.assertEqual(row.workorder_id, self.workorder)
        self.assertEqual(row.employee_id, self.operator)
        self.assertEqual(row.payload, {"qty": 3})

    def test_status_is_a_badge_not_a_statusbar(self):
        form = self._arch("form")
        self.assertFalse(form.xpath("//field[@widget='statusbar']"))
        self.assertTrue(form.xpath("//field[@name='status'][@widget='badge']"))
        self.assertTrue(form.xpath("//field[@name='payload_summary']"))
        self.assertTrue(form.xpath("//field[@name='payload']"))
        self.assertTrue(form.xpath("//chatter"))

    def test_needs_attention_is_the_default_filter(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_terminal.shopfloor_terminal_event_action"
        )
        context = safe_eval(action["context"])
        self.assertEqual(context.get("search_default_filter_needs_attention"), 1)

    def test_the_rejected_smart_button_opens_what_it_counts(self):
        # one needs attention, one resolved, one applied, one on another terminal
        bad, resolved, good = (
            self.event("workorder.produce", payload={"qty": -1}),
            self.event(
                "workorder.produce", workorder=self.workorder_lot, payload={"qty": -1}
            ),
            self.event("workorder.start", workorder=self.workorder_serial),
        )
        self.ingest(bad, resolved, good)
        self.ledger(resolved).write(
            {"resolution": "resolved_in_odoo", "resolved_at": NOW}
        )
        terminal = self.terminal.with_user(self.manager)
        action = terminal.action_view_events()
        opened = rows_opened(terminal.env, action)
        self.assertEqual(terminal.rejected_event_count, 1)
        self.assertEqual(len(opened), terminal.rejected_event_count)
        self.assertEqual(opened.event_uuid, bad["id"])

    def test_chatter_on_a_ledger_row_without_a_message_per_event(self):
        event = self.event("workorder.start")
        self.ingest_one(event)
        row = self.ledger(event)
        self.assertFalse(row.message_ids)
        self.assertFalse(row.message_follower_ids)
        row.with_user(self.manager).message_post(body="Called the line lead.")
        self.assertEqual(len(row.message_ids), 1)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestLedgerCompany(ShopfloorCommon):
    def test_a_row_carries_its_terminal_company_and_other_companies_do_not_see_it(
        self,
    ):
        event = self.event("workorder.start")
        self.ingest_one(event)
        row = self.ledger(event)
        self.assertEqual(row.company_id, self.terminal.company_id)
        other = self.env["res.company"].create({"name": "Other Plant"})
        user = new_test_user(
            self.env,
            login="sf_other_plant",
            groups="mrp.group_mrp_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        events = self.env["shopfloor.terminal.event"].with_user(user)
        self.assertFalse(events.search([("id", "=", row.id)]))
