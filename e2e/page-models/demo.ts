import type { APIRequestContext } from '@playwright/test'

/** A fresh one-time pairing code from the demo backend (`POST /shopfloor_terminal/demo/pairing-code`), so tests pair independently. */
export async function demoPairingCode(request: APIRequestContext): Promise<string> {
  const res = await request.post('/shopfloor_terminal/demo/pairing-code')
  if (!res.ok()) throw new Error(`the demo backend gave no pairing code (HTTP ${res.status()}): is the server running in demo mode?`)
  return ((await res.json()) as { pairing_code: string }).pairing_code
}
