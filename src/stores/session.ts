import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useLiveQuery } from '../composables/useLiveQuery'
import type { Operator } from '../domain/contract'
import { queries } from '../db'
import * as sync from '../sync'
import type { PairInput, PairResult } from '../sync'

/**
 * Who and what this device is: its pairing (terminal, work centers, settings) and the signed-in
 * operator. Pairing and sign-in go through the sync module; this store only reads the database.
 */
export const useSessionStore = defineStore('session', () => {
  /** The pairing, or undefined before pairing (also until the first read finished). */
  const pairing = useLiveQuery(() => queries.pairing(), undefined)
  /** The signed-in operator, or undefined. */
  const operator = useLiveQuery(() => queries.currentOperator(), undefined)
  /** The operators allowed on this terminal, by name. */
  const operators = useLiveQuery(() => queries.operators(), [] as Operator[])

  /** The terminal's settings; null before pairing. */
  const settings = computed(() => pairing.value?.terminal.settings ?? null)
  /** The plant lets operators pick their name instead of scanning a badge. */
  const allowOperatorList = computed(() => settings.value?.allow_operator_list === true)
  /** Operators confirm their sign-in with their PIN. */
  const requirePin = computed(() => settings.value?.require_pin === true)
  /** The operator who scanned or picked their name and is asked for their PIN, or null. */
  const pinFor = ref<Operator | null>(null)

  /** Pair this device (see sync's `pair`); resolves once the work orders are on the device. */
  async function pair(input: PairInput): Promise<PairResult> {
    return sync.pair(input)
  }

  /**
   * Sign an operator in; the previous one is signed out, and everything recorded stays. Where the
   * terminal asks for PINs, `pin` is checked offline first.
   * @throws ActionRefusedError `pin_required`, `pin_not_set`, `pin_wrong`, `operator_unknown`.
   */
  async function signIn(operatorId: number, pin?: string): Promise<void> {
    await sync.signIn(operatorId, pin)
    pinFor.value = null
  }

  /**
   * The operator wearing this badge, or null, checked against the salted badge hashes (right after
   * pairing the list may still be loading).
   */
  async function operatorByBadge(badge: string): Promise<Operator | null> {
    return (await sync.operatorByBadge(badge)) ?? null
  }

  /** The supervisor authorizing an action with badge and PIN (offline check). @throws ActionRefusedError */
  function authorizeSupervisor(badge: string, pin: string): Promise<Operator> {
    return sync.authorizeSupervisor(badge, pin)
  }

  /** Ask `operator` for their PIN (the sign-in screen shows the PIN pad); null closes it. */
  function askPin(operator: Operator | null): void {
    pinFor.value = operator
  }

  /** Whether `serverUrl` is the demo backend (its /health says so), which offers one-click pairing. */
  function isDemoServer(serverUrl: string): Promise<boolean> {
    return sync.isDemoServer(serverUrl)
  }

  /** A fresh one-time code for a new demo terminal on the demo backend at `serverUrl`. */
  function demoPairingCode(serverUrl: string): Promise<string> {
    return sync.demoPairingCode(serverUrl)
  }

  /** Sign the current operator out (the work they recorded stays queued). */
  async function signOut(): Promise<void> {
    await sync.signOut()
  }

  return {
    pairing,
    operator,
    operators,
    settings,
    allowOperatorList,
    requirePin,
    pinFor,
    pair,
    signIn,
    operatorByBadge,
    authorizeSupervisor,
    askPin,
    isDemoServer,
    demoPairingCode,
    signOut,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
