import type { RejectionCode, RetryCode } from '../../src/domain/contract.ts'

/** An event that can never apply as sent: the terminal dead-letters it with this code and message. */
export class EventRejected extends Error {
  override name = 'EventRejected'
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/** An event that failed for a passing reason: the terminal sends it again later. */
export class EventRetry extends Error {
  override name = 'EventRetry'
  constructor(
    readonly code: RetryCode,
    message: string,
  ) {
    super(message)
  }
}
