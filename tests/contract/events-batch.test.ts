import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { api, claimWorkOrder, expectError, newEvent, operatorId, sendEvents } from './fixtures.ts'

describe('events: the batch', () => {
  test('a body that is not JSON is 400 malformed_json', async () => {
    expectError(await api.request('POST', '/events', { rawBody: '{"events": [' }), 400, 'malformed_json')
  })

  test('a body over 1 MiB is 413 payload_too_large', async () => {
    const note = 'x'.repeat(1_100_000)
    const body = JSON.stringify({ events: [{ id: randomUUID(), type: 'scrap.record', payload: { note } }] })
    expectError(await api.request('POST', '/events', { rawBody: body }), 413, 'payload_too_large')
  })

  test('201 events are 413 batch_too_large', async () => {
    const events = Array.from({ length: 201 }, (_, i) => newEvent('workorder.start', i + 1, {}, { employeeId: null }))
    expectError(await api.post('/events', { events }), 413, 'batch_too_large')
  })

  test('no events array, or an empty one, is 400 invalid_request on field events', async () => {
    expect(expectError(await api.post('/events', {}), 400, 'invalid_request').details?.field).toBe('events')
    expect(expectError(await api.post('/events', { events: [] }), 400, 'invalid_request').details?.field).toBe('events')
  })

  test('an event without a UUID id fails the whole batch with 400 naming it', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const events = [newEvent('workorder.start', 1, {}, { employeeId }), { ...newEvent('workorder.start', 1, {}, { employeeId }), id: 'not-a-uuid' }]
    expect(expectError(await api.post('/events', { events }), 400, 'invalid_request').details?.field).toBe('events[1].id')
  })

  test('an invalid event is rejected invalid_event naming the field, while the others apply', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const other = await claimWorkOrder(ctx)
    const results = await sendEvents([
      newEvent('workorder.start', wo.id, {}, { employeeId }),
      { ...newEvent('workorder.start', other.id, {}, { employeeId }), type: 'workorder.explode' },
      { ...newEvent('workorder.produce', other.id, { qty: 1 }, { employeeId }), occurred_at: 'yesterday' },
    ])
    expect(results[0]?.status).toBe('applied')
    expect(results[1]).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'type' } } })
    expect(results[2]?.status).not.toBe('applied')
  })

  test('a produce without qty is rejected invalid_event on payload.qty', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const [result] = await sendEvents([{ ...newEvent('workorder.produce', wo.id, { qty: 1 }, { employeeId }), payload: {} }])
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.qty' } } })
  })

  test('an occurred_at far in the future is rejected invalid_event on occurred_at', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const future = new Date(Date.now() + 3600_000).toISOString()
    const [result] = await sendEvents([newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: future })])
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'occurred_at' } } })
  })

  test('an unknown work order is rejected workorder_not_found', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const [result] = await sendEvents([newEvent('workorder.start', 2_000_000_000, {}, { employeeId })])
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'workorder_not_found' } })
  })
})
