import { ref, type Ref } from 'vue'
import { PairingInputError, parsePairingInput } from '../domain/pairing'
import { i18n } from '../i18n'
import { confirmScan, rejectScan } from '../scan/feedback'
import { errorMessage } from '../i18n/error-message'
import { useFeedbackStore } from '../stores/feedback'
import { useSessionStore } from '../stores/session'

const DEVICE_NAME_KEY = 'shopfloor.deviceName'

export interface UsePairingFormOptions {
  /** The code to start with (from `#/pair?code=`). */
  code?: string
  /** The server to pair with; defaults to the origin the app was loaded from. */
  serverUrl?: string | null
  /** Called after a successful pairing. */
  onPaired?: () => unknown
}

export interface UsePairingFormReturn {
  code: Ref<string>
  serverUrl: Ref<string>
  deviceName: Ref<string>
  busy: Readonly<Ref<boolean>>
  /** Why the last attempt failed, in the operator's words; null otherwise. */
  error: Readonly<Ref<string | null>>
  /** The terminal name after pairing, or null. */
  pairedAs: Readonly<Ref<string | null>>
  /** The server is the demo backend: one-click pairing is offered. */
  demoAvailable: Readonly<Ref<boolean>>
  /** Get a fresh code from the demo backend and pair with it. */
  pairWithDemo(): Promise<void>
  /** Fill the form from a scanned QR code (URL or bare code) and pair at once. */
  applyScan(text: string): Promise<void>
  /** Pair with what the form holds. */
  submit(): Promise<void>
}

/** The pairing screen's form: a scanned QR code pairs in one step; a typed code with "Pair". */
export function usePairingForm(options: UsePairingFormOptions = {}): UsePairingFormReturn {
  const { code: initialCode = '', serverUrl: initialServer = null, onPaired = () => undefined } = options
  const session = useSessionStore()
  const feedback = useFeedbackStore()
  const { t } = i18n.global

  const code = ref(initialCode)
  const serverUrl = ref(initialServer ?? globalThis.location.origin)
  const deviceName = ref(globalThis.localStorage?.getItem(DEVICE_NAME_KEY) ?? t('pair.defaultDeviceName'))
  const busy = ref(false)
  const error = ref<string | null>(null)
  const pairedAs = ref<string | null>(null)
  const demoAvailable = ref(false)

  // A probe, not an action: an unreachable or non-demo server simply gets no demo button.
  session.isDemoServer(serverUrl.value).then(
    (demo) => (demoAvailable.value = demo),
    () => (demoAvailable.value = false),
  )

  async function submit(): Promise<void> {
    if (busy.value) return
    error.value = null
    let target
    try {
      target = parsePairingInput(code.value, serverUrl.value)
    } catch (e) {
      if (!(e instanceof PairingInputError)) throw e
      error.value = t('pair.invalidCode')
      return
    }
    busy.value = true
    try {
      const result = await session.pair({ serverUrl: target.serverUrl, code: target.code, deviceName: deviceName.value })
      localStorage.setItem(DEVICE_NAME_KEY, deviceName.value)
      pairedAs.value = result.terminal.name
      feedback.notify('success', () => t('pair.paired', { name: result.terminal.name }))
      await onPaired()
    } catch (e) {
      error.value = errorMessage(e)
    } finally {
      busy.value = false
    }
  }

  async function applyScan(text: string): Promise<void> {
    try {
      const target = parsePairingInput(text, serverUrl.value)
      confirmScan()
      code.value = target.code
      serverUrl.value = target.serverUrl
      await submit()
    } catch (e) {
      if (!(e instanceof PairingInputError)) throw e
      rejectScan()
      error.value = t('pair.invalidCode')
    }
  }

  async function pairWithDemo(): Promise<void> {
    if (busy.value) return
    error.value = null
    try {
      code.value = await session.demoPairingCode(serverUrl.value)
    } catch (e) {
      error.value = errorMessage(e)
      return
    }
    await submit()
  }

  return { code, serverUrl, deviceName, busy, error, pairedAs, demoAvailable, applyScan, submit, pairWithDemo }
}
