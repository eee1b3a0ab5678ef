/**
 * Registers the site's service worker (src/service-worker/sw.ts: WebTorrent's streaming worker,
 * copied into the site root by the build, plus the offline files) and waits until it controls this page: media
 * requests from a page the worker does not control would bypass it and 404.
 */
import { t } from '../../i18n/translate'
import { guardStreamRequests } from './stream-request'

const WORKER_URL = '/sw.js'
const CONTROL_TIMEOUT_MS = 10_000

export async function registerStreamWorker(): Promise<ServiceWorkerRegistration> {
  if (!('serviceWorker' in navigator)) {
    throw new Error(t('stream.noWorker'))
  }
  // Before the engine's client.createServer adds WebTorrent's listener, so it sees each request first.
  guardStreamRequests(navigator.serviceWorker)
  const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: '/' })
  await navigator.serviceWorker.ready
  if (!navigator.serviceWorker.controller) await waitForController()
  return registration
}

function waitForController(): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(t('stream.noControl'))), CONTROL_TIMEOUT_MS)
    navigator.serviceWorker.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })
}
