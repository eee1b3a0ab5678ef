/**
 * Text subtitle tracks of a Matroska (MKV) file, read from its bytes as they download. The demuxer the
 * player uses does not read subtitles, and these are simple: the Tracks element names each track's
 * codec and language, and each subtitle event is one block in a cluster with its own time and
 * duration. One sequential pass reads only element headers and the subtitle blocks' bytes, skipping
 * video and audio by size, as far as the file has arrived, and carries on from there when more has.
 *
 * The input is untrusted: every size is bounded before anything is loaded, unknown sizes are allowed
 * only where Matroska allows them, and every step either moves forward in the file or leaves an open
 * element, so the pass always ends. What cannot be read is skipped, never retried.
 */
import { readElementHeader, readSigned16, readText, readUnsigned, readVint, type ElementHeader } from './ebml'
import { assEventText, cueTextFromSrt, MAX_CUE_TEXT, type Cue } from './subtitle-text'

/** Bytes of the file that have arrived. */
export interface ByteSource {
  readonly length: number
  /** The bytes from `start` that can be read now, at most `maxLength`: fewer, or none, when the rest has not arrived. */
  read(start: number, maxLength: number): Promise<Uint8Array>
}

export type SubtitleCodec = 'srt' | 'ass' | 'webvtt'

export interface EmbeddedSubtitleTrack {
  /** The track number blocks refer to. */
  number: number
  codec: SubtitleCodec
  /** ISO 639-2 (`eng`, `fra`) or BCP 47 (`en-US`) as the file says it. */
  language: string
  /** The track's title, when the file gives one. */
  name: string | null
}

export interface SubtitleSink {
  /** The file's text subtitle tracks, once its Tracks element has been read. */
  tracks(tracks: readonly EmbeddedSubtitleTrack[]): void
  cue(trackNumber: number, cue: Cue): void
}

/** What a call to `read` ended on: the bytes ran out for now, a step budget ran out, or the file is done. */
export type ReadState = 'waiting' | 'again' | 'done'

const ID = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  language: 0x22b59c,
  languageBcp47: 0x22b59d,
  name: 0x536e,
  defaultDuration: 0x23e383,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  blockDuration: 0x9b,
} as const

/** Elements that sit directly in the Segment: one of them ends a cluster whose size is unknown. */
const SEGMENT_CHILDREN = new Set([
  0x114d9b74,
  ID.info,
  ID.tracks,
  ID.cluster,
  0x1c53bb6b,
  0x1941a469,
  0x1043a770,
  0x1254c367,
])

/** The elements this reader enters rather than reads whole. */
const MASTERS = new Set<number>([ID.segment, ID.info, ID.cluster])

const CODECS: Readonly<Record<string, SubtitleCodec>> = {
  'S_TEXT/UTF8': 'srt',
  'S_TEXT/ASCII': 'srt',
  'S_TEXT/ASS': 'ass',
  'S_TEXT/SSA': 'ass',
  S_ASS: 'ass',
  S_SSA: 'ass',
  'S_TEXT/WEBVTT': 'webvtt',
  'D_WEBVTT/SUBTITLES': 'webvtt',
  'D_WEBVTT/CAPTIONS': 'webvtt',
}

/**
 * Bounds on what is loaded at once; larger elements are skipped unread. A read is at least a window:
 * enough for the headers of a run of small audio blocks, while a video frame (tens of kilobytes) is
 * skipped after reading little more than its header.
 */
const WINDOW_BYTES = 4 * 1024
const MAX_TRACKS_BYTES = 1024 * 1024
const MAX_BLOCK_GROUP_BYTES = 256 * 1024
const MAX_SUBTITLE_BLOCK_BYTES = 64 * 1024
const MAX_DEPTH = 4
const MAX_TRACKS = 64
/** A subtitle block without a duration (SimpleBlock) shows this long, in seconds. */
const DEFAULT_CUE_SECONDS = 4
/** Elements handled per call before the caller gets the thread back. */
const STEPS_PER_CALL = 4000

interface Open {
  id: number
  end: number
  unknownSize: boolean
}

export class MatroskaSubtitleReader {
  readonly #source: ByteSource
  readonly #sink: SubtitleSink
  #position = 0
  readonly #open: Open[] = []
  #scale = 1_000_000
  #clusterTime = 0
  #tracks = new Map<number, EmbeddedSubtitleTrack & { defaultSeconds: number | null }>()
  #window: { start: number; bytes: Uint8Array } = { start: 0, bytes: new Uint8Array(0) }
  #done = false

  constructor(source: ByteSource, sink: SubtitleSink) {
    this.#source = source
    this.#sink = sink
  }

  /** Where the pass has got to in the file, in bytes. */
  get position(): number {
    return this.#position
  }

  /** Reads on as far as the bytes that have arrived allow (or a step budget; then call again). */
  async read(): Promise<ReadState> {
    for (let step = 0; step < STEPS_PER_CALL; step += 1) {
      if (this.#done) return 'done'
      const state = await this.#step()
      if (state !== 'again') return state
    }
    return 'again'
  }

  async #step(): Promise<ReadState> {
    const length = this.#source.length
    while (this.#open.length > 0 && this.#position >= (this.#open.at(-1)?.end ?? 0)) this.#open.pop()
    if (this.#position >= length) return this.#finish()
    const headerBytes = await this.#bytes(this.#position, Math.min(12, length - this.#position))
    if (!headerBytes) return 'waiting'
    const header = readElementHeader(headerBytes, 0)
    // Twelve bytes (or the rest of the file) hold any valid header: missing bytes here mean a damaged file.
    if (typeof header === 'string') return this.#finish()
    const parent = this.#open.at(-1)
    if (parent?.id === ID.cluster && parent.unknownSize && SEGMENT_CHILDREN.has(header.id)) {
      this.#open.pop()
      return 'again'
    }
    const dataStart = this.#position + header.headerLength
    const end = header.size === null ? (parent?.end ?? length) : dataStart + header.size
    // An element running past the end of the file can never be read whole: the file is cut or damaged.
    if (end > length && !MASTERS.has(header.id)) return this.#finish()
    return this.#element(header, dataStart, end)
  }

  async #element(header: ElementHeader, dataStart: number, end: number): Promise<ReadState> {
    switch (header.id) {
      case ID.segment:
      case ID.info:
      case ID.cluster:
        return this.#enter(header, dataStart, end)
      case ID.timecodeScale:
      case ID.timecode: {
        const bytes = await this.#bytes(dataStart, Math.min(8, end - dataStart))
        if (!bytes) return 'waiting'
        const value = readUnsigned(bytes, 0, bytes.length)
        if (header.id === ID.timecode) this.#clusterTime = value
        else if (value > 0 && value <= 1_000_000_000) this.#scale = value
        return this.#skipTo(end)
      }
      case ID.tracks:
        return this.#readTracks(header, dataStart, end)
      case ID.simpleBlock:
        return this.#readSimpleBlock(header, dataStart, end)
      case ID.blockGroup:
        return this.#readBlockGroup(header, dataStart, end)
      default:
        // Only master elements may have an unknown size; any other element of unknown size ends the pass.
        return header.size === null ? this.#finish() : this.#skipTo(end)
    }
  }

  #enter(header: ElementHeader, dataStart: number, end: number): ReadState {
    if (this.#open.length >= MAX_DEPTH) return this.#finish()
    if (header.id === ID.cluster) this.#clusterTime = 0
    this.#open.push({
      id: header.id,
      end: Math.min(end, this.#source.length),
      unknownSize: header.size === null,
    })
    this.#position = dataStart
    return 'again'
  }

  async #readTracks(header: ElementHeader, dataStart: number, end: number): Promise<ReadState> {
    if (header.size === null || header.size > MAX_TRACKS_BYTES) return this.#skipTo(end)
    const bytes = await this.#bytes(dataStart, header.size)
    if (!bytes) return 'waiting'
    for (const entry of children(bytes, 0, bytes.length)) {
      if (entry.id !== ID.trackEntry || this.#tracks.size >= MAX_TRACKS) continue
      const track = parseTrackEntry(bytes.subarray(entry.start, entry.end))
      if (track) this.#tracks.set(track.number, { ...track, defaultSeconds: track.defaultSeconds })
    }
    this.#sink.tracks(
      [...this.#tracks.values()].map(({ number, codec, language, name }) => ({
        number,
        codec,
        language,
        name,
      })),
    )
    return this.#skipTo(end)
  }

  async #readSimpleBlock(header: ElementHeader, dataStart: number, end: number): Promise<ReadState> {
    if (header.size === null) return this.#finish()
    const head = await this.#bytes(dataStart, Math.min(12, header.size))
    if (!head) return 'waiting'
    const track = readVint(head, 0, 8)
    if (typeof track === 'string' || !this.#tracks.has(track.value)) return this.#skipTo(end)
    if (header.size > MAX_SUBTITLE_BLOCK_BYTES) return this.#skipTo(end)
    const bytes = await this.#bytes(dataStart, header.size)
    if (!bytes) return 'waiting'
    this.#emitBlock(bytes, null)
    return this.#skipTo(end)
  }

  async #readBlockGroup(header: ElementHeader, dataStart: number, end: number): Promise<ReadState> {
    if (header.size === null) return this.#finish()
    if (this.#tracks.size === 0 || header.size > MAX_BLOCK_GROUP_BYTES) return this.#skipTo(end)
    const bytes = await this.#bytes(dataStart, header.size)
    if (!bytes) return 'waiting'
    let block: Uint8Array | null = null
    let duration: number | null = null
    for (const child of children(bytes, 0, bytes.length)) {
      if (child.id === ID.block) block = bytes.subarray(child.start, child.end)
      if (child.id === ID.blockDuration) duration = readUnsigned(bytes, child.start, child.end - child.start)
    }
    if (block) this.#emitBlock(block, duration)
    return this.#skipTo(end)
  }

  /** One subtitle event: the block's track, its time relative to the cluster, and its text. */
  #emitBlock(block: Uint8Array, duration: number | null): void {
    const track = readVint(block, 0, 8)
    if (typeof track === 'string' || block.length < track.length + 3) return
    const entry = this.#tracks.get(track.value)
    if (!entry) return
    const flags = block[track.length + 2] ?? 0
    // Lacing packs several frames in one block; text subtitles are never laced, so such a block is not one.
    if ((flags & 0x06) !== 0) return
    const start = ((this.#clusterTime + readSigned16(block, track.length)) * this.#scale) / 1e9
    const seconds =
      duration !== null ? (duration * this.#scale) / 1e9 : (entry.defaultSeconds ?? DEFAULT_CUE_SECONDS)
    const text = cueText(
      entry.codec,
      readText(block.subarray(track.length + 3, track.length + 3 + MAX_CUE_TEXT * 4)),
    )
    if (!text || !Number.isFinite(start) || start < 0 || !Number.isFinite(seconds)) return
    this.#sink.cue(track.value, { start, end: start + Math.max(seconds, 0), text })
  }

  #skipTo(end: number): ReadState {
    this.#position = end
    return 'again'
  }

  #finish(): ReadState {
    this.#done = true
    this.#window = { start: 0, bytes: new Uint8Array(0) }
    return 'done'
  }

  /** `length` bytes at `start`, from the window or read anew; null when they have not all arrived. */
  async #bytes(start: number, length: number): Promise<Uint8Array | null> {
    const window = this.#window
    const offset = start - window.start
    if (offset >= 0 && offset + length <= window.bytes.length)
      return window.bytes.subarray(offset, offset + length)
    const bytes = await this.#source.read(start, Math.max(length, WINDOW_BYTES))
    this.#window = { start, bytes }
    return bytes.length >= length ? bytes.subarray(0, length) : null
  }
}

function cueText(codec: SubtitleCodec, raw: string): string {
  if (codec === 'ass') return assEventText(raw)
  const text = raw.replace(/\r\n?/g, '\n').trim()
  return (codec === 'srt' ? text.split('\n').map(cueTextFromSrt).join('\n') : text).slice(0, MAX_CUE_TEXT)
}

interface Child {
  id: number
  start: number
  end: number
}

/** The elements in `bytes[start, end)`, each with a known size inside it; stops at the first that is not. */
function* children(bytes: Uint8Array, start: number, end: number): Generator<Child> {
  let position = start
  while (position < end) {
    const header = readElementHeader(bytes.subarray(0, end), position)
    if (typeof header === 'string' || header.size === null) return
    const dataStart = position + header.headerLength
    const dataEnd = dataStart + header.size
    if (dataEnd > end) return
    yield { id: header.id, start: dataStart, end: dataEnd }
    position = dataEnd
  }
}

function parseTrackEntry(
  bytes: Uint8Array,
): (EmbeddedSubtitleTrack & { defaultSeconds: number | null }) | null {
  let number = 0
  let type = 0
  let codecId = ''
  let language = 'eng'
  let bcp47: string | null = null
  let name: string | null = null
  let defaultSeconds: number | null = null
  for (const child of children(bytes, 0, bytes.length)) {
    const value = bytes.subarray(child.start, child.end)
    switch (child.id) {
      case ID.trackNumber:
        number = readUnsigned(value, 0, value.length)
        break
      case ID.trackType:
        type = readUnsigned(value, 0, value.length)
        break
      case ID.codecId:
        codecId = readText(value.subarray(0, 64))
        break
      case ID.language:
        language = readText(value.subarray(0, 16))
        break
      case ID.languageBcp47:
        bcp47 = readText(value.subarray(0, 35))
        break
      case ID.name:
        name = readText(value.subarray(0, 256)) || null
        break
      case ID.defaultDuration:
        defaultSeconds = readUnsigned(value, 0, value.length) / 1e9
        break
    }
  }
  const codec = CODECS[codecId]
  // Track type 0x11 is "subtitle"; the codec id alone decides for files that leave the type out.
  if (!codec || number <= 0 || (type !== 0 && type !== 0x11)) return null
  return { number, codec, language: bcp47 ?? language, name, defaultSeconds }
}
