/**
 * channel-binding: the DTLS certificate fingerprints of a wire's WebRTC transport, read from the
 * session descriptions of the RTCPeerConnection under it (WebTorrent keeps it as the simple-peer
 * `_pc` of the torrent's peer whose `wire` this is; members listed in internals.ts). They let the
 * tipping layer sign a binding that a relay cannot forward: each side of a relay has its own DTLS.
 * Anything missing means "no channel" (null), never an error: the peer then gets the unbound proof.
 */
import type { ChannelFingerprints } from '../engine/engine'
import { channelMembers } from './internals'

/** The normalised fingerprints of one SDP: `sha-256 AB:CD:…` per distinct line, sorted, space separated. */
export function sdpFingerprints(sdp: string | undefined | null): string | null {
  if (!sdp) return null
  const found = new Set<string>()
  for (const match of sdp.matchAll(/^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm)) {
    const algorithm = match[1]?.toLowerCase()
    const value = match[2]?.toUpperCase()
    if (algorithm && value) found.add(`${algorithm} ${value}`)
  }
  return found.size > 0 ? [...found].sort().join(' ') : null
}

/** This wire's fingerprints, or null when it is not (or no longer) a WebRTC connection we can read. */
export function channelFingerprints(torrent: unknown, wire: unknown): ChannelFingerprints | null {
  const connection = channelMembers(torrent, wire)
  if (!connection) return null
  const local = sdpFingerprints(connection.localDescription?.sdp)
  const remote = sdpFingerprints(connection.remoteDescription?.sdp)
  return local && remote ? { local, remote } : null
}
