/**
 * The composition root: builds the real ports (engine, wallet, chain, repositories, locks, clock),
 * hands them to the workflows of src/core, and attaches the stores that mirror them. The engine half
 * (WebTorrent) is loaded with a dynamic import from src/engine-root.ts, beside the first paint.
 */
import { mount } from 'svelte'
import App from './ui/App.svelte'
import './ui/app.css'
import { t } from './i18n/translate'
import { locale } from './state/locale.svelte'
import { settings } from './state/settings.svelte'
import { nodeSettings } from './state/node-settings.svelte'
import { notices } from './state/notices.svelte'
import { receipts } from './state/receipts.svelte'
import { sessions } from './state/session.svelte'
import { tipping } from './state/tipping.svelte'
import { torrents } from './state/torrents.svelte'
import { wallet } from './state/wallet.svelte'
import { launch } from './state/launch.svelte'
import { storage } from './state/storage.svelte'
import { subtitles } from './state/subtitles.svelte'
import { describeError } from './shared/errors'
import { systemClock } from './core/ports'
import { TorrentsWorkflow } from './core/torrents'
import { moneyCore } from './adapters/money-core'
import { deleteAllEntries, deleteEntry, loadLibrary, saveEntry } from './db/library-db'
import { launchMagnet, withoutLaunchMagnet } from './torrent/input/launch-url'
import { registerStreamWorker } from './torrent/engine/register-stream-worker'
import { TronLinkWallet } from './tron/wallet'
import type { TorrentEngine } from './torrent/engine/engine'

function start(): void {
  const streamWorker = registerStreamWorker()
  streamWorker.catch((error: unknown) => notices.alert(describeError(error, t('app.noStreaming'))))

  const magnet = takeLaunchMagnet()
  settings
    .load()
    .catch((error: unknown) => notices.alert(describeError(error, t('app.settingsUnreadable'))))
    .finally(() => {
      torrents.applyLimits()
      // Any page can open this address: the user is asked first (M2 of the money audit). Once they say
      // yes it takes the add box's path, after the settings so a magnet without trackers gets theirs.
      if (magnet !== null) launch.offer(magnet)
    })

  wallet.attach((onEvent) => new TronLinkWallet(onEvent, () => nodeSettings.current))
  nodeSettings.onChange(
    () =>
      void wallet.signer
        .reload()
        .catch((error: unknown) => notices.alert(describeError(error, t('settings.nodeUnsaved')))),
  )
  const core = moneyCore(
    (infoHash) => torrents.list.find((torrent) => torrent.infoHash === infoHash)?.name,
    (chainId) => tipping.payablePeers(chainId),
  )
  receipts.attach(core.payments)
  sessions.attach(core.sessions)
  core.payments.subscribe((event) => event.type === 'confirmed' && wallet.paymentConfirmed(event.receipt))

  import('./engine-root')
    .then(({ createEngine }) => {
      const engine = createEngine(streamWorker)
      const repository = {
        load: loadLibrary,
        save: saveEntry,
        delete: deleteEntry,
        deleteAll: deleteAllEntries,
      }
      const userTrackers = () => settings.trackers
      torrents.attach(
        new TorrentsWorkflow({
          engine,
          repository,
          quota: storage,
          clock: systemClock,
          notices,
          userTrackers,
        }),
      )
      tipping.attach(engine, () => torrents.selected?.infoHash ?? null, core)
      attachSubtitles(engine)
    })
    .catch((error: unknown) => {
      notices.alert(describeError(error, t('app.engineUnavailable')))
      torrents.engineUnavailable(error)
    })

  // Unfinished payments from an earlier visit are followed to their end before anything else is paid.
  receipts
    .load((receipt, error) =>
      notices.alert(describeError(error, t('tip.checkFailed', { address: receipt.to }))),
    )
    .catch((error: unknown) => notices.alert(describeError(error, t('app.receiptsUnreadable'))))
  // A tipping session left open by an earlier visit (or a crash) carries on, or finishes ending.
  sessions.load().catch((error: unknown) => notices.alert(describeError(error, t('session.unreadable'))))
  // The node settings first: the wallet's connection is checked against the node the page will use.
  nodeSettings
    .load()
    .catch((error: unknown) => notices.alert(describeError(error, t('app.settingsUnreadable'))))
    .finally(() => void wallet.restore())

  const target = document.getElementById('app')
  if (!target) throw new Error('index.html has no #app element')
  mount(App, { target })
}

/**
 * Subtitles come with the engine (they read its files), in their own chunk: only a page that plays
 * something needs them, so they stay out of the initial load.
 */
function attachSubtitles(engine: TorrentEngine): void {
  Promise.all([import('./core/subtitles'), import('./db/subtitle-choices-db')])
    .then(([{ SubtitlesWorkflow }, choices]) =>
      subtitles.attach(
        new SubtitlesWorkflow({
          engine,
          choices: { load: choices.loadSubtitleChoice, save: choices.saveSubtitleChoice },
          delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        }),
      ),
    )
    .catch((error: unknown) => notices.alert(describeError(error, t('app.engineUnavailable'))))
}

/** A magnet link passed in the address (the protocol handler), removed so a reload does not add it again. */
function takeLaunchMagnet(): string | null {
  const url = new URL(location.href)
  const magnet = launchMagnet(url)
  if (magnet !== null) history.replaceState(history.state, '', withoutLaunchMagnet(url))
  return magnet
}

// The language first: every message and number is worded in it, and a French visitor never sees the
// English page flash by. (Not a top-level await: that would keep the bundler from sharing this
// chunk's modules with the lazily loaded ones, which would then need a chunk of their own.)
void locale.init().then(start)
