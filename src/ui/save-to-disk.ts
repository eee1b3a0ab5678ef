/**
 * The browser side of saving: the File System Access pickers where the browser has them, and a
 * download through a hidden frame for the streamed URLs the engine offers (the frame's request goes
 * through the service worker, which a link with `download` does not in Chromium).
 */
import type { SaveDownload, SaveOutcome } from '../torrent/engine/save-downloads'

interface PickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string }) => Promise<FileSystemFileHandle>
  showDirectoryPicker?: (options: { mode: 'readwrite' }) => Promise<FileSystemDirectoryHandle>
}

const pickers = (): PickerWindow => window as PickerWindow

export const canPickSaveFile = (): boolean => typeof pickers().showSaveFilePicker === 'function'

/** A declined picker is the user's choice, not a failure. */
const isDeclined = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'

/** The file the user chose to save to, or null when they declined. Call it first in a click handler. */
export async function pickSaveFile(suggestedName: string): Promise<FileSystemFileHandle | null> {
  const pick = pickers().showSaveFilePicker
  if (!pick) return null
  try {
    return await pick({ suggestedName })
  } catch (error) {
    if (isDeclined(error)) return null
    throw error
  }
}

/** The folder the user chose, or null when the browser has no folder picker or they declined. */
export async function pickFolder(): Promise<FileSystemDirectoryHandle | null> {
  const pick = pickers().showDirectoryPicker
  if (!pick) return null
  try {
    return await pick({ mode: 'readwrite' })
  } catch (error) {
    if (isDeclined(error)) return null
    throw error
  }
}

/** Starts the browser's download of `download.url` and settles with it; the frame goes afterwards. */
export async function downloadToDisk(download: SaveDownload): Promise<SaveOutcome> {
  const frame = document.createElement('iframe')
  frame.hidden = true
  frame.tabIndex = -1
  frame.setAttribute('aria-hidden', 'true')
  frame.src = download.url
  document.body.append(frame)
  try {
    return await download.finished
  } finally {
    // Removing the frame earlier could cancel a download whose answer has not started yet.
    frame.remove()
  }
}
