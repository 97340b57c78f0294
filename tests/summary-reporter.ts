import { relative } from 'node:path'
import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/**
 * Prints `N passed, N failed[, N skipped]` as the run's last line: the one line
 * `scripts/test.mjs` and the CI harness read. A file that fails to load and an error no test
 * caught (an unhandled rejection, which makes vitest exit non-zero) each count as one failure,
 * so the line never says "0 failed" for a run that failed. Skipped tests are listed above it by
 * name, with the reason given to `ctx.skip(reason)`, so a skip never goes unseen.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0
    let failed = unhandledErrors.length
    const skipped: string[] = []
    for (const mod of modules) {
      const tests = [...mod.children.allTests()]
      for (const test of tests) {
        const result = test.result()
        if (result.state === 'passed') passed++
        else if (result.state === 'failed') failed++
        else skipped.push(`  ${relative(process.cwd(), mod.moduleId)} > ${test.fullName}${'note' in result && result.note ? `: ${result.note}` : ''}`)
      }
      if (mod.state() === 'failed' && tests.length === 0) failed++
    }
    if (skipped.length) process.stdout.write(`skipped (${skipped.length}):\n${skipped.join('\n')}\n`)
    process.stdout.write(`${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ''}\n`)
  }
}
