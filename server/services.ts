import type { Database } from 'better-sqlite3'
import { createAttachmentReader } from './db/attachments.ts'
import { createChangeTracker } from './db/changes.ts'
import { createComponentWriter } from './db/components.ts'
import { createCredentialCache } from './db/credentials.ts'
import { createHoldReader } from './db/holds.ts'
import { createLedger } from './db/ledger.ts'
import { createLotRepository } from './db/lots.ts'
import { instanceId } from './db/open.ts'
import { createPlantWriter } from './db/plant.ts'
import { createReferenceReader } from './db/reference.ts'
import { createTerminalRepository } from './db/terminals.ts'
import { createWorkCenterReader } from './db/work-centers.ts'
import { createWorkOrderSerializer } from './db/workorder-json.ts'
import { createWorkOrderFeed } from './db/workorder-feed.ts'
import { FailureLimiter } from './http/rate-limiter.ts'
import { createIngest } from './ingest/ingest-batch.ts'

/** Failed pairings allowed per client address in {@link PAIRING_WINDOW_MS}. */
export const PAIRING_MAX_FAILURES = 10
/** The window of the pairing rate limit: 10 minutes. */
export const PAIRING_WINDOW_MS = 10 * 60_000
/**
 * Failed pairings allowed from all addresses together in {@link PAIRING_WINDOW_MS}: ten tablets' worth, so
 * one bad tablet never locks the plant out, while many addresses together cannot walk the code space
 * (31^8 codes at 100 guesses per 10 minutes).
 */
export const PAIRING_MAX_FAILURES_GLOBAL = 100

/** Everything the routes use, made once per server over one database. */
export function createServices(db: Database, now: () => number, onUnexpected: (error: unknown, eventId: string) => void) {
  const instance = instanceId(db)
  const changes = createChangeTracker(db)
  const workOrders = createWorkOrderSerializer(db, instance)
  const ledger = createLedger(db)
  const plant = createPlantWriter(db)
  const lots = createLotRepository(db)
  const components = createComponentWriter(db)
  const holds = createHoldReader(db)
  const credentials = createCredentialCache()
  const references = createReferenceReader(db, credentials)
  return {
    db,
    instance,
    now,
    changes,
    workOrders,
    ledger,
    lots,
    components,
    references,
    credentials,
    attachments: createAttachmentReader(db),
    terminals: createTerminalRepository(db),
    workCenters: createWorkCenterReader(db),
    feed: createWorkOrderFeed(db),
    ingest: createIngest({ db, ledger, plant, lots, components, holds, changes, references, workOrders, now, onUnexpected }),
    pairingLimiter: new FailureLimiter({ maxFailures: PAIRING_MAX_FAILURES, windowMs: PAIRING_WINDOW_MS, now }),
    pairingGlobalLimiter: new FailureLimiter({ maxFailures: PAIRING_MAX_FAILURES_GLOBAL, windowMs: PAIRING_WINDOW_MS, now }),
  }
}

/** The services of one server. */
export type Services = ReturnType<typeof createServices>
