/**
 * The first-visit introduction: shown until the visitor dismisses it or adds a first torrent, and
 * remembered in localStorage so that it never comes back on its own.
 */
import { torrents } from './torrents.svelte'

const STORAGE_KEY = 'onboarding:done'

class OnboardingStore {
  #done = $state(readDone())

  /** Hidden as soon as there is a torrent: by then the visitor has found their way. */
  get visible(): boolean {
    return !this.#done && torrents.list.length === 0
  }

  dismiss(): void {
    if (this.#done) return
    this.#done = true
    try {
      localStorage.setItem(STORAGE_KEY, '1')
    } catch {
      // Storage refused (a locked-down profile): the introduction stays hidden for this visit only.
    }
  }
}

function readDone(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1'
  } catch {
    return false
  }
}

export const onboarding = new OnboardingStore()
