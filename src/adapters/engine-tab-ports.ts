/**
 * The browser's side of the engine-tab coordinator's ports (src/core/engine-tab.ts): one Web Lock
 * and one BroadcastChannel, both scoped to this origin, so every tab of the app shares them.
 */
import { isTabMessage, type EngineLockPort, type HeldLock, type TabChannelPort } from '../core/engine-tab'

const LOCK_NAME = 'torrent-engine'
const CHANNEL_NAME = 'torrent-engine'

/** Runs a lock request whose hold lasts until `release` is called; resolves null when not granted. */
function request(options: LockOptions, signal?: AbortSignal): Promise<HeldLock | null> {
  return new Promise((granted) => {
    navigator.locks
      .request(LOCK_NAME, signal ? { ...options, signal } : options, (lock) => {
        if (!lock) {
          granted(null)
          return null
        }
        return new Promise<void>((release) => granted({ release }))
      })
      // A cancelled wait, or a hold taken over by the tab this one handed its engine to.
      .catch(() => granted(null))
  })
}

export const engineLock: EngineLockPort = {
  take: () => request({ ifAvailable: true }),
  wait: (signal) => request({}, signal),
  steal: () => request({ steal: true }).then((held) => held ?? { release: () => {} }),
  held: async () => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name === LOCK_NAME),
}

export function tabChannel(): TabChannelPort {
  const channel = new BroadcastChannel(CHANNEL_NAME)
  return {
    post: (message) => channel.postMessage(message),
    subscribe: (listener) => {
      const heard = (event: MessageEvent<unknown>) => {
        if (isTabMessage(event.data)) listener(event.data)
      }
      channel.addEventListener('message', heard)
      return () => channel.removeEventListener('message', heard)
    },
  }
}
