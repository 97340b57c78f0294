import type { ApplyContext } from '../apply-context.ts'
import type { ValidEvent } from '../validate-event.ts'
import { applyConsume } from './component-consume.ts'
import { applyDowntimeEnd } from './downtime-end.ts'
import { applyDowntimeStart } from './downtime-start.ts'
import { applyClose } from './production-close.ts'
import { applyHold } from './quality-hold.ts'
import { applyRelease } from './quality-release.ts'
import { applyScrap } from './scrap-record.ts'
import { applyFinish } from './workorder-finish.ts'
import { applyPause } from './workorder-pause.ts'
import { applyProduce } from './workorder-produce.ts'
import { applyStart } from './workorder-start.ts'

/** An event that changes the plant (an `event.discard` only touches the ledger, in the ingest). */
export type PlantEvent = Exclude<ValidEvent, { type: 'event.discard' }>

/** Applies an event with the applier of its type. */
export function applyEvent(ctx: ApplyContext, event: PlantEvent): void {
  switch (event.type) {
    case 'workorder.start':
      return applyStart(ctx, event)
    case 'workorder.pause':
      return applyPause(ctx, event)
    case 'workorder.produce':
      return applyProduce(ctx, event)
    case 'workorder.finish':
      return applyFinish(ctx, event)
    case 'scrap.record':
      return applyScrap(ctx, event)
    case 'quality.hold':
      return applyHold(ctx, event)
    case 'quality.release':
      return applyRelease(ctx, event)
    case 'downtime.start':
      return applyDowntimeStart(ctx, event)
    case 'downtime.end':
      return applyDowntimeEnd(ctx, event)
    case 'component.consume':
      return applyConsume(ctx, event)
    case 'production.close':
      return applyClose(ctx, event)
    default:
      throw new Error(`No applier for event type ${(event satisfies never as PlantEvent).type}`)
  }
}
