/**
 * The physical limit: how fast one RTCDataChannel between two contexts of the same Chromium carries
 * 100 MB in 64 KiB messages, with the sender pausing whenever `bufferedAmount` is above a high-water
 * mark (as any well-behaved sender must). No torrent code, no hashing, no storage.
 */
import type { Browser, Page } from '@playwright/test'
import { servePlainSite } from './blank-page.ts'

const MESSAGE_BYTES = 64 * 1024
/** Send while less than this is queued in the channel, resume when it drains to a quarter of it. */
const HIGH_WATER_BYTES = 1024 * 1024

interface ChannelPage {
  page: Page
}

export interface RawChannel {
  /** Milliseconds for `totalBytes` to arrive, timed by the receiver from its "go" to the last byte. */
  transfer(totalBytes: number): Promise<number>
  close(): Promise<void>
}

/** Opens two pages in separate contexts and connects them with one data channel over loopback. */
export async function openRawChannel(
  browser: Browser,
  highWaterBytes = HIGH_WATER_BYTES,
): Promise<RawChannel> {
  const site = await servePlainSite('<!doctype html><title>raw data channel</title>')
  const sender = await openPage(browser, site.url)
  const receiver = await openPage(browser, site.url)

  const offer = await sender.page.evaluate(async () => {
    const connection = new RTCPeerConnection()
    const channel = connection.createDataChannel('bench', { ordered: true })
    channel.binaryType = 'arraybuffer'
    Object.assign(window, { benchConnection: connection, benchChannel: channel })
    await connection.setLocalDescription(await connection.createOffer())
    // Every candidate in the SDP, so no trickle signalling is needed (functions declared inside an
    // evaluated callback would be renamed by the TypeScript loader, hence the repetition below).
    await new Promise<void>((resolve) => {
      if (connection.iceGatheringState === 'complete') resolve()
      connection.addEventListener('icegatheringstatechange', () => {
        if (connection.iceGatheringState === 'complete') resolve()
      })
    })
    return connection.localDescription!.toJSON()
  })
  const answer = await receiver.page.evaluate(async (remote) => {
    const connection = new RTCPeerConnection()
    const channelOpened = new Promise<RTCDataChannel>((resolve) =>
      connection.addEventListener('datachannel', (event) => {
        event.channel.binaryType = 'arraybuffer'
        event.channel.addEventListener('open', () => resolve(event.channel))
        if (event.channel.readyState === 'open') resolve(event.channel)
      }),
    )
    Object.assign(window, { benchConnection: connection, benchChannelOpened: channelOpened })
    await connection.setRemoteDescription(remote)
    await connection.setLocalDescription(await connection.createAnswer())
    await new Promise<void>((resolve) => {
      if (connection.iceGatheringState === 'complete') resolve()
      connection.addEventListener('icegatheringstatechange', () => {
        if (connection.iceGatheringState === 'complete') resolve()
      })
    })
    return connection.localDescription!.toJSON()
  }, offer)

  await sender.page.evaluate(
    async ({ remote, messageBytes, highWater }) => {
      const { benchConnection, benchChannel } = window as unknown as {
        benchConnection: RTCPeerConnection
        benchChannel: RTCDataChannel
      }
      await benchConnection.setRemoteDescription(remote)
      if (benchChannel.readyState !== 'open')
        await new Promise((resolve) => benchChannel.addEventListener('open', resolve, { once: true }))
      benchChannel.bufferedAmountLowThreshold = highWater / 4
      // One random message sent over and over: the channel does not compress, so content is irrelevant.
      const message = crypto.getRandomValues(new Uint8Array(messageBytes))
      benchChannel.addEventListener('message', (event) => {
        void (async () => {
          let left = Number(event.data)
          while (left > 0) {
            if (benchChannel.bufferedAmount > highWater) {
              await new Promise((resolve) =>
                benchChannel.addEventListener('bufferedamountlow', resolve, { once: true }),
              )
            }
            const size = Math.min(left, messageBytes)
            benchChannel.send(size === messageBytes ? message : message.subarray(0, size))
            left -= size
          }
        })()
      })
    },
    { remote: answer, messageBytes: MESSAGE_BYTES, highWater: highWaterBytes },
  )

  return {
    transfer: (totalBytes) =>
      receiver.page.evaluate(async (total) => {
        const channel = await (window as unknown as { benchChannelOpened: Promise<RTCDataChannel> })
          .benchChannelOpened
        return new Promise<number>((resolve) => {
          let received = 0
          channel.onmessage = (event: MessageEvent<ArrayBuffer>) => {
            received += event.data.byteLength
            if (received >= total) {
              channel.onmessage = null
              resolve(performance.now() - start)
            }
          }
          const start = performance.now()
          channel.send(String(total))
        })
      }, totalBytes),
    close: async () => {
      await sender.page.context().close()
      await receiver.page.context().close()
      await site.close()
    },
  }
}

async function openPage(browser: Browser, url: string): Promise<ChannelPage> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(url)
  return { page }
}
