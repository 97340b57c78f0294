import { randomUUID } from 'node:crypto'
import type { APIRequestContext } from '@playwright/test'
import type { Bootstrap, EventResult, EventsResponse, PairResponse, TerminalEvent } from '../../src/domain/contract'
import { demoPairingCode } from './demo'

/**
 * A second terminal of the demo plant, driven through the API as another workstation (or Odoo's backend)
 * would act on the same work orders while the tablet under test is offline.
 */
export class OtherTerminal {
  private seq = 0

  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
    readonly bootstrap: Bootstrap,
  ) {}

  /** Pairs a new demo terminal with a one-time code from the demo backend (on `workCenterCode` only, when given). */
  static async pair(request: APIRequestContext, workCenterCode?: string): Promise<OtherTerminal> {
    const code = await demoPairingCode(request, workCenterCode)
    const paired = await request.post('/shopfloor_terminal/v1/pair', {
      data: { pairing_code: code, device_name: 'second terminal', client_version: '1.0.0' },
    })
    if (!paired.ok()) throw new Error(`the second terminal could not pair (HTTP ${paired.status()})`)
    const { token } = (await paired.json()) as PairResponse
    const boot = await request.get('/shopfloor_terminal/v1/bootstrap', { headers: { Authorization: `Bearer ${token}` } })
    return new OtherTerminal(request, token, (await boot.json()) as Bootstrap)
  }

  /** Sends one event of this terminal now and returns its result. */
  async send<T extends TerminalEvent['type']>(
    type: T,
    workorderId: number,
    payload: Extract<TerminalEvent, { type: T }>['payload'],
    employeeId: number | null,
  ): Promise<EventResult> {
    const event = {
      id: randomUUID(),
      type,
      workorder_id: workorderId,
      occurred_at: new Date().toISOString(),
      device_seq: ++this.seq,
      employee_id: employeeId,
      payload,
    }
    const res = await this.request.post('/shopfloor_terminal/v1/events', {
      data: { events: [event] },
      headers: { Authorization: `Bearer ${this.token}` },
    })
    const [result] = ((await res.json()) as EventsResponse).results
    if (!result) throw new Error(`the server answered no result (HTTP ${res.status()})`)
    return result
  }
}
