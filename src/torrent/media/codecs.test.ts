/** The playability decision, with the browser's decoder answers faked (a set of codecs it decodes). */
import { describe, expect, it } from 'vitest'
import { codecName, judge, type DecoderSupport, type TrackFacts } from './codecs'

const decodes = (...codecs: string[]): DecoderSupport => ({
  canDecode: (track) => Promise.resolve(track.codec !== null && codecs.includes(track.codec)),
})
const video = (codec: string | null): TrackFacts => ({ kind: 'video', codec, codecString: null })
const audio = (codec: string | null): TrackFacts => ({ kind: 'audio', codec, codecString: null })
const chromium = decodes('avc', 'vp9', 'aac', 'opus', 'mp3')

describe('codecName', () => {
  it('names codecs as people know them', () => {
    expect(codecName('hevc')).toBe('HEVC (H.265)')
    expect(codecName('ac3')).toBe('Dolby Digital (AC-3)')
    expect(codecName('eac3')).toBe('Dolby Digital Plus (E-AC-3)')
    expect(codecName('dts')).toBe('DTS')
    expect(codecName('pcm-s16')).toBe('PCM')
    expect(codecName('weird')).toBe('weird')
    expect(codecName(null)).toBe('?')
  })
})

describe('judge', () => {
  it('plays what the browser decodes', async () => {
    expect(await judge({ container: 'MP4', tracks: [video('avc'), audio('aac')] }, chromium)).toEqual({
      kind: 'plays',
    })
    expect(await judge({ container: 'MP3', tracks: [audio('mp3')] }, chromium)).toEqual({ kind: 'plays' })
  })

  it('refuses a video codec the browser cannot decode, naming it', async () => {
    expect(await judge({ container: 'MP4', tracks: [video('hevc'), audio('aac')] }, chromium)).toEqual({
      kind: 'cannot',
      reason: { kind: 'video-codec', codec: 'HEVC (H.265)' },
    })
  })

  it('decodes AC-3 and E-AC-3 in the page when the browser cannot', async () => {
    expect(await judge({ container: 'Matroska', tracks: [video('avc'), audio('ac3')] }, chromium)).toEqual({
      kind: 'page-audio',
      codec: 'ac3',
    })
    expect(await judge({ container: 'MP4', tracks: [video('avc'), audio('eac3')] }, chromium)).toEqual({
      kind: 'page-audio',
      codec: 'eac3',
    })
  })

  it('leaves AC-3 to a browser that decodes it', async () => {
    const withDolby = decodes('avc', 'ac3')
    expect(await judge({ container: 'MP4', tracks: [video('avc'), audio('ac3')] }, withDolby)).toEqual({
      kind: 'plays',
    })
  })

  it('refuses audio no decoder handles (DTS, unknown)', async () => {
    expect(await judge({ container: 'Matroska', tracks: [video('avc'), audio('dts')] }, chromium)).toEqual({
      kind: 'cannot',
      reason: { kind: 'audio-codec', codec: 'DTS' },
    })
    expect(await judge({ container: 'Matroska', tracks: [audio(null)] }, chromium)).toEqual({
      kind: 'cannot',
      reason: { kind: 'audio-codec', codec: '?' },
    })
  })

  it('judges the video first: HEVC with AC-3 is refused for its picture', async () => {
    expect(await judge({ container: 'Matroska', tracks: [video('hevc'), audio('ac3')] }, chromium)).toEqual({
      kind: 'cannot',
      reason: { kind: 'video-codec', codec: 'HEVC (H.265)' },
    })
  })

  it('refuses a container the demuxer cannot read', async () => {
    expect(await judge({ container: null, tracks: [] }, chromium)).toEqual({
      kind: 'cannot',
      reason: { kind: 'container', container: '?' },
    })
  })
})
