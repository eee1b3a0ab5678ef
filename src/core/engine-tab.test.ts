/**
 * Faked: the engine lock (an in-memory model of one Web Lock: holder, queue, steal), the tab channel
 * (an in-memory BroadcastChannel: every tab but the sender hears a message, on a later microtask),
 * the engine (counters of run and stop) and time (delays resolve at once, after pending messages).
 */
import { describe, expect, it } from 'vitest'
import { EngineTab, isTabMessage, type EngineLockPort, type HeldLock, type TabMessage } from './engine-tab'

class LockHub {
  holder: object | null = null
  readonly queue: { owner: object; grant: (held: HeldLock) => void }[] = []

  port(owner: object): EngineLockPort {
    return {
      take: () => Promise.resolve(this.holder === null ? this.#grant(owner) : null),
      held: () => Promise.resolve(this.holder !== null),
      steal: () => Promise.resolve(this.#grant(owner)),
      wait: (signal) =>
        new Promise((resolve) => {
          if (this.holder === null) return resolve(this.#grant(owner))
          const entry = { owner, grant: resolve }
          this.queue.push(entry)
          signal.addEventListener('abort', () => {
            const index = this.queue.indexOf(entry)
            if (index >= 0) this.queue.splice(index, 1)
            resolve(null)
          })
        }),
    }
  }

  /** A tab closes: its lock goes to the first tab queued. */
  close(owner: object): void {
    if (this.holder === owner) this.#next()
  }

  #grant(owner: object): HeldLock {
    this.holder = owner
    return {
      release: () => {
        if (this.holder === owner) this.#next()
      },
    }
  }

  #next(): void {
    this.holder = null
    const next = this.queue.shift()
    if (next) next.grant(this.#grant(next.owner))
  }
}

class ChannelHub {
  readonly #tabs = new Map<string, Set<(message: TabMessage) => void>>()
  readonly log: TabMessage[] = []

  port(tab: string) {
    const listeners = new Set<(message: TabMessage) => void>()
    this.#tabs.set(tab, listeners)
    return {
      post: (message: TabMessage) => {
        this.log.push(message)
        for (const [other, each] of this.#tabs)
          if (other !== tab) for (const listener of each) queueMicrotask(() => listener(message))
      },
      subscribe: (listener: (message: TabMessage) => void) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    }
  }
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function world() {
  const locks = new LockHub()
  const channel = new ChannelHub()
  const engines = { running: 0, constructed: 0, mostAtOnce: 0 }
  function tab(name: string) {
    const owner = {}
    const refuse = { value: false }
    const seen = { runs: 0, stops: 0, reloads: 0, offers: [] as string[] }
    const engineTab = new EngineTab({
      lock: locks.port(owner),
      channel: channel.port(name),
      tabId: name,
      run: () => {
        seen.runs++
        engines.constructed++
        engines.running++
        engines.mostAtOnce = Math.max(engines.mostAtOnce, engines.running)
      },
      stop: async () => {
        await settle()
        if (refuse.value) throw new Error('a session is ending here')
        seen.stops++
        engines.running--
      },
      reload: () => seen.reloads++,
      offer: (text) => seen.offers.push(text),
      answerWithinMs: 1_000,
      delay: () => settle(),
    })
    /** The tab closes: its engine goes with it, and the lock with its document. */
    const close = () => {
      if (locks.holder === owner) engines.running--
      locks.close(owner)
    }
    return { name, owner, seen, engineTab, close, refuse }
  }
  return { locks, channel, engines, tab }
}

describe('EngineTab', () => {
  it('a tab with a library runs the engine; a second tab with the same library defers and builds none', async () => {
    const { tab, engines } = world()
    const first = tab('a')
    const second = tab('b')
    expect(await first.engineTab.start(true)).toBe('running')
    expect(await second.engineTab.start(true)).toBe('deferring')
    expect(second.seen.runs).toBe(0)
    expect(engines).toEqual({ running: 1, constructed: 1, mostAtOnce: 1 })
  })

  it('an empty tab opened first does not take the lock: a tab with something to run does', async () => {
    const { tab } = world()
    const empty = tab('a')
    expect(await empty.engineTab.start(false)).toBe('idle')
    const loaded = tab('b')
    expect(await loaded.engineTab.start(true)).toBe('running')
    await settle()
    // The idle tab heard that another runs the engine: an add there is refused, not run twice.
    expect(empty.engineTab.role).toBe('deferring')
    expect(await empty.engineTab.claim()).toBe(false)
    expect(empty.seen.runs).toBe(0)
  })

  it('the first add in an idle tab takes the lock; an empty tab opened later defers', async () => {
    const { tab } = world()
    const first = tab('a')
    await first.engineTab.start(false)
    expect(await first.engineTab.claim()).toBe(true)
    expect(first.seen.runs).toBe(1)
    expect(await tab('b').engineTab.start(false)).toBe('deferring')
  })

  it('taking over: the running tab stops its engine before the other builds its own, then reloads to defer', async () => {
    const { tab, engines, locks } = world()
    const first = tab('a')
    const second = tab('b')
    const third = tab('c')
    await first.engineTab.start(true)
    await second.engineTab.start(true)
    await third.engineTab.start(true)
    // The third tab queued for the lock first, yet the lock goes to the tab that asked.
    expect(await second.engineTab.takeOver()).toBe('running')
    await settle()
    await settle()
    expect(first.seen.stops).toBe(1)
    expect(second.engineTab.role).toBe('running')
    expect(locks.holder).toBe(second.owner)
    expect(first.engineTab.role).toBe('deferring')
    expect(first.seen.reloads).toBe(1)
    expect(third.engineTab.role).toBe('deferring')
    expect(engines).toEqual({ running: 1, constructed: 2, mostAtOnce: 1 })
  })

  it('a running tab that cannot stop now (a session ending) keeps its engine; the asking tab defers again', async () => {
    const { tab, engines, locks } = world()
    const first = tab('a')
    const second = tab('b')
    await first.engineTab.start(true)
    await second.engineTab.start(true)
    first.refuse.value = true
    expect(await second.engineTab.takeOver()).toBe('refused')
    await settle()
    expect(first.engineTab.role).toBe('running')
    expect(second.engineTab.refusal).toBe('a session is ending here')
    expect(second.engineTab.role).toBe('deferring')
    expect(locks.holder).toBe(first.owner)
    expect(engines).toEqual({ running: 1, constructed: 1, mostAtOnce: 1 })
  })

  it('a request to take over that no tab answers leaves this tab deferring, with nothing run', async () => {
    const { tab, locks } = world()
    const silent = {}
    await locks.port(silent).take()
    const asking = tab('b')
    await asking.engineTab.start(true)
    expect(await asking.engineTab.takeOver()).toBe('no-answer')
    expect(asking.engineTab.role).toBe('deferring')
    expect(asking.seen.runs).toBe(0)
  })

  it('when the running tab closes, a deferring tab carries on', async () => {
    const { tab, engines } = world()
    const first = tab('a')
    const second = tab('b')
    await first.engineTab.start(true)
    await second.engineTab.start(true)
    first.close()
    await settle()
    expect(second.engineTab.role).toBe('running')
    expect(second.seen.runs).toBe(1)
    expect(engines.mostAtOnce).toBe(1)
  })

  it('a magnet opened in another tab is offered in the running tab only', async () => {
    const { tab } = world()
    const running = tab('a')
    const deferring = tab('b')
    const opened = tab('c')
    await running.engineTab.start(true)
    await deferring.engineTab.start(true)
    await opened.engineTab.start(false)
    expect(await opened.engineTab.send('magnet:?xt=urn:btih:abc')).toBe(true)
    expect(running.seen.offers).toEqual(['magnet:?xt=urn:btih:abc'])
    expect(deferring.seen.offers).toEqual([])
    expect(opened.seen.offers).toEqual([])
  })

  it('with no running tab, the tab that opened the magnet asks itself', async () => {
    const { tab } = world()
    const alone = tab('a')
    await alone.engineTab.start(false)
    expect(await alone.engineTab.send('magnet:?xt=urn:btih:abc')).toBe(false)
    expect(alone.seen.offers).toEqual([])
  })

  it('hears only well-formed messages of its own kind', () => {
    expect(isTabMessage({ type: 'magnet', id: 'a:1', text: 'magnet:?xt=urn:btih:abc' })).toBe(true)
    expect(isTabMessage({ type: 'magnet', id: 'a:1' })).toBe(false)
    expect(isTabMessage({ type: 'refused', for: 'b', reason: 7 })).toBe(false)
    expect(isTabMessage({ type: 'toString', tab: 'b' })).toBe(false)
    expect(isTabMessage('running')).toBe(false)
    expect(isTabMessage(null)).toBe(false)
  })
})
