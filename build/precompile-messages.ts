/**
 * vue-i18n messages compiled at build time, so the terminal ships without the runtime message
 * compiler (@intlify/message-compiler: about 4 KB gzip less in every first load).
 *
 * The message modules stay plain objects of strings for people, types and unit tests; in a
 * production build each string becomes the AST vue-i18n's runtime renders directly (its "JIT"
 * format, https://vue-i18n.intlify.dev/guide/advanced/optimization#jit-compilation), and
 * `__INTLIFY_DROP_MESSAGE_COMPILER__` lets the bundler drop the compiler.
 */
import { baseCompile, type CompileError } from '@intlify/message-compiler'
import type { Plugin } from 'vite'

/** A message resource: nested objects whose leaves are message strings. */
export interface MessageTree {
  [key: string]: string | MessageTree
}
type CompiledTree = { [key: string]: unknown }

/**
 * The modules of messages: the app's languages (`src/i18n/<two letters>.ts`) and the PWA shell's own
 * texts (`src/pwa/pwa-messages.ts`, a component's local scope). Every export of such a module is
 * messages, compiled.
 */
export const MESSAGE_MODULES = [/[\\/]src[\\/]i18n[\\/][a-z]{2}\.ts$/, /[\\/]src[\\/]pwa[\\/]pwa-messages\.ts$/]

/**
 * Every string of `tree` compiled to vue-i18n's message AST. A message that does not parse fails
 * with its key and the compiler's reason, so a typo breaks the build instead of a screen.
 */
export function compileMessageTree(tree: MessageTree, where: string, prefix = ''): CompiledTree {
  const compiled: CompiledTree = {}
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') {
      compiled[key] = baseCompile(value, {
        jit: true,
        location: false,
        minify: true,
        onError: (error: CompileError) => {
          throw new Error(`${where}: message "${path}" does not compile: ${error.message}`)
        },
      }).ast
    } else if (typeof value === 'object' && value !== null) {
      compiled[key] = compileMessageTree(value, where, path)
    } else {
      throw new Error(`${where}: message "${path}" is a ${typeof value}, not a string`)
    }
  }
  return compiled
}

/** The exports of an ES module's source (already plain JavaScript), evaluated in Node. */
async function exportsOf(code: string): Promise<Record<string, unknown>> {
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>
}

/** The module again, each export replaced by its compiled messages. */
function compiledModule(exports: Record<string, unknown>, where: string): string {
  return Object.entries(exports)
    .map(([name, messages]) => {
      if (typeof messages !== 'object' || messages === null) throw new Error(`${where}: export ${name} is no messages object`)
      const compiled = JSON.stringify(compileMessageTree(messages as MessageTree, `${where} (${name})`))
      return name === 'default' ? `export default ${compiled}\n` : `export const ${name} = ${compiled}\n`
    })
    .join('')
}

/** The Vite plugin: production builds only; dev and the unit tests keep the strings (and the compiler). */
export function precompileMessages(): Plugin {
  return {
    name: 'shopfloor:precompile-messages',
    apply: 'build',
    // Every message is compiled by then; the define lets the bundler drop the runtime compiler.
    config: () => ({ define: { __INTLIFY_DROP_MESSAGE_COMPILER__: 'true' } }),
    // After Vite's own TypeScript transform: the resource is plain JavaScript by then.
    enforce: 'post',
    async transform(code, id) {
      if (!MESSAGE_MODULES.some((pattern) => pattern.test(id))) return null
      return { code: compiledModule(await exportsOf(code), id), map: null }
    },
  }
}
