/**
 * Hash routes: the same build is served at `/` (demo) and at `/shopfloor_terminal/app/` (Odoo),
 * and the pairing QR code opens `#/pair?code=…` on either.
 */
import { createRouter, createWebHashHistory, type RouteLocationNormalized, type RouteLocationRaw, type RouteLocationResolved } from 'vue-router'
import { queries } from './db'
import PairView from './views/PairView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a signed-in operator even when the plant requires one. */
    public?: boolean
  }
}

// Only the pairing screen, which a new tablet opens first, is in the first-load bundle; the other
// screens are separate chunks that the service worker precaches, so they still open offline.
const QueueView = () => import('./views/QueueView.vue')
const SignInView = () => import('./views/SignInView.vue')
const SupervisorView = () => import('./views/SupervisorView.vue')
const SyncView = () => import('./views/SyncView.vue')
const WorkOrderView = () => import('./views/WorkOrderView.vue')

export const routes = [
  { path: '/', name: 'queue', component: QueueView },
  { path: '/pair', name: 'pair', component: PairView, meta: { public: true } },
  { path: '/signin', name: 'signin', component: SignInView, meta: { public: true } },
  { path: '/wo/:id(\\d+)', name: 'workorder', component: WorkOrderView, props: (r: RouteLocationNormalized) => ({ id: Number(r.params.id) }) },
  { path: '/sync', name: 'sync', component: SyncView, meta: { public: true } },
  { path: '/supervisor', name: 'supervisor', component: SupervisorView, meta: { public: true } },
  { path: '/:rest(.*)*', redirect: { name: 'queue' } },
]

/** Where a navigation must go instead: pairing first, then sign-in where the plant requires an operator. */
export async function guard(to: Pick<RouteLocationResolved, 'name' | 'meta' | 'query' | 'fullPath'>): Promise<true | RouteLocationRaw> {
  const pairing = await queries.pairing()
  if (pairing === undefined) return to.name === 'pair' ? true : { name: 'pair', query: to.query }
  if (to.meta.public === true) return true
  if (pairing.terminal.settings.require_operator && (await queries.currentOperator()) === undefined) {
    return { name: 'signin', query: { redirect: to.fullPath } }
  }
  return true
}

// A new screen opens at its top (its main actions in view); Back returns to where the operator was.
export const router = createRouter({ history: createWebHashHistory(), routes, scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 } })
router.beforeEach(guard)
