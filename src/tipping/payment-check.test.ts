import { describe, expect, it } from 'vitest'
import { judgeTransfer } from './payment-check'

// Hex addresses stand for themselves here: the conversion is TronWeb's job and tested there.
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
