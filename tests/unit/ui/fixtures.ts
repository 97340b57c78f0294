/**
 * Products and operators for the scan and screen tests (work orders and bootstraps come from the
 * data layer's tests/unit/sync/fixtures.ts).
 */
import type { Operator, Product } from '../../../src/domain/contract'

export const DRAWER: Product = { id: 7, display_name: '[DRW-01] Drawer', barcode: '4006381333931', tracking: 'lot', uom: 'Units' }
export const PANEL: Product = { id: 8, display_name: '[PNL-02] Side panel', barcode: '09506000134352', tracking: 'none', uom: 'Units' }
export const MOTOR: Product = { id: 9, display_name: '[MOT-03] Motor', barcode: '036000291452', tracking: 'serial', uom: 'Units' }

export const MARC: Operator = { id: 8, name: 'Marc Demo', badge: '041800001', can_release_holds: false, lang: 'en' }
export const ANNA: Operator = { id: 9, name: 'Anna Vogel', badge: '041800002', can_release_holds: true, lang: 'de' }
