// Pure functions on plain path lists: nothing is faked.
import { describe, expect, it } from 'vitest'
import {
  buildTree,
  checkState,
  defaultExpanded,
  folderProgress,
  matchingFiles,
  unwantedAfter,
  visibleRows,
  type TreeRow,
} from './file-tree'

const files = [
  { path: 'album/disc 2/track 10.flac', length: 100 },
  { path: 'album/disc 1/track 2.flac', length: 30 },
  { path: 'album/cover.jpg', length: 5 },
  { path: 'album/disc 1/track 1.flac', length: 20 },
]
const nameOf = (index: number) => files[index]?.path.split('/').at(-1) ?? ''
const describeRows = (rows: TreeRow[]) =>
  rows.map((row) =>
    row.kind === 'folder' ? `${row.depth}:${row.folder.path}/` : `${row.depth}:${nameOf(row.index)}`,
  )

describe('buildTree', () => {
  it('skips the torrent’s own folder, sorts by name (numbers as numbers) and sums sizes', () => {
    const root = buildTree(files)
    expect(root.folders.map((folder) => folder.path)).toEqual(['disc 1', 'disc 2'])
    expect(root.files).toEqual([2])
    expect(root.folders[0]?.files).toEqual([3, 1])
    expect(root.folders[0]?.length).toBe(50)
    expect(root.length).toBe(155)
    expect([...root.allFiles].sort()).toEqual([0, 1, 2, 3])
  })

  it('keeps a single file, and top folders that are not shared by every file', () => {
    expect(buildTree([{ path: 'film.mp4', length: 9 }]).files).toEqual([0])
    const root = buildTree([
      { path: 'a/x', length: 1 },
      { path: 'b/y', length: 2 },
    ])
    expect(root.folders.map((folder) => folder.name)).toEqual(['a', 'b'])
  })

  it('builds 10 000 files in under a second, even cold', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      path: `t/f${i % 10}/s${i % 100}/n${i}`,
      length: 1,
    }))
    const started = performance.now()
    const root = buildTree(many)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(root.allFiles.length).toBe(10_000)
    expect(root.folders).toHaveLength(10)
  })
})

describe('checkState', () => {
  it('is checked, unchecked or mixed', () => {
    expect(checkState([1, 2], () => true)).toBe('checked')
    expect(checkState([1, 2], () => false)).toBe('unchecked')
    expect(checkState([1, 2], (index) => index === 1)).toBe('mixed')
  })
})

describe('folderProgress', () => {
  it('weighs each file by its size', () => {
    const disc1 = buildTree(files).folders[0]
    if (!disc1) throw new Error('no folder')
    const progress = folderProgress(
      disc1,
      (index) => files[index]?.length ?? 0,
      (index) => (index === 1 ? 1 : 0),
    )
    expect(progress).toBeCloseTo(30 / 50)
  })
})

describe('unwantedAfter', () => {
  it('sets the given files and keeps the others', () => {
    const wanted = new Set([0, 2])
    expect(unwantedAfter(4, (i) => wanted.has(i), [1, 2], false)).toEqual([1, 2, 3])
    expect(unwantedAfter(4, (i) => wanted.has(i), [3], true)).toEqual([1])
    expect(unwantedAfter(4, () => true, Int32Array.from([0, 1, 2, 3]), false)).toEqual([0, 1, 2, 3])
  })
})

describe('visibleRows', () => {
  const root = buildTree(files)

  it('shows open folders’ contents only', () => {
    expect(describeRows(visibleRows(root, new Set(), nameOf, ''))).toEqual([
      '0:disc 1/',
      '0:disc 2/',
      '0:cover.jpg',
    ])
    expect(describeRows(visibleRows(root, new Set(['disc 1']), nameOf, ''))).toEqual([
      '0:disc 1/',
      '1:track 1.flac',
      '1:track 2.flac',
      '0:disc 2/',
      '0:cover.jpg',
    ])
  })

  it('with a filter, shows matching files inside their (opened) folders and nothing else', () => {
    expect(describeRows(visibleRows(root, new Set(), nameOf, 'TRACK 1'))).toEqual([
      '0:disc 1/',
      '1:track 1.flac',
      '0:disc 2/',
      '1:track 10.flac',
    ])
    expect(visibleRows(root, new Set(), nameOf, 'nothing')).toEqual([])
    expect(matchingFiles(root, nameOf, 'track 1').sort()).toEqual([0, 3])
    expect(matchingFiles(root, nameOf, ' ')).toHaveLength(4)
  })

  it('opens every folder of a small torrent and none of a large one', () => {
    expect([...defaultExpanded(root, 10)].sort()).toEqual(['disc 1', 'disc 2'])
    expect(defaultExpanded(root, 3).size).toBe(0)
  })
})
