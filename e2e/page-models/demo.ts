import type { APIRequestContext } from '@playwright/test'

/**
 * A fresh one-time pairing code from the demo backend (`POST /shopfloor_terminal/demo/pairing-code`), so tests
 * pair independently: for a terminal on every work center of the demo catalog, or only on `workCenterCode`
 * (an isolated cell of playwright.config.ts, which no other terminal sees).
 */
export async function demoPairingCode(request: APIRequestContext, workCenterCode?: string): Promise<string> {
  const res = await request.post('/shopfloor_terminal/demo/pairing-code', workCenterCode === undefined ? {} : { data: { work_center_code: workCenterCode } })
  if (!res.ok()) throw new Error(`the demo backend gave no pairing code (HTTP ${res.status()}: ${await res.text()}): is the server running in demo mode?`)
  return ((await res.json()) as { pairing_code: string }).pairing_code
}
