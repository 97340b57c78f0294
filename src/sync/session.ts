import { Dexie } from 'dexie'
import { createApiClient } from '../api/client'
import { CLIENT_VERSION } from '../api/version'
import { MAX_BATCH, MAX_BODY_BYTES, type TerminalInfo, type TerminalSettings } from '../domain/contract'
import { CREDENTIAL_ITERATIONS, CREDENTIAL_KDF, type CredentialParams } from '../domain/credentials'
import { normalizePairingCode } from '../domain/pairing'
import { ActionRefusedError } from '../domain/refusals'
import type { ShopfloorDb } from '../db/schema'
import { readSyncState, requireSession, type SyncContext } from './context'
import { verifyPin } from './credentials'
import { PairingError, UnsyncedEventsError, toError } from './errors'
import { pullWorkOrders, writeBootstrap, type Yielder } from './pull'
import { requestPersistence, type StorageLike } from './storage'

/** Until the bootstrap arrives, the strictest reading of the plant's settings. */
const DEFAULT_SETTINGS: TerminalSettings = {
  require_operator: true,
  allow_operator_list: false,
  allow_lot_creation: false,
  require_pin: true,
  overproduction_tolerance: 0,
}

/** Until the bootstrap arrives: no salt, so no badge or PIN can match. */
const NO_CREDENTIALS: CredentialParams = { kdf: CREDENTIAL_KDF, iterations: CREDENTIAL_ITERATIONS, salt: '' }

/** What pairing needs: where, the one-time code, and how this device is called. */
export interface PairInput {
  /** Origin of the server; defaults to the origin the app was loaded from. */
  serverUrl?: string
  /** The code Odoo shows (any case, spaces and dashes allowed). */
  code: string
  /** Name shown in Odoo's terminal list (1-64 characters). */
  deviceName: string
}

/** What pairing achieved. */
export interface PairResult {
  terminal: TerminalInfo
  /** Work orders now on the device. */
  workOrders: number
  /** Whether the browser granted persistent storage (it will not evict the outbox under pressure). */
  persisted: boolean
}

/** Extra dependencies of pairing. */
export interface PairDeps extends SyncContext {
  storage?: StorageLike | null
  clientVersion?: string
  yieldToUi?: Yielder
}

/**
 * Pairs this device: exchanges the one-time code for a token, stores it, loads the bootstrap,
 * runs a full sync and asks for persistent storage. Re-pairing with the same server keeps the
 * outbox; pairing with another server is refused while events have not reached the old one.
 * @throws PairingError wrapping the client's error (e.g. ApiError `pairing_code_invalid`).
 * @throws UnsyncedEventsError when another server's events are still waiting.
 */
export async function pairDevice(deps: PairDeps, input: PairInput): Promise<PairResult> {
  const { db } = deps
  const serverUrl = new URL(input.serverUrl ?? globalThis.location.origin).origin
  const previous = await db.session.get('session')
  if (previous && previous.serverUrl !== serverUrl) {
    const unsynced = await unsyncedCount(db)
    if (unsynced > 0) throw new UnsyncedEventsError(unsynced, previous.serverUrl)
  }
  try {
    const anonymous = createApiClient({ baseUrl: serverUrl, fetch: deps.fetch, timeoutMs: deps.timeoutMs, clientVersion: deps.clientVersion })
    const paired = await anonymous.pair({
      pairing_code: normalizePairingCode(input.code),
      device_name: input.deviceName.trim(),
      client_version: deps.clientVersion ?? CLIENT_VERSION,
    })
    const client = createApiClient({
      baseUrl: serverUrl,
      token: paired.token,
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      clientVersion: deps.clientVersion,
    })
    // Store the token before anything else can fail: the code worked once and will not work again.
    await db.transaction('rw', [db.session, db.syncState, db.lots], async () => {
      if (previous && previous.serverUrl !== serverUrl) await db.lots.clear()
      await db.session.put({
        key: 'session',
        serverUrl,
        token: paired.token,
        deviceName: input.deviceName.trim(),
        terminal: { id: paired.terminal.id, name: paired.terminal.name, work_center_ids: [], settings: DEFAULT_SETTINGS, credentials: NO_CREDENTIALS },
        limits: { max_batch: MAX_BATCH, max_body_bytes: MAX_BODY_BYTES },
        pairedAt: Date.now(),
        operatorId: null,
      })
      const state = await readSyncState(db)
      await db.syncState.put({ ...state, cursor: null, referenceHash: null, blockedBy: null, lastError: null, offlineSince: null })
    })
    const bootstrap = await client.bootstrap()
    await writeBootstrap(db, bootstrap)
    await pullWorkOrders(db, client, deps.yieldToUi)
    const persisted = await requestPersistence(deps.storage)
    return { terminal: bootstrap.terminal, workOrders: await db.workOrders.count(), persisted }
  } catch (e) {
    throw new PairingError(toError(e))
  }
}

/** Events not yet accepted by the server: pending ones and unresolved dead letters. */
export async function unsyncedCount(db: ShopfloorDb): Promise<number> {
  const pending = await db.outbox.where('[status+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).count()
  const dead = await db.deadLetters.where('[resolved+deadAt]').between([0, Dexie.minKey], [0, Dexie.maxKey]).count()
  return pending + dead
}

/**
 * Signs an operator in on this device; the choice is stored, so it survives reloads, and every
 * event recorded from now on carries their id. Where the terminal asks for PINs, `pin` is checked
 * against the operator's hash first (offline).
 * @throws ActionRefusedError `operator_unknown` when the operator is not allowed on this terminal,
 *   `pin_required`, `pin_not_set` or `pin_wrong`.
 */
export async function signIn(db: ShopfloorDb, operatorId: number, pin?: string): Promise<void> {
  const [session, operator] = await Promise.all([requireSession(db), db.operators.get(operatorId)])
  if (!operator) throw new ActionRefusedError('operator_unknown', { operator_id: operatorId })
  if (session.terminal.settings.require_pin) {
    if (pin === undefined || pin.trim() === '') throw new ActionRefusedError('pin_required')
    // Outside the transaction: the derivation is WebCrypto's, which would let an IndexedDB transaction close.
    await verifyPin(db, operator, pin)
  }
  await db.transaction('rw', [db.session, db.operators], async () => {
    const current = await requireSession(db)
    if (!(await db.operators.get(operatorId))) throw new ActionRefusedError('operator_unknown', { operator_id: operatorId })
    await db.session.put({ ...current, operatorId })
  })
}

/** Signs the current operator out; nothing recorded is touched. */
export async function signOut(db: ShopfloorDb): Promise<void> {
  await db.transaction('rw', db.session, async () => {
    const session = await db.session.get('session')
    if (session) await db.session.put({ ...session, operatorId: null })
  })
}
