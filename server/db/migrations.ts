import type { Database } from 'better-sqlite3'

/**
 * The schema, one entry per `PRAGMA user_version`: entry N brings a database from version N to N+1.
 * Never edit a released entry; append a new one (a demo that survives a restart must also survive an upgrade).
 *
 * Times are INTEGER epoch milliseconds (UTC): comparable in SQL, formatted as ISO 8601 only on the wire.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- One counter for every change a terminal can see: work orders carry the value of their last change.
  CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
  INSERT INTO change_counter (id, value) VALUES (1, 0);

  CREATE TABLE work_centers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE
  );

  CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    default_code TEXT,
    name TEXT NOT NULL,
    barcode TEXT UNIQUE,
    tracking TEXT NOT NULL CHECK (tracking IN ('none', 'lot', 'serial')),
    uom TEXT NOT NULL DEFAULT 'Units'
  );

  CREATE TABLE employees (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    badge TEXT UNIQUE,
    can_release_holds INTEGER NOT NULL DEFAULT 0,
    lang TEXT
  );

  CREATE TABLE employee_work_centers (
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    work_center_id INTEGER NOT NULL REFERENCES work_centers(id),
    PRIMARY KEY (employee_id, work_center_id)
  );

  CREATE TABLE scrap_reasons (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE hold_reasons (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE loss_reasons (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    loss_type TEXT NOT NULL CHECK (loss_type IN ('availability', 'performance', 'quality', 'productive')),
    manual INTEGER NOT NULL DEFAULT 1
  );

  CREATE TABLE productions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    product_qty REAL NOT NULL,
    date_deadline INTEGER,
    priority TEXT NOT NULL DEFAULT '0' CHECK (priority IN ('0', '1')),
    state TEXT NOT NULL CHECK (state IN ('draft', 'confirmed', 'progress', 'to_close', 'done', 'cancel'))
  );

  CREATE TABLE workorders (
    id INTEGER PRIMARY KEY,
    production_id INTEGER NOT NULL REFERENCES productions(id),
    name TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    work_center_id INTEGER NOT NULL REFERENCES work_centers(id),
    state TEXT NOT NULL CHECK (state IN ('blocked', 'ready', 'progress', 'done', 'cancel')),
    qty_produced REAL NOT NULL DEFAULT 0,
    qty_producing REAL NOT NULL DEFAULT 0,
    duration_expected REAL NOT NULL DEFAULT 0,
    date_start INTEGER,
    date_finished INTEGER,
    note TEXT,
    change_seq INTEGER NOT NULL
  );
  CREATE INDEX workorders_change ON workorders (change_seq, id);
  CREATE INDEX workorders_production ON workorders (production_id, sequence);
  CREATE INDEX workorders_center ON workorders (work_center_id);

  CREATE TABLE workorder_components (
    id INTEGER PRIMARY KEY,
    workorder_id INTEGER NOT NULL REFERENCES workorders(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    qty_required REAL NOT NULL,
    qty_consumed REAL NOT NULL DEFAULT 0
  );
  CREATE INDEX workorder_components_workorder ON workorder_components (workorder_id);

  CREATE TABLE lots (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    expiration_date INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (product_id, name)
  );
  CREATE INDEX lots_name ON lots (name);

  CREATE TABLE workorder_lots (
    workorder_id INTEGER NOT NULL REFERENCES workorders(id),
    lot_id INTEGER NOT NULL REFERENCES lots(id),
    qty REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (workorder_id, lot_id)
  );
  CREATE INDEX workorder_lots_lot ON workorder_lots (lot_id);

  -- Odoo's mrp.workcenter.productivity: productive timers of work orders and losses (downtime) of work centers.
  CREATE TABLE time_lines (
    id INTEGER PRIMARY KEY,
    work_center_id INTEGER NOT NULL REFERENCES work_centers(id),
    workorder_id INTEGER REFERENCES workorders(id),
    employee_id INTEGER REFERENCES employees(id),
    loss_reason_id INTEGER REFERENCES loss_reasons(id),
    loss_type TEXT NOT NULL CHECK (loss_type IN ('availability', 'performance', 'quality', 'productive')),
    date_start INTEGER NOT NULL,
    date_end INTEGER,
    description TEXT
  );
  CREATE INDEX time_lines_workorder ON time_lines (workorder_id);
  CREATE INDEX time_lines_open ON time_lines (work_center_id) WHERE date_end IS NULL;

  CREATE TABLE holds (
    id INTEGER PRIMARY KEY,
    lot_id INTEGER REFERENCES lots(id),
    workorder_id INTEGER REFERENCES workorders(id),
    origin_workorder_id INTEGER REFERENCES workorders(id),
    reason_id INTEGER NOT NULL REFERENCES hold_reasons(id),
    state TEXT NOT NULL CHECK (state IN ('held', 'released')),
    note TEXT,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES employees(id),
    released_at INTEGER,
    released_by INTEGER REFERENCES employees(id),
    release_note TEXT,
    CHECK (lot_id IS NOT NULL OR workorder_id IS NOT NULL)
  );
  CREATE INDEX holds_state ON holds (state);

  CREATE TABLE scraps (
    id INTEGER PRIMARY KEY,
    workorder_id INTEGER REFERENCES workorders(id),
    production_id INTEGER REFERENCES productions(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    lot_id INTEGER REFERENCES lots(id),
    qty REAL NOT NULL,
    reason_id INTEGER REFERENCES scrap_reasons(id),
    note TEXT,
    date_done INTEGER NOT NULL,
    event_id TEXT
  );

  CREATE TABLE terminals (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    is_demo INTEGER NOT NULL DEFAULT 0,
    token_hash TEXT UNIQUE,
    pairing_code TEXT UNIQUE,
    pairing_expires_at INTEGER,
    require_operator INTEGER NOT NULL DEFAULT 1,
    allow_operator_list INTEGER NOT NULL DEFAULT 1,
    allow_lot_creation INTEGER NOT NULL DEFAULT 1,
    overproduction_tolerance REAL NOT NULL DEFAULT 0.1,
    client_version TEXT,
    last_seen_at INTEGER,
    paired_at INTEGER,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE terminal_work_centers (
    terminal_id INTEGER NOT NULL REFERENCES terminals(id),
    work_center_id INTEGER NOT NULL REFERENCES work_centers(id),
    PRIMARY KEY (terminal_id, work_center_id)
  );

  -- The ledger: every event ever received, keyed by its idempotency key.
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    terminal_id INTEGER NOT NULL REFERENCES terminals(id),
    type TEXT,
    workorder_id INTEGER,
    device_seq INTEGER,
    employee_id INTEGER,
    occurred_at INTEGER,
    content_hash TEXT NOT NULL,
    content TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applied', 'rejected', 'retry')),
    error TEXT,
    correlation_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    applied_at INTEGER
  );
  CREATE INDEX events_terminal ON events (terminal_id);
  `,
  `
  -- Open downtime is read for every page and every event: index it apart from the many running timers.
  CREATE INDEX time_lines_open_downtime ON time_lines (work_center_id)
    WHERE date_end IS NULL AND loss_type != 'productive';
  `,
  `
  -- As in Odoo 19 (mrp.production.lot_producing_ids), the lots and serials produced belong to the
  -- manufacturing order, so every operation of it shows them and a hold on them stops all of them.
  CREATE TABLE production_lots (
    production_id INTEGER NOT NULL REFERENCES productions(id),
    lot_id INTEGER NOT NULL REFERENCES lots(id),
    PRIMARY KEY (production_id, lot_id)
  );
  CREATE INDEX production_lots_lot ON production_lots (lot_id);
  INSERT OR IGNORE INTO production_lots (production_id, lot_id)
    SELECT w.production_id, wl.lot_id FROM workorder_lots wl JOIN workorders w ON w.id = wl.workorder_id;
  DROP TABLE workorder_lots;
  `,
  `
  -- Tablet clocks drift: the ledger keeps the device's occurred_at and the corrected one that was applied,
  -- and the clock jumps a device saw while offline, for a supervisor to check.
  ALTER TABLE events ADD COLUMN occurred_at_server INTEGER;
  ALTER TABLE events ADD COLUMN clock_jump_ms INTEGER;
  CREATE INDEX events_clock_jump ON events (terminal_id) WHERE clock_jump_ms IS NOT NULL;
  `,
  `
  -- Component consumption and genealogy (Odoo: the MO's raw moves and their picked move lines).
  -- manual = 1 once an operator recorded consumption: produce no longer consumes it in proportion
  -- (Odoo's manual_consumption). qty_available / expected_date: the demo's forecast of each line.
  ALTER TABLE workorder_components ADD COLUMN manual INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE workorder_components ADD COLUMN qty_available REAL;
  ALTER TABLE workorder_components ADD COLUMN expected_date INTEGER;
  CREATE TABLE component_lots (
    component_id INTEGER NOT NULL REFERENCES workorder_components(id),
    lot_id INTEGER NOT NULL REFERENCES lots(id),
    qty REAL NOT NULL,
    PRIMARY KEY (component_id, lot_id)
  );
  CREATE INDEX component_lots_lot ON component_lots (lot_id);
  ALTER TABLE productions ADD COLUMN consumption TEXT NOT NULL DEFAULT 'flexible'
    CHECK (consumption IN ('flexible', 'warning', 'strict'));
  ALTER TABLE productions ADD COLUMN backorder_of INTEGER REFERENCES productions(id);
  ALTER TABLE terminals ADD COLUMN allow_production_close INTEGER NOT NULL DEFAULT 1;
  -- Events applied with a warning (Odoo: the ledger's flag and an activity for the MO's responsible).
  CREATE TABLE event_flags (
    event_id TEXT PRIMARY KEY,
    production_id INTEGER NOT NULL REFERENCES productions(id),
    summary TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  `
  -- Serial routings: each operation reports its manufacturing order's serials, each once (as the Odoo
  -- addon's mrp.workorder.shopfloor_serial_ids).
  CREATE TABLE workorder_serials (
    workorder_id INTEGER NOT NULL REFERENCES workorders(id),
    lot_id INTEGER NOT NULL REFERENCES lots(id),
    PRIMARY KEY (workorder_id, lot_id)
  );
  `,
  `
  -- Issue 13: how a rejected event was resolved (resent as which event, discarded with which reason, by whom,
  -- when), what the office decided for the tablet to carry out, and the resent event's link to the original.
  ALTER TABLE events ADD COLUMN resend_of TEXT;
  ALTER TABLE events ADD COLUMN resent_as TEXT;
  ALTER TABLE events ADD COLUMN resolution TEXT CHECK (resolution IN ('resent', 'discarded', 'resolved_in_odoo'));
  ALTER TABLE events ADD COLUMN resolution_reason TEXT;
  ALTER TABLE events ADD COLUMN resolved_by INTEGER;
  ALTER TABLE events ADD COLUMN resolved_at INTEGER;
  ALTER TABLE events ADD COLUMN decision TEXT CHECK (decision IN ('resend', 'discard'));
  ALTER TABLE events ADD COLUMN decided_by TEXT;
  ALTER TABLE events ADD COLUMN decided_at INTEGER;
  ALTER TABLE events ADD COLUMN decision_note TEXT;
  CREATE INDEX events_resend_of ON events (resend_of) WHERE resend_of IS NOT NULL;
  CREATE INDEX events_decided ON events (terminal_id) WHERE decision IS NOT NULL;
  `,
  `
  -- Issue 9 §3: identity on the floor. Each terminal's random salt for the operators' badge and PIN
  -- hashes (Odoo: shopfloor.terminal.credential_salt), its "Ask operators for their PIN" setting, and
  -- the employees' PINs (Odoo: hr.employee.pin).
  ALTER TABLE terminals ADD COLUMN credential_salt TEXT;
  UPDATE terminals SET credential_salt = lower(hex(randomblob(16)));
  ALTER TABLE terminals ADD COLUMN require_pin INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE employees ADD COLUMN pin TEXT;
  `,
  `
  -- Issue 14: work instructions (sanitized HTML) and instruction files, as the addon reads them from the
  -- work order's operation (mrp.routing.workcenter); a file may serve many work orders of one operation.
  ALTER TABLE workorders ADD COLUMN instructions TEXT;
  ALTER TABLE workorders ADD COLUMN open_instructions INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    mimetype TEXT NOT NULL,
    checksum TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE TABLE workorder_attachments (
    workorder_id INTEGER NOT NULL REFERENCES workorders(id),
    attachment_id INTEGER NOT NULL REFERENCES attachments(id),
    PRIMARY KEY (workorder_id, attachment_id)
  );
  CREATE INDEX workorder_attachments_attachment ON workorder_attachments (attachment_id);
  `,
]

/** The schema version a fully migrated database has. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** Thrown when the data directory holds a database written by a newer server than this one. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError'
  constructor(found: number) {
    super(
      `The database has schema version ${found} but this server knows only up to ${SCHEMA_VERSION}: ` +
        'run the newer server, or point SHOPFLOOR_DATA_DIR at another directory.',
    )
  }
}

/**
 * Brings the database to version `to` (default {@link SCHEMA_VERSION}; tests stop earlier to build an old
 * database), each step in its own transaction with its `user_version`.
 */
export function migrate(db: Database, to: number = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) throw new SchemaTooNewError(current)
  for (let version = current; version < to; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
