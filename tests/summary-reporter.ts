import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/**
 * Prints `N passed, N failed[, N skipped]` as the run's last line: the one line
 * `scripts/test.mjs` and the CI harness read. A file that fails to load and an error no test
 * caught (an unhandled rejection, which makes vitest exit non-zero) each count as one failure,
 * so the line never says "0 failed" for a run that failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const mod of modules) {
      const tests = [...mod.children.allTests()]
      for (const test of tests) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      if (mod.state() === 'failed' && tests.length === 0) failed++
    }
    process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
  }
}
