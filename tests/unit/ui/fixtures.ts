/**
 * Products and operators for the scan and screen tests (work orders and bootstraps come from the
 * data layer's tests/unit/sync/fixtures.ts).
 */
import type { Operator, Product } from '../../../src/domain/contract'
import { hashedOperator } from '../operators-fixture'

export const DRAWER: Product = { id: 7, display_name: '[DRW-01] Drawer', barcode: '4006381333931', tracking: 'lot', uom: 'Units' }
export const PANEL: Product = { id: 8, display_name: '[PNL-02] Side panel', barcode: '09506000134352', tracking: 'none', uom: 'Units' }
export const MOTOR: Product = { id: 9, display_name: '[MOT-03] Motor', barcode: '036000291452', tracking: 'serial', uom: 'Units' }

/** Badge 041800001, PIN 1234. */
export const MARC: Operator = hashedOperator({ id: 8, name: 'Marc Demo', can_release_holds: false, lang: 'en' }, '041800001', '1234')
/** Badge 041800002, PIN 4321. */
export const ANNA: Operator = hashedOperator({ id: 9, name: 'Anna Vogel', can_release_holds: true, lang: 'de' }, '041800002', '4321')
