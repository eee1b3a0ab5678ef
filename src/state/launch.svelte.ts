/**
 * A torrent offered by the address (`/?magnet=…`, which is also where the browser sends `magnet:`
 * links once the app handles them): any page can open such a link, so nothing is added until the
 * user says yes. A torrent is in the library only because the user added it, which is what lets a
 * tipping session pay for every torrent there.
 */
import { t } from '../i18n/translate'
import { describeError } from '../shared/errors'
import { parseTorrentInput } from '../torrent/input/input'
import { notices } from './notices.svelte'
import { torrents } from './torrents.svelte'

/** What the question shows: what the link says about the torrent, all of it from the link. */
export interface OfferedTorrent {
  text: string
  /** The magnet's `dn`, or null when the link names none. */
  name: string | null
  /** Null for a torrent URL, whose info hash is known only once it is fetched. */
  infoHash: string | null
  url: string | null
  trackers: readonly string[]
}

class LaunchStore {
  #offered = $state<OfferedTorrent | null>(null)

  get offered(): OfferedTorrent | null {
    return this.#offered
  }

  /** Holds a link for the user to accept; a link that is not a torrent gets the add box's message. */
  offer(text: string): void {
    try {
      const input = parseTorrentInput(text)
      this.#offered = {
        text,
        name: input.kind === 'magnet' ? magnetName(input.magnet) : null,
        infoHash: input.kind === 'url' ? null : input.infoHash,
        url: input.kind === 'url' ? input.url : null,
        trackers: input.kind === 'magnet' ? input.trackers : [],
      }
    } catch (error) {
      notices.alert(describeError(error, t('torrents.addFailed')))
    }
  }

  /** The user said yes: the same path as the add box. */
  async accept(): Promise<void> {
    const offered = this.#offered
    this.#offered = null
    if (offered) await torrents.addFromText(offered.text)
  }

  decline(): void {
    if (!this.#offered) return
    this.#offered = null
    notices.announce(t('launch.declined'))
  }
}

function magnetName(magnet: string): string | null {
  const query = magnet.slice(magnet.indexOf('?') + 1)
  const name = new URLSearchParams(query).get('dn')?.trim()
  return name ? name : null
}

export const launch = new LaunchStore()
