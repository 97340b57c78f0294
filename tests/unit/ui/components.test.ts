// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import CameraDialog from '../../../src/components/CameraDialog.vue'
import NumericPad from '../../../src/components/NumericPad.vue'
import SyncIndicator from '../../../src/components/SyncIndicator.vue'
import ToastHost from '../../../src/components/ToastHost.vue'
import type { SyncStatus } from '../../../src/domain/sync-status'
import { i18n, showLocale } from '../../../src/i18n'
import { useFeedbackStore } from '../../../src/stores/feedback'

const RouterLinkStub = { template: '<a><slot /></a>' }
const global = { plugins: [i18n, createPinia()], stubs: { RouterLink: RouterLinkStub } }

beforeEach(() => {
  i18n.global.locale.value = 'en'
  // happy-dom has no <dialog> modal API: the dialog's content is what is under test.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

describe('NumericPad', () => {
  it('types on the pad into the model and shows it in the operator language', async () => {
    await showLocale('de')
    const wrapper = mount(NumericPad, { props: { modelValue: '', uom: 'kg', 'onUpdate:modelValue': (v: string) => wrapper.setProps({ modelValue: v }) }, global })
    for (const label of ['Ziffer 1', 'Komma', 'Ziffer 5']) await wrapper.get(`button[aria-label="${label}"]`).trigger('click')
    expect(wrapper.props('modelValue')).toBe('1.5')
    expect(wrapper.get('output').text()).toBe('1,5 kg')
  })

  it('offers no decimal point for whole units', () => {
    const wrapper = mount(NumericPad, { props: { modelValue: '', uom: 'Units', maxDecimals: 0 }, global })
    expect(wrapper.get('button[aria-label="Decimal point"]').attributes('disabled')).toBeDefined()
  })
})

describe('ToastHost', () => {
  it('turns a notice to the language the screen turns to ("Hello Anna Schmidt" → "Hallo Anna Schmidt")', async () => {
    const pinia = createPinia()
    const wrapper = mount(ToastHost, { global: { ...global, plugins: [i18n, pinia] } })
    useFeedbackStore(pinia).notify('success', () => i18n.global.t('signin.welcome', { name: 'Anna Schmidt' }))
    await wrapper.vm.$nextTick()
    expect(wrapper.get('.toast-text').text()).toBe('Hello Anna Schmidt')
    await showLocale('de')
    await wrapper.vm.$nextTick()
    expect(wrapper.get('.toast-text').text()).toBe('Hallo Anna Schmidt')
  })
})

describe('SyncIndicator', () => {
  const cases: Array<[{ status: SyncStatus; waiting: number; offlineSince: number | null }, string]> = [
    [{ status: 'synced', waiting: 0, offlineSince: null }, 'Sync status: Synced'],
    [{ status: 'waiting', waiting: 3, offlineSince: null }, 'Sync status: 3 waiting'],
    [{ status: 'offline', waiting: 0, offlineSince: null }, 'Sync status: Offline'],
    [{ status: 'offline', waiting: 2, offlineSince: null }, 'Sync status: Offline · 2 waiting'],
    [{ status: 'attention', waiting: 0, offlineSince: null }, 'Sync status: Attention needed'],
  ]
  it.each(cases)('names its state for %j', (props, name) => {
    const wrapper = mount(SyncIndicator, { props, global })
    expect(wrapper.get('a').attributes('aria-label')).toBe(name)
  })

  /** The pill's words (shown from 1000 px; the count alone below). */
  const words = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('.pill-text').map((span) => span.text()).join(' ')

  it('shows how many wait while offline: the count in the pill, and in words where there is room', () => {
    const wrapper = mount(SyncIndicator, { props: { status: 'offline', waiting: 2, offlineSince: new Date(2026, 10, 23, 9, 5).getTime() }, global })
    expect(wrapper.get('.pill-count').text()).toBe('2')
    expect(words(wrapper)).toBe('Offline since 09:05 AM · 2 waiting')
  })

  it('shows no count when nothing waits', () => {
    const wrapper = mount(SyncIndicator, { props: { status: 'synced', waiting: 0, offlineSince: null }, global })
    expect(wrapper.find('.pill-count').exists()).toBe(false)
  })

  it('writes the count as numbers are written in the operator language', async () => {
    await showLocale('de')
    const wrapper = mount(SyncIndicator, { props: { status: 'waiting', waiting: 1234, offlineSince: null }, global })
    expect(wrapper.get('.pill-count').text()).toBe('1.234')
    expect(words(wrapper)).toBe('1.234 wartend')
  })

  it('says since when in the operator language', async () => {
    await showLocale('fr')
    const wrapper = mount(SyncIndicator, { props: { status: 'offline', waiting: 1, offlineSince: new Date(2026, 10, 23, 9, 5).getTime() }, global })
    expect(words(wrapper)).toBe('Hors ligne depuis 09:05 · 1 en attente')
  })
})

describe('CameraDialog', () => {
  it('says why the camera cannot start, and still takes a typed code', async () => {
    const wrapper = mount(CameraDialog, { props: { title: 'Lot' }, global, attachTo: document.body })
    await expect.poll(() => wrapper.find('[role="alert"]').exists()).toBe(true)
    expect(wrapper.get('[role="alert"]').text()).toMatch(/^(The camera needs a secure page|This browser cannot use a camera)/)
    await wrapper.get('input').setValue(' LOT-0001 ')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('scan')).toEqual([['LOT-0001']])
    expect(wrapper.emitted('close')).toHaveLength(1)
    wrapper.unmount()
  })
})
