// Faked: the torrent engine (FakeTorrentEngine, with a torrent's file list, the file bytes "downloaded"
// so far and the subtitle file's blob set by the test), the choice store (a Map) and the delay (a
// millisecond, so the pass's waits cost nearly nothing). The MKV is a fixture made by ffmpeg.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FakeTorrentEngine } from '../testing/fake-torrent-engine'
import type { FileInfo } from '../torrent/engine/engine'
import { SubtitlesWorkflow, type Cue, type SubtitleTrack } from './subtitles'

const MKV = new Uint8Array(readFileSync(new URL('../torrent/media/fixtures/subtitled.mkv', import.meta.url)))
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

class SubtitledEngine extends FakeTorrentEngine {
  arrived = 0
  readonly blobs = new Map<number, Blob>()
  override downloadedBytes(
    _hash: string,
    _index: number,
    start: number,
    maxLength: number,
  ): Promise<Uint8Array> {
    return Promise.resolve(MKV.slice(start, Math.min(start + maxLength, this.arrived)))
  }
  override fileBlob(_hash: string, index: number): Promise<Blob> {
    const blob = this.blobs.get(index)
    return blob ? Promise.resolve(blob) : Promise.reject(new Error('not downloaded'))
  }
}

async function torrentWith(engine: SubtitledEngine, names: string[]): Promise<string> {
  const infoHash = await engine.seed([new File(['x'], names[0] ?? '')], { trackers: [] })
  const torrent = engine.torrents.get(infoHash)
  if (!torrent) throw new Error('no torrent')
  const files: FileInfo[] = names.map((name, index) => ({
    index,
    name,
    path: name,
    length: name.endsWith('.mkv') ? MKV.length : 100,
    progress: 0,
    media: null,
    wanted: true,
  }))
  torrent.info = { ...torrent.info, files }
  return infoHash
}

function listen() {
  const tracks: SubtitleTrack[] = []
  const cues = new Map<string, Cue[]>()
  return {
    tracks,
    cues,
    listener: {
      track: (track: SubtitleTrack) => tracks.push(track),
      cues: (id: string, more: readonly Cue[]) => cues.set(id, [...(cues.get(id) ?? []), ...more]),
    },
  }
}

function workflow(engine: SubtitledEngine, choices = new Map<string, string | null>()) {
  return new SubtitlesWorkflow({
    engine,
    choices: {
      load: (infoHash) => Promise.resolve(choices.get(infoHash) ?? null),
      save: (infoHash, id) => Promise.resolve(void choices.set(infoHash, id)),
    },
    delay: () => new Promise((resolve) => setTimeout(resolve, 1)),
  })
}

describe('SubtitlesWorkflow', () => {
  it('offers the subtitle files of the torrent, same name first, and reads one when asked', async () => {
    const engine = new SubtitledEngine()
    const infoHash = await torrentWith(engine, ['Other.vtt', 'Film.mp4', 'Film.en.srt', 'notes.txt'])
    engine.blobs.set(2, new Blob(['1\n00:00:01,000 --> 00:00:02,500\nHi <b>there</b>\n']))
    const { tracks, cues, listener } = listen()
    const session = workflow(engine).open(infoHash, 1, listener)
    expect(tracks).toEqual([
      { id: 'file:2', kind: 'file', language: 'en', fileName: 'Film.en.srt' },
      { id: 'file:0', kind: 'file', language: null, fileName: 'Other.vtt' },
    ])
    await session.load('file:2')
    expect(cues.get('file:2')).toEqual([{ start: 1, end: 2.5, text: 'Hi <b>there</b>' }])
    // A file that cannot be read yet fails this call, and may be asked for again.
    await expect(session.load('file:0')).rejects.toThrow('not downloaded')
    engine.blobs.set(0, new Blob(['WEBVTT\n\n00:01.000 --> 00:02.000\nLater\n']))
    await session.load('file:0')
    expect(cues.get('file:0')).toHaveLength(1)
  })

  it("offers an MKV's text tracks and gives their cues as the file's pieces arrive", async () => {
    const engine = new SubtitledEngine()
    const infoHash = await torrentWith(engine, ['film.mkv'])
    const { tracks, cues, listener } = listen()
    const session = workflow(engine).open(infoHash, 0, listener)
    await settle()
    expect(tracks).toEqual([])

    engine.arrived = 1500
    engine.emit({ type: 'piece-checked', infoHash, index: 0, passed: true })
    await expect.poll(() => tracks.length).toBe(2)
    expect(tracks[1]).toEqual({
      id: 'embedded:3',
      kind: 'embedded',
      language: 'fr',
      number: 3,
      name: 'Français',
    })
    const early = cues.get('embedded:2')?.length ?? 0
    expect(early).toBeLessThan(3)

    engine.arrived = MKV.length
    engine.emit({ type: 'piece-checked', infoHash, index: 1, passed: true })
    await expect.poll(() => cues.get('embedded:2')?.length).toBe(3)
    expect(cues.get('embedded:3')?.map((cue) => cue.text)).toEqual([
      'Embedded cue 1',
      'Embedded cue 2',
      'Embedded cue 3\nsecond line',
    ])
    session.close()
  })

  it('remembers the choice per torrent', async () => {
    const subtitles = workflow(new SubtitledEngine())
    await subtitles.saveChoice('a'.repeat(40), 'embedded:3')
    expect(await subtitles.savedChoice('a'.repeat(40))).toBe('embedded:3')
    expect(await subtitles.savedChoice('b'.repeat(40))).toBeNull()
  })
})
