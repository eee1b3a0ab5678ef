/**
 * Bad input is answered as java-tron's servlets answer it (Util.processError, printErrorMsg): HTTP
 * 200 and `{"Error": "class <exception> : <message>"}`, never `{}` or data that looks like an answer.
 * A real devnet on a free port; nothing is faked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningDevnet } from './server.ts'
import { startTestDevnet } from './testing.ts'

let devnet: RunningDevnet

beforeAll(async () => {
  ;({ devnet } = await startTestDevnet())
})
afterAll(() => devnet.close())

async function answer(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${devnet.url}${path}`, { method: 'POST', body: JSON.stringify(body) })
  return { status: response.status, json: await response.json() }
}

const javaError = (exception: string): unknown => {
  const message: unknown = expect.stringMatching(new RegExp(`^class ${exception.replace(/\./g, '\\.')} : .+`))
  return { Error: message }
}

describe('{"Error": …} bodies with HTTP 200', () => {
  it('for ids that are not hex, on the head and the solidified view', async () => {
    for (const node of ['wallet', 'walletsolidity']) {
      for (const path of ['gettransactionbyid', 'gettransactioninfobyid', 'getblockbyid']) {
        expect(await answer(`/${node}/${path}`, { value: 'not hex' })).toEqual({
          status: 200,
          json: javaError('org.bouncycastle.util.encoders.DecoderException'),
        })
      }
      expect(await answer(`/${node}/getblock`, { id_or_num: 'zz' })).toEqual({
        status: 200,
        json: javaError('org.bouncycastle.util.encoders.DecoderException'),
      })
    }
  })

  it('for a block number that is not an integer (it was read as 0, the genesis block)', async () => {
    for (const node of ['wallet', 'walletsolidity']) {
      expect(await answer(`/${node}/getblockbynum`, { num: 'one' })).toEqual({
        status: 200,
        json: javaError('java.lang.NumberFormatException'),
      })
    }
  })

  it('for addresses that are not addresses, and for bodies that are not JSON', async () => {
    for (const path of ['/wallet/getaccount', '/walletsolidity/getaccount', '/wallet/getaccountresource']) {
      expect(await answer(path, { address: 'nope' })).toEqual({
        status: 200,
        json: javaError('java.lang.IllegalArgumentException'),
      })
    }
    const response = await fetch(`${devnet.url}/wallet/getaccount`, { method: 'POST', body: '{nope' })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(javaError('com.alibaba.fastjson.JSONException'))
  })
})
