/** Build-time choices. `npm start` and the tests build with a local tracker so nothing needs the internet. */
import { PUBLIC_WEBSOCKET_TRACKERS } from './torrent/input/trackers'

const localTracker: string | undefined = import.meta.env.VITE_LOCAL_TRACKER

export const DEFAULT_TRACKERS: readonly string[] = localTracker ? [localTracker] : PUBLIC_WEBSOCKET_TRACKERS

/** How often torrent statistics are copied into the UI state; events are far too frequent to follow. */
export const STATS_SAMPLE_INTERVAL_MS = 250
