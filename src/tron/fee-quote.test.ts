import { describe, expect, it } from 'vitest'
import { FakeClock } from '../testing/fake-clock'
import type { FeeEstimate } from './chain'
import { ESTIMATE_DELAY_MS, FeeQuote, type TipInput } from './fee-quote'
import type { WalletConnection } from './wallet'

// Faked: the clock (a FakeClock the test advances by hand, for the typing delay) and the estimator
// (each call returns a promise the test settles when it chooses, standing for the node's answer),
// so the order in which answers arrive is the test's to decide. No node, no TronWeb.

const connection: WalletConnection = {
  address: 'TSender' + 'S'.repeat(27),
  chainId: 'test',
  network: null,
  nodeUrl: 'http://node.test',
}
const alice = 'T' + 'A'.repeat(33)
const bob = 'T' + 'B'.repeat(33)

function estimateOf(feeSun: number): FeeEstimate {
  return { feeSun, activatesAccount: false, balanceSun: 10_000_000, bandwidthBytes: 268 }
}

function setup() {
  const clock = new FakeClock()
  const input: TipInput = { connection, recipient: '', amountText: '' }
  const asked: {
    to: string
    amountSun: number
    answer: (estimate: FeeEstimate) => void
    fail: () => void
  }[] = []
  const quotes: (FeeEstimate | null)[] = []
  const quote = new FeeQuote({
    read: () => input,
    onQuote: (estimate) => quotes.push(estimate),
    clock,
    estimate: (_connection, request) =>
      new Promise((resolve, reject) =>
        asked.push({ ...request, answer: resolve, fail: () => reject(new Error('no')) }),
      ),
  })
  /** Types into the dialog: the fields change, then the input event schedules an estimate. */
  const type = (recipient: string, amountText: string) => {
    input.recipient = recipient
    input.amountText = amountText
    quote.schedule()
  }
  return { clock, input, asked, quotes, quote, type }
}

/** Lets settled promises run their continuations. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('FeeQuote', () => {
  it('asks once typing has paused, with the latest input', async () => {
    const { clock, asked, quotes, type } = setup()
    type(alice, '1')
    clock.advance(ESTIMATE_DELAY_MS - 1)
    type(alice, '1.5')
    clock.advance(ESTIMATE_DELAY_MS - 1)
    expect(asked).toHaveLength(0)
    clock.advance(1)
    expect(asked.map(({ to, amountSun }) => ({ to, amountSun }))).toEqual([
      { to: alice, amountSun: 1_500_000 },
    ])
    asked[0]!.answer(estimateOf(0))
    await settle()
    expect(quotes).toEqual([estimateOf(0)])
  })

  it('does not let a slow older estimate overwrite a newer one', async () => {
    const { clock, asked, quotes, type } = setup()
    type(alice, '1')
    clock.advance(ESTIMATE_DELAY_MS)
    type(bob, '1')
    clock.advance(ESTIMATE_DELAY_MS)
    expect(asked.map(({ to }) => to)).toEqual([alice, bob])
    asked[1]!.answer(estimateOf(1_100_000))
    await settle()
    asked[0]!.answer(estimateOf(268_000))
    await settle()
    expect(quotes).toEqual([estimateOf(1_100_000)])
  })

  it('shows nothing for input that cannot be priced, and drops the answer still on its way', async () => {
    const { clock, asked, quotes, type } = setup()
    type(alice, '1')
    clock.advance(ESTIMATE_DELAY_MS)
    type(alice, 'one')
    clock.advance(ESTIMATE_DELAY_MS)
    expect(quotes).toEqual([null])
    asked[0]!.answer(estimateOf(0))
    await settle()
    expect(quotes).toEqual([null])
    type('not an address', '1')
    clock.advance(ESTIMATE_DELAY_MS)
    expect(quotes).toEqual([null, null])
    expect(asked).toHaveLength(1)
  })

  it('shows nothing when there is no wallet or the node fails', async () => {
    const { clock, input, asked, quotes, type } = setup()
    type(alice, '1')
    clock.advance(ESTIMATE_DELAY_MS)
    asked[0]!.fail()
    await settle()
    input.connection = null
    type(alice, '2')
    clock.advance(ESTIMATE_DELAY_MS)
    expect(quotes).toEqual([null, null])
    expect(asked).toHaveLength(1)
  })

  it('forgets the waiting ask and the answer on its way when cancelled', async () => {
    const { clock, asked, quotes, quote, type } = setup()
    type(alice, '1')
    clock.advance(ESTIMATE_DELAY_MS)
    type(bob, '1')
    quote.cancel()
    clock.advance(ESTIMATE_DELAY_MS)
    asked[0]!.answer(estimateOf(0))
    await settle()
    expect(asked).toHaveLength(1)
    expect(quotes).toEqual([])
  })
})
