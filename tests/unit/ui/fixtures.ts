/** Builders of contract records for the UI and scan tests: realistic defaults, overridable per test. */
import type { Bootstrap, Operator, Product, WorkOrder } from '../../../src/domain/contract'

export const DRAWER: Product = { id: 7, display_name: '[DRW-01] Drawer', barcode: '4006381333931', tracking: 'lot', uom: 'Units' }
export const PANEL: Product = { id: 8, display_name: '[PNL-02] Side panel', barcode: '09506000134352', tracking: 'none', uom: 'Units' }
export const MOTOR: Product = { id: 9, display_name: '[MOT-03] Motor', barcode: '036000291452', tracking: 'serial', uom: 'Units' }

export const MARC: Operator = { id: 8, name: 'Marc Demo', badge: '041800001', can_release_holds: false, lang: 'en' }
export const ANNA: Operator = { id: 9, name: 'Anna Vogel', badge: '041800002', can_release_holds: true, lang: 'de' }

let nextId = 100

/** A ready work order of the Assembly Line 1 work center; pass what the test is about. */
export function workOrder(overrides: Partial<WorkOrder> = {}): WorkOrder {
  const id = overrides.id ?? nextId++
  return {
    id,
    name: 'Assembly',
    sequence: 10,
    production: { id: id + 1000, name: `WH/MO/${String(id).padStart(5, '0')}`, date_deadline: null, priority: '0' },
    product: DRAWER,
    work_center: { id: 1, name: 'Assembly Line 1', code: 'ASM1' },
    state: 'ready',
    is_running: false,
    qty_production: 10,
    qty_produced: 0,
    qty_producing: 0,
    lots_producing: [],
    duration_expected: 60,
    duration: 0,
    date_start: null,
    date_finished: null,
    components: [],
    holds: [],
    is_blocked: false,
    note: null,
    version: 'v1',
    ...overrides,
  }
}

/** A bootstrap of one terminal on two work centers. */
export function bootstrap(overrides: Partial<Bootstrap> = {}): Bootstrap {
  return {
    api_version: '1',
    server_time: '2026-11-23T08:00:00+01:00',
    terminal: {
      id: 1,
      name: 'Line 1 tablet',
      work_center_ids: [1, 2],
      settings: { require_operator: true, allow_operator_list: true, allow_lot_creation: true, overproduction_tolerance: 0.1 },
    },
    work_centers: [
      { id: 1, name: 'Assembly Line 1', code: 'ASM1', is_blocked: false, open_downtime: null },
      { id: 2, name: 'Paint Shop', code: 'PNT1', is_blocked: false, open_downtime: null },
    ],
    operators: [MARC, ANNA],
    scrap_reasons: [{ id: 1, name: 'Damaged' }],
    loss_reasons: [{ id: 2, name: 'Equipment Failure', loss_type: 'availability' }],
    hold_reasons: [{ id: 3, name: 'Dimension out of tolerance' }],
    products: [DRAWER, PANEL, MOTOR],
    limits: { max_batch: 200, max_body_bytes: 1_048_576 },
    ...overrides,
  }
}
