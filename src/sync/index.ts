/**
 * The sync engine's public API for the stores: recording, pairing, sign-in, replay, dead letters,
 * reconciliation and storage health, on the app's database (`getDatabase()`).
 * Call `configureSync` first where the defaults do not fit (tests, benchmarks).
 */
import { getDatabase } from '../db/database'
import { getInstructionFileCache } from '../db/instruction-files'
import { clearPairingData } from '../db/pairing-data'
import type { OutboxRow } from '../db/rows'
import type { RecordAction } from '../domain/actions'
import type { InstructionAttachment, Operator, TerminalEvent } from '../domain/contract'
import { clientFor, type SyncContext } from './context'
import * as credentials from './credentials'
import * as deadLetterOps from './dead-letters'
import * as demoServer from './demo-server'
import { createSyncEngine, type CycleResult, type SyncEngine, type SyncEngineOptions } from './engine'
import { loadInstructionFile } from './instruction-files'
import { lookupLot as lookupLotWith, type LotLookup } from './lots'
import { reconcileWithServer, type ReconcileReport } from './reconcile'
import { recordAction } from './recorder'
import { pairDevice, unsyncedCount, signIn as signInWith, signOut as signOutWith, type PairInput, type PairResult } from './session'
import { storageHealth as storageHealthOf, type StorageHealth, type StorageHealthOptions } from './storage'
import { browserTriggerSources, requestBackgroundSync } from './triggers'

let engineOptions: Partial<Omit<SyncEngineOptions, 'db'>> = {}
let engine: SyncEngine | null = null

function context(): SyncContext {
  return { db: getDatabase(), fetch: engineOptions.fetch, timeoutMs: engineOptions.timeoutMs }
}

function theEngine(): SyncEngine {
  engine ??= createSyncEngine({
    triggers: browserTriggerSources(),
    backgroundSync: () => requestBackgroundSync(),
    instructionFiles: getInstructionFileCache(),
    ...engineOptions,
    db: getDatabase(),
  })
  return engine
}

/** Overrides the engine's defaults (fetch, locks, poll interval...); stops and replaces a running engine. */
export function configureSync(options: Partial<Omit<SyncEngineOptions, 'db'>>): void {
  engine?.stop()
  engine = null
  engineOptions = options
}

/** Pairs this device with a server, loads its data and asks for persistent storage; replay resumes. */
export async function pair(input: PairInput): Promise<PairResult> {
  const result = await pairDevice(context(), input)
  // A started engine stopped scheduling while the device was unpaired (or its token was refused).
  engine?.kick()
  return result
}

/** What unpair did: cleared everything, kept everything because events wait, or found a sync running. */
export type UnpairResult = { kind: 'cleared' } | { kind: 'kept'; waiting: number } | { kind: 'busy' }

/**
 * Forgets the plant this device is paired with, once every event reached the server: the pairing,
 * its data, the outbox and the instruction files (`clearPairingData`). While events wait nothing is
 * cleared: pairing again with the same server sends them, another server is refused.
 */
export async function unpair(): Promise<UnpairResult> {
  const db = getDatabase()
  const replayer = theEngine()
  // This tab's cycle in flight ends first (its events may reach the server meanwhile); the lock below
  // never waits, so only another tab's sync makes unpair busy.
  if (replayer.running) await replayer.syncNow()
  // Under the replay lock: a cycle would otherwise write what it pulled after the clear.
  const run = await replayer.withLock(async (): Promise<UnpairResult> => {
    const waiting = await unsyncedCount(db)
    if (waiting > 0) return { kind: 'kept', waiting }
    await clearPairingData()
    return { kind: 'cleared' }
  })
  return run.ran ? run.value : { kind: 'busy' }
}

/** Whether `serverUrl` is the demo backend, which offers one-click pairing. */
export function isDemoServer(serverUrl: string): Promise<boolean> {
  return demoServer.isDemoServer(engineOptions, serverUrl)
}

/** A fresh one-time code for a new demo terminal on the demo backend at `serverUrl`. */
export function demoPairingCode(serverUrl: string): Promise<string> {
  return demoServer.demoPairingCode(engineOptions, serverUrl)
}

/** Signs an operator in (stored: survives reloads), with their PIN where the terminal asks for it. */
export function signIn(operatorId: number, pin?: string): Promise<void> {
  return signInWith(getDatabase(), operatorId, pin)
}

/** The operator of this terminal wearing this badge (checked against the salted hashes), or undefined. */
export function operatorByBadge(badge: string): Promise<Operator | undefined> {
  return credentials.operatorByBadge(getDatabase(), badge)
}

/** The hash of a scanned text as a badge of this terminal, or null before the first bootstrap. */
export function badgeHash(badge: string): Promise<string | null> {
  return credentials.badgeHash(getDatabase(), badge)
}

/**
 * The supervisor who authorizes a supervisor action with badge and PIN, checked offline.
 * @throws ActionRefusedError `badge_unknown`, `pin_not_set`, `pin_wrong` or `supervisor_required`.
 */
export function authorizeSupervisor(badge: string, pin: string): Promise<Operator> {
  return credentials.authorizeSupervisor(getDatabase(), badge, pin)
}

/** Signs the current operator out. */
export function signOut(): Promise<void> {
  return signOutWith(getDatabase())
}

/**
 * Records an operator action durably (event + optimistic effect in one transaction) and then
 * asks the replayer to send it. Resolves with the recorded event once it is on disk.
 * @throws ActionRefusedError when the domain rules refuse it.
 */
export async function record(action: RecordAction, authorizedBy?: number): Promise<OutboxRow> {
  const row = await recordAction(getDatabase(), action, authorizedBy === undefined ? {} : { authorizedBy })
  engine?.kick()
  return row
}

/** Starts replaying: now, on `online`, on visibility, on a timer, on Background Sync. */
export function startSync(): void {
  theEngine().start()
}

/** Runs a sync cycle now ("Sync now") and resolves with its result. */
export function syncNow(): Promise<CycleResult> {
  return theEngine().syncNow()
}

/**
 * Resends a dead letter as a new event (optionally with an edited payload and, for a refusal about its
 * time, a corrected time `occurredAtMs`), authorized by `supervisorId`, and replays.
 */
export async function resendDeadLetter(id: string, supervisorId: number, editedPayload?: TerminalEvent['payload'], occurredAtMs?: number): Promise<OutboxRow> {
  const row = await deadLetterOps.resendDeadLetter(getDatabase(), id, editedPayload, { supervisorId, occurredAtMs })
  engine?.kick()
  return row
}

/** Discards a dead letter with a reason, authorized by `supervisorId`; the discard goes out in its place, then the events it held. */
export async function discardDeadLetter(id: string, reason: string, supervisorId: number): Promise<void> {
  await deadLetterOps.discardDeadLetter(getDatabase(), id, reason, { supervisorId })
  engine?.kick()
}

/** The events waiting behind a dead letter, oldest first: what discarding it releases. */
export function heldBehindDeadLetter(id: string): Promise<TerminalEvent[]> {
  return deadLetterOps.heldBehind(getDatabase(), id)
}

/**
 * Compares this device's latest events with the server's ledger and reports differences,
 * under the replay lock. Resolves with null when another tab holds the lock (it replays).
 */
export async function reconcile(): Promise<ReconcileReport | null> {
  const ctx = context()
  const run = await theEngine().withLock(async () => reconcileWithServer(ctx.db, await clientFor(ctx)))
  return run.ran ? run.value : null
}

/** Quota, usage and the low-space warning; prunes synced history past its retention. */
export function storageHealth(options: StorageHealthOptions = {}): Promise<StorageHealth> {
  return storageHealthOf(getDatabase(), options)
}

/** Checks a scanned lot with the server (cached for offline use). */
export function lookupLot(barcode: string, productId?: number): Promise<LotLookup> {
  return lookupLotWith(context(), barcode, productId)
}

/** An instruction file's content, from this device when kept, else from the server. */
export function instructionFile(file: InstructionAttachment): Promise<Blob> {
  return loadInstructionFile(context(), getInstructionFileCache(), file)
}

export { InstructionFileOfflineError } from './instruction-files'
export type { CycleResult, SyncEngine, SyncEngineOptions } from './engine'
export type { PairInput, PairResult } from './session'
export type { ReconcileReport, Difference, DifferenceKind } from './reconcile'
export type { StorageHealth, StorageHealthOptions } from './storage'
export type { LotLookup } from './lots'
export type { PushOutcome } from './push'
export type { PullOutcome } from './pull'
export { createSyncEngine } from './engine'
export { MIN_DELAY_MS, MAX_DELAY_MS, POLL_INTERVAL_MS } from './backoff'
export { PairingError, PullError, PushError, NotPairedError, UnsyncedEventsError, ProtocolError } from './errors'
export { ActionRefusedError } from '../domain/refusals'
export type { RefusalReason, RefusalParams } from '../domain/refusals'
export type { RecordAction } from '../domain/actions'
