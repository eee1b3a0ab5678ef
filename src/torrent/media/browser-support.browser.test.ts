/**
 * What this Chromium's own decoders answer for the codecs films carry (nothing faked: the real
 * VideoDecoder and canPlayType). Debian's Chromium decodes H.264, VP9, AAC, Opus and MP3, and
 * neither HEVC nor Dolby audio, which is why the page reads the track list before playing.
 */
import { describe, expect, it } from 'vitest'
import { browserSupport } from './browser-support'
import type { TrackFacts } from './codecs'

const track = (kind: TrackFacts['kind'], codec: string, codecString: string): TrackFacts => ({
  kind,
  codec,
  codecString,
})

describe('browserSupport', () => {
  it('accepts the codecs the web plays', async () => {
    expect(await browserSupport.canDecode(track('video', 'avc', 'avc1.64001f'))).toBe(true)
    expect(await browserSupport.canDecode(track('video', 'vp9', 'vp09.00.10.08'))).toBe(true)
    expect(await browserSupport.canDecode(track('audio', 'aac', 'mp4a.40.2'))).toBe(true)
    expect(await browserSupport.canDecode(track('audio', 'opus', 'opus'))).toBe(true)
    expect(await browserSupport.canDecode(track('audio', 'mp3', 'mp3'))).toBe(true)
    expect(await browserSupport.canDecode(track('audio', 'pcm-s16', 'pcm-s16'))).toBe(true)
  })

  it('refuses HEVC and Dolby audio here', async () => {
    expect(await browserSupport.canDecode(track('video', 'hevc', 'hvc1.1.6.L93.B0'))).toBe(false)
    expect(await browserSupport.canDecode(track('audio', 'ac3', 'ac-3'))).toBe(false)
    expect(await browserSupport.canDecode(track('audio', 'eac3', 'ec-3'))).toBe(false)
  })

  it('refuses a track with no codec at all', async () => {
    expect(await browserSupport.canDecode({ kind: 'audio', codec: null, codecString: null })).toBe(false)
  })
})
