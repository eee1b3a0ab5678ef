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
import { EngineTab } from './core/engine-tab'
import { engineLock, tabChannel } from './adapters/engine-tab-ports'
import { engineTab } from './state/engine-tab.svelte'
import { UserFacingError } from './shared/errors'

/** How long a tab waits for the tab running the engine to answer (a magnet, a request to take over). */
const TAB_ANSWER_MS = 2_000

function start(): void {
  const streamWorker = registerStreamWorker()
  streamWorker.catch((error: unknown) => notices.alert(describeError(error, t('app.noStreaming'))))

  const magnet = takeLaunchMagnet()
  const settingsLoaded = settings
    .load()
    .catch((error: unknown) => notices.alert(describeError(error, t('app.settingsUnreadable'))))
    .finally(() => torrents.applyLimits())

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

  // One tab of the app runs the engine (src/core/engine-tab.ts); this one builds it only when it may.
  let engineStarted: Promise<(() => Promise<void>) | null> = Promise.resolve(null)
  const coordinator = new EngineTab({
    lock: engineLock,
    channel: tabChannel(),
    tabId: crypto.randomUUID(),
    run: () => {
      engineStarted = startEngine(streamWorker, core)
    },
    stop: async () => {
      // The session first (it may refuse, and then nothing is stopped), the engine last.
      await core.sessions.handOver()
      await (
        await engineStarted
      )?.()
    },
    reload: () => location.reload(),
    offer: (text) => launch.offer(text),
    answerWithinMs: TAB_ANSWER_MS,
    delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  })
  engineTab.attach(coordinator)
  torrents.idle(async () => {
    if (!(await coordinator.claim())) throw new UserFacingError(t('tabs.addElsewhere'))
  })
  const role = loadLibrary().then(
    (entries) => coordinator.start(entries.length > 0),
    // Unreadable: the engine's own restore says why.
    () => coordinator.start(true),
  )
  void Promise.all([role, settingsLoaded]).then(async ([decided]) => {
    if (magnet === null) return
    // Any page can open this address: the user is asked first (M2 of the money audit), in the tab
    // that runs the engine. Once they say yes it takes the add box's path, after the settings so a
    // magnet without trackers gets theirs.
    if (decided !== 'running' && (await coordinator.send(magnet))) engineTab.magnetWentElsewhere()
    else launch.offer(magnet)
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
 * Builds the engine (its code loaded beside the first paint), restores the library and carries on a
 * tipping session another tab handed over. Resolves with the engine's clean stop, or null when its
 * code could not be loaded.
 */
async function startEngine(
  streamWorker: Promise<ServiceWorkerRegistration>,
  core: ReturnType<typeof moneyCore>,
): Promise<(() => Promise<void>) | null> {
  try {
    const { createEngine } = await import('./engine-root')
    const engine = createEngine(streamWorker)
    const repository = {
      load: loadLibrary,
      save: saveEntry,
      delete: deleteEntry,
      deleteAll: deleteAllEntries,
    }
    const userTrackers = () => settings.trackers
    const detach = torrents.attach(
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
    void core.sessions.carryOn((error) => notices.alert(describeError(error, t('session.resumeFailed'))))
    return async () => {
      detach()
      await engine.destroy()
    }
  } catch (error) {
    notices.alert(describeError(error, t('app.engineUnavailable')))
    torrents.engineUnavailable(error)
    return null
  }
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
