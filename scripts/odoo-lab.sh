#!/usr/bin/env bash
# odoo-lab.sh — a local Odoo 19 Community with the shopfloor_terminal addon, for contributors.
#
#   bash scripts/odoo-lab.sh checkout   clone Odoo 19.0 Community into $ODOO_SRC (shallow, ~400 MB)
#   bash scripts/odoo-lab.sh deps       install the Debian packages Odoo lists in debian/control,
#                                       PostgreSQL and the addon's lint tools (apt-get, as root or sudo)
#   bash scripts/odoo-lab.sh db         start PostgreSQL, make a role for this user, create $ODOO_DB
#                                       with the addon (and Odoo's demo data when ODOO_DEMO=1)
#   bash scripts/odoo-lab.sh up         db, then serve Odoo with the addon on $ODOO_IFACE:$ODOO_PORT
#                                       in the foreground (Ctrl-C stops it); the default command
#   bash scripts/odoo-lab.sh update     upgrade the addon in $ODOO_DB after a change (-u, with the
#                                       .po files' translations overwriting loaded ones), then stop
#   bash scripts/odoo-lab.sh pot        regenerate i18n/shopfloor_terminal.pot (odoo-bin i18n export
#                                       from a fresh database $ODOO_I18N_DB with the addon, no demo
#                                       data, dropped afterwards), carry the German and French
#                                       translations over into i18n/de.po and fr.po, and list the
#                                       terms still to translate (scripts/check-addon.py)
#
# Then: Manufacturing ▸ Configuration ▸ Terminals on http://$ODOO_IFACE:$ODOO_PORT (admin / admin),
# `npm test` runs the addon's Odoo tests in the same checkout (scripts/test-odoo.sh), and
# docs/odoo.md runs the contract suite against this server.
#
# Env (defaults in brackets):
#   ODOO_LAB [$HOME/odoo-lab]  ODOO_SRC [$ODOO_LAB/odoo-19.0]  ODOO_DATA_DIR [$ODOO_LAB/data]
#   ODOO_DB [lab]  ODOO_DEMO [1]  ODOO_PORT [8069]  ODOO_IFACE [127.0.0.1]
#   ODOO_PYTHON [/usr/bin/python3]  ODOO_REPO [https://github.com/odoo/odoo.git]
#   ODOO_I18N_DB [${MODULE}_i18n] (pot only)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_LAB=${ODOO_LAB:-$HOME/odoo-lab}
ODOO_SRC=${ODOO_SRC:-$ODOO_LAB/odoo-19.0}
ODOO_DATA_DIR=${ODOO_DATA_DIR:-$ODOO_LAB/data}
ODOO_DB=${ODOO_DB:-lab}
ODOO_DEMO=${ODOO_DEMO:-1}
ODOO_PORT=${ODOO_PORT:-8069}
ODOO_IFACE=${ODOO_IFACE:-127.0.0.1}
ODOO_PYTHON=${ODOO_PYTHON:-/usr/bin/python3}
ODOO_REPO=${ODOO_REPO:-https://github.com/odoo/odoo.git}
MODULE=shopfloor_terminal
ODOO_I18N_DB=${ODOO_I18N_DB:-${MODULE}_i18n}
# What the project adds to Odoo's own list: the database server and the addon's lint (npm test).
PROJECT_PACKAGES=(postgresql postgresql-client flake8 isort pylint)

log() { printf '[odoo-lab] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root or sudo for: $*"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
need_checkout() { [ -f "$ODOO_SRC/odoo-bin" ] || die "no Odoo checkout at ODOO_SRC=$ODOO_SRC: run '$0 checkout' first"; }

checkout() {
    if [ -f "$ODOO_SRC/odoo-bin" ]; then log "Odoo checkout present: $ODOO_SRC"; return; fi
    command -v git >/dev/null || die "git is missing (apt-get install git)"
    log "cloning Odoo 19.0 Community from $ODOO_REPO into $ODOO_SRC"
    git clone --depth 1 --branch 19.0 "$ODOO_REPO" "$ODOO_SRC"
}

# The Depends of Odoo's own Debian package, one per line, alternatives kept as "a | b"; the
# ${...} substitution variables and comments are dropped.
odoo_depends() {
    "$ODOO_PYTHON" - "$ODOO_SRC/debian/control" <<'PY'
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
block = re.search(r"^Depends:(.*?)^\S", text, re.M | re.S).group(1)
lines = [line for line in block.splitlines() if not line.lstrip().startswith("#")]
for entry in " ".join(lines).split(","):
    entry = re.sub(r"\(.*?\)", "", entry).strip()
    if entry and "${" not in entry:
        print(entry)
PY
}

installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
available() { [ -n "$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: \([^(].*\)/\1/p')" ]; }

deps() {
    need_checkout
    command -v apt-get >/dev/null || die "apt-get not found: this script installs Debian packages"
    local entries=() wanted=() entry alternative found
    mapfile -t entries < <(odoo_depends; printf '%s\n' "${PROJECT_PACKAGES[@]}")
    as_root apt-get update -qq
    for entry in "${entries[@]}"; do
        found=""
        IFS='|' read -ra alternatives <<<"$entry"
        for alternative in "${alternatives[@]}"; do
            alternative=${alternative// /}
            if installed "$alternative"; then found=installed; break; fi
            if [ -z "$found" ] && available "$alternative"; then found=$alternative; fi
        done
        case $found in
            installed) ;;
            "") log "WARNING: no Debian package for: $entry" ;;
            *) wanted+=("$found") ;;
        esac
    done
    if [ ${#wanted[@]} -eq 0 ]; then log "Debian packages: all present"; return; fi
    log "apt-get install ${wanted[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}"
}

postgres() {
    command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed: run '$0 deps'"
    if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
        local version
        version=$(ls /usr/lib/postgresql | sort -V | tail -1)
        log "creating PostgreSQL cluster $version/main"
        as_root pg_createcluster "$version" main
    fi
    local version name _port status _rest
    while read -r version name _port status _rest; do
        if [ "$status" != online ]; then
            log "starting PostgreSQL $version/$name"
            as_root pg_ctlcluster "$version" "$name" start
        fi
    done < <(pg_lsclusters -h)
    [ "$(id -un)" != postgres ] || die "Odoo refuses to run as the 'postgres' user; run as another user"
    if ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        log "creating PostgreSQL superuser role '$(id -un)'"
        as_postgres createuser -s "$(id -un)"
    fi
}

odoo() {
    (cd "$ODOO_SRC" && "$ODOO_PYTHON" odoo-bin --addons-path="$ODOO_SRC/addons,$ROOT/odoo_addon" \
        --data-dir="$ODOO_DATA_DIR" -d "$ODOO_DB" --db-filter="^${ODOO_DB}\$" "$@")
}

db() {
    need_checkout
    postgres
    mkdir -p "$ODOO_DATA_DIR"
    local state
    state=$(psql -d "$ODOO_DB" -tAc "select state from ir_module_module where name = '$MODULE'" 2>/dev/null || true)
    if [ "$state" = installed ]; then log "database '$ODOO_DB' has $MODULE"; return; fi
    local demo=()
    [ "$ODOO_DEMO" = 1 ] && demo=(--with-demo)
    log "installing $MODULE into database '$ODOO_DB' (demo data: $ODOO_DEMO; a few minutes the first time)"
    odoo -i "$MODULE" "${demo[@]}" --stop-after-init --no-http
}

up() {
    db
    log "serving Odoo on http://$ODOO_IFACE:$ODOO_PORT (database $ODOO_DB, admin / admin); Ctrl-C stops it"
    odoo --http-interface="$ODOO_IFACE" --http-port="$ODOO_PORT"
}

update() {
    need_checkout
    postgres
    # --i18n-overwrite: a corrected translation in i18n/*.po replaces the one loaded before
    odoo -u "$MODULE" --i18n-overwrite --stop-after-init --no-http
}

# The template comes from a database that has only the addon and what it depends on, so no
# demo record or other module's term slips in; translations are carried over by msgid
# (scripts/addon_i18n.py merge), then the check lists what is left to translate.
pot() {
    need_checkout
    postgres
    mkdir -p "$ODOO_DATA_DIR"
    local drop=(env PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$ODOO_I18N_DB")
    "${drop[@]}"
    log "installing $MODULE into a fresh database '$ODOO_I18N_DB' (no demo data; a few minutes)"
    ODOO_DB=$ODOO_I18N_DB odoo -i "$MODULE" --stop-after-init --no-http
    log "exporting i18n/$MODULE.pot"
    # `odoo-bin i18n` reads the addons path only from a configuration file
    local conf
    conf=$(mktemp)
    printf '[options]\naddons_path = %s\ndata_dir = %s\n' "$ODOO_SRC/addons,$ROOT/odoo_addon" "$ODOO_DATA_DIR" >"$conf"
    (cd "$ODOO_SRC" && "$ODOO_PYTHON" odoo-bin i18n export -c "$conf" -d "$ODOO_I18N_DB" "$MODULE") ||
        { rm -f "$conf"; die "odoo-bin i18n export failed"; }
    rm -f "$conf"
    "${drop[@]}"
    rm -rf "$ODOO_DATA_DIR/filestore/$ODOO_I18N_DB"
    "$ODOO_PYTHON" "$ROOT/scripts/addon_i18n.py" merge "$ROOT/odoo_addon/$MODULE"
    "$ODOO_PYTHON" "$ROOT/scripts/check-addon.py" --only-i18n "$ROOT/odoo_addon/$MODULE"
}

case ${1:-up} in
    checkout | deps | db | up | update | pot) "${1:-up}" ;;
    *) die "unknown command '$1': checkout, deps, db, up, update or pot (see the top of $0)" ;;
esac
