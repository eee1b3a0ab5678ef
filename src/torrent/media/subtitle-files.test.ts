// Pure functions on file names: nothing faked or injected.
import { describe, expect, it } from 'vitest'
import { languageOf, languageTag, subtitleFilesFor } from './subtitle-files'

const file = (index: number, name: string, length = 1000) => ({ index, name, length })

describe('subtitleFilesFor', () => {
  it('offers same-name subtitles first, then the other subtitle files, never other files', () => {
    const files = [
      file(0, 'Other.srt'),
      file(1, 'Film.mkv', 5e8),
      file(2, 'Film.fr.srt'),
      file(3, 'Film.en.srt'),
      file(4, 'Film.nfo'),
      file(5, 'Film.English.vtt'),
      file(6, 'Huge.srt', 50e6),
    ]
    expect(
      subtitleFilesFor('Film.mkv', files).map((f) => [f.index, f.language, f.sameName, f.format]),
    ).toEqual([
      [2, 'fr', true, 'srt'],
      [3, 'en', true, 'srt'],
      [5, 'en', true, 'vtt'],
      [0, null, false, 'srt'],
    ])
  })

  it('matches a plain same-name file, case apart, and not a name that merely starts alike', () => {
    const found = subtitleFilesFor('film.mp4', [file(0, 'FILM.srt'), file(1, 'film2.srt')])
    expect(found.map((f) => [f.index, f.sameName])).toEqual([
      [0, true],
      [1, false],
    ])
  })
})

describe('languageOf', () => {
  it('reads codes, words and regional tags, and nothing from words that are not languages', () => {
    expect(languageOf('Film.de')).toBe('de')
    expect(languageOf('Film_French')).toBe('fr')
    expect(languageOf('Film.pt-BR')).toBe('pt-BR')
    expect(languageOf('Film.final')).toBeNull()
    expect(languageOf('Film.zz')).toBeNull()
  })
})

describe('languageTag', () => {
  it('turns Matroska codes into tags a browser names, and undetermined into none', () => {
    expect(languageTag('eng')).toBe('en')
    expect(languageTag('fre')).toBe('fr')
    expect(languageTag('fra')).toBe('fr')
    expect(languageTag('ita')).toBe('it')
    expect(languageTag('und')).toBeNull()
    expect(languageTag('')).toBeNull()
    expect(languageTag('pol')).toBe('pol')
  })
})
