/** Pure parsing of the node settings; nothing is faked. */
import { describe, expect, it } from 'vitest'
import { NO_NODE_SETTINGS, nodeSettingsFromStored, parseNodeSettings } from './node-settings'

const KEY = '1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f'

describe('parseNodeSettings', () => {
  it('keeps a TronGrid key and a custom node with its solidity port, blanks as none', () => {
    expect(
      parseNodeSettings({
        apiKey: ` ${KEY} `,
        fullNodeUrl: 'http://10.0.0.2:8090/',
        solidityNodeUrl: 'http://10.0.0.2:8091',
      }),
    ).toEqual({
      ok: true,
      settings: { apiKey: KEY, fullNodeUrl: 'http://10.0.0.2:8090', solidityNodeUrl: 'http://10.0.0.2:8091' },
    })
    expect(parseNodeSettings({ apiKey: '', fullNodeUrl: ' ', solidityNodeUrl: '' })).toEqual({
      ok: true,
      settings: NO_NODE_SETTINGS,
    })
  })

  it('names what is wrong', () => {
    const blank = { apiKey: '', fullNodeUrl: '', solidityNodeUrl: '' }
    expect(parseNodeSettings({ ...blank, apiKey: 'my key' })).toEqual({ ok: false, problem: 'api-key' })
    expect(parseNodeSettings({ ...blank, fullNodeUrl: 'ftp://node' })).toEqual({
      ok: false,
      problem: 'full-node-url',
    })
    expect(parseNodeSettings({ ...blank, fullNodeUrl: 'node:8090' })).toEqual({
      ok: false,
      problem: 'full-node-url',
    })
    expect(parseNodeSettings({ ...blank, fullNodeUrl: 'https://a.test', solidityNodeUrl: 'nope' })).toEqual({
      ok: false,
      problem: 'solidity-node-url',
    })
    expect(parseNodeSettings({ ...blank, solidityNodeUrl: 'https://a.test:8091' })).toEqual({
      ok: false,
      problem: 'solidity-without-full',
    })
  })

  it('drops stored values that are not valid any more', () => {
    expect(nodeSettingsFromStored({ apiKey: KEY, fullNodeUrl: 'https://a.test' }).fullNodeUrl).toBe(
      'https://a.test',
    )
    expect(nodeSettingsFromStored({ apiKey: 42, fullNodeUrl: 'javascript:alert(1)' })).toEqual(
      NO_NODE_SETTINGS,
    )
    expect(nodeSettingsFromStored(null)).toEqual(NO_NODE_SETTINGS)
  })
})
