// Pure functions on strings: nothing faked or injected.
import { describe, expect, it } from 'vitest'
import { assEventText, cueTextFromSrt, parseWebVtt, srtToWebVtt } from './subtitle-text'

const SRT =
  '\uFEFF1\r\n00:00:01,500 --> 00:00:03,000\r\nHello <i>there</i>\r\n<font color="red">Red & bold</font>\r\n\r\n2\r\n0:01:02,5 --> 0:01:04,25\r\nSecond\r\n'

describe('srtToWebVtt', () => {
  it('writes a WebVTT file with dotted timestamps, the cue text and its italics kept', () => {
    expect(srtToWebVtt(SRT)).toBe(
      'WEBVTT\n\n00:00:01.500 --> 00:00:03.000\nHello <i>there</i>\nRed &amp; bold\n\n00:01:02.500 --> 00:01:04.250\nSecond\n',
    )
  })

  it('gives cues that parse back to their times and text', () => {
    expect(parseWebVtt(srtToWebVtt(SRT))).toEqual([
      { start: 1.5, end: 3, text: 'Hello <i>there</i>\nRed &amp; bold' },
      { start: 62.5, end: 64.25, text: 'Second' },
    ])
  })

  it('drops blocks without a timing line or without text', () => {
    expect(parseWebVtt(srtToWebVtt('garbage\n\n1\n00:00:01,000 --> 00:00:02,000\n\n'))).toEqual([])
  })
})

describe('parseWebVtt', () => {
  it('reads short timestamps, cue ids and settings, and skips notes and broken cues', () => {
    const vtt =
      'WEBVTT\n\nNOTE a note\n\nid-1\n01:02.000 --> 01:03.500 align:start\nOne\n\n00:00:05.000 --> 00:00:04.000\nBackwards\n\n00:00:0x.000 --> 00:00:01.000\nBad\n'
    expect(parseWebVtt(vtt)).toEqual([{ start: 62, end: 63.5, text: 'One' }])
  })
})

describe('assEventText', () => {
  it('keeps the Text field of a Matroska ASS event, without override tags, with line breaks', () => {
    expect(assEventText('2,0,Default,,0,0,0,,{\\an8}{\\i1}Embedded{\\i0} cue 3\\Nsecond\\hline')).toBe(
      'Embedded cue 3\nsecond line',
    )
  })

  it('keeps commas inside the text and escapes what WebVTT would read as markup', () => {
    expect(assEventText('0,0,Default,,0,0,0,,a, b <c> & d')).toBe('a, b &lt;c&gt; &amp; d')
  })

  it('gives nothing for an event with too few fields', () => {
    expect(assEventText('0,0,Default')).toBe('')
  })
})

describe('cueTextFromSrt', () => {
  it('keeps <b>, <i>, <u> and drops other tags and ASS-style position codes', () => {
    expect(cueTextFromSrt('{\\an8}<B>bold</B> <font face="x">plain</font> <script>x</script>')).toBe(
      '<b>bold</b> plain x',
    )
  })
})
