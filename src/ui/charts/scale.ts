/** Scales, ticks and SVG paths for the hand-written charts: small enough not to need a chart library. */

/** The smallest 1, 2 or 5 times a power of ten that is at least `rough` (0 for nothing). */
export function niceStep(rough: number): number {
  if (!Number.isFinite(rough) || rough <= 0) return 0
  const power = 10 ** Math.floor(Math.log10(rough))
  const fraction = rough / power
  // The epsilon keeps float noise (3 / 3 = 1.0000000000000002) from bumping a step up a size.
  const nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10
  return nice * power
}

/**
 * Ticks from 0 to the first nice value at or above `max`, about `count` steps apart. The last tick is
 * the axis' top, so the highest point of the data is never clipped. [0] when there is no data.
 */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(max / Math.max(1, count))
  if (step === 0) return [0]
  const ticks: number[] = []
  const steps = Math.ceil(max / step - 1e-9)
  // Multiplying (not adding) keeps 0.1 * 3 from drifting to 0.30000000000000004 a step at a time.
  for (let i = 0; i <= steps; i++) ticks.push(Number((i * step).toPrecision(12)))
  return ticks
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linear(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0))
}

export interface Point {
  x: number
  y: number
}

const round = (value: number) => Math.round(value * 10) / 10

/** A polyline through the points; '' for none. */
export function linePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join('')
}

/** A staircase: each value holds until the next point's x, then steps. Cumulative totals read right. */
export function stepPath(points: readonly Point[], endX?: number): string {
  const path = points
    .map((p, i) => (i === 0 ? `M${round(p.x)},${round(p.y)}` : `H${round(p.x)}V${round(p.y)}`))
    .join('')
  const last = points.at(-1)
  return last && endX !== undefined && endX > last.x ? `${path}H${round(endX)}` : path
}
