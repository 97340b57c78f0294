import type { EventType } from '../../src/domain/contract.ts'
import type { ChangeTracker } from '../db/changes.ts'
import type { ComponentWriter } from '../db/components.ts'
import type { createHoldReader } from '../db/holds.ts'
import type { LotRepository } from '../db/lots.ts'
import type { PlantWriter, WorkOrderRecord } from '../db/plant.ts'
import type { Terminal } from '../db/terminals.ts'
import type { ValidEvent } from './validate-event.ts'

/** What an applier may read and change, with the work order the event is about (already found and allowed). */
export interface ApplyContext {
  plant: PlantWriter
  lots: LotRepository
  components: ComponentWriter
  holds: ReturnType<typeof createHoldReader>
  changes: ChangeTracker
  terminal: Terminal
  workOrder: WorkOrderRecord
  /** The signed-in operator, when the event names one. */
  operator: { canReleaseHolds: boolean } | undefined
}

/** The event of one type. */
export type EventOf<T extends EventType> = Extract<ValidEvent, { type: T }>

/** Applies one event type; throws EventRejected when it cannot apply. Runs inside the event's savepoint. */
export type Applier<T extends EventType> = (ctx: ApplyContext, event: EventOf<T>) => void
