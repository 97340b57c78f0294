import type { EventPayloads, EventType } from './contract'

/** One operator intent of type `T`, before it becomes a recorded event. */
export interface ActionOf<T extends EventType> {
  type: T
  workorderId: number
  payload: EventPayloads[T]
}

/** Event types an operator records; `event.discard` is a supervisor's resolution (sync/dead-letters). */
export type OperatorEventType = Exclude<EventType, 'event.discard'>

/** What the UI asks the recorder to record: an event type, its work order and its payload. */
export type RecordAction = { [T in OperatorEventType]: ActionOf<T> }[OperatorEventType]
