/**
 * The layer rules of eslint.config.js, run through ESLint's Node API on code written into each
 * folder: a forbidden import is an error there, and the same import is fine where the layout allows it.
 */
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const eslint = new ESLint({ cwd: ROOT })

/** The messages of the layer rule for `code` as if it were the file at `file` (relative to the root). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

const vue = (script: string) => `<script setup lang="ts">\n${script}\n</script>\n\n<template><p>x</p></template>\n`

describe('layer rules', () => {
  it.each([
    ['src/domain/new-rule.ts', "import { ref } from 'vue'\nexport const a = ref(1)\n", 'src/domain is pure'],
    ['src/domain/new-rule.ts', "import { Dexie } from 'dexie'\nexport const a = Dexie\n", 'src/domain is pure'],
    ['src/domain/new-rule.ts', "import { getDatabase } from '../db/database'\nexport const a = getDatabase\n", 'src/domain is pure'],
    ['src/sync/new-step.ts', "import { defineStore } from 'pinia'\nexport const a = defineStore\n", 'no Vue, Pinia'],
    ['src/db/new-query.ts', "import { useQueueStore } from '../stores/queue'\nexport const a = useQueueStore\n", 'no Vue, Pinia'],
    ['src/scan/new-reader.ts', "import type Card from '../components/WorkOrderCard.vue'\nexport type A = typeof Card\n", 'no Vue, Pinia'],
    ['src/stores/new-store.ts', "import Card from '../components/WorkOrderCard.vue'\nexport const a = Card\n", 'never import them'],
    ['src/views/NewView.vue', vue("import type { DeadLetterRow } from '../db'\ndefineProps<{ row: DeadLetterRow }>()"), 'no database'],
    ['src/components/NewCard.vue', vue("import { createApiClient } from '../api'\nvoid createApiClient"), 'no database'],
    ['src/components/NewCard.vue', vue("import { syncNow } from '../sync'\nvoid syncNow"), 'no database'],
    ['server/routes/new-route.ts', "import { queries } from '../../src/db'\nexport const a = queries\n", 'shares only src/domain'],
  ])('%s: forbidden import is an error', async (file, code, reason) => {
    const errors = await layerErrors(file, code)
    expect(errors).not.toEqual([])
    for (const error of errors) expect(error).toContain(reason)
  })

  it.each([
    ['src/domain/new-rule.ts', "import { MAX_BATCH } from './contract'\nexport const a = MAX_BATCH\n"],
    ['src/sync/new-step.ts', "import { queries } from '../db'\nimport { createApiClient } from '../api'\nexport const a = [queries, createApiClient]\n"],
    ['src/stores/new-store.ts', "import { defineStore } from 'pinia'\nimport { syncNow } from '../sync'\nexport const a = [defineStore, syncNow]\n"],
    ['src/views/NewView.vue', vue("import { useSyncStore } from '../stores/sync'\nvoid useSyncStore")],
    ['server/routes/new-route.ts', "import { MAX_BATCH } from '../../src/domain/contract.ts'\nexport const a = MAX_BATCH\n"],
  ])('%s: allowed import passes', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([])
  })
})
