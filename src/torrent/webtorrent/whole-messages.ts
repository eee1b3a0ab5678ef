/**
 * One data channel message per BitTorrent message.
 *
 * bittorrent-protocol writes a message with a payload in two pieces, the header and then the payload,
 * and over WebRTC each write becomes its own data channel message. For a block that means two
 * messages, two events on the receiving page, and a copy there to join them again: profiles of a
 * full-speed download put that per-message work among the largest costs on both pages. Writing the
 * header and payload as one buffer sends exactly the same bytes in one message.
 */
import { framedWire } from './internals'

/** Without the members (another webtorrent build) the wire keeps writing in two pieces. */
export function sendMessagesWhole(target: unknown): void {
  const wire = framedWire(target)
  if (!wire) return
  wire._message = (id, numbers, data) => {
    const headerLength = 5 + 4 * numbers.length
    const message = new Uint8Array(headerLength + (data?.length ?? 0))
    const view = new DataView(message.buffer)
    // <length prefix: everything after itself><id><32-bit numbers><payload>, as the protocol defines.
    view.setUint32(0, message.length - 4)
    message[4] = id
    numbers.forEach((value, i) => view.setUint32(5 + 4 * i, value))
    if (data) message.set(data, headerLength)
    wire._push(message)
  }
}
