/** Summaries printed by the benchmark: every figure is reported as min / median / max of its rounds. */
export interface Summary {
  min: number
  median: number
  max: number
  samples: number[]
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarise')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return { min: sorted[0]!, median, max: sorted.at(-1)!, samples }
}
