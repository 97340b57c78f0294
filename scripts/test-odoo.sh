#!/usr/bin/env bash
# test-odoo.sh — run the shopfloor_terminal addon's Odoo tests against an Odoo checkout.
#
#   ODOO_SRC=/path/to/odoo-19.0 bash scripts/test-odoo.sh [extra odoo-bin args]
#
# Each run installs the addon into a fresh database cloned from a cached template
# (the manifest's `depends` installed once, assets pre-built), runs its at_install and
# post_install tests with the test HTTP server on 127.0.0.1:$TEST_HTTP_PORT (a free
# port the system picks, so it never clashes with another Odoo), and prints the failures. The LAST line
# is always `N passed, N failed` (plus `, N skipped` when some were skipped), which the
# project's test runner parses. Exit status: 0 when every test passed, else non-zero.
#
# Odoo is never downloaded here: `bash scripts/odoo-lab.sh checkout` fetches a 19.0
# Community tree, `bash scripts/odoo-lab.sh deps` installs what it needs (docs/odoo.md).
#
# Env (defaults in brackets):
#   ODOO_SRC [$HOME/odoo-lab/odoo-19.0]   ODOO_PYTHON [/usr/bin/python3]
#   TEST_HTTP_PORT [a free port]  TEST_DB [test_shopfloor_terminal]  TEST_TAGS [/shopfloor_terminal]
#   ODOO_TEST_DATA_DIR [$HOME/odoo-lab/data-test]  ODOO_TEST_LOG_DIR [$HOME/odoo-lab/logs]
#   REBUILD_TEMPLATE [0]  KEEP_DB [0]  STRICT_LOG [1] (any ERROR/CRITICAL log line fails the run)
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ADDON_DIR="$ROOT/odoo_addon/shopfloor_terminal"
MODULE=shopfloor_terminal
ODOO_SRC=${ODOO_SRC:-$HOME/odoo-lab/odoo-19.0}
ODOO_PYTHON=${ODOO_PYTHON:-/usr/bin/python3}
TEST_DB=${TEST_DB:-test_$MODULE}
TEST_TAGS=${TEST_TAGS:-/$MODULE}
DATA_DIR=${ODOO_TEST_DATA_DIR:-$HOME/odoo-lab/data-test}
LOG_DIR=${ODOO_TEST_LOG_DIR:-$HOME/odoo-lab/logs}
REBUILD_TEMPLATE=${REBUILD_TEMPLATE:-0}
KEEP_DB=${KEEP_DB:-0}
STRICT_LOG=${STRICT_LOG:-1}

log() { printf '[test-odoo] %s\n' "$*" >&2; }
# Setup problems still end with the summary line the test runner parses.
die() { log "ERROR: $*"; echo "0 passed, 1 failed"; exit 2; }

# ------------------------------------------------------------------ prerequisites
[ -f "$ADDON_DIR/__manifest__.py" ] || die "addon not found at $ADDON_DIR"
[ -f "$ODOO_SRC/odoo-bin" ] || die "no Odoo source tree: ODOO_SRC=$ODOO_SRC has no odoo-bin.
  Get one with: bash scripts/odoo-lab.sh checkout (docs/odoo.md), or set ODOO_SRC."
[ -x "$ODOO_PYTHON" ] || die "no Python at ODOO_PYTHON=$ODOO_PYTHON (Odoo runs on Debian's /usr/bin/python3)"

# A port nobody listens on now: a fixed one fails the whole run ("Address already in use")
# whenever another Odoo, or another run of this script, holds it.
free_port() { "$ODOO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Odoo's Python dependencies come from Debian packages (see $ODOO_SRC/debian/control).
missing_py=$("$ODOO_PYTHON" - <<'PY'
import importlib
wanted = {
    "psycopg2": "python3-psycopg2", "werkzeug": "python3-werkzeug", "lxml": "python3-lxml",
    "PIL": "python3-pil", "babel": "python3-babel", "dateutil": "python3-dateutil",
    "passlib": "python3-passlib", "reportlab": "python3-reportlab", "jinja2": "python3-jinja2",
    "docutils": "python3-docutils", "polib": "python3-polib", "psutil": "python3-psutil",
    "requests": "python3-requests", "pytz": "python3-tz", "openpyxl": "python3-openpyxl",
    "rjsmin": "python3-rjsmin", "sass": "python3-libsass", "freezegun": "python3-freezegun",
    "hypothesis": "python3-hypothesis",  # the addon's property tests (test_event_fuzz.py)
}
print(" ".join(pkg for mod, pkg in wanted.items() if importlib.util.find_spec(mod) is None))
PY
)
[ -z "$missing_py" ] || die "Odoo's Python dependencies are missing; install the Debian packages:
  apt-get install $missing_py
  (or run: bash scripts/odoo-lab.sh deps, which installs everything $ODOO_SRC/debian/control lists)"

command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed (apt-get install postgresql postgresql-client)"
command -v createdb >/dev/null || die "PostgreSQL client tools are missing (apt-get install postgresql-client)"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    die "no PostgreSQL cluster exists (create one: pg_createcluster <version> main)"
fi
while read -r ver name _port status _rest; do
    if [ "$status" != online ]; then
        log "starting PostgreSQL $ver/$name"
        as_root pg_ctlcluster "$ver" "$name" start || die "could not start PostgreSQL $ver/$name (need root or sudo)"
    fi
done < <(pg_lsclusters -h)
[ "$(id -un)" = postgres ] && die "Odoo refuses to run as the 'postgres' user; run as another user"
if ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    log "creating PostgreSQL superuser role '$(id -un)'"
    as_postgres createuser -s "$(id -un)" || die "cannot connect to PostgreSQL as $(id -un), and could not create the role"
fi

mkdir -p "$DATA_DIR" "$LOG_DIR"
# One run at a time: runs share the template and the test database.
exec 9>"$LOG_DIR/.test-odoo.lock"
flock 9
# picked under the lock: the run before has released its port
TEST_HTTP_PORT=${TEST_HTTP_PORT:-$(free_port)} || die "could not find a free TCP port on 127.0.0.1"

# ------------------------------------------------------------------ databases
ADDONS_PATH="$ODOO_SRC/addons,$(dirname "$ADDON_DIR")"
BASE_ARGS=(--addons-path="$ADDONS_PATH" --data-dir="$DATA_DIR")

db_exists() { [ "$(psql -d postgres -tAc "select 1 from pg_database where datname='$1'")" = 1 ]; }
drop_db() { PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$1" && rm -rf "$DATA_DIR/filestore/$1"; }

t0=$SECONDS
drop_db "$TEST_DB" || die "could not drop $TEST_DB (is a server using it?)"

deps=$("$ODOO_PYTHON" -c 'import ast,sys; m=ast.literal_eval(open(sys.argv[1]).read()); print(",".join(sorted(m.get("depends") or ["base"])))' \
    "$ADDON_DIR/__manifest__.py") || die "cannot read depends from the manifest"
key=$(printf '%s|%s|%s' "$deps" "$ODOO_SRC" "$(md5sum <"$ODOO_SRC/odoo/release.py")" | md5sum | cut -c1-10)
TPL="tpl_${MODULE}_$key"
if [ "$REBUILD_TEMPLATE" = 1 ] && db_exists "$TPL"; then drop_db "$TPL"; fi
if ! db_exists "$TPL"; then
    log "building template $TPL with [$deps] (once, about a minute) ..."
    (cd "$ODOO_SRC" && "$ODOO_PYTHON" odoo-bin "${BASE_ARGS[@]}" -d "$TPL" -i "$deps" \
        --stop-after-init --no-http --logfile="$LOG_DIR/$TPL.log") ||
        { drop_db "$TPL"; die "template build failed, see $LOG_DIR/$TPL.log"; }
    # HttpCase runs would otherwise build the JS/CSS bundles every time (~20 s)
    printf '%s\n' "env['ir.qweb']._pregenerate_assets_bundles()" "env.cr.commit()" |
        (cd "$ODOO_SRC" && "$ODOO_PYTHON" odoo-bin shell "${BASE_ARGS[@]}" -d "$TPL" --no-http \
            --logfile="$LOG_DIR/$TPL.log" >/dev/null) ||
        log "WARNING: asset pre-generation failed (tests still run, only slower)"
fi
createdb -T "$TPL" "$TEST_DB" || die "createdb -T $TPL failed (is the template in use?)"
if [ -d "$DATA_DIR/filestore/$TPL" ]; then
    mkdir -p "$DATA_DIR/filestore" && cp -a "$DATA_DIR/filestore/$TPL" "$DATA_DIR/filestore/$TEST_DB"
fi

# ------------------------------------------------------------------ tests
LOG="$LOG_DIR/test-$MODULE.log"
log "running $MODULE tests (tags $TEST_TAGS) in $TEST_DB, http 127.0.0.1:$TEST_HTTP_PORT, log $LOG"
(cd "$ODOO_SRC" && "$ODOO_PYTHON" odoo-bin "${BASE_ARGS[@]}" -d "$TEST_DB" -i "$MODULE" \
    --test-enable --stop-after-init --test-tags "$TEST_TAGS" \
    --http-interface=127.0.0.1 --http-port="$TEST_HTTP_PORT" --log-level=info "$@") >"$LOG" 2>&1
rc=$?
[ "$KEEP_DB" = 1 ] || drop_db "$TEST_DB"

# "odoo.tests.result: 1 failed, 0 error(s) of 8 tests when loading database 'x'"
result=$(grep -E 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$LOG" | tail -1)
failed=$(sed -nE 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/p' <<<"$result")
errors=$(sed -nE 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/p' <<<"$result")
total=$(sed -nE 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/p' <<<"$result")
failed=${failed:-0}; errors=${errors:-0}; total=${total:-0}
skipped=$(grep -cE 'odoo\.tests\.result: skipped ' "$LOG")
errlines=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG")

echo "---- $MODULE: odoo-bin exit $rc, $((SECONDS - t0))s"
grep -E 'odoo\.tests\.stats: |odoo\.tests\.result: ' "$LOG" | sed -E 's/^[0-9-]+ [0-9:,]+ [0-9]+ [A-Z]+ [^ ]+ //' | cut -c1-200
if [ "$errlines" -gt 0 ]; then
    echo "---- ERROR/CRITICAL log records ($errlines), with tracebacks:"
    awk '/^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) /{p=1; print; next} /^[0-9-]+ [0-9:,]+ [0-9]+ /{p=0} p' "$LOG" | head -300
fi

status=0
[ "$rc" -ne 0 ] && status=1
[ -z "$result" ] && { log "no test result line: did the module install? see $LOG"; status=1; }
[ "$total" -eq 0 ] && { log "0 tests ran (wrong TEST_TAGS?)"; status=1; }
[ $((failed + errors)) -gt 0 ] && status=1
[ "$STRICT_LOG" = 1 ] && [ "$errlines" -gt 0 ] && status=1

bad=$((failed + errors))
[ "$status" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
passed=$((total - failed - errors - skipped)); [ "$passed" -lt 0 ] && passed=0
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $bad failed, $skipped skipped"
else
    echo "$passed passed, $bad failed"
fi
exit $status
