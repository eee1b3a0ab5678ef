/**
 * Reads a file's track list through byte-range reads of the stream (the demuxer asks for the
 * header, the index, a few packets; the stream fetches those pieces first). The demuxer (mediabunny)
 * is loaded here, on the first Play, never with the page.
 */
import type { ContainerFacts, TrackFacts } from './codecs'
import type { RangeReader } from './range-reader'

/** Enough for headers and indexes; the demuxer's default (64 MiB) would hold a film's worth. */
const PROBE_CACHE_BYTES = 8 * 1024 * 1024

export async function probeContainer(reader: RangeReader): Promise<ContainerFacts> {
  const { ALL_FORMATS, CustomSource, Input } = await import('mediabunny')
  const input = new Input({
    source: new CustomSource({
      getSize: () => reader.size(),
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
