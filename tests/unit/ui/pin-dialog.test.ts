// @vitest-environment happy-dom
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PinDialog from '../../../src/components/PinDialog.vue'
import SupervisorGateDialog from '../../../src/components/SupervisorGateDialog.vue'
import { setDatabase } from '../../../src/db/database'
import { ActionRefusedError } from '../../../src/domain/refusals'
import { i18n, showLocale } from '../../../src/i18n'
import { scanBus } from '../../../src/scan/scan-bus'
import { freshDb, seed } from '../sync/fixtures'

let wrapper: VueWrapper | undefined

beforeEach(async () => {
  setActivePinia(createPinia())
  await showLocale('en')
  // happy-dom has no <dialog> modal API: the dialog's content is what is under test.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

/** A PIN dialog as the sign-in screen opens it, attached so that focus can be checked. */
function mountPinDialog(check: (pin: string) => Promise<void>) {
  wrapper = mount(PinDialog, { props: { title: 'PIN for Marc Demo', confirmLabel: 'Sign in', check }, global: { plugins: [i18n] }, attachTo: document.body })
  return wrapper
}

const submitButton = (w: VueWrapper) => w.get<HTMLButtonElement>('button[type="submit"]')
const pinField = (w: VueWrapper) => w.get<HTMLInputElement>('input[inputmode="numeric"]')

describe('PinDialog', () => {
  it('labels its PIN field and takes the focus there first', () => {
    const w = mountPinDialog(() => Promise.resolve())
    const label = w.get('label')
    expect(label.text()).toBe('PIN')
    expect(label.attributes('for')).toBe(pinField(w).attributes('id'))
    expect(pinField(w).attributes()).toMatchObject({ type: 'password', autocomplete: 'off', autofocus: '' })
  })

  it('is grey while the PIN is empty, and says why beside the button', async () => {
    const w = mountPinDialog(() => Promise.resolve())
    expect(submitButton(w).element.disabled).toBe(true)
    const hint = w.get('.dialog-hint')
    expect(hint.text()).toBe('Enter your PIN.')
    expect(submitButton(w).attributes('aria-describedby')).toBe(hint.attributes('id'))
    await pinField(w).setValue('1234')
    expect(submitButton(w).element.disabled).toBe(false)
    expect(w.find('.dialog-hint').exists()).toBe(false)
    expect(submitButton(w).attributes('aria-describedby')).toBeUndefined()
  })

  it('submits on Enter: the PIN field and the button belong to one form, which sends the typed PIN', async () => {
    const check = vi.fn(() => Promise.resolve())
    const w = mountPinDialog(check)
    await pinField(w).setValue('1234')
    // happy-dom does not submit on an Enter key press as browsers do (e2e/sign-in-pin.spec.ts presses it):
    // what makes a browser do it is that the field's form has this enabled submit button as its default button.
    expect(submitButton(w).element.form).toBe(pinField(w).element.form)
    pinField(w).element.form?.requestSubmit()
    expect(check).toHaveBeenCalledExactlyOnceWith('1234')
  })

  it('shows a wrong PIN in place, empties the field and puts the focus back on it for another try', async () => {
    const w = mountPinDialog(() => Promise.reject(new ActionRefusedError('pin_wrong')))
    await pinField(w).setValue('1111')
    await submitButton(w).trigger('click')
    await vi.waitFor(() => expect(w.find('.alert-box').exists()).toBe(true))
    const alert = w.get('.alert-box')
    expect(alert.text()).toBe('Wrong PIN: try again.')
    expect(alert.attributes('role')).toBe('alert')
    expect(pinField(w).element.value).toBe('')
    expect(pinField(w).attributes()).toMatchObject({ 'aria-invalid': 'true', 'aria-describedby': alert.attributes('id') })
    expect(document.activeElement).toBe(pinField(w).element)
    expect(w.emitted('close')).toBeUndefined()
  })

  it('is grey while the PIN is being checked, and checks it once however often it is pressed', async () => {
    let settle: () => void = () => undefined
    const check = vi.fn(() => new Promise<void>((resolve) => (settle = resolve)))
    const w = mountPinDialog(check)
    await pinField(w).setValue('1234')
    await submitButton(w).trigger('click')
    expect(submitButton(w).element.disabled).toBe(true)
    await w.get('form').trigger('submit')
    expect(check).toHaveBeenCalledTimes(1)
    settle()
    await vi.waitFor(() => expect(submitButton(w).element.disabled).toBe(false))
    expect(w.find('.alert-box').exists()).toBe(false)
  })

  it('closes on Cancel without checking anything', async () => {
    const check = vi.fn(() => Promise.resolve())
    const w = mountPinDialog(check)
    await w.get('button[type="button"]:not([aria-label])').trigger('click')
    expect(w.emitted('close')).toHaveLength(1)
    expect(check).not.toHaveBeenCalled()
  })
})

describe('SupervisorGateDialog', () => {
  // The seeded terminal (tests/unit/sync/fixtures.ts): Marc Demo, badge 0418, PIN 1234, no supervisor;
  // Sofia Supervisor, badge 0419, PIN 4321, may release holds.
  beforeEach(async () => {
    const db = freshDb()
    setDatabase(db)
    await seed(db)
  })

  function mountGate() {
    wrapper = mount(SupervisorGateDialog, { props: { action: 'discard a failed event' }, global: { plugins: [i18n] }, attachTo: document.body })
    return wrapper
  }
  const badgeField = (w: VueWrapper) => w.get<HTMLInputElement>('input[maxlength="128"]')

  it('asks for the badge first, then the PIN, and says which is missing while the button is grey', async () => {
    const w = mountGate()
    expect(w.get('h2').text()).toBe('Supervisor: discard a failed event')
    expect(w.findAll('label').map((l) => l.text())).toEqual(['Badge', 'PIN'])
    expect(badgeField(w).attributes('autofocus')).toBe('')
    expect(pinField(w).attributes('autofocus')).toBeUndefined()
    expect(w.get('.dialog-hint').text()).toBe('Scan or type your badge.')
    await pinField(w).setValue('4321')
    expect(w.get('.dialog-hint').text()).toBe('Scan or type your badge.')
    await badgeField(w).setValue('   ')
    expect(submitButton(w).element.disabled).toBe(true)
    await badgeField(w).setValue('0419')
    expect(submitButton(w).element.disabled).toBe(false)
    await pinField(w).setValue('')
    expect(w.get('.dialog-hint').text()).toBe('Enter your PIN.')
  })

  it('takes a scanned badge into the badge field, not as a sign-in, and moves on to the PIN', async () => {
    const w = mountGate()
    expect(scanBus.publish({ text: ' 0419\n', source: 'wedge' })).toBe(true)
    await w.vm.$nextTick()
    expect(badgeField(w).element.value).toBe('0419')
    expect(document.activeElement).toBe(pinField(w).element)
  })

  it('moves on to the PIN on Enter in the badge field (where a scanner typing into it ends) instead of sending', async () => {
    const w = mountGate()
    await badgeField(w).setValue('0419')
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
    badgeField(w).element.dispatchEvent(enter)
    // Prevented: the browser's implicit submission does not run.
    expect(enter.defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(pinField(w).element)
  })

  it('refuses an operator who is no supervisor, keeps the badge, and lets the supervisor through', async () => {
    const w = mountGate()
    await badgeField(w).setValue('0418')
    await pinField(w).setValue('1234')
    await submitButton(w).trigger('click')
    await vi.waitFor(() => expect(w.find('.alert-box').exists()).toBe(true))
    expect(w.get('.alert-box').text()).toBe('Marc Demo may not authorize this: a supervisor must scan their badge.')
    expect(badgeField(w).element.value).toBe('0418')
    expect(pinField(w).element.value).toBe('')
    expect(w.emitted('authorized')).toBeUndefined()

    await badgeField(w).setValue('0419')
    await pinField(w).setValue('4321')
    await submitButton(w).trigger('click')
    await vi.waitFor(() => expect(w.emitted('authorized')).toHaveLength(1))
    expect(w.emitted<[{ id: number; name: string }]>('authorized')?.[0]?.[0]).toMatchObject({ id: 9, name: 'Sofia Supervisor' })
  })
})
