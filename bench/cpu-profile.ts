/**
 * Chromium's sampling CPU profiler on a page, through the DevTools protocol, summarised as the share
 * of time per function (self time) and how much of the time the page's main thread was idle.
 */
import type { Page } from '@playwright/test'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  totalMs: number
  /** Function (name, file and line) → self milliseconds, largest first. */
  top: { where: string; selfMs: number; share: number }[]
  idleShare: number
  garbageCollectionShare: number
}

export async function startCpuProfile(page: Page): Promise<() => Promise<ProfileSummary>> {
  const session = await page.context().newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 500 })
  await session.send('Profiler.start')
  return async () => {
    const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile }
    await session.detach()
    return summarise(profile)
  }
}

function summarise(profile: Profile, topCount = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMs = new Map<string, number>()
  let totalMs = 0
  profile.samples.forEach((id, index) => {
    const milliseconds = (profile.timeDeltas[index] ?? 0) / 1000
    totalMs += milliseconds
    const where = describe(byId.get(id)?.callFrame)
    selfMs.set(where, (selfMs.get(where) ?? 0) + milliseconds)
  })
  const share = (where: string) => (selfMs.get(where) ?? 0) / totalMs
  return {
    totalMs,
    top: [...selfMs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topCount)
      .map(([where, ms]) => ({ where, selfMs: Math.round(ms), share: ms / totalMs })),
    idleShare: share('(idle)'),
    garbageCollectionShare: share('(garbage collector)'),
  }
}

function describe(frame: ProfileNode['callFrame'] | undefined): string {
  if (!frame) return '(unknown)'
  if (!frame.url) return frame.functionName || '(anonymous)'
  const file = frame.url.split('/').pop()
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
}
