/**
 * Subtitle text formats turned into cues the page can show: SubRip (.srt) into WebVTT, WebVTT into
 * cues, and the text of an ASS/SSA event with its override tags stripped. Cue text keeps WebVTT's
 * own markup (<i>, <b>, <u>) and nothing else: it is given to VTTCue, which never reads it as HTML.
 */

export interface Cue {
  /** Seconds from the start of the media. */
  start: number
  end: number
  text: string
}

/** Longest cue text kept: a subtitle is a line or two; a megabyte of "text" is not one. */
export const MAX_CUE_TEXT = 2000

const SRT_TIME = /(\d{1,3}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})/g

/** SubRip as WebVTT: a header, dots in the timestamps, no cue numbers needed, formatting kept. */
export function srtToWebVtt(srt: string): string {
  const blocks = normalise(srt).split(/\n{2,}/)
  const out = ['WEBVTT', '']
  for (const block of blocks) {
    const lines = block.split('\n')
    const timing = lines.findIndex((line) => line.includes('-->'))
    if (timing < 0) continue
    const times = lines[timing]?.replace(
      SRT_TIME,
      (_, h: string, m: string, s: string, ms: string) =>
        `${h.padStart(2, '0')}:${m.padStart(2, '0')}:${s.padStart(2, '0')}.${ms.padEnd(3, '0')}`,
    )
    const text = lines
      .slice(timing + 1)
      .map(cueTextFromSrt)
      .join('\n')
      .trim()
    if (text) out.push(`${times ?? ''}\n${text}`, '')
  }
  return out.join('\n')
}

const VTT_TIME = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})$/

/** The cues of a WebVTT file (timing and text; cue settings, styles and regions are left out). */
export function parseWebVtt(vtt: string): Cue[] {
  const cues: Cue[] = []
  for (const block of normalise(vtt).split(/\n{2,}/)) {
    const lines = block.split('\n')
    const timing = lines.findIndex((line) => line.includes('-->'))
    if (timing < 0) continue
    const [from, rest] = (lines[timing] ?? '').split('-->')
    const start = vttSeconds(from?.trim() ?? '')
    const end = vttSeconds(rest?.trim().split(/\s+/)[0] ?? '')
    const text = lines
      .slice(timing + 1)
      .join('\n')
      .trim()
      .slice(0, MAX_CUE_TEXT)
    if (start === null || end === null || end < start || !text) continue
    cues.push({ start, end, text })
  }
  return cues
}

/**
 * The text of an ASS or SSA event as Matroska stores it (`ReadOrder, Layer, Style, Name, MarginL,
 * MarginR, MarginV, Effect, Text`, or the whole `Dialogue:` line's fields): the Text field without
 * its {override} blocks, \N and \n as line breaks, \h as a space.
 */
export function assEventText(event: string): string {
  let text = event
  for (let field = 0; field < 8; field += 1) {
    const comma = text.indexOf(',')
    if (comma < 0) return ''
    text = text.slice(comma + 1)
  }
  return plainAssText(text)
}

export function plainAssText(text: string): string {
  const plain = text
    .replace(/\{[^}]*\}/g, '')
    .replace(/\\[Nn]/g, '\n')
    .replace(/\\h/g, ' ')
  return escapeCueText(plain).trim().slice(0, MAX_CUE_TEXT)
}

/** SubRip text as WebVTT cue text: its <i>, <b>, <u> kept, other tags (<font>, {\an8}) dropped. */
export function cueTextFromSrt(line: string): string {
  const kept: string[] = []
  const marked = line
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/<\s*(\/?)\s*([ibu])\s*>/gi, (_, close: string, tag: string) => {
      kept.push(`<${close}${tag.toLowerCase()}>`)
      return `\uE000${kept.length - 1}\uE000`
    })
  const withoutTags = marked.replace(/<[^>]*>/g, '')
  return escapeCueText(withoutTags).replace(/\uE000(\d+)\uE000/g, (_, i: string) => kept[Number(i)] ?? '')
}

/** Plain text made safe as WebVTT cue text, where `&` and `<` would start markup. */
export function escapeCueText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function vttSeconds(stamp: string): number | null {
  const match = VTT_TIME.exec(stamp)
  if (!match) return null
  const [, h, m, s, ms] = match
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number((ms ?? '0').padEnd(3, '0')) / 1000
}

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}
