// The engine's files are plain objects standing for WebTorrent's File (name, path, length, done, progress).
import { describe, expect, it } from 'vitest'
import { FileSampler, type SampledFile } from './file-sampler'

const source = (progress: number[]): SampledFile[] =>
  progress.map((value, index) => ({
    name: `f${index}.mp4`,
    path: `t/f${index}.mp4`,
    length: 10,
    done: value === 1,
    progress: value,
  }))

describe('FileSampler', () => {
  it('reads the static facts once and reuses unchanged files and arrays', () => {
    const sampler = new FileSampler()
    const first = sampler.files('a', source([0, 0, 0]), undefined)
    expect(first[0]).toMatchObject({
      index: 0,
      name: 'f0.mp4',
      path: 't/f0.mp4',
      media: 'video',
      wanted: true,
    })
    expect(sampler.files('a', source([0, 0, 0]), undefined)).toBe(first)

    const second = sampler.files('a', source([0, 0.5, 0]), undefined)
    expect(second).not.toBe(first)
    expect(second[0]).toBe(first[0])
    expect(second[2]).toBe(first[2])
    expect(second[1]).toMatchObject({ progress: 0.5, name: 'f1.mp4' })

    const third = sampler.files('a', source([0, 0.5, 0]), new Set([2]))
    expect(third[2]).toMatchObject({ wanted: false })
    expect(third[1]).toBe(second[1])
  })

  it('counts a done file as whole, and starts over after forget', () => {
    const sampler = new FileSampler()
    const files = source([1])
    const first = sampler.files('a', [{ ...files[0]!, progress: 0.99 }], undefined)
    expect(first[0]?.progress).toBe(1)
    sampler.forget('a')
    expect(sampler.files('a', source([1]), undefined)).not.toBe(first)
  })
})
