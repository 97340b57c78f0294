import type { APIRequestContext, Page } from '@playwright/test'
import type { LedgerEntry, WorkOrder, WorkOrdersPage } from '../../src/domain/contract'

/** What the tablet recorded, read from its IndexedDB (the `shopfloor` database of src/db). */
export interface RecordedEvents {
  token: string
  /** `employeeId`: who the event names (a discard: the supervisor who authorized it). */
  events: Array<{ id: string; type: string; status: string; employeeId: number | null }>
}

/** Read this device's token and outbox in the page (plain IndexedDB: the test does not load the app's modules). */
export function readRecorded(page: Page): Promise<RecordedEvents> {
  return page.evaluate(
    () =>
      new Promise<RecordedEvents>((resolve, reject) => {
        const open = indexedDB.open('shopfloor')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['session', 'outbox'], 'readonly')
          const session = tx.objectStore('session').get('session')
          const outbox = tx.objectStore('outbox').getAll()
          tx.oncomplete = () => {
            const rows = outbox.result as Array<{ id: string; type: string; status: string; seq: number; event: { employee_id: number | null } }>
            resolve({
              token: (session.result as { token: string }).token,
              events: rows.sort((a, b) => a.seq - b.seq).map((r) => ({ id: r.id, type: r.type, status: r.status, employeeId: r.event.employee_id })),
            })
            db.close()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
  )
}

/** The server's ledger entry of an event, or null when it never arrived. */
export async function ledgerEntry(request: APIRequestContext, token: string, id: string): Promise<LedgerEntry | null> {
  const res = await request.get(`/shopfloor_terminal/v1/events/${id}`, { headers: { Authorization: `Bearer ${token}` } })
  if (res.status() === 404) return null
  return ((await res.json()) as { event: LedgerEntry }).event
}

/** The server's current copy of the terminal's work orders (a full delta sync). */
export async function serverWorkOrders(request: APIRequestContext, token: string): Promise<WorkOrder[]> {
  const all: WorkOrder[] = []
  let cursor: string | null = null
  for (;;) {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
    const res = await request.get(`/shopfloor_terminal/v1/workorders?limit=1000${query}`, { headers: { Authorization: `Bearer ${token}` } })
    const page = (await res.json()) as WorkOrdersPage
    all.push(...page.items)
    if (!page.has_more) return all
    cursor = page.next_cursor
  }
}

/** Ready and free: nobody on it, not blocked, no hold. */
export function isReadyAndFree(wo: WorkOrder): boolean {
  return wo.state === 'ready' && !wo.is_running && !wo.is_blocked && wo.holds.length === 0
}

/**
 * Ready and free, and starting it opens no instructions (their dialog would cover the actions): what a spec
 * that starts a work order looks for. work-instructions.spec.ts takes the others.
 */
export function isFreeToStart(wo: WorkOrder): boolean {
  return isReadyAndFree(wo) && !wo.open_instructions_on_start
}

/** The server's current copy of a work order, or undefined. */
export async function serverWorkOrder(request: APIRequestContext, token: string, id: number): Promise<WorkOrder | undefined> {
  return (await serverWorkOrders(request, token)).find((wo) => wo.id === id)
}
