// `npm start`: builds the terminal (vite build), then runs the server (server/main.ts) on one origin.
// The server prints the URL and, in demo mode, the pairing code. Set SHOPFLOOR_ODOO_URL to serve the
// terminal in front of a real Odoo instead of the demo backend; SHOPFLOOR_SKIP_BUILD=1 reuses dist/.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const VITE = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
const TSX = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * Runs `node <args>` with this terminal's stdio and resolves with its exit code. The child gets its own
 * process group, so a Ctrl-C reaches it once, forwarded from here, instead of twice (which would force it).
 */
function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', detached: true })
    const forward = (signal) => child.kill(signal)
    for (const signal of SIGNALS) process.on(signal, forward)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      for (const s of SIGNALS) process.off(s, forward)
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15))
    })
  })
}

if (process.env.SHOPFLOOR_SKIP_BUILD !== '1') {
  console.info('Building the terminal (vite build)...')
  const built = await run([VITE, 'build', '--logLevel', 'warn'])
  if (built !== 0) {
    console.error('The build failed (see above): fix it, or run with SHOPFLOOR_SKIP_BUILD=1 to serve the last build.')
    process.exit(built)
  }
}
process.exit(await run([TSX, join(root, 'server', 'main.ts')]))
