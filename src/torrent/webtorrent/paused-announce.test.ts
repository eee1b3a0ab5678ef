/** Pure function: the paused state is a plain callback, nothing else is faked. */
import { describe, expect, it } from 'vitest'
import { pausedAnnounceOptions } from './paused-announce'

describe('pausedAnnounceOptions', () => {
  it('asks for no peers (so no WebRTC offers) while paused, and leaves the announce alone otherwise', () => {
    let paused = true
    const options = pausedAnnounceOptions(() => paused)
    expect(options()).toEqual({ numwant: 0 })
    paused = false
    expect(options()).toEqual({})
  })
})
