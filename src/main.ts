import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
// After App.vue, as when these rules sat in its <style>: the same cascade order as before.
import './styles/index.css'
import { i18n } from './i18n'
import { registerPwa } from './pwa'
import { router } from './router'
import { useFeedbackStore } from './stores/feedback'
import { startSync } from './sync'

const pinia = createPinia()
createApp(App).use(pinia).use(i18n).use(router).mount('#app')
// Notices belong to the screen they were shown on: they do not follow the operator to the next one.
router.beforeEach((to, from) => {
  if (to.path !== from.path) useFeedbackStore(pinia).leaveScreen()
})
startSync()
void registerPwa()
