// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Component } from 'vue'
import { createI18n } from 'vue-i18n'
import PwaInstallButton from '../../../src/pwa/PwaInstallButton.vue'
import PwaUpdateBanner from '../../../src/pwa/PwaUpdateBanner.vue'
import { registerPwa, type PwaRegistration } from '../../../src/pwa/register-pwa'
import { FakeWorkbox } from './fake-workbox'

/** Mounts with the app-wide i18n the way main.ts installs it (composition mode). */
function mountWithLocale(component: Component, locale: 'en' | 'de') {
  const i18n = createI18n({ legacy: false, locale, messages: {} })
  return mount(component, { global: { plugins: [i18n] } })
}

describe('PWA components', () => {
  let log: string[]
  let workbox: FakeWorkbox
  let registration: PwaRegistration | null

  beforeEach(async () => {
    log = []
    workbox = new FakeWorkbox(log)
    registration = await registerPwa({ enabled: true, createWorkbox: async () => workbox, reload: () => log.push('reload') })
  })

  afterEach(() => registration?.dispose())

  it('shows no banner while there is nothing to say', () => {
    const wrapper = mountWithLocale(PwaUpdateBanner, 'en')
    expect(wrapper.find('[role="status"]').exists()).toBe(false)
  })

  it('offers the update and activates it only when "Update now" is tapped', async () => {
    const wrapper = mountWithLocale(PwaUpdateBanner, 'en')
    workbox.emit('waiting', { isUpdate: true })
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[role="status"]').text()).toContain('A new version of the terminal is ready.')
    expect(log).not.toContain('skipWaiting')
    const updateNow = wrapper.findAll('button').find((button) => button.text() === 'Update now')
    await updateNow?.trigger('click')
    expect(log).toContain('skipWaiting')
    expect(log).not.toContain('reload')
  })

  it('hides the update offer on "Later"', async () => {
    const wrapper = mountWithLocale(PwaUpdateBanner, 'en')
    workbox.emit('waiting', { isUpdate: true })
    await wrapper.vm.$nextTick()
    await wrapper.findAll('button').find((button) => button.text() === 'Later')?.trigger('click')
    expect(wrapper.find('[role="status"]').exists()).toBe(false)
    expect(log).not.toContain('skipWaiting')
  })

  it("speaks the app's language", async () => {
    const wrapper = mountWithLocale(PwaUpdateBanner, 'de')
    workbox.emit('activated', { isUpdate: false })
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[role="status"]').text()).toContain('Das Terminal arbeitet jetzt auch offline.')
  })

  it('shows the install button only while the browser offers installation', async () => {
    const wrapper = mountWithLocale(PwaInstallButton, 'en')
    expect(wrapper.find('button').exists()).toBe(false)
    const prompt = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => {
        log.push('prompt')
      },
      userChoice: Promise.resolve({ outcome: 'accepted', platform: 'web' }),
    })
    window.dispatchEvent(prompt)
    await wrapper.vm.$nextTick()
    await wrapper.get('button').trigger('click')
    expect(log).toEqual(['register', 'prompt'])
    await wrapper.vm.$nextTick()
    expect(wrapper.find('button').exists()).toBe(false)
  })
})
