import type { PairResponse } from '../../src/domain/contract.ts'

/** The server under test, as global-setup.ts found or started it. */
export interface ContractTarget {
  baseUrl: string
  /** The token the suite's terminal got from pairing in global setup. */
  token: string
  /** What that pairing answered. */
  pairing: PairResponse
  /** The code global setup paired with (used up). */
  usedPairingCode: string
  /** True for the embedded demo backend: demo-only tests run. */
  demo: boolean
}

declare module 'vitest' {
  export interface ProvidedContext {
    contract: ContractTarget
  }
}
