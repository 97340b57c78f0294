import { afterEach, describe, expect, it } from 'vitest'
import type { WorkOrder } from '../../../src/domain/contract'
import { workOrderTitle } from '../../../src/domain/workorder-title'
import { createAppI18n, i18n, showLocale, type Locale } from '../../../src/i18n'
import { deadLetterTitle, heldBehindText } from '../../../src/i18n/dead-letter-texts'
import { errorMessage } from '../../../src/i18n/error-message'
import { rejectionText } from '../../../src/i18n/event-texts'
import { pluralRule } from '../../../src/i18n/formats'
import { measureText, workOrderText } from '../../../src/i18n/quantity-text'
import { ActionRefusedError } from '../../../src/domain/refusals'
import { ApiError, UnexpectedResponseError } from '../../../src/api/errors'
import { NotPairedError, PushError, UnsyncedEventsError } from '../../../src/sync/errors'

// A local wall-clock time, so the expectations hold in every time zone.
const AT = new Date(2026, 10, 26, 14, 5)
// French keeps numbers and units together with no-break spaces (narrow ones for thousands).
const NNBSP = '\u202f'
const NBSP = '\u00a0'

describe('the named formats, one per language', () => {
  const cases: Array<[Locale, Record<string, string>]> = [
    ['en', { time: '02:05 PM', dateTime: '11/26/26, 2:05 PM', dayMonth: 'Nov 26', qty: '1,234.5', count: '1,234', minutes: '5 min', megabytes: '12.3 MB' }],
    ['de', { time: '14:05', dateTime: '26.11.26, 14:05', dayMonth: '26. Nov.', qty: '1.234,5', count: '1.234', minutes: '5 Min.', megabytes: '12,3 MB' }],
    ['fr', { time: '14:05', dateTime: '26/11/2026 14:05', dayMonth: '26 nov.', qty: `1${NNBSP}234,5`, count: `1${NNBSP}234`, minutes: `5${NBSP}min`, megabytes: `12,3${NNBSP}Mo` }],
  ]

  it.each(cases)('%s writes dates, times, quantities, minutes and storage its own way', async (locale, expected) => {
    const local = createAppI18n()
    await showLocale(locale, local)
    const { d, n } = local.global
    expect({
      time: d(AT, 'time'),
      dateTime: d(AT, 'dateTime'),
      dayMonth: d(AT, 'dayMonth'),
      qty: n(1234.5, 'qty'),
      count: n(1234, 'count'),
      minutes: n(5, 'minutes'),
      megabytes: n(12.34, 'megabytes'),
    }).toEqual(expected)
  })

  it('shows a quantity with at most 3 decimals, without the float noise of a sum made on the tablet', () => {
    const { n } = createAppI18n().global
    expect([n(0.1 + 0.2, 'qty'), n(2.0004, 'qty'), n(2.5, 'qty'), n(6, 'qty'), n(0.125, 'qty')]).toEqual(['0.3', '2', '2.5', '6', '0.125'])
  })
})

describe('plural rules', () => {
  it.each([
    ['en', [0, 1, 1.5, 2], ['0 work orders', '1 work order', '1.5 work orders', '2 work orders']],
    ['fr', [0, 1, 1.5, 2], ['0 ordre de travail', '1 ordre de travail', '1.5 ordre de travail', '2 ordres de travail']],
    ['de', [0, 1, 2], ['0 Arbeitsaufträge', '1 Arbeitsauftrag', '2 Arbeitsaufträge']],
  ] as const)('%s chooses the form by its own rule (French: 0 and 1.5 are singular)', async (locale, counts, expected) => {
    const local = createAppI18n()
    await showLocale(locale, local)
    expect(counts.map((c) => local.global.t('queue.count', { n: c }, c))).toEqual(expected)
  })

  it('reads "zero | one | other" messages with three forms', () => {
    const rule = pluralRule('en')
    expect([0, 1, 2].map((c) => rule(c, 3))).toEqual([0, 1, 2])
    expect([0, 1, 2].map((c) => rule(c, 2))).toEqual([1, 0, 1])
  })
})

const table = {
  id: 5,
  name: 'Assembly',
  production: { id: 1, name: 'WH/MO/00005' },
  product: { id: 7, display_name: 'Table', barcode: null, tracking: 'none', uom: 'Units' },
} as unknown as WorkOrder

describe('quantities and work orders in words', () => {
  afterEach(async () => {
    await showLocale('en')
  })

  it('writes a quantity with its Odoo unit as a measure, never "1 Units"', async () => {
    expect(measureText(1, 'Units')).toBe('1 × Units')
    await showLocale('de')
    expect(measureText(2.5, 'kg')).toBe('2,5 × kg')
    expect(i18n.global.t('scrap.done', { amount: measureText(1, 'Einheiten') })).toBe('Ausschuss gebucht: 1 × Einheiten')
  })

  it('names a work order by MO, operation and product, and one gone from the device without its id', async () => {
    expect(workOrderTitle(table)).toBe('WH/MO/00005 · Assembly · Table')
    expect(workOrderText(table)).toBe('WH/MO/00005 · Assembly · Table')
    expect(workOrderText(undefined)).toBe('a work order no longer on this device')
    await showLocale('fr')
    expect(workOrderText(undefined)).not.toMatch(/\d/)
  })

  it('titles a failed event by type, work order and time, in the current language', async () => {
    const dead = { event: { type: 'workorder.finish' as const }, workorderId: 5, deadAt: AT.getTime() }
    const workOrders = new Map([[5, table]])
    expect(deadLetterTitle(dead, workOrders)).toBe('Finish on WH/MO/00005 · Assembly · Table, 11/26/26, 2:05 PM')
    await showLocale('de')
    expect(deadLetterTitle(dead, workOrders)).toBe('Abschluss an WH/MO/00005 · Assembly · Table, 26.11.26, 14:05')
  })

  it('says what a finish waiting behind a failed event records, with the measure', async () => {
    const finish = { type: 'workorder.finish', payload: { qty: 6 } } as Parameters<typeof heldBehindText>[0][number]
    await showLocale('fr')
    expect(heldBehindText([finish], 'Unités')).toEqual(['Une fin d’ordre attend derrière cet événement : elle déclare 6 × Unités.'])
  })

  it('says why the server refused an event once, naming the lot from the details', async () => {
    const refused = { code: 'lot_unknown', message: 'Lot LOT-9 does not exist: check the scan.', details: { lot_name: 'LOT-9' } }
    expect(rejectionText(refused)).toBe('The lot LOT-9 does not exist in Odoo.')
    await showLocale('de')
    expect(rejectionText(refused)).toBe('Das Los LOT-9 gibt es in Odoo nicht.')
    expect(rejectionText({ code: 'brand_new_code', message: 'Something new.' })).toBe('Vom Server abgelehnt: Something new.')
  })

  it('writes a refusal’s quantities as quantities are written', async () => {
    await showLocale('de')
    expect(errorMessage(new ActionRefusedError('qty_over_tolerance', { max: 1.5 }), { uom: 'kg' })).toBe('Zu viel: höchstens 1,5 × kg möglich.')
  })
})

describe('sync and pairing failures in the operator language', () => {
  afterEach(async () => {
    await showLocale('en')
  })

  it('counts the events a new pairing would strand, with the plural form', async () => {
    expect(errorMessage(new UnsyncedEventsError(1, 'https://odoo.example.com'))).toMatch(/^1 recorded event has not reached the server yet: sync it /)
    await showLocale('de')
    expect(errorMessage(new UnsyncedEventsError(1234, 'https://odoo.example.com'))).toMatch(/^1\.234 erfasste Ereignisse haben den Server noch nicht erreicht/)
  })

  it('names a failed send by the server’s code, not its English message', async () => {
    await showLocale('fr')
    const refused = new ApiError({ code: 'internal_error', status: 500, message: 'Internal Server Error', correlationId: null })
    expect(errorMessage(new PushError(refused))).toBe('Échec de l’envoi (internal_error) : les événements restent sur cet appareil et seront renvoyés.')
    expect(errorMessage(new NotPairedError())).toBe('Cet appareil n’est pas associé : associez-le d’abord.')
    expect(errorMessage(new UnexpectedResponseError('https://x/shopfloor_terminal/v1/pair', 200, 'text/html'))).toMatch(/^Cette adresse ne répond pas comme un serveur d’atelier/)
  })
})
