// Dropped entries are in-memory fakes of the File and Directory Entries API (a directory reader
// hands out batches, as Chromium's does); the files are real File objects.
import { describe, expect, it } from 'vitest'
import { filesOfEntries, withFolderPath, type EntryLike } from './folder-files'

function fileEntry(name: string): EntryLike {
  return {
    isFile: true,
    isDirectory: false,
    name,
    file: (success: (file: File) => void) => success(new File([name], name)),
  } as EntryLike
}

function directoryEntry(name: string, children: EntryLike[], batch = 2): EntryLike {
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader: () => {
      let at = 0
      return {
        readEntries: (success: (entries: EntryLike[]) => void) => {
          success(children.slice(at, at + batch))
          at += batch
        },
      }
    },
  } as EntryLike
}

const pathOf = (file: File) => (file as File & { fullPath?: string }).fullPath ?? file.name

describe('filesOfEntries', () => {
  it('keeps the dropped folder’s structure, reading every batch of a large folder', async () => {
    const many = Array.from({ length: 5 }, (_, i) => fileEntry(`n${i}.txt`))
    const files = await filesOfEntries([
      directoryEntry('album', [
        fileEntry('cover.jpg'),
        directoryEntry('disc 1', many),
        directoryEntry('empty', []),
      ]),
      fileEntry('notes.txt'),
    ])
    expect(files.map(pathOf)).toEqual([
      'album/cover.jpg',
      'album/disc 1/n0.txt',
      'album/disc 1/n1.txt',
      'album/disc 1/n2.txt',
      'album/disc 1/n3.txt',
      'album/disc 1/n4.txt',
      'notes.txt',
    ])
  })
})

describe('withFolderPath', () => {
  it('gives a file picked from a folder its relative path, and leaves others alone', () => {
    expect(pathOf(withFolderPath(new File(['x'], 'a.txt'), 'folder/a.txt'))).toBe('folder/a.txt')
    expect(pathOf(withFolderPath(new File(['x'], 'b.txt')))).toBe('b.txt')
  })
})
