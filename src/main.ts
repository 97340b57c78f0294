import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
// After App.vue, as when these rules sat in its <style>: the same cascade order as before.
import './styles/index.css'
import { i18n } from './i18n'
import { registerPwa } from './pwa'
import { router } from './router'
import { startSync } from './sync'

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
startSync()
void registerPwa()
