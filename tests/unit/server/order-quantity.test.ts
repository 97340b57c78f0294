import { describe, expect, test } from 'vitest'
import type { OperationCount } from '../../../server/db/plant.ts'
import { orderQuantity } from '../../../server/ingest/order-quantity.ts'

const op = (id: number, state: OperationCount['state'], qty_produced: number): OperationCount => ({
  id,
  sequence: id * 10,
  state,
  qty_produced,
})

describe("orderQuantity: the order's quantity producing once an operation made `total`", () => {
  test('a lone operation: what it made', () => {
    expect(orderQuantity([op(1, 'progress', 3)], 1, 3)).toBe(3)
  })

  test('a later operation never lowers what the last finished one made', () => {
    expect(orderQuantity([op(1, 'done', 4), op(2, 'progress', 1)], 2, 1)).toBe(4)
  })

  test('the last finished operation counts, not an earlier one that made more', () => {
    const operations = [op(1, 'done', 4), op(2, 'done', 3), op(3, 'progress', 1)]
    expect(orderQuantity(operations, 3, 1)).toBe(3)
  })

  test('the most any open operation reported; cancelled operations do not count', () => {
    const operations = [op(1, 'progress', 2), op(2, 'progress', 1), op(3, 'cancel', 9)]
    expect(orderQuantity(operations, 2, 1)).toBe(2)
    expect(orderQuantity(operations, 1, 5)).toBe(5)
  })
})
