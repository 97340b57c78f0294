import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { OfficeDecision, WorkOrder } from '../src/domain/contract.ts'
import { buildServer, type ServerOptions } from './app.ts'
import type { EventFlag } from './db/components.ts'
import type { LedgerEntryRow } from './db/ledger.ts'
import { IN_MEMORY } from './db/open.ts'
import { generatePairingCode } from './pairing/codes.ts'
import { createDemoTerminal } from './seed/demo-terminals.ts'

/** A ledger entry as stored (times in epoch ms). */
export type LedgerRow = LedgerEntryRow

/** A running demo backend and direct views of its database, for tests. */
export interface DemoServer {
  /** The Fastify instance: `app.inject(...)` works whether or not it listens. */
  app: FastifyInstance
  /** `http://127.0.0.1:<port>` when listening, else undefined. */
  baseUrl: string | undefined
  /** The demo terminal's one-time pairing code. */
  pairingCode: string
  /** Every ledger entry, in the order received. */
  ledger(): LedgerRow[]
  /** Events applied with a warning, for the manufacturing order's responsible. */
  eventFlags(): EventFlag[]
  /** A work order as the API shows it, read straight from the database (any work center), or null. */
  workOrder(id: number): WorkOrder | null
  /**
   * A one-time code (valid until used): for a new demo terminal on every work center, or, given a terminal id,
   * to re-pair that terminal (its current token stops working once the code is used).
   */
  newPairingCode(terminalId?: number): string
  /**
   * A supervisor's decision in the office on a rejected, unresolved event, as Odoo's ledger buttons record it:
   * `resend` or `discard` asks the tablet to do so at its next sync; `resolve` ("Mark resolved") resolves it at
   * once and asks the tablet to discard it too. `by` is the user's name. Returns whether the event could take it.
   */
  decide(eventId: string, action: OfficeDecision['action'] | 'resolve', by: string, note?: string): boolean
  /** A one-time code for a new terminal bound to these work centers only (two terminals, two lines). */
  newTerminalOn(workCenterIds: readonly number[]): string
  /** Revokes a terminal, as a supervisor in Odoo would: its token answers 401 token_revoked at once. */
  revokeTerminal(terminalId: number): void
  /**
   * Odoo's *Rotate token*: the terminal's token answers 401 token_invalid at once; returns the new one-time
   * code that pairs the device again.
   */
  rotateToken(terminalId: number): string
  /** Stops listening and closes the database. */
  close(): Promise<void>
}

/** Options of {@link createDemoServer}: those of buildServer (dataDir defaults to memory) plus `listen`. */
export type DemoServerOptions = Partial<ServerOptions> & {
  /** Listen on a free port of 127.0.0.1 (default true); false for `app.inject` only. */
  listen?: boolean
}

/**
 * Starts the real demo backend in-process for tests (the contract suite's demo-only cases, the sync engine's
 * chaos test): in memory unless `dataDir` is given, silent, seeded with the default demo plant.
 *
 * @example
 * const server = await createDemoServer()
 * const pair = await fetch(`${server.baseUrl}/shopfloor_terminal/v1/pair`, { method: 'POST', body: JSON.stringify(
 *   { pairing_code: server.pairingCode, device_name: 'test', client_version: '1.0.0' }) })
 * // ... send events, then check server.ledger() and server.workOrder(id)
 * await server.close()
 */
export async function createDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const { listen = true, ...serverOptions } = options
  const app = await buildServer({ dataDir: IN_MEMORY, ...serverOptions })
  let baseUrl: string | undefined
  if (listen) {
    await app.listen({ host: '127.0.0.1', port: 0 })
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  }
  const { services, pairingCode } = app.shopfloor
  return {
    app,
    baseUrl,
    pairingCode,
    ledger: () => services.ledger.all(),
    eventFlags: () => services.components.flags(),
    workOrder: (id) => services.workOrders.one(id),
    newPairingCode(terminalId) {
      if (terminalId === undefined) {
        return createDemoTerminal(services.db, services.terminals, { expiresAt: null, nowMs: services.now() }).code
      }
      const code = generatePairingCode()
      services.terminals.issuePairingCode(terminalId, code, null)
      return code
    },
    decide(eventId, action, by, note) {
      const entry = services.ledger.get(eventId.toLowerCase())
      return entry !== undefined && services.ledger.decide(entry.id, entry.terminal_id, action, by, note ?? null, services.now())
    },
    newTerminalOn(workCenterIds) {
      const code = generatePairingCode()
      services.terminals.create({
        name: `Terminal of work centers ${workCenterIds.join(', ')}`,
        workCenterIds: [...workCenterIds],
        pairingCode: code,
        pairingExpiresAt: null,
        isDemo: false,
        nowMs: services.now(),
      })
      return code
    },
    revokeTerminal: (terminalId) => services.terminals.revoke(terminalId),
    rotateToken(terminalId) {
      const code = generatePairingCode()
      services.terminals.rotateToken(terminalId, code, null)
      return code
    },
    close: () => app.close(),
  }
}
