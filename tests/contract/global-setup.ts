import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import type { PairResponse } from '../../src/domain/contract.ts'
import { createDemoServer } from '../../server/testing.ts'
import { ContractClient } from './client.ts'
import './target.ts'

/** Work orders in the suite's demo plant: enough fresh ones for every test that changes one. */
const SUITE_WORKORDERS = 600

/** Thrown when the suite cannot pair with the server it was pointed at. */
class ContractSetupError extends Error {
  override name = 'ContractSetupError'
}

async function pair(baseUrl: string, code: string): Promise<PairResponse> {
  const response = await new ContractClient(baseUrl).post<PairResponse>('/pair', {
    pairing_code: code,
    device_name: 'contract suite',
    client_version: '1.0.0',
  })
  if (response.status !== 200) {
    throw new ContractSetupError(
      `Pairing with ${baseUrl} failed (${response.status} ${response.text}): give a fresh CONTRACT_PAIRING_CODE.`,
    )
  }
  return response.body
}

/**
 * Starts the demo backend on a free port with a temporary data directory, or, when CONTRACT_BASE_URL is set,
 * uses that server and pairs once with CONTRACT_PAIRING_CODE. Tests get the target through `inject('contract')`.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.CONTRACT_BASE_URL
  if (external) {
    const code = process.env.CONTRACT_PAIRING_CODE
    if (!code) {
      throw new ContractSetupError('CONTRACT_BASE_URL is set but CONTRACT_PAIRING_CODE is not: create a terminal there and pass its code.')
    }
    const baseUrl = external.replace(/\/$/, '')
    const pairing = await pair(baseUrl, code)
    project.provide('contract', { baseUrl, token: pairing.token, pairing, usedPairingCode: code, demo: false })
    return undefined
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'shopfloor-contract-'))
  const server = await createDemoServer({ dataDir, demoWorkOrders: SUITE_WORKORDERS })
  const baseUrl = server.baseUrl as string
  const pairing = await pair(baseUrl, server.pairingCode)
  project.provide('contract', { baseUrl, token: pairing.token, pairing, usedPairingCode: server.pairingCode, demo: true })
  return async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
