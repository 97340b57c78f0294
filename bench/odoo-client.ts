/**
 * What the Odoo benchmarks share: the web session (to make an API key), Odoo's JSON-2 API, and pairing a
 * terminal. The target comes from ODOO_URL [http://127.0.0.1:8069], ODOO_DB [lab], ODOO_LOGIN [admin] and
 * ODOO_PASSWORD [admin].
 */
export const ODOO_URL = (process.env.ODOO_URL ?? 'http://127.0.0.1:8069').replace(/\/$/, '')
export const ODOO_DB = process.env.ODOO_DB ?? 'lab'
const ODOO_LOGIN = process.env.ODOO_LOGIN ?? 'admin'
const ODOO_PASSWORD = process.env.ODOO_PASSWORD ?? 'admin'
export const API = `${ODOO_URL}/shopfloor_terminal/v1`

/** Thrown when Odoo answers something the benchmark cannot go on with. */
export class OdooBenchError extends Error {
  override name = 'OdooBenchError'
}

export async function expectOk(response: Response, what: string): Promise<unknown> {
  const text = await response.text()
  if (!response.ok) throw new OdooBenchError(`${what}: HTTP ${response.status} ${text.slice(0, 500)}`)
  return text ? JSON.parse(text) : null
}

/** The web client's session: only used to make an API key when none is given. */
export class OdooSession {
  private cookie = ''

  async authenticate(): Promise<void> {
    const response = await fetch(`${ODOO_URL}/web/session/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: ODOO_DB, login: ODOO_LOGIN, password: ODOO_PASSWORD } }),
    })
    const body = (await expectOk(response, 'authenticate')) as { error?: { message: string } }
    if (body.error) throw new OdooBenchError(`authenticate: ${body.error.message}`)
    const setCookie = response.headers.get('set-cookie') ?? ''
    const session = /session_id=([^;]+)/.exec(setCookie)
    if (!session) throw new OdooBenchError('authenticate: no session cookie')
    this.cookie = `session_id=${session[1]}`
  }

  async callKw(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<unknown> {
    const response = await fetch(`${ODOO_URL}/web/dataset/call_kw/${model}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: this.cookie },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { model, method, args, kwargs } }),
    })
    const body = (await expectOk(response, `${model}.${method}`)) as { result?: unknown; error?: { data?: { message?: string } } }
    if (body.error) throw new OdooBenchError(`${model}.${method}: ${body.error.data?.message ?? JSON.stringify(body.error)}`)
    return body.result
  }

  /** A new API key, through the same wizard and password check as Preferences > New API Key. */
  async makeApiKey(): Promise<{ key: string; cleanup: () => Promise<void> }> {
    const name = `shopfloor bench ${new Date().toISOString()}`
    const descriptionId = (await this.callKw('res.users.apikeys.description', 'create', [{ name }])) as number
    const check = (await this.callKw('res.users.apikeys.description', 'make_key', [[descriptionId]])) as { res_model: string; res_id: number }
    const shown = (await this.callKw(check.res_model, 'run_check', [[check.res_id]], { context: { password: ODOO_PASSWORD } })) as {
      context: { default_key: string }
    }
    return {
      key: shown.context.default_key,
      cleanup: async () => {
        const ids = (await this.callKw('res.users.apikeys', 'search', [[['name', '=', name]]])) as number[]
        if (ids.length) await this.callKw('res.users.apikeys', 'remove', [ids])
      },
    }
  }
}

/** Odoo's JSON-2 API with an API key: the naive path, and the setup. */
export class Json2 {
  constructor(private readonly apiKey: string) {}

  async call<T>(model: string, method: string, body: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${ODOO_URL}/json/2/${model}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.apiKey}`, 'X-Odoo-Database': ODOO_DB },
      body: JSON.stringify(body),
    })
    return (await expectOk(response, `json2 ${model}.${method}`)) as T
  }

  async create(model: string, vals: Record<string, unknown>): Promise<number> {
    const [id] = await this.call<number[]>(model, 'create', { vals_list: [vals] })
    if (id === undefined) throw new OdooBenchError(`json2 ${model}.create returned no id`)
    return id
  }
}

/** Pairs a terminal with a one-time code; returns its bearer token. */
export async function pair(code: string, deviceName = 'odoo bench'): Promise<string> {
  const response = await fetch(`${API}/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Terminal-Client': '1.0.0' },
    body: JSON.stringify({ pairing_code: code, device_name: deviceName, client_version: '1.0.0' }),
  })
  const body = (await expectOk(response, 'pair')) as { token: string }
  return body.token
}

/**
 * Runs a bench with a JSON-2 client on `ODOO_API_KEY`, or on an admin API key made for the run. What the
 * bench sets up it registers in `cleanups`; they are undone in reverse order, the plant before the API key
 * it was made with, whether the bench succeeds or not.
 */
export async function withJson2(bench: (json2: Json2, cleanups: (() => Promise<void>)[]) => Promise<void>): Promise<void> {
  let apiKey = process.env.ODOO_API_KEY
  const cleanups: (() => Promise<void>)[] = []
  if (!apiKey) {
    const session = new OdooSession()
    await session.authenticate()
    const made = await session.makeApiKey()
    apiKey = made.key
    cleanups.push(made.cleanup)
  }
  try {
    await bench(new Json2(apiKey), cleanups)
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
}
