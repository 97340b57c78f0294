import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter'

/**
 * Prints `N passed, N failed[, N skipped]` as the run's last line: the line `scripts/test.mjs`
 * and the CI harness read (Playwright's own reporters have no such line). A test counts once,
 * by its final outcome; a run that breaks before any test (e.g. global setup) counts as 1 failed.
 * Skipped tests are listed above that line by name, with the reason given to `test.skip()`.
 */
export default class SummaryReporter implements Reporter {
  private passed = 0
  private failed = 0
  private readonly skipped: string[] = []

  printsToStdio(): boolean {
    return true
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const isFinalAttempt = result.status === 'passed' || result.status === 'skipped' || result.retry >= test.retries
    if (!isFinalAttempt) return
    const outcome = test.outcome()
    if (outcome === 'expected' || outcome === 'flaky') this.passed++
    else if (outcome === 'skipped') this.skipped.push(skippedLine(test))
    else this.failed++
  }

  onEnd(result: FullResult): void {
    if (result.status !== 'passed' && this.failed === 0) this.failed = 1
    const skipped = this.skipped.length ? `, ${this.skipped.length} skipped` : ''
    if (this.skipped.length) process.stdout.write(`skipped (${this.skipped.length}):\n${this.skipped.join('\n')}\n`)
    process.stdout.write(`${this.passed} passed, ${this.failed} failed${skipped}\n`)
  }
}

/** `  [project] file > title: reason` for the list of skipped tests. */
function skippedLine(test: TestCase): string {
  const reason = test.annotations.find((a) => a.type === 'skip' || a.type === 'fixme')?.description
  return `  ${test.titlePath().filter(Boolean).join(' > ')}${reason ? `: ${reason}` : ''}`
}
