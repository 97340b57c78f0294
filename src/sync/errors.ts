/** Turns anything thrown into an Error, so wrappers always have a cause with a message. */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e))
}

/** Sending the outbox failed; `cause` is the client's error. The events stay queued. */
export class PushError extends Error {
  override name = 'PushError'
  constructor(cause: Error) {
    super(`Sending recorded events failed; they stay queued and are retried: ${cause.message}`, { cause })
  }
}

/** Fetching work orders or reference data failed; `cause` is the client's error. */
export class PullError extends Error {
  override name = 'PullError'
  constructor(cause: Error) {
    super(`Fetching work orders failed; the device keeps its current data: ${cause.message}`, { cause })
  }
}

/** Pairing failed; `cause` is the client's error (e.g. an ApiError `pairing_code_invalid`). */
export class PairingError extends Error {
  override name = 'PairingError'
  constructor(cause: Error) {
    super(`Pairing failed: ${cause.message}`, { cause })
  }
}

/** An action needs a pairing this device does not have. */
export class NotPairedError extends Error {
  override name = 'NotPairedError'
  constructor() {
    super('This device is not paired: pair it with a server first (scan the QR code Odoo shows).')
  }
}

/** Pairing with another server would strand events this device has not sent yet. */
export class UnsyncedEventsError extends Error {
  override name = 'UnsyncedEventsError'
  readonly pending: number
  constructor(pending: number, serverUrl: string) {
    super(
      `${pending} recorded events have not reached ${serverUrl} yet: sync them (or resolve them in the sync screen) ` +
        'before pairing this device with another server.',
    )
    this.pending = pending
  }
}

/** The server answered a batch with results that do not match the events sent. */
export class ProtocolError extends Error {
  override name = 'ProtocolError'
  constructor(detail: string) {
    super(`The server's answer does not follow the terminal API: ${detail}. Check the server's version.`)
  }
}
