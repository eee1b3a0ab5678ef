import { describe, expect, it } from 'vitest'
import { JumpingClock } from '../testing/money-fakes'
import type { ConfirmedTransfer } from '../tron/chain'
import { checkPayment, judgeTransfer } from './payment-check'

// Hex addresses stand for themselves here: the conversion is TronWeb's job and tested there.
// checkPayment gets a fake node reader (a scripted list of readings instead of TronWeb) and a
// JumpingClock (its one-second sleeps pass at once, counted), so no node and no waiting.
const identity = (hex: string) => hex
const claim = { recipient: 'ME', senders: ['PEER', 'PEER_SESSION'] }

function transfer(
  overrides: { owner?: string; to?: string; amount?: number; ret?: string; type?: string } = {},
) {
  return {
    ret: [{ contractRet: overrides.ret ?? 'SUCCESS' }],
    raw_data: {
      contract: [
        {
          type: overrides.type ?? 'TransferContract',
          parameter: {
            value: {
              owner_address: overrides.owner ?? 'PEER',
              to_address: overrides.to ?? 'ME',
              amount: overrides.amount ?? 5,
            },
          },
        },
      ],
    },
  }
}

describe('judgeTransfer', () => {
  it('credits a successful transfer from the peer or its session key to me, for the amount on chain', () => {
    expect(judgeTransfer(transfer(), claim, identity)).toEqual({ ok: true, amountSun: 5 })
    expect(judgeTransfer(transfer({ owner: 'PEER_SESSION', amount: 7 }), claim, identity)).toEqual({
      ok: true,
      amountSun: 7,
    })
  })

  it.each([
    ['someone else’s transaction', transfer({ owner: 'STRANGER' })],
    ['a payment to someone else', transfer({ to: 'OTHER' })],
    ['a failed transaction', transfer({ ret: 'REVERT' })],
    ['another contract type', transfer({ type: 'TriggerSmartContract' })],
    ['a fractional amount', transfer({ amount: 1.5 })],
    ['an empty answer', {}],
  ])('refuses %s', (_case, transaction) => {
    expect(judgeTransfer(transaction, claim, identity).ok).toBe(false)
  })
})

describe('checkPayment', () => {
  const paid = { txId: 'TX', nodeUrl: 'http://node.test', ...claim }

  /** Answers each poll with the next reading, repeating the last one; records what it was asked. */
  function scriptedReader(...readings: ConfirmedTransfer[]) {
    const asked: string[] = []
    const read = (nodeUrl: string, txId: string) => {
      asked.push(`${nodeUrl} ${txId}`)
      return Promise.resolve(readings[Math.min(asked.length - 1, readings.length - 1)]!)
    }
    return { read, asked }
  }
  const pending: ConfirmedTransfer = { kind: 'pending' }
  const confirmed: ConfirmedTransfer = { kind: 'confirmed', transaction: transfer(), toBase58: identity }

  it('polls less and less often until the transfer is confirmed, then credits the amount on chain', async () => {
    const clock = new JumpingClock()
    const { read, asked } = scriptedReader(pending, pending, confirmed)
    expect(await checkPayment(paid, clock, read)).toEqual({ ok: true, amountSun: 5 })
    expect(asked).toEqual(Array(3).fill('http://node.test TX'))
    expect(clock.sleeps).toBe(2)
  })

  it('gives up after 9 reads over about two minutes of a transaction that never confirms', async () => {
    const clock = new JumpingClock()
    const start = clock.now()
    const { read, asked } = scriptedReader(pending)
    expect(await checkPayment(paid, clock, read)).toEqual({ ok: false, reason: 'not confirmed' })
    expect(asked).toHaveLength(9)
    expect(clock.now() - start).toBe(111_000)
  })

  it('reads a transaction named by many notices with one poller: the node is asked no more than for one', async () => {
    const clock = new JumpingClock()
    const { read, asked } = scriptedReader(pending)
    const notices = Array.from({ length: 25 }, () => checkPayment(paid, clock, read))
    for (const verdict of await Promise.all(notices))
      expect(verdict).toEqual({ ok: false, reason: 'not confirmed' })
    // Bound per transaction, whatever the number of notices: 9 reads (each at most 2 node requests).
    expect(asked.length).toBeLessThanOrEqual(9)
  })

  it('judges a settled transaction again without asking the node', async () => {
    const { read, asked } = scriptedReader(confirmed)
    expect(await checkPayment(paid, new JumpingClock(), read)).toEqual({ ok: true, amountSun: 5 })
    expect(await checkPayment({ ...paid, senders: ['STRANGER'] }, new JumpingClock(), read)).toEqual({
      ok: false,
      reason: 'not from this peer',
    })
    expect(asked).toHaveLength(1)
  })

  it('concludes nothing from failed reads ({"Error"} bodies, rate limits): reads on, rejects only if none answered', async () => {
    let reads = 0
    const flaky = (): Promise<ConfirmedTransfer> =>
      ++reads < 4 ? Promise.reject(new Error('{"Error"} body')) : Promise.resolve(confirmed)
    expect(await checkPayment(paid, new JumpingClock(), flaky)).toEqual({ ok: true, amountSun: 5 })
    const failing = () => Promise.reject(new Error('rate limited'))
    await expect(checkPayment(paid, new JumpingClock(), failing)).rejects.toThrow('rate limited')
  })

  it('refuses a transaction that failed on chain without reading further', async () => {
    const { read, asked } = scriptedReader(pending, { kind: 'failed' }, confirmed)
    expect(await checkPayment(paid, new JumpingClock(), read)).toEqual({
      ok: false,
      reason: 'failed on chain',
    })
    expect(asked).toHaveLength(2)
  })

  it('judges the confirmed content: a transfer from a stranger is not credited', async () => {
    const stranger: ConfirmedTransfer = {
      kind: 'confirmed',
      transaction: transfer({ owner: 'STRANGER' }),
      toBase58: identity,
    }
    const { read } = scriptedReader(stranger)
    expect(await checkPayment(paid, new JumpingClock(), read)).toEqual({
      ok: false,
      reason: 'not from this peer',
    })
  })
})
