import { describe, expect, it } from 'vitest'
import { isSkipWaitingMessage, isSyncNowMessage } from '../../../src/sw/messages'
import { isServerPath } from '../../../src/sw/server-paths'

describe('service worker: paths it leaves to the server', () => {
  it.each([
    'http://127.0.0.1:8080/shopfloor_terminal/v1/health',
    'http://127.0.0.1:8080/shopfloor_terminal/v1/workorders?cursor=abc',
    'https://odoo.example.com/shopfloor_terminal/v1/events/0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f',
    'http://127.0.0.1:8080/shopfloor_terminal/demo/pairing-code',
  ])('%s goes to the network', (url) => {
    expect(isServerPath(new URL(url))).toBe(true)
  })

  it.each([
    'http://127.0.0.1:8080/',
    'http://127.0.0.1:8080/index.html',
    'https://odoo.example.com/shopfloor_terminal/app/',
    'https://odoo.example.com/shopfloor_terminal/app/index.html?code=ABCD2345',
  ])('%s is the app shell', (url) => {
    expect(isServerPath(new URL(url))).toBe(false)
  })
})

describe('service worker: messages', () => {
  it('recognises SKIP_WAITING and SYNC_NOW and nothing else', () => {
    expect(isSkipWaitingMessage({ type: 'SKIP_WAITING' })).toBe(true)
    expect(isSyncNowMessage({ type: 'SYNC_NOW', tag: 'shopfloor-outbox' })).toBe(true)
    for (const other of [null, undefined, 'SKIP_WAITING', 42, {}, { type: 'skip_waiting' }]) {
      expect(isSkipWaitingMessage(other)).toBe(false)
      expect(isSyncNowMessage(other)).toBe(false)
    }
  })
})
