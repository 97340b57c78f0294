#!/usr/bin/env python3
"""Static checks of the Odoo addon, without Odoo.

    /usr/bin/python3 scripts/check-addon.py [--only-i18n] [addon_dir]

Checks that every Python file compiles, that the manifest is a literal dict
with the required keys, that every data/demo file it lists exists and
parses, that every model the addon defines has an access rule in
security/ir.model.access.csv, that every test class says when it runs
(``@tagged("post_install", "-at_install")`` or its own tags), and that the
German and French translations are complete (scripts/addon_i18n.py: every
term of the code in the .pot, every term of the .pot translated, none fuzzy,
placeholders and tags kept; one line per msgid at fault), which its own
tests (scripts/test_addon_i18n.py) prove able to fail. ``--only-i18n`` runs
the translations' check alone. Prints one line per check and, last, ``N passed,
N failed``; exits 1 when a check failed.
"""

import ast
import csv
import sys
import unittest
from pathlib import Path
from xml.etree import ElementTree

import test_addon_i18n
from addon_i18n import check as check_i18n

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ADDON = ROOT / "odoo_addon" / "shopfloor_terminal"
REQUIRED_KEYS = (
    "name",
    "version",
    "license",
    "author",
    "depends",
    "data",
    "installable",
)
MODEL_FOLDERS = ("models", "wizards")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, ok, label, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {label}")
        else:
            self.failed += 1
            print(f"FAIL {label}{': ' + detail if detail else ''}")
        return ok


def check_python(checks, addon):
    for path in sorted(addon.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        try:
            compile(source, str(path), "exec")
        except SyntaxError as exc:
            checks.record(
                False,
                f"compile {path.relative_to(addon)}",
                f"line {exc.lineno}: {exc.msg}",
            )
        else:
            checks.record(True, f"compile {path.relative_to(addon)}")


def load_manifest(checks, addon):
    path = addon / "__manifest__.py"
    try:
        manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError) as exc:
        checks.record(False, "manifest parses with ast.literal_eval", str(exc))
        return None
    if not checks.record(
        isinstance(manifest, dict),
        "manifest parses with ast.literal_eval",
        "not a dict",
    ):
        return None
    missing = [key for key in REQUIRED_KEYS if key not in manifest]
    checks.record(
        not missing, "manifest has the required keys", f"missing {', '.join(missing)}"
    )
    version = str(manifest.get("version", ""))
    checks.record(
        version.startswith("19.0.") and len(version.split(".")) == 5,
        f"manifest version {version} is 19.0.x.y.z",
    )
    return manifest


def check_data_files(checks, addon, manifest):
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            path = addon / name
            if not checks.record(path.is_file(), f"{key} file {name} exists"):
                continue
            if path.suffix == ".xml":
                try:
                    ElementTree.parse(path)
                except ElementTree.ParseError as exc:
                    checks.record(False, f"{key} file {name} parses", str(exc))
                else:
                    checks.record(True, f"{key} file {name} parses")
            elif path.suffix == ".csv":
                with path.open(newline="", encoding="utf-8") as handle:
                    rows = list(csv.reader(handle))
                checks.record(
                    bool(rows) and all(len(row) == len(rows[0]) for row in rows),
                    f"{key} file {name} parses",
                    "rows of unequal length",
                )


def defined_models(addon):
    """Names of the models the addon defines (``_name = ...``), not inherits."""
    models = {}
    for folder in MODEL_FOLDERS:
        for path in sorted((addon / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef):
                    continue
                bases = {ast.unparse(base) for base in node.bases}
                if not bases & {"models.Model", "models.TransientModel"}:
                    continue
                for stmt in node.body:
                    if (
                        isinstance(stmt, ast.Assign)
                        and any(
                            isinstance(target, ast.Name) and target.id == "_name"
                            for target in stmt.targets
                        )
                        and isinstance(stmt.value, ast.Constant)
                    ):
                        models[stmt.value.value] = path.relative_to(addon)
    return models


def check_access(checks, addon):
    csv_path = addon / "security" / "ir.model.access.csv"
    if not checks.record(csv_path.is_file(), "security/ir.model.access.csv exists"):
        return
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    covered = {row["model_id:id"].split(".")[-1] for row in rows}
    for model, path in sorted(defined_models(addon).items()):
        xmlid = "model_" + model.replace(".", "_")
        checks.record(
            xmlid in covered,
            f"access rule for {model} ({path})",
            "no line in ir.model.access.csv",
        )


def is_tagged(node):
    return any(
        isinstance(decorator, ast.Call)
        and getattr(decorator.func, "id", "") == "tagged"
        for decorator in node.decorator_list
    )


def check_test_tags(checks, addon):
    """Each class with test methods carries its own ``@tagged``: an untagged
    one runs at_install, before the modules installed after this one."""
    for path in sorted((addon / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            if not any(
                isinstance(item, ast.FunctionDef) and item.name.startswith("test_")
                for item in node.body
            ):
                continue
            checks.record(
                is_tagged(node),
                f"@tagged on {path.name}:{node.name}",
                'add @tagged("post_install", "-at_install")',
            )


def check_translations(checks, addon):
    for label, problems in check_i18n(addon):
        for problem in problems:
            checks.record(False, label, problem)
        if not problems:
            checks.record(True, f"{label}: complete")


def check_the_translation_check(checks):
    """The translation check's own tests (scripts/test_addon_i18n.py): it
    names a blanked, fuzzy or missing term, a lost placeholder or tag."""
    loader = unittest.defaultTestLoader
    for case in loader.getTestCaseNames(test_addon_i18n.TranslationCheck):
        result = unittest.TestResult()
        test_addon_i18n.TranslationCheck(case).run(result)
        problems = result.failures + result.errors
        checks.record(
            result.wasSuccessful(),
            f"translation check: {case}",
            problems[0][1].strip().splitlines()[-1] if problems else "",
        )


def main(argv):
    args = argv[1:]
    only_i18n = "--only-i18n" in args
    args = [arg for arg in args if arg != "--only-i18n"]
    addon = Path(args[0]).resolve() if args else DEFAULT_ADDON
    checks = Checks()
    if not checks.record(
        (addon / "__manifest__.py").is_file(), f"addon found at {addon}"
    ):
        print(f"{checks.passed} passed, {checks.failed} failed")
        return 1
    if not only_i18n:
        check_python(checks, addon)
        manifest = load_manifest(checks, addon)
        if manifest is not None:
            check_data_files(checks, addon, manifest)
        check_access(checks, addon)
        check_test_tags(checks, addon)
        check_the_translation_check(checks)
    check_translations(checks, addon)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
