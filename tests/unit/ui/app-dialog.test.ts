// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { beforeEach, describe, expect, it } from 'vitest'
import AppDialog from '../../../src/components/AppDialog.vue'
import { i18n } from '../../../src/i18n'
import { useFeedbackStore } from '../../../src/stores/feedback'

const pinia = createPinia()
const actions = '<template #actions="{ hintId }"><button type="submit" :aria-describedby="hintId" disabled>Record scrap</button></template>'

function mountDialog(hint: string | null) {
  return mount(
    { components: { AppDialog }, props: ['hint'], template: `<AppDialog title="Scrap" :hint="hint">${actions}</AppDialog>` },
    { props: { hint }, global: { plugins: [i18n, pinia] } },
  )
}

beforeEach(() => {
  setActivePinia(pinia)
  useFeedbackStore().notices = []
  // happy-dom has no <dialog> modal API: the dialog's content is what is under test.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

describe('AppDialog', () => {
  it('says why the submit button is disabled, and names that line as its description', () => {
    const wrapper = mountDialog('Enter the quantity on the pad.')
    const hint = wrapper.get('.dialog-hint')
    expect(hint.text()).toBe('Enter the quantity on the pad.')
    expect(wrapper.get('button[type="submit"]').attributes('aria-describedby')).toBe(hint.attributes('id'))
  })

  it('has no hint and no description when nothing is missing', () => {
    const wrapper = mountDialog(null)
    expect(wrapper.find('.dialog-hint').exists()).toBe(false)
    expect(wrapper.get('button[type="submit"]').attributes('aria-describedby')).toBeUndefined()
  })

  it('shows the errors raised while it is open above its buttons, not those from before', async () => {
    const feedback = useFeedbackStore()
    feedback.notify('error', () => 'Not recognised: 0418')
    // shownAt is compared with the moment the dialog opened: make the earlier notice clearly older.
    feedback.notices = feedback.notices.map((n) => ({ ...n, shownAt: n.shownAt - 1000 }))
    const wrapper = mountDialog(null)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    feedback.notify('error', () => 'Too many: at most 11 Units can be produced.')
    feedback.notify('success', () => 'Started')
    await nextTick()
    expect(wrapper.findAll('[role="alert"]').map((a) => a.text())).toEqual(['Too many: at most 11 Units can be produced.'])
  })
})
