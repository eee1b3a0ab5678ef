/**
 * Realistic media made by ffmpeg on the fly, for the end-to-end tests and the benchmark: real
 * containers (MP4, MKV, WebM, AVI) and real codecs (H.264, HEVC, VP9, AAC, AC-3, E-AC-3) at real
 * bitrates, so streaming, probing and decoding meet what a user's films contain. Nothing is
 * committed: each file is made once per machine into the temporary folder, named by a hash of its
 * ffmpeg arguments, so a changed recipe makes a new file and an unchanged one costs nothing.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const CACHE_DIR = join(tmpdir(), 'tipping-torrent-media')

/** A file made by ffmpeg from `args` (inputs, codecs, options; the output path is appended). */
export interface MediaRecipe {
  /** The file name the torrent will carry, with its extension (it picks the container). */
  readonly fileName: string
  readonly args: readonly string[]
  /** Extra files ffmpeg reads, written beside the output first (name → content), e.g. subtitles. */
  readonly inputs?: Readonly<Record<string, string>>
}

const inFlight = new Map<string, Promise<string>>()

/** The path of the file the recipe makes, made now if this machine has not made it before. */
export function makeMedia(recipe: MediaRecipe): Promise<string> {
  const key = createHash('sha256')
    .update(JSON.stringify([recipe.fileName, recipe.args, recipe.inputs ?? {}]))
    .digest('hex')
    .slice(0, 16)
  const dir = join(CACHE_DIR, key)
  const path = join(dir, recipe.fileName)
  const pending = inFlight.get(path)
  if (pending) return pending
  const made = existsSync(path) ? Promise.resolve(path) : encode(recipe, dir, path)
  inFlight.set(path, made)
  return made
}

async function encode(recipe: MediaRecipe, dir: string, path: string): Promise<string> {
  mkdirSync(dir, { recursive: true })
  for (const [name, content] of Object.entries(recipe.inputs ?? {})) writeFileSync(join(dir, name), content)
  // Written under a temporary name and renamed, so a run killed mid-encode never leaves a
  // truncated file that a later run would take for a finished one.
  const partial = join(dir, `partial-${process.pid}-${recipe.fileName}`)
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...recipe.args, partial], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  })
  renameSync(partial, path)
  return path
}

// ---- Building blocks -------------------------------------------------------------------------

/** A moving test pattern with a running clock, so frames differ and seeking is visible. */
export function patternVideo(seconds: number, size = '1280x720', rate = 30): string[] {
  return ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`]
}

/** A tone that beeps four times a second: audible, and its level is easy to measure. */
export function beepingTone(seconds: number, frequency = 440): string[] {
  return [
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${frequency}:beep_factor=4:duration=${seconds}:sample_rate=48000`,
  ]
}

/** H.264 encoded as fast as x264 goes, in the 4:2:0 pixels every decoder takes. */
const fastH264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']

/**
 * Constant-bitrate H.264: x264 pads the simple test pattern with filler so the file really weighs
 * `mbps` × seconds, as a film of that bitrate would. A keyframe every second keeps seeks cheap.
 */
export function h264(mbps: number, rate = 30): string[] {
  const bits = `${mbps}M`
  return [
    ...fastH264,
    '-g',
    String(rate),
    '-b:v',
    bits,
    '-minrate',
    bits,
    '-maxrate',
    bits,
    '-bufsize',
    `${mbps * 2}M`,
    '-x264-params',
    'nal-hrd=cbr:force-cfr=1',
  ]
}

// ---- Recipes ---------------------------------------------------------------------------------

/** H.264 + AAC in MP4; `faststart` puts the index first, as sites publishing for the web do. */
export function h264AacMp4(options: {
  seconds: number
  mbps: number
  faststart: boolean
  fileName?: string
}): MediaRecipe {
  const { seconds, mbps, faststart } = options
  return {
    fileName: options.fileName ?? `h264-aac-${mbps}mbps-${seconds}s${faststart ? '' : '-index-last'}.mp4`,
    args: [
      ...patternVideo(seconds),
      ...beepingTone(seconds),
      ...h264(mbps),
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      ...(faststart ? ['-movflags', '+faststart'] : []),
    ],
  }
}

/** H.264 with Dolby audio (AC-3, or E-AC-3) in Matroska, as films are commonly shared. */
export function h264DolbyMkv(options: {
  seconds: number
  mbps: number
  audio: 'ac3' | 'eac3'
  fileName?: string
}): MediaRecipe {
  const { seconds, mbps, audio } = options
  return {
    fileName: options.fileName ?? `h264-${audio}-${mbps}mbps-${seconds}s.mkv`,
    args: [...patternVideo(seconds), ...beepingTone(seconds), ...h264(mbps), '-c:a', audio, '-b:a', '384k'],
  }
}

/** H.264 + AAC in Matroska. */
export function h264AacMkv(options: { seconds: number; mbps: number; fileName?: string }): MediaRecipe {
  const { seconds, mbps } = options
  return {
    fileName: options.fileName ?? `h264-aac-${mbps}mbps-${seconds}s.mkv`,
    args: [...patternVideo(seconds), ...beepingTone(seconds), ...h264(mbps), '-c:a', 'aac', '-b:a', '128k'],
  }
}

/** HEVC + AAC in MP4 (tagged hvc1, as Apple devices write it). */
export function hevcMp4(options: { seconds: number; fileName?: string }): MediaRecipe {
  const { seconds } = options
  return {
    fileName: options.fileName ?? `hevc-aac-${seconds}s.mp4`,
    args: [
      ...patternVideo(seconds, '640x360'),
      ...beepingTone(seconds),
      '-c:v',
      'libx265',
      '-preset',
      'ultrafast',
      '-x265-params',
      'log-level=error',
      '-tag:v',
      'hvc1',
      '-c:a',
      'aac',
      '-movflags',
      '+faststart',
    ],
  }
}

/** MPEG-4 part 2 + MP3 in AVI: a container no browser plays. */
export function mpeg4Avi(options: { seconds: number; fileName?: string }): MediaRecipe {
  const { seconds } = options
  return {
    fileName: options.fileName ?? `mpeg4-mp3-${seconds}s.avi`,
    args: [
      ...patternVideo(seconds, '640x360'),
      ...beepingTone(seconds),
      '-c:v',
      'mpeg4',
      '-c:a',
      'libmp3lame',
    ],
  }
}

/** VP9 + Opus in WebM, index at the front. */
export function vp9Webm(options: { seconds: number; kbps: number; fileName?: string }): MediaRecipe {
  const { seconds, kbps } = options
  return {
    fileName: options.fileName ?? `vp9-opus-${kbps}k-${seconds}s.webm`,
    args: [
      ...patternVideo(seconds, '640x360'),
      ...beepingTone(seconds),
      '-c:v',
      'libvpx-vp9',
      '-b:v',
      `${kbps}k`,
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-row-mt',
      '1',
      '-g',
      '30',
      '-c:a',
      'libopus',
      '-cues_to_front',
      '1',
      '-reserve_index_space',
      '65536',
    ],
  }
}

/**
 * A sync clip: the picture is black except for one white frame at each whole second, and the sound
 * is silent except for a 1 kHz beep starting on the same frames (50 ms). A test that sees the flash
 * and hears the beep can measure how far sound and picture drift apart.
 */
export function flashBeep(options: {
  seconds: number
  audio: 'aac' | 'ac3' | 'eac3'
  container: 'mkv' | 'mp4'
  fileName?: string
}): MediaRecipe {
  const { seconds, audio, container } = options
  const rate = 25
  return {
    fileName: options.fileName ?? `flash-beep-h264-${audio}-${seconds}s.${container}`,
    args: [
      '-f',
      'lavfi',
      '-i',
      `color=c=black:size=640x360:rate=${rate}:duration=${seconds},geq=lum='if(lt(mod(N\\,${rate})\\,1)\\,235\\,16)':cb=128:cr=128`,
      '-f',
      'lavfi',
      '-i',
      `aevalsrc='if(lt(mod(t\\,1)\\,0.05)\\,0.8*sin(2*PI*1000*t)\\,0)':s=48000:d=${seconds}`,
      ...fastH264,
      '-g',
      String(rate),
      '-c:a',
      audio,
      ...(container === 'mp4' ? ['-movflags', '+faststart'] : []),
    ],
  }
}

/** A small SubRip file with one cue per `every` seconds, cue text "<prefix> N". */
export function srtCues(options: { seconds: number; every: number; prefix: string }): string {
  const stamp = (s: number) => {
    const ms = Math.round(s * 1000)
    const hh = String(Math.floor(ms / 3_600_000)).padStart(2, '0')
    const mm = String(Math.floor(ms / 60_000) % 60).padStart(2, '0')
    const ss = String(Math.floor(ms / 1000) % 60).padStart(2, '0')
    return `${hh}:${mm}:${ss},${String(ms % 1000).padStart(3, '0')}`
  }
  const cues: string[] = []
  for (let n = 1, start = 0; start < options.seconds; n += 1, start += options.every) {
    cues.push(`${n}\n${stamp(start)} --> ${stamp(start + options.every * 0.9)}\n${options.prefix} ${n}\n`)
  }
  return cues.join('\n')
}

/** H.264 + AAC in Matroska carrying a SubRip subtitle track (codec S_TEXT/UTF8) and an ASS one. */
export function mkvWithSubtitles(options: { seconds: number; fileName?: string }): MediaRecipe {
  const { seconds } = options
  const srt = srtCues({ seconds, every: 2, prefix: 'Embedded cue' })
  return {
    fileName: options.fileName ?? `h264-aac-subtitled-${seconds}s.mkv`,
    inputs: { 'cues.srt': srt },
    args: [
      ...patternVideo(seconds, '640x360'),
      ...beepingTone(seconds),
      '-i',
      'cues.srt',
      '-i',
      'cues.srt',
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-map',
      '2:s',
      '-map',
      '3:s',
      ...fastH264,
      '-c:a',
      'aac',
      '-c:s:0',
      'srt',
      '-c:s:1',
      'ass',
      '-metadata:s:s:0',
      'language=eng',
      '-metadata:s:s:1',
      'language=fra',
    ],
  }
}
