#!/usr/bin/env python3
"""The addon's translations: the template and the German and French files.

    /usr/bin/python3 scripts/addon_i18n.py check [addon_dir]
    /usr/bin/python3 scripts/addon_i18n.py merge [addon_dir]

``check`` compares each ``i18n/<lang>.po`` with ``i18n/<module>.pot`` and
prints one line per problem, naming the msgid: a term of the template missing
from the file or left untranslated, a fuzzy entry, a placeholder (``%s``,
``%(name)s``, ``{name}``) or an HTML tag that the translation lost, added or
changed, a msgid the template no longer has, and a wrong ``Language`` or
``Plural-Forms`` header. It also reads the addon's Python code for the terms
Odoo would export from it (messages in ``_()``, ``_lt()``, ``env._()``; field
labels and help; selection labels written in the field) and names those the
template lacks, so a merge that adds terms fails until the template is
regenerated; terms of views and data files are seen only once it is.
``scripts/check-addon.py`` runs the same check.

``merge`` rewrites each ``.po`` from the template (after ``odoo-bin i18n
export``, see ``scripts/odoo-lab.sh pot``): the template's entries in its
order, with their comments, each keeping the translation it had; new terms
come in untranslated, terms gone from the template go away. It needs polib,
which Odoo needs too, so it runs with Odoo's Python; the check needs only
the standard library.
"""

import ast
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ADDON = ROOT / "odoo_addon" / "shopfloor_terminal"

# Language of each .po -> its Plural-Forms, as Odoo's own translations of mrp
# declare them (addons/mrp/i18n/<lang>.po).
LANGUAGES = {
    "de": "nplurals=2; plural=n != 1;",
    "fr": "nplurals=3; plural=(n == 0 || n == 1) ? 0 : "
    "((n != 0 && n % 1000000 == 0) ? 1 : 2);",
}

PLACEHOLDER = re.compile(
    r"%(?:\([A-Za-z_]\w*\))?[#0 +-]*\d*(?:\.\d+)?[sdifr%]"  # %s, %(name)s, %.2f
    r"|\{[A-Za-z_][\w.]*\}|\{\}"  # {name}, {}
)
TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
ATTRIBUTE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
# attributes that hold text, so a translation may change their value
TEXT_ATTRIBUTES = frozenset(
    {"title", "alt", "placeholder", "aria-label", "string", "help", "confirm"}
)


class Entry:
    """One message of a .po/.pot file."""

    def __init__(self, line):
        self.line = line
        self.flags = set()
        self.msgctxt = None
        self.msgid = ""
        self.msgid_plural = None
        self.msgstr = {}  # index -> text; 0 for a message without plural
        self.obsolete = False

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    def translations(self):
        return [self.msgstr.get(index, "") for index in sorted(self.msgstr) or [0]]


def _unquote(text, where):
    text = text.strip()
    if not (len(text) >= 2 and text[0] == '"' and text[-1] == '"'):
        raise ValueError(f"{where}: expected a quoted string, got {text!r}")
    try:
        return ast.literal_eval(text)
    except (SyntaxError, ValueError) as exc:
        raise ValueError(f"{where}: bad string {text!r}: {exc}") from exc


def _add_text(entry, field, text, where):
    if field == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    elif field == "msgid":
        entry.msgid += text
    elif field == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    else:
        match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", field)
        if not match:
            raise ValueError(f"{where}: unexpected keyword {field!r}")
        index = int(match.group(1) or 0)
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


def _add_comment(entry, line):
    if line.startswith("#,"):
        entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())


def read_po(path):
    """The entries of a .po/.pot file, the header (msgid "") included.

    Raises ValueError naming the line on a syntax error."""
    entries = []
    entry = None
    field = None
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate(lines, start=1):
        where = f"{path}:{number}"
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        keyword, _, rest = line.partition(" ")
        starts_entry = line.startswith("#") or keyword in ("msgctxt", "msgid")
        # a comment after a msgid/msgstr, or a msgid after a msgstr, opens the next one
        if not line or (starts_entry and field not in (None, "msgctxt")):
            entry, field = None, None
        if not line:
            continue
        if entry is None and starts_entry:
            entry = Entry(number)
            entries.append(entry)
        if line.startswith("#"):
            _add_comment(entry, line)
            continue
        if not line.startswith('"'):
            field, line = keyword, rest
        if entry is None or field is None:
            raise ValueError(f"{where}: {raw.strip()!r} outside of an entry")
        entry.obsolete = entry.obsolete or obsolete
        _add_text(entry, field, _unquote(line, where), where)
    return entries


def header_fields(entries):
    """The header entry's ``Name: value`` lines, as a dict."""
    header = next((e for e in entries if e.msgid == "" and not e.msgctxt), None)
    if header is None:
        return {}
    fields = {}
    for line in header.msgstr.get(0, "").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def markers(text):
    """What a translation must keep: placeholders and HTML tags (text
    attributes aside), counted, in any order."""
    found = Counter(PLACEHOLDER.findall(text))
    for closing, name, attributes, self_closing in TAG.findall(text):
        kept = sorted(
            (attr, value)
            for attr, value in ATTRIBUTE.findall(attributes)
            if attr not in TEXT_ATTRIBUTES
        )
        shown = "".join(f' {attr}="{value}"' for attr, value in kept)
        found[f"<{closing}{name}{shown}{self_closing}>"] += 1
    return found


def _short(msgid):
    """The msgid in full, on one line (a view's term spans several)."""
    return repr(" ".join(msgid.split()))


def _nplurals(plural_forms):
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms or "")
    return int(match.group(1)) if match else None


def problems(pot_path, po_path, lang):
    """Everything wrong with one translation file, one sentence each."""
    found = []
    template = [e for e in read_po(pot_path) if e.msgid and not e.obsolete]
    entries = read_po(po_path)
    header = header_fields(entries)
    if header.get("Language") != lang:
        found.append(
            f"header Language is {header.get('Language')!r}, expected {lang!r}"
        )
    if header.get("Plural-Forms") != LANGUAGES[lang]:
        found.append(
            f"header Plural-Forms is {header.get('Plural-Forms')!r}, "
            f"expected {LANGUAGES[lang]!r}"
        )
    nplurals = _nplurals(header.get("Plural-Forms"))
    translated = {}
    for entry in entries:
        if not entry.msgid or entry.obsolete:
            continue
        if entry.key in translated:
            found.append(f"line {entry.line}: msgid {_short(entry.msgid)} twice")
        translated[entry.key] = entry
    wanted = {entry.key for entry in template}
    for entry in template:
        have = translated.get(entry.key)
        if have is None:
            found.append(
                f"missing (template line {entry.line}): msgid {_short(entry.msgid)}"
            )
            continue
        texts = have.translations()
        if not all(text.strip() for text in texts):
            found.append(
                f"line {have.line}: untranslated: msgid {_short(entry.msgid)}"
            )
            continue
        if "fuzzy" in have.flags:
            found.append(
                f"line {have.line}: fuzzy (check it, then remove the flag): "
                f"msgid {_short(entry.msgid)}"
            )
        if entry.msgid_plural is not None and len(texts) != nplurals:
            found.append(
                f"line {have.line}: {len(texts)} plural forms, expected "
                f"{nplurals}: msgid {_short(entry.msgid)}"
            )
        sources = [entry.msgid] + (
            [entry.msgid_plural] if entry.msgid_plural is not None else []
        )
        expected = markers(sources[-1])
        for text in texts:
            got = markers(text)
            if got != expected and markers(sources[0]) != got:
                lost = ", ".join(sorted((expected - got).elements())) or "none"
                added = ", ".join(sorted((got - expected).elements())) or "none"
                found.append(
                    f"line {have.line}: placeholders or tags differ "
                    f"(lost {lost}; added {added}): msgid {_short(entry.msgid)}"
                )
                break
    for key, entry in translated.items():
        if key not in wanted:
            found.append(
                f"line {entry.line}: not in the template (run "
                f"`scripts/odoo-lab.sh pot`): msgid {_short(entry.msgid)}"
            )
    return found


def _text(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(
        node.value, str
    ) else None


def _selection_labels(node):
    if not isinstance(node, ast.List):
        return []
    return [
        _text(item.elts[1])
        for item in node.elts
        if isinstance(item, ast.Tuple) and len(item.elts) == 2
    ]


def _field_string(func, call):
    """The label a field call writes, if it writes one."""
    for keyword in call.keywords:
        if keyword.arg == "string":
            return _text(keyword.value)
    # the label's position: Char("Label"), Many2one("model", "Label") ...
    position = {"Many2one": 1, "One2many": 2, "Many2many": 4}.get(func.attr, 0)
    if func.attr in ("Selection", "Reference") or len(call.args) <= position:
        return None
    return _text(call.args[position])


def _is_field(func):
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "fields"
    )


def _call_terms(call):
    """The translatable texts one call carries: a message, or a field's."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name in ("_", "_lt") and call.args:
        return [_text(call.args[0])]
    if not _is_field(func):
        return []
    terms = [_field_string(func, call)]
    if func.attr == "Selection" and call.args:
        terms += _selection_labels(call.args[0])
    for keyword in call.keywords:
        if keyword.arg == "help":
            terms.append(_text(keyword.value))
        elif keyword.arg in ("selection", "selection_add"):
            terms += _selection_labels(keyword.value)
    return terms


def _model_labels(tree):
    """A new model's description, and the labels Odoo makes from the names
    of its fields that have none (``occurred_at`` -> "Occurred At"); an
    extension of another model may redefine that model's fields, whose
    labels are not the addon's."""
    for model in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        attributes = {
            stmt.targets[0].id: stmt
            for stmt in model.body
            if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name)
        }
        if "_name" not in attributes:
            continue
        if "_description" in attributes:
            stmt = attributes["_description"]
            yield _text(stmt.value), stmt.lineno
        for name, stmt in attributes.items():
            call = stmt.value
            if not (isinstance(call, ast.Call) and _is_field(call.func)):
                continue
            if _field_string(call.func, call) or any(
                keyword.arg == "related" for keyword in call.keywords
            ):
                continue
            name = name[:-4] if name.endswith("_ids") else name
            name = name[:-3] if name.endswith("_id") else name
            yield name.replace("_", " ").title(), stmt.lineno


def code_terms(addon):
    """Texts of the addon's Python code that Odoo's export puts in the
    template, each with the first file:line it is written at."""
    terms = {}
    for path in sorted(Path(addon).rglob("*.py")):
        relative = path.relative_to(addon)
        if relative.parts[0] in ("tests", "migrations"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = [
            (term, node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            for term in _call_terms(node)
        ]
        for term, line in found + list(_model_labels(tree)):
            if term:
                terms.setdefault(term, f"{relative}:{line}")
    return terms


def stale_template(addon):
    """The code's terms missing from the template, one sentence each."""
    known = {entry.msgid for entry in read_po(template_path(addon))}
    return [
        f"in the code ({where}) but not in the template (run "
        f"`scripts/odoo-lab.sh pot`): {_short(term)}"
        for term, where in code_terms(addon).items()
        if term not in known
    ]


def template_path(addon):
    return Path(addon) / "i18n" / f"{Path(addon).name}.pot"


def check(addon):
    """(label, problems) for each language the addon must ship."""
    pot = template_path(addon)
    if not pot.is_file():
        return [(f"i18n/{pot.name}", ["missing file (run `scripts/odoo-lab.sh pot`)"])]
    results = [(f"i18n/{pot.name}", stale_template(addon))]
    for lang in LANGUAGES:
        po = Path(addon) / "i18n" / f"{lang}.po"
        label = f"i18n/{lang}.po"
        if not po.is_file():
            results.append((label, [f"missing file (copy {pot.name} to it)"]))
            continue
        try:
            results.append((label, problems(pot, po, lang)))
        except ValueError as exc:
            results.append((label, [f"does not parse: {exc}"]))
    return results


def merge(addon):
    """Rewrite each language's .po from the template, keeping translations;
    one line per file: its terms, how many to translate."""
    import polib  # Odoo's own .po library (python3-polib)

    pot = polib.pofile(str(template_path(addon)), wrapwidth=78)
    summary = []
    for lang, plural_forms in LANGUAGES.items():
        path = Path(addon) / "i18n" / f"{lang}.po"
        old = polib.pofile(str(path), wrapwidth=78) if path.is_file() else None
        kept = {
            (e.msgctxt, e.msgid): e for e in (old or []) if not e.obsolete
        }
        new = polib.pofile(str(template_path(addon)), wrapwidth=78)
        new.header = pot.header
        new.metadata = dict(old.metadata) if old else dict(pot.metadata)
        new.metadata["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", "")
        new.metadata["Language"] = lang
        new.metadata["Plural-Forms"] = plural_forms
        untranslated = 0
        for entry in new:
            before = kept.get((entry.msgctxt, entry.msgid))
            if before is not None:
                entry.msgstr = before.msgstr
                entry.msgstr_plural = dict(before.msgstr_plural)
                if "fuzzy" in before.flags and "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
            if not (entry.msgstr or any(entry.msgstr_plural.values())):
                untranslated += 1
        new.save(str(path))
        summary.append(f"{path.name}: {len(new)} terms, {untranslated} to translate")
    return summary


def main(argv):
    if len(argv) < 2 or argv[1] not in ("check", "merge"):
        print(__doc__.strip())
        return 2
    addon = Path(argv[2]).resolve() if len(argv) > 2 else DEFAULT_ADDON
    if argv[1] == "merge":
        print("\n".join(merge(addon)))
        return 0
    failed = 0
    for label, found in check(addon):
        for problem in found:
            print(f"FAIL {label}: {problem}")
        failed += len(found)
        if not found:
            print(f"ok   {label}: complete")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
