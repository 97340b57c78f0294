import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'

export type NoticeKind = 'success' | 'error' | 'info'

/**
 * A notice's words, read each time it is shown: they follow the screen's language while the notice
 * stays ("Hello Anna Schmidt" turns "Hallo Anna Schmidt" once her German loads).
 */
export type NoticeText = () => string

export interface Notice {
  id: number
  kind: NoticeKind
  text: NoticeText
  /** Offered as an "Undo" button while the notice shows. */
  undo: (() => Promise<void>) | null
  /** When it was shown (`Date.now()`, ms): decides whether it goes with the operator to the next screen. */
  shownAt: number
}

export interface NotifyOptions {
  undo?: () => Promise<void>
  /** How long the notice stays, in milliseconds; by default NOTICE_TIMEOUT_MS, or ERROR_NOTICE_TIMEOUT_MS for errors. */
  timeoutMs?: number
}

/** Lifetime of a success or info notice, in milliseconds: long enough to read it and tap Undo. */
export const NOTICE_TIMEOUT_MS = 6000
/**
 * Lifetime of an error notice, in milliseconds. Errors close themselves too: what still needs
 * someone (a failed event, a hold) stays on screen elsewhere (sync status, work order, supervisor).
 */
export const ERROR_NOTICE_TIMEOUT_MS = 12_000
/**
 * A notice shown this shortly before the operator moves to another screen (in milliseconds) came
 * from the action that moved them ("Welcome", "Paired"), so it goes along; older ones stay behind.
 */
export const NOTICE_CARRY_MS = 1500

/**
 * The confirmations and errors shown under the top bar: "Saved on this device", "Not recognised: …".
 * Every recorded action is confirmed here, with an undo where one exists.
 */
export const useFeedbackStore = defineStore('feedback', () => {
  /** Notices on screen, oldest first. */
  const notices = ref<Notice[]>([])
  let nextId = 1

  /** Remove a notice. */
  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  /** Show a notice; returns its id. */
  function notify(kind: NoticeKind, text: NoticeText, options: NotifyOptions = {}): number {
    const { undo = null, timeoutMs = kind === 'error' ? ERROR_NOTICE_TIMEOUT_MS : NOTICE_TIMEOUT_MS } = options
    const id = nextId++
    // Keep the screen readable: at most two notices, the newest win.
    notices.value = [...notices.value.slice(-1), { id, kind, text, undo, shownAt: Date.now() }]
    setTimeout(() => dismiss(id), timeoutMs)
    return id
  }

  /** The operator goes to another screen: the notices of the one they leave stay behind. */
  function leaveScreen(): void {
    const since = Date.now() - NOTICE_CARRY_MS
    notices.value = notices.value.filter((n) => n.shownAt >= since)
  }

  return { notices, notify, dismiss, leaveScreen }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFeedbackStore, import.meta.hot))
