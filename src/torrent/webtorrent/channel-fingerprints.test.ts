// Pure parsing of session descriptions: nothing is faked. The SDP below is the shape Chromium writes
// for a WebTorrent data channel (one m-section; the fingerprint line appears once per section).
import { describe, expect, it } from 'vitest'
import { sdpFingerprints } from './channel-fingerprints'

const HEX = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(
  ':',
)
const SDP = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:abcd',
  `a=fingerprint:sha-256 ${HEX}`,
  'a=setup:actpass',
  'a=mid:0',
  'a=sctp-port:5000',
  '',
].join('\r\n')

describe('sdpFingerprints', () => {
  it('reads the DTLS fingerprint of a session description, normalised', () => {
    expect(sdpFingerprints(SDP)).toBe(`sha-256 ${HEX}`)
    expect(sdpFingerprints(SDP.replace('sha-256', 'SHA-256').replace(HEX, HEX.toLowerCase()))).toBe(
      `sha-256 ${HEX}`,
    )
  })

  it('names each distinct fingerprint once, sorted, whatever the number of sections', () => {
    const twice = SDP + `m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=fingerprint:sha-256 ${HEX}\r\n`
    expect(sdpFingerprints(twice)).toBe(`sha-256 ${HEX}`)
    const two = SDP + 'a=fingerprint:sha-1 01:02\r\n'
    expect(sdpFingerprints(two)).toBe(`sha-1 01:02 sha-256 ${HEX}`)
  })

  it('gives null when there is nothing to bind to', () => {
    expect(sdpFingerprints(undefined)).toBeNull()
    expect(sdpFingerprints('')).toBeNull()
    expect(sdpFingerprints(SDP.replace(/a=fingerprint.*\r\n/, ''))).toBeNull()
  })
})
