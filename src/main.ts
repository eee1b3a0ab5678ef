import { mount } from 'svelte'
import App from './ui/App.svelte'
import './ui/app.css'
import { settings } from './state/settings.svelte'
import { notices } from './state/notices.svelte'
import { receipts } from './state/receipts.svelte'
import { sessions } from './state/session.svelte'
import { tipping } from './state/tipping.svelte'
import { torrents } from './state/torrents.svelte'
import { wallet } from './state/wallet.svelte'
import { describeError } from './torrent/errors'
import { registerStreamWorker } from './torrent/stream-worker'
import { WebTorrentEngine } from './torrent/webtorrent-engine'

const streamWorker = registerStreamWorker()
streamWorker.catch((error: unknown) => notices.alert(describeError(error, 'Streaming is unavailable')))

const engine = new WebTorrentEngine(streamWorker)
settings
  .load()
  .catch((error: unknown) =>
    notices.alert(describeError(error, 'Settings could not be read; using defaults')),
  )
  .finally(() => torrents.applyLimits())
torrents.attach(engine)
tipping.attach(engine, () => torrents.selected?.infoHash ?? null)
// Unfinished payments from an earlier visit are followed to their end before anything else is paid.
receipts.load().catch((error: unknown) => notices.alert(describeError(error, 'Receipts could not be read')))
// A tipping session left open by an earlier visit (or a crash) carries on, or finishes ending.
sessions
  .load()
  .catch((error: unknown) => notices.alert(describeError(error, 'The tipping session could not be read')))
void wallet.restore()

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element')
export default mount(App, { target })
