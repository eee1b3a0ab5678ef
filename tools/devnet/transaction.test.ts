/** The devnet's protobuf reading and writing agrees byte for byte with TronWeb's. */
import { describe, expect, it } from 'vitest'
import { TronWeb } from 'tronweb'
import { parseAddress } from './address.ts'
import { bytesToHex, hexToBytes, utf8Bytes } from './bytes.ts'
import { int64Field, ProtoError, ProtoWriter, readFields } from './protobuf.ts'
import { decodeRawTransaction, decodeTransfer, encodeTransferRaw, TRANSFER_CONTRACT } from './transaction.ts'
import { devAccount } from './testing.ts'

// TronWeb builds transactions locally; with the block header given it needs no node at all.
const tronWeb = new TronWeb({ fullHost: 'http://127.0.0.1:9' })
const alice = devAccount('alice')
const bob = devAccount('bob')
const blockHeader = {
  ref_block_bytes: '1a2b',
  ref_block_hash: '0123456789abcdef',
  expiration: 1_795_000_060_000,
  timestamp: 1_795_000_000_000,
}

function address(text: string): Uint8Array {
  const parsed = parseAddress(text)
  if (!parsed) throw new Error(`bad address ${text}`)
  return parsed
}

describe('Transaction.raw', () => {
  it('decodes what TronWeb encodes', async () => {
    const tx = await tronWeb.transactionBuilder.sendTrx(bob.address, 123_456, alice.address, { blockHeader })
    const raw = decodeRawTransaction(hexToBytes(tx.raw_data_hex))
    expect(bytesToHex(raw.refBlockBytes)).toBe('1a2b')
    expect(bytesToHex(raw.refBlockHash)).toBe('0123456789abcdef')
    expect(raw.expiration).toBe(BigInt(blockHeader.expiration))
    expect(raw.timestamp).toBe(BigInt(blockHeader.timestamp))
    expect(raw.data).toHaveLength(0)
    expect(raw.contracts).toHaveLength(1)
    expect(raw.contracts[0]).toMatchObject({
      type: TRANSFER_CONTRACT,
      typeUrl: 'type.googleapis.com/protocol.TransferContract',
      permissionId: 0,
    })
    expect(decodeTransfer(raw.contracts[0]?.value ?? new Uint8Array(0))).toEqual({
      owner: address(alice.address),
      to: address(bob.address),
      amount: 123_456n,
    })
  })

  it('encodes a transfer exactly as TronWeb does, memo included', async () => {
    const plain = await tronWeb.transactionBuilder.sendTrx(bob.address, 5, alice.address, { blockHeader })
    const withMemo = await tronWeb.transactionBuilder.addUpdateData(plain, 'memo ✓', 'utf8', {
      txLocal: true,
    })
    for (const [tx, memo] of [
      [plain, ''],
      [withMemo, 'memo ✓'],
    ] as const) {
      const bytes = encodeTransferRaw({
        transfer: { owner: address(alice.address), to: address(bob.address), amount: 5n },
        refBlockBytes: hexToBytes(blockHeader.ref_block_bytes),
        refBlockHash: hexToBytes(blockHeader.ref_block_hash),
        expiration: blockHeader.expiration,
        timestamp: blockHeader.timestamp,
        data: utf8Bytes(memo),
      })
      expect(bytesToHex(bytes)).toBe(tx.raw_data_hex)
    }
  })
})

describe('protobuf wire format', () => {
  it('reads negative int64 values as java-tron writes them (ten-byte varints)', () => {
    const bytes = new ProtoWriter().varint(3, -5n).finish()
    expect(bytes).toHaveLength(11)
    expect(int64Field(readFields(bytes), 3)).toBe(-5n)
  })

  it('refuses truncated and unsupported input', () => {
    expect(() => readFields(Uint8Array.of(0x08, 0x80))).toThrow(ProtoError)
    expect(() => readFields(Uint8Array.of(0x0a, 0x05, 0x01))).toThrow(ProtoError)
    expect(() => readFields(Uint8Array.of(0x0b))).toThrow(ProtoError)
    expect(() => readFields(Uint8Array.of(0x00))).toThrow(ProtoError)
    expect(() => decodeRawTransaction(Uint8Array.of(0x5a, 0x02, 0xff, 0xff))).toThrow(ProtoError)
  })
})
