/**
 * A small seeded PRNG (mulberry32) and the choices the fuzz targets make with it. Every case gets its
 * own generator, derived from the run's seed, the target's name and the case's index, so one failing
 * case can be replayed alone.
 */

export class Rng {
  #state: number

  constructor(seed: number) {
    this.#state = seed >>> 0
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  /** An integer in [0, n), n at most 2^32. */
  below(n: number): number {
    return Math.floor((this.uint32() / 0x1_0000_0000) * n)
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1)
  }

  chance(probability: number): boolean {
    return this.uint32() / 0x1_0000_0000 < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[this.below(items.length)]!
  }

  /** Mostly short lengths, sometimes long ones: most bugs show on small inputs, some need size. */
  size(max: number): number {
    return this.chance(0.8) ? this.below(Math.min(max, 32) + 1) : this.below(max + 1)
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length)
    for (let index = 0; index < length; index++) out[index] = this.below(256)
    return out
  }

  /** A string of characters drawn from `alphabet`. */
  stringFrom(alphabet: string, length: number): string {
    let out = ''
    for (let index = 0; index < length; index++) out += alphabet[this.below(alphabet.length)]
    return out
  }

  /** Any UTF-16 string, lone surrogates and control characters included. */
  anyString(length: number): string {
    let out = ''
    for (let index = 0; index < length; index++) {
      out += String.fromCharCode(this.chance(0.7) ? this.below(0x80) : this.below(0x10000))
    }
    return out
  }

  /** Like anyString, without lone surrogates: text as decoded from UTF-8. */
  text(length: number): string {
    return wellFormed(this.anyString(length))
  }
}

/** Replaces lone surrogates with U+FFFD, as a string decoded from bytes never has them. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

/** FNV-1a over a string: a stable number for a target's name. */
function hashName(name: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** The generator for case `index` of `target` in a run seeded with `seed`. */
export function caseRng(seed: number, target: string, index: number): Rng {
  return new Rng(mix32(mix32(seed ^ hashName(target)) + Math.imul(index, 0x9e3779b1)))
}

/** murmur3's finaliser: neighbouring inputs give unrelated outputs. */
function mix32(value: number): number {
  let h = value >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** A seed for a run when none is given. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0
}
