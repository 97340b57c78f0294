import type { ConsumptionRule, LossType, Tracking } from '../../src/domain/contract.ts'

/** Static master data of the demo plant (a small furniture and metal-goods factory). */

export const WORK_CENTERS = [
  { code: 'ASM1', name: 'Assembly Line 1' },
  { code: 'CNC1', name: 'CNC Machining' },
  { code: 'PACK1', name: 'Packing' },
  { code: 'PNT1', name: 'Paint Shop' },
] as const

export type WorkCenterCode = (typeof WORK_CENTERS)[number]['code']

export interface CatalogProduct {
  code: string
  name: string
  tracking: Tracking
  uom: string
}

export const COMPONENTS = {
  plywood: { code: 'PLY-18', name: 'Plywood Sheet 18 mm', tracking: 'lot', uom: 'Units' },
  screws: { code: 'SCR-4X30', name: 'Wood Screw 4x30', tracking: 'none', uom: 'Units' },
  runner: { code: 'RUN-450', name: 'Drawer Runner 450 mm', tracking: 'none', uom: 'Units' },
  boxM: { code: 'BOX-M', name: 'Carton Box M', tracking: 'none', uom: 'Units' },
  boxL: { code: 'BOX-L', name: 'Carton Box L', tracking: 'none', uom: 'Units' },
  steel: { code: 'STL-15', name: 'Steel Sheet 1.5 mm', tracking: 'lot', uom: 'Units' },
  powder: { code: 'PWD-7035', name: 'Powder Coat RAL 7035', tracking: 'lot', uom: 'kg' },
  hinge: { code: 'HNG-01', name: 'Cabinet Hinge', tracking: 'none', uom: 'Units' },
  chairBase: { code: 'BSE-05', name: 'Chair Base', tracking: 'none', uom: 'Units' },
  caster: { code: 'CST-50', name: 'Caster 50 mm', tracking: 'none', uom: 'Units' },
  cushion: { code: 'SEA-03', name: 'Seat Cushion', tracking: 'lot', uom: 'Units' },
  motor: { code: 'MOT-24', name: 'Lift Motor 24 V', tracking: 'serial', uom: 'Units' },
} as const satisfies Record<string, CatalogProduct>

export type ComponentKey = keyof typeof COMPONENTS

export interface Operation {
  name: string
  center: WorkCenterCode
  /** Expected duration per manufacturing order, in minutes. */
  minutes: number
  components: readonly { key: ComponentKey; perUnit: number }[]
  note: string | null
  /** Work instructions (HTML, as Odoo's editor writes it), opened on start when `openOnStart`. */
  instructions?: { html: string; openOnStart: boolean; files: readonly InstructionFileKey[] }
}

/** The instruction files the demo plant makes at seeding (server/seed/instruction-files.ts). */
export type InstructionFileKey = 'drawerPdf' | 'cabinetPdf' | 'coatingPdf' | 'drawing'

export interface Routing {
  product: CatalogProduct
  /** The bill of materials' consumption rule (Odoo's default for a new BoM is `warning`). */
  consumption?: ConsumptionRule
  /** Planned quantity range of a manufacturing order. */
  qty: readonly [number, number]
  operations: readonly Operation[]
}

export const ROUTINGS: readonly Routing[] = [
  {
    product: { code: 'DRW-01', name: 'Drawer', tracking: 'lot', uom: 'Units' },
    qty: [10, 40],
    operations: [
      { name: 'Cutting', center: 'CNC1', minutes: 30, components: [{ key: 'plywood', perUnit: 0.5 }], note: 'Cut along the grain; keep offcuts for the side panels.' },
      { name: 'Assembly', center: 'ASM1', minutes: 45, components: [{ key: 'screws', perUnit: 16 }, { key: 'runner', perUnit: 2 }], note: 'Check the runners move freely before releasing.',
        instructions: {
          html:
            '<h3>Drawer assembly</h3><ol><li>Screw both runners to the side panels, 8 screws each.</li>' +
            '<li>Slide the drawer in and out three times.</li></ol>' +
            '<p><strong>Check the runners move freely before releasing.</strong></p>',
          openOnStart: true,
          files: ['drawerPdf', 'drawing'],
        } },
      { name: 'Packing', center: 'PACK1', minutes: 10, components: [{ key: 'boxM', perUnit: 1 }], note: null },
    ],
  },
  {
    product: { code: 'CAB-02', name: 'Steel Cabinet', tracking: 'none', uom: 'Units' },
    consumption: 'strict',
    qty: [4, 12],
    operations: [
      { name: 'Sheet cutting', center: 'CNC1', minutes: 60, components: [{ key: 'steel', perUnit: 3 }], note: 'Deburr every edge.',
        instructions: {
          html:
            '<h3>Sheet cutting</h3><ol><li>Clamp the sheet on the marked stops.</li><li>Cut the sides and the back as the drawing shows.</li></ol>' +
            '<p><strong>Deburr every edge.</strong></p>',
          openOnStart: false,
          files: ['cabinetPdf', 'drawing'],
        } },
      { name: 'Powder coating', center: 'PNT1', minutes: 90, components: [{ key: 'powder', perUnit: 0.8 }], note: 'Cure 20 min at 180 °C.',
        instructions: { html: '<p>Cure <strong>20 min at 180 °C</strong>. Wear the respirator in the booth.</p>', openOnStart: false, files: [] } },
      { name: 'Assembly', center: 'ASM1', minutes: 60, components: [{ key: 'hinge', perUnit: 4 }], note: null },
    ],
  },
  {
    product: { code: 'CHR-03', name: 'Office Chair', tracking: 'serial', uom: 'Units' },
    qty: [2, 6],
    operations: [
      { name: 'Assembly', center: 'ASM1', minutes: 25, components: [{ key: 'chairBase', perUnit: 1 }, { key: 'caster', perUnit: 5 }, { key: 'cushion', perUnit: 1 }], note: 'Torque the gas lift bolts to 12 Nm.' },
      { name: 'Packing', center: 'PACK1', minutes: 8, components: [{ key: 'boxL', perUnit: 1 }], note: null },
    ],
  },
  {
    product: { code: 'BRK-04', name: 'Mounting Bracket', tracking: 'lot', uom: 'Units' },
    qty: [50, 200],
    operations: [
      { name: 'Drilling', center: 'CNC1', minutes: 20, components: [{ key: 'steel', perUnit: 0.1 }], note: null },
      { name: 'Powder coating', center: 'PNT1', minutes: 25, components: [{ key: 'powder', perUnit: 0.05 }], note: 'Hang every bracket by its top hole.',
        instructions: {
          html:
            '<h3>Powder coating</h3><ol><li>Degrease the brackets.</li><li>Coat both sides, 60-80 µm.</li></ol>' +
            '<p><strong>Hang every bracket by its top hole.</strong></p>',
          openOnStart: true,
          files: ['coatingPdf', 'drawing'],
        } },
    ],
  },
  {
    product: { code: 'TBL-05', name: 'Standing Desk', tracking: 'serial', uom: 'Units' },
    qty: [1, 4],
    operations: [
      { name: 'Frame machining', center: 'CNC1', minutes: 40, components: [{ key: 'steel', perUnit: 2 }], note: null },
      { name: 'Frame coating', center: 'PNT1', minutes: 50, components: [{ key: 'powder', perUnit: 0.6 }], note: null },
      { name: 'Final assembly', center: 'ASM1', minutes: 35, components: [{ key: 'motor', perUnit: 1 }, { key: 'screws', perUnit: 24 }], note: 'Run the motor once to its top position.' },
    ],
  },
  {
    product: { code: 'SHF-06', name: 'Wall Shelf', tracking: 'none', uom: 'Units' },
    consumption: 'flexible',
    qty: [10, 30],
    operations: [
      { name: 'Cutting', center: 'CNC1', minutes: 15, components: [{ key: 'plywood', perUnit: 0.25 }], note: null },
      { name: 'Packing', center: 'PACK1', minutes: 5, components: [{ key: 'boxM', perUnit: 1 }], note: null },
    ],
  },
]

export const OPERATORS = [
  { name: 'Anna Schmidt', lang: 'de', supervisor: false },
  { name: 'Lukas Weber', lang: 'de', supervisor: false },
  { name: 'Sophie Martin', lang: 'fr', supervisor: false },
  { name: 'Julien Bernard', lang: 'fr', supervisor: false },
  { name: 'Emma Johnson', lang: 'en', supervisor: false },
  { name: 'Oliver Brown', lang: 'en', supervisor: false },
  { name: 'Mia Fischer', lang: 'de', supervisor: false },
  { name: 'Lucas Dubois', lang: 'fr', supervisor: false },
  { name: 'Grace Taylor', lang: 'en', supervisor: true },
  { name: 'Thomas Müller', lang: 'de', supervisor: true },
] as const

export const SCRAP_REASONS = ['Damaged in handling', 'Wrong dimensions', 'Material defect', 'Surface defect', 'Machine fault']

export const HOLD_REASONS = [
  'Dimension out of tolerance',
  'Surface defect',
  'Contamination suspected',
  'Supplier quality alert',
  'Customer complaint',
]

/** Odoo's own productivity losses (mrp/data/mrp_data.xml); the not-manual ones are set by the system. */
export const LOSS_REASONS: readonly { name: string; type: LossType; manual: boolean }[] = [
  { name: 'Material Availability', type: 'availability', manual: true },
  { name: 'Equipment Failure', type: 'availability', manual: true },
  { name: 'Setup and Adjustments', type: 'availability', manual: true },
  { name: 'Reduced Speed', type: 'performance', manual: false },
  { name: 'Process Defect', type: 'quality', manual: true },
  { name: 'Reduced Yield', type: 'quality', manual: true },
  { name: 'Fully Productive Time', type: 'productive', manual: false },
]
