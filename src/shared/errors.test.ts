import { describe, expect, it } from 'vitest'
import { describeError, errorText, UserFacingError } from './errors'

// Nothing is faked: plain functions on values; English is the active catalog in unit tests.

describe('errorText', () => {
  it('reads an Error’s message and turns anything else into a string', () => {
    expect(errorText(new TypeError('bad input'))).toBe('bad input')
    expect(errorText('just text')).toBe('just text')
    expect(errorText(42)).toBe('42')
    expect(errorText(undefined)).toBe('undefined')
  })
})

describe('describeError', () => {
  it('shows a user-facing message as it is and prefixes anything else with its context', () => {
    expect(describeError(new UserFacingError('Pick a file'), 'Adding failed')).toBe('Pick a file')
    expect(describeError(new Error('disk gone'), 'Adding failed')).toContain('disk gone')
    expect(describeError(new Error('disk gone'), 'Adding failed')).toContain('Adding failed')
  })
})
