import type { EventPayloads, EventType } from './contract'

/** One operator intent of type `T`, before it becomes a recorded event. */
export interface ActionOf<T extends EventType> {
  type: T
  workorderId: number
  payload: EventPayloads[T]
}

/** What the UI asks the recorder to record: an event type, its work order and its payload. */
export type RecordAction = { [T in EventType]: ActionOf<T> }[EventType]
