/**
 * Which subtitle files of a torrent go with a video, found by name: `Film.srt`, `Film.en.srt` and
 * `Film.English.vtt` beside `Film.mkv` first, then every other subtitle file of the torrent (a
 * `Subs/` folder, a differently named release). The language comes from the name when it says one.
 */

export type SubtitleFileFormat = 'srt' | 'vtt'

export interface SubtitleFile {
  index: number
  name: string
  format: SubtitleFileFormat
  /** A BCP 47 language tag read from the name (`en`, `pt-BR`), or null when the name names none. */
  language: string | null
  /** True when the file's name starts with the video's own base name. */
  sameName: boolean
}

/** Larger files are not subtitles (a feature film's SubRip is a few hundred kilobytes at most). */
export const MAX_SUBTITLE_FILE_BYTES = 4 * 1024 * 1024

const WORDS: Readonly<Record<string, string>> = {
  english: 'en',
  eng: 'en',
  french: 'fr',
  francais: 'fr',
  français: 'fr',
  fre: 'fr',
  fra: 'fr',
  german: 'de',
  deutsch: 'de',
  ger: 'de',
  deu: 'de',
  spanish: 'es',
  espanol: 'es',
  español: 'es',
  spa: 'es',
  italian: 'it',
  ita: 'it',
  portuguese: 'pt',
  por: 'pt',
  dutch: 'nl',
  nld: 'nl',
  dut: 'nl',
  russian: 'ru',
  rus: 'ru',
  japanese: 'ja',
  jpn: 'ja',
  chinese: 'zh',
  chi: 'zh',
  zho: 'zh',
}

export function subtitleFilesFor(
  videoName: string,
  files: readonly { index: number; name: string; length: number }[],
): SubtitleFile[] {
  const base = baseName(videoName).toLowerCase()
  const found: SubtitleFile[] = []
  for (const file of files) {
    const format = formatOf(file.name)
    if (!format || file.length > MAX_SUBTITLE_FILE_BYTES) continue
    const stem = baseName(file.name)
    const sameName = stem.toLowerCase() === base || stem.toLowerCase().startsWith(`${base}.`)
    found.push({ index: file.index, name: file.name, format, language: languageOf(stem), sameName })
  }
  // Stable: same-name files first, each group in the torrent's own order.
  return [...found.filter((file) => file.sameName), ...found.filter((file) => !file.sameName)]
}

function formatOf(name: string): SubtitleFileFormat | null {
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
  return extension === 'srt' || extension === 'vtt' ? extension : null
}

function baseName(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}

/** The last dotted (or dashed, underscored) word of a name, when it is a language: `Film.en`, `Film_French`. */
export function languageOf(stem: string): string | null {
  const word =
    stem
      .split(/[._\s-]/)
      .at(-1)
      ?.toLowerCase() ?? ''
  const tag = stem.match(/[._]([a-z]{2,3}-[A-Za-z]{2})$/)?.[1]
  if (tag) return tag
  if (WORDS[word]) return WORDS[word]
  if (/^[a-z]{2}$/.test(word) && isLanguage(word)) return word
  return null
}

/** Matroska's ISO 639-2 codes (bibliographic or terminology) as the BCP 47 tags browsers know. */
export function languageTag(code: string): string | null {
  const lower = code.trim().toLowerCase()
  if (!lower || lower === 'und' || lower === 'mul' || lower === 'zxx') return null
  if (WORDS[lower]) return WORDS[lower]
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lower) && isLanguage(lower) ? lower : null
}

function isLanguage(tag: string): boolean {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(tag)
    return name !== undefined && name.toLowerCase() !== tag
  } catch {
    return false
  }
}
