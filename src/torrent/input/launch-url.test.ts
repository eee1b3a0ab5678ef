import { describe, expect, it } from 'vitest'
import { launchMagnet, withoutLaunchMagnet } from './launch-url'

const MAGNET =
  'magnet:?xt=urn:btih:412d6930d102c7e55813fcc842fa8ca535dc358c&dn=a%20b&tr=wss%3A%2F%2Ft.example'

describe('launch URL', () => {
  it('reads the magnet link the protocol handler passes, decoded once', () => {
    const url = new URL(`https://app.example/?magnet=${encodeURIComponent(MAGNET)}`)
    expect(launchMagnet(url)).toBe(MAGNET)
  })

  it('has nothing to add without the parameter, or with an empty one', () => {
    expect(launchMagnet(new URL('https://app.example/'))).toBeNull()
    expect(launchMagnet(new URL('https://app.example/?magnet=%20'))).toBeNull()
  })

  it('drops only the magnet parameter, keeping the rest of the address', () => {
    const url = new URL(`https://app.example/?x=1&magnet=${encodeURIComponent(MAGNET)}#receipts`)
    expect(withoutLaunchMagnet(url).href).toBe('https://app.example/?x=1#receipts')
  })
})
