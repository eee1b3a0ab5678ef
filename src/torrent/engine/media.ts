/** Which files the browser can play inline, judged by extension (torrents carry no MIME types). */

export type MediaKind = 'video' | 'audio'

const VIDEO_EXTENSIONS = new Set(['mp4', 'm4v', 'webm', 'mkv', 'mov', 'ogv'])
const AUDIO_EXTENSIONS = new Set(['mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'wav', 'flac', 'weba'])

export function mediaKindOf(fileName: string): MediaKind | null {
  const dot = fileName.lastIndexOf('.')
  if (dot < 0) return null
  const extension = fileName.slice(dot + 1).toLowerCase()
  if (VIDEO_EXTENSIONS.has(extension)) return 'video'
  if (AUDIO_EXTENSIONS.has(extension)) return 'audio'
  return null
}

/** Containers no browser plays, by extension, with the name people know them by. */
const UNPLAYABLE_CONTAINERS: Readonly<Record<string, string>> = {
  avi: 'AVI',
  wmv: 'Windows Media (WMV)',
  asf: 'Windows Media (ASF)',
  flv: 'Flash Video (FLV)',
  rm: 'RealMedia',
  rmvb: 'RealMedia',
  vob: 'DVD video (VOB)',
  mpg: 'MPEG program stream',
  mpeg: 'MPEG program stream',
  '3gp': '3GP',
}

/** The container's name when the file is a video no browser plays (an AVI), so the row can say why. */
export function unplayableContainerOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.')
  if (dot < 0) return null
  return UNPLAYABLE_CONTAINERS[fileName.slice(dot + 1).toLowerCase()] ?? null
}
