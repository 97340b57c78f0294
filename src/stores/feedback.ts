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
}

export interface NotifyOptions {
  undo?: () => Promise<void>
  /** How long the notice stays, in milliseconds; errors stay until dismissed by default. */
  timeoutMs?: number | null
}

/** Default lifetime of a success or info notice, in milliseconds. */
export const NOTICE_TIMEOUT_MS = 6000

/**
 * The confirmations and errors shown at the bottom of every screen: "Saved on this device",
 * "Not recognised: …". Every recorded action is confirmed here, with an undo where one exists.
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
    const { undo = null, timeoutMs = kind === 'error' ? null : NOTICE_TIMEOUT_MS } = options
    const id = nextId++
    // Keep the screen readable: at most two notices, the newest win.
    notices.value = [...notices.value.slice(-1), { id, kind, text, undo }]
    if (timeoutMs !== null) setTimeout(() => dismiss(id), timeoutMs)
    return id
  }

  return { notices, notify, dismiss }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFeedbackStore, import.meta.hot))
