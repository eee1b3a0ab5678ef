/**
 * Our bittorrent-protocol Wire, substituted for the stock one wherever WebTorrent's sources import
 * it. What the app patches on each connection today becomes plain code here: a message with a
 * payload leaves as one buffer (one data channel message), as src/torrent/webtorrent/whole-messages.ts
 * does by replacing `_message` on every wire.
 */
import StockWire from 'bittorrent-protocol'

interface Framing {
  _message(id: number, numbers: readonly number[], data?: Uint8Array | null): void
  _push(data: Uint8Array): unknown
}

export default class Wire extends (StockWire as unknown as new () => Framing) {
  /** Lets a test tell this class from the stock one on a live connection. */
  static readonly substituted = true

  override _message(id: number, numbers: readonly number[], data?: Uint8Array | null): void {
    const headerLength = 5 + 4 * numbers.length
    const message = new Uint8Array(headerLength + (data?.length ?? 0))
    const view = new DataView(message.buffer)
    view.setUint32(0, message.length - 4)
    message[4] = id
    numbers.forEach((value, i) => view.setUint32(5 + 4 * i, value))
    if (data) message.set(data, headerLength)
    this._push(message)
  }
}
