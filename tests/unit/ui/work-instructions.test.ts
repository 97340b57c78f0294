// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import WorkInstructions from '../../../src/components/WorkInstructions.vue'
import type { WorkOrder } from '../../../src/domain/contract'
import { i18n } from '../../../src/i18n'
import { workOrder } from '../sync/fixtures'

const global = { plugins: [i18n, createPinia()] }

beforeEach(() => {
  i18n.global.locale.value = 'en'
  // happy-dom has no <dialog> modal API: the dialog's content is what is under test.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

const withInstructions = (overrides: Partial<WorkOrder> = {}): WorkOrder =>
  workOrder(1, {
    state: 'ready',
    is_running: false,
    instructions: '<p onclick="x()">Deburr <strong>every</strong> edge.</p><script>alert(1)</script>',
    open_instructions_on_start: true,
    attachments: [{ id: 5, name: 'Drawing.png', mimetype: 'image/png', size: 10, checksum: 'a'.repeat(40), offline: false }],
    ...overrides,
  })

describe('WorkInstructions', () => {
  it('opens by itself on the start, showing the sanitized text and the files', async () => {
    const wrapper = mount(WorkInstructions, { props: { workOrder: withInstructions() }, global })
    expect(wrapper.find('dialog').exists()).toBe(false)

    await wrapper.setProps({ workOrder: withInstructions({ state: 'progress', is_running: true }) })

    const dialog = wrapper.get('dialog')
    expect(dialog.get('.rich').html()).toContain('<p>Deburr <strong>every</strong> edge.</p>')
    expect(dialog.html()).not.toMatch(/script|onclick/)
    expect(dialog.text()).toContain('Drawing.png')
    expect(dialog.text()).toContain('online only')
  })

  it('stays closed on a resume, and when the operation does not ask for it', async () => {
    const paused = mount(WorkInstructions, { props: { workOrder: withInstructions({ state: 'progress' }) }, global })
    await paused.setProps({ workOrder: withInstructions({ state: 'progress', is_running: true }) })
    expect(paused.find('dialog').exists()).toBe(false)

    const quiet = mount(WorkInstructions, { props: { workOrder: withInstructions({ open_instructions_on_start: false }) }, global })
    await quiet.setProps({ workOrder: withInstructions({ open_instructions_on_start: false, state: 'progress', is_running: true }) })
    expect(quiet.find('dialog').exists()).toBe(false)
    await quiet.get('button').trigger('click')
    expect(quiet.find('dialog').exists()).toBe(true)
  })

  it('shows nothing for an operation without instructions', () => {
    const wrapper = mount(WorkInstructions, { props: { workOrder: workOrder(2) }, global })
    expect(wrapper.html()).toBe('<!--v-if-->')
  })
})
