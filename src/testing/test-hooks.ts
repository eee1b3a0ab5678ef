/**
 * A fault a test build still reads inside the payment pipeline (src/tron/tip-pipeline.ts), until it
 * becomes a decorator around the signer like the others in decorate.ts. In every other build the flag
 * is false at compile time and this does nothing.
 */
const enabled = import.meta.env.VITE_TEST_HOOKS === '1'

/** `localStorage['fault:halt-before-broadcast'] = '1'`: a tip stops once its signed transaction is stored. */
export function haltBeforeBroadcastRequested(): boolean {
  return enabled && localStorage.getItem('fault:halt-before-broadcast') === '1'
}

/** `localStorage['fault:halt-after-broadcast'] = '1'`: a tip is broadcast, then its page hears nothing more. */
export function haltAfterBroadcastRequested(): boolean {
  return enabled && localStorage.getItem('fault:halt-after-broadcast') === '1'
}
