/**
 * Generates the demo video and its .torrent. Run by hand (`npm run make:sample`) when the sample
 * should change; the outputs are committed so that neither CI nor users need ffmpeg.
 *
 * The video is synthetic (ffmpeg's test pattern and a tone), so nothing is downloaded and the
 * content is free to redistribute. Keyframes every second and cues at the front keep seeking cheap
 * while the file streams.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import createTorrent from 'create-torrent'

const DEMO_DIR = fileURLToPath(new URL('../public/demo/', import.meta.url))
const VIDEO_NAME = 'test-pattern.webm'
const SECONDS = 40

const videoPath = DEMO_DIR + VIDEO_NAME
execFileSync(
  'ffmpeg',
  [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=640x360:rate=30:duration=${SECONDS}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:beep_factor=4:duration=${SECONDS}`,
    '-c:v',
    'libvpx-vp9',
    '-b:v',
    '450k',
    '-g',
    '30',
    '-deadline',
    'good',
    '-cpu-used',
    '4',
    '-row-mt',
    '1',
    '-c:a',
    'libopus',
    '-b:a',
    '48k',
    '-metadata',
    'title=Test pattern demo',
    '-cues_to_front',
    '1',
    '-reserve_index_space',
    '16384',
    videoPath,
  ],
  { stdio: 'inherit' },
)

const video = readFileSync(videoPath)
// Piece length fixed (not chosen by size) so the info hash only changes when the video does.
createTorrent(
  Object.assign(video, { name: VIDEO_NAME }),
  {
    name: VIDEO_NAME,
    pieceLength: 32 * 1024,
    announceList: [],
    createdBy: 'tipping-torrent',
    creationDate: 0,
  },
  (err: Error | null, torrent: Uint8Array) => {
    if (err) throw err
    writeFileSync(DEMO_DIR + 'demo.torrent', torrent)
    console.log(`wrote ${VIDEO_NAME} (${video.length} bytes) and demo.torrent`)
  },
)
