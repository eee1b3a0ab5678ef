/**
 * What this browser's own decoders accept, asked the way the media element and WebCodecs answer:
 * VideoDecoder.isConfigSupported for a video codec string (it consults the real decoder, where
 * MediaSource.isTypeSupported may say yes to HEVC that then decodes to a black picture), and
 * canPlayType for audio in the containers a browser knows.
 */
import type { DecoderSupport, TrackFacts } from './codecs'

const AUDIO_CONTAINERS = ['audio/mp4', 'audio/webm', 'audio/ogg']
/** Raw PCM has no codec string a browser would accept, yet every browser plays it in WAV. */
const RAW_AUDIO = /^(pcm-|ulaw$|alaw$)/

async function canDecodeVideo(codecString: string): Promise<boolean> {
  if ('VideoDecoder' in globalThis) {
    try {
      return (await VideoDecoder.isConfigSupported({ codec: codecString })).supported === true
    } catch {
      return false
    }
  }
  return 'MediaSource' in globalThis && MediaSource.isTypeSupported(`video/mp4; codecs="${codecString}"`)
}

function canDecodeAudio(codec: string | null, codecString: string): boolean {
  if (codec !== null && RAW_AUDIO.test(codec)) return true
  if (codec === 'mp3' && document.createElement('audio').canPlayType('audio/mpeg') !== '') return true
  const probe = document.createElement('audio')
  return AUDIO_CONTAINERS.some((type) => probe.canPlayType(`${type}; codecs="${codecString}"`) !== '')
}

export const browserSupport: DecoderSupport = {
  async canDecode(track: TrackFacts): Promise<boolean> {
    const codecString = track.codecString ?? track.codec
    if (codecString === null) return false
    return track.kind === 'video' ? canDecodeVideo(codecString) : canDecodeAudio(track.codec, codecString)
  },
}
