import { defineAsyncComponent } from 'vue'

/**
 * The camera scanner dialog, fetched the first time someone opens it: most terminals scan with a
 * wedge scanner and never do, so the dialog, its composable and the camera code stay out of the
 * first load (the service worker precaches the chunk, so it opens offline too).
 */
export const CameraDialog = defineAsyncComponent(() => import('./CameraDialog.vue'))
