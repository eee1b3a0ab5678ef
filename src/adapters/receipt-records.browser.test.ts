// Real IndexedDB in Chromium, nothing faked: the receipt repository the payments core is given reads
// back exactly what it wrote, checked by the receipt's own guard (isReceipt in src/tron/receipt.ts).
import { describe, expect, it } from 'vitest'
import { DATABASE_NAME, RECEIPTS, openDatabase } from '../db/database'
import { advance, createIntent } from '../tron/receipt'
import { receiptRecords } from './money-ports'

describe('receipts store', () => {
  it('writes a receipt at each step and reads back the latest', async () => {
    const receipt = createIntent({
      networkId: 'devnet',
      chainId: '0xde7e7e70',
      nodeUrl: 'http://127.0.0.1:8090',
      from: 'TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC',
      to: 'TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P',
      amountSun: 1_500_000,
      torrent: { infoHash: 'ab'.repeat(20), name: 'Sample' },
    })
    await receiptRecords.put(receipt)
    expect(await receiptRecords.get(receipt.id)).toEqual(receipt)
    const failed = advance(receipt, 'failed', { error: { code: 'walletError.declined', params: {} } })
    await receiptRecords.put(failed)
    expect((await receiptRecords.all()).filter((stored) => stored.id === receipt.id)).toEqual([failed])
  })

  it('skips records that are not receipts instead of failing the page', async () => {
    const db = await openDatabase()
    expect(db.name).toBe(DATABASE_NAME)
    const transaction = db.transaction(RECEIPTS, 'readwrite')
    transaction.objectStore(RECEIPTS).put({ id: 'junk', status: 'paid-twice', amountSun: 0.5 })
    await new Promise((resolve) => (transaction.oncomplete = resolve))
    const ids = (await receiptRecords.all()).map((receipt) => receipt.id)
    expect(ids).not.toContain('junk')
    expect(await receiptRecords.get('junk')).toBeUndefined()
  })
})
