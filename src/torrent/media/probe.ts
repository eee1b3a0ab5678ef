/**
 * Reads a file's track list through byte-range reads of the stream (the demuxer asks for the
 * header, the index, a few packets; the stream fetches those pieces first). The demuxer (mediabunny)
 * is loaded here, on the first Play, never with the page.
 *
 * The file's head is read first, as if the file ended there: a Matroska file lists its tracks at its
 * start but its index (Cues) usually at its end, and the demuxer reads that index before it answers.
 * On a slow link the last pieces wait behind the player's window, so the track list (and with it
 * the Dolby sound) would wait for most of the film. Only when the head alone names no track (an MP4
 * whose index is at its end) is the whole file read.
 */
import type { ContainerFacts, TrackFacts } from './codecs'
import type { RangeReader } from './range-reader'

/** Enough for headers and indexes; the demuxer's default (64 MiB) would hold a film's worth. */
const PROBE_CACHE_BYTES = 8 * 1024 * 1024
/** The head read first: a Matroska or faststart MP4 header fits many times over. */
export const PROBE_HEAD_BYTES = 2 * 1024 * 1024

export async function probeContainer(
  reader: RangeReader,
  headBytes = PROBE_HEAD_BYTES,
): Promise<ContainerFacts> {
  const size = await reader.size()
  if (size > headBytes) {
    const head = await probeFirst(reader, headBytes).catch(() => null)
    if (head && head.tracks.length > 0) return head
  }
  return probeFirst(reader, size)
}

/** The track list of the file's first `length` bytes, read as if the file ended there. */
async function probeFirst(reader: RangeReader, length: number): Promise<ContainerFacts> {
  const { ALL_FORMATS, CustomSource, Input } = await import('mediabunny')
  const input = new Input({
    source: new CustomSource({
      getSize: () => length,
      read: (start, end) => reader.read(start, end),
      maxCacheSize: PROBE_CACHE_BYTES,
      prefetchProfile: 'network',
    }),
    formats: ALL_FORMATS,
  })
  try {
    if (!(await input.canRead())) return { container: null, tracks: [] }
    const format = await input.getFormat()
    const tracks: TrackFacts[] = []
    for (const track of await input.getTracks()) {
      if (!track.isVideoTrack() && !track.isAudioTrack()) continue
      tracks.push({
        kind: track.isVideoTrack() ? 'video' : 'audio',
        codec: track.codec,
        codecString: await track.getCodecParameterString().catch(() => null),
      })
    }
    return { container: format.name, tracks }
  } finally {
    input.dispose()
  }
}
