import { describe, expect, it } from 'vitest'
import { mediaKindOf, unplayableContainerOf } from './media'

describe('mediaKindOf', () => {
  it('recognises video extensions', () => {
    for (const name of ['a.mp4', 'a.m4v', 'a.webm', 'a.mkv', 'a.mov', 'a.ogv']) {
      expect(mediaKindOf(name), name).toBe('video')
    }
  })

  it('recognises audio extensions', () => {
    for (const name of ['a.mp3', 'a.m4a', 'a.aac', 'a.ogg', 'a.oga', 'a.opus', 'a.wav', 'a.flac', 'a.weba']) {
      expect(mediaKindOf(name), name).toBe('audio')
    }
  })

  it('ignores the case of the extension', () => {
    expect(mediaKindOf('Holiday.MP4')).toBe('video')
    expect(mediaKindOf('Song.FlAc')).toBe('audio')
  })

  it('judges only by the last extension', () => {
    expect(mediaKindOf('test-pattern.webm')).toBe('video')
    expect(mediaKindOf('my.video.mkv')).toBe('video')
    expect(mediaKindOf('movie.mp4.part')).toBeNull()
    expect(mediaKindOf('subtitles.srt')).toBeNull()
    expect(mediaKindOf('archive.tar.gz')).toBeNull()
  })

  it('returns null without an extension', () => {
    expect(mediaKindOf('README')).toBeNull()
    expect(mediaKindOf('')).toBeNull()
    expect(mediaKindOf('trailing.')).toBeNull()
    expect(mediaKindOf('mp4')).toBeNull()
  })

  it('returns null for dotfiles that are not media', () => {
    expect(mediaKindOf('.DS_Store')).toBeNull()
    expect(mediaKindOf('.hidden')).toBeNull()
    expect(mediaKindOf('.')).toBeNull()
  })

  it('still judges a dotfile named like an extension by that extension', () => {
    expect(mediaKindOf('.mp3')).toBe('audio')
  })

  it('does not take a dot in a directory name for an extension', () => {
    expect(mediaKindOf('season.1/episode')).toBeNull()
    expect(mediaKindOf('clips.mp4/notes')).toBeNull()
  })
})

describe('unplayableContainerOf', () => {
  it('names the containers no browser plays', () => {
    expect(unplayableContainerOf('Film.AVI')).toBe('AVI')
    expect(unplayableContainerOf('clip.wmv')).toBe('Windows Media (WMV)')
    expect(unplayableContainerOf('old.flv')).toBe('Flash Video (FLV)')
  })

  it('says nothing of playable or non-video files', () => {
    for (const name of ['a.mp4', 'a.mkv', 'a.mp3', 'notes.txt', 'noextension']) {
      expect(unplayableContainerOf(name), name).toBeNull()
    }
  })
})
