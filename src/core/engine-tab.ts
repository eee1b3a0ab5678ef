/**
 * Which tab of the app runs the torrent engine. Two engines on one IndexedDB would write the same
 * pieces and library records, so one tab holds a lock (Web Locks in the browser) while its engine
 * exists, and only a tab with something to run takes it: a library with torrents, or the user adding
 * one. Another tab defers, builds no engine (so opens no peer connection), and can ask to take over:
 * the running tab stops its engine (pieces flushed, tipping session handed on), says so on the tab
 * channel (BroadcastChannel), and the asking tab takes the lock from it. A magnet opened in any tab
 * is sent over the channel to the running tab, which asks the user; with no running tab, the tab
 * that opened it asks.
 */

import { errorText } from '../shared/errors'

/** The engine lock, as this tab holds it. */
export interface HeldLock {
  release(): void
}

/** The one engine lock shared by every tab of the app (Web Locks in the browser). */
export interface EngineLockPort {
  /** The lock now if no tab holds it, else null. */
  take(): Promise<HeldLock | null>
  /** The lock once its holder lets go (or its tab closes); null when `signal` aborts first. */
  wait(signal: AbortSignal): Promise<HeldLock | null>
  /** The lock taken from its holder at once (the holder has stopped its engine and agreed). */
  steal(): Promise<HeldLock>
  /** Whether some tab holds the lock. */
  held(): Promise<boolean>
}

export type TabMessage =
  /** A tab now runs the engine: idle tabs defer to it. */
  | { type: 'running'; tab: string }
  | { type: 'take-over'; tab: string }
  /** The running tab heard `take-over` and is stopping its engine. */
  | { type: 'stopping'; for: string }
  /** The running tab could not stop now (see `EngineTabPorts.stop`): it carries on. */
  | { type: 'refused'; for: string; reason: string }
  /** The running tab stopped its engine for `tab`, which may now take the lock. */
  | { type: 'stopped'; for: string }
  | { type: 'magnet'; id: string; text: string }
  | { type: 'magnet-received'; id: string }

const MESSAGE_FIELDS: Record<TabMessage['type'], readonly string[]> = {
  running: ['tab'],
  'take-over': ['tab'],
  stopping: ['for'],
  refused: ['for', 'reason'],
  stopped: ['for'],
  magnet: ['id', 'text'],
  'magnet-received': ['id'],
}

/** Whether something heard on the channel is a message of this version (another may be open). */
export function isTabMessage(data: unknown): data is TabMessage {
  if (typeof data !== 'object' || data === null) return false
  const record = data as Record<string, unknown>
  const type = record.type
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_FIELDS, type)) return false
  return MESSAGE_FIELDS[type as TabMessage['type']].every((field) => typeof record[field] === 'string')
}

/** Messages between the tabs of the app (BroadcastChannel in the browser): never to the sender. */
export interface TabChannelPort {
  post(message: TabMessage): void
  subscribe(listener: (message: TabMessage) => void): () => void
}

export type EngineRole =
  /** Deciding (reading the library, asking the lock). */
  | 'starting'
  /** Nothing to run and no tab runs the engine: the first add takes the lock here. */
  | 'idle'
  | 'running'
  /** Another tab runs the engine. */
  | 'deferring'
  /** Asked another tab to let go; waiting for it. */
  | 'taking-over'
  /** Stopping this tab's engine for another tab. */
  | 'handing-over'
  /** Handed over: this page's engine is gone (the page reloads to defer cleanly). */
  | 'handed-over'

export interface EngineTabPorts {
  lock: EngineLockPort
  channel: TabChannelPort
  /** This tab's name on the channel. */
  tabId: string
  /** Builds the engine and restores the library: called once, only with the lock held. */
  run(): void
  /**
   * Stops the engine cleanly before the lock goes: the tipping session handed on, pieces flushed.
   * Rejects, having stopped nothing, when it cannot stop now (a session being started or ended).
   */
  stop(): Promise<void>
  /** The new running tab has the lock: this page, whose engine is gone, starts again as a deferring tab. */
  reload(): void
  /** The running tab heard of a magnet opened in another tab. */
  offer(text: string): void
  /** How long a tab waits for the running tab to answer (a magnet, a request to take over). */
  answerWithinMs: number
  delay(ms: number): Promise<void>
}

export class EngineTab {
  readonly #ports: EngineTabPorts
  readonly #listeners = new Set<() => void>()
  #role: EngineRole = 'starting'
  #held: HeldLock | null = null
  /** Cancels this tab's place in the lock's queue (held while deferring). */
  #waiting: AbortController | null = null
  readonly #answered = new Set<string>()
  /** The running tab said it is stopping for this one (a flush may take longer than an answer). */
  #stopping = false
  /** Why the running tab last refused to stop for this one. */
  #refusal = ''
  #sequence = 0

  constructor(ports: EngineTabPorts) {
    this.#ports = ports
    ports.channel.subscribe((message) => void this.#hear(message))
  }

  get role(): EngineRole {
    return this.#role
  }
  /** Why the running tab refused the last request to take over, in its words. */
  get refusal(): string {
    return this.#refusal
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** On page load: runs when the library has torrents and no tab runs them, defers when one does. */
  async start(hasLibrary: boolean): Promise<EngineRole> {
    if (hasLibrary) {
      const held = await this.#ports.lock.take()
      if (held) this.#run(held)
      else this.#defer()
    } else if (await this.#ports.lock.held()) this.#defer()
    // An add may have claimed the engine meanwhile.
    else if (this.#role === 'starting') this.#set('idle')
    return this.#role
  }

  /**
   * The user adds something: true once this tab runs the engine (taking the lock if nobody holds
   * it), false when another tab runs it.
   */
  async claim(): Promise<boolean> {
    if (this.#role === 'running') return true
    if (this.#role !== 'idle' && this.#role !== 'starting') return false
    const held = await this.#ports.lock.take()
    if (!held) {
      this.#defer()
      return false
    }
    this.#run(held)
    return true
  }

  /**
   * Asks the running tab to stop its engine; this tab runs it once that tab has let go. Resolves with
   * the outcome: running here, refused by the running tab, or no answer in time (deferring again).
   */
  async takeOver(): Promise<'running' | 'refused' | 'no-answer'> {
    if (this.#role === 'running') return 'running'
    if (this.#role !== 'deferring') return 'no-answer'
    this.#set('taking-over')
    this.#stopping = false
    const settled = new Promise<void>((resolve) => {
      const stop = this.onChange(() => {
        if (this.#role === 'taking-over') return
        stop()
        resolve()
      })
    })
    this.#ports.channel.post({ type: 'take-over', tab: this.#ports.tabId })
    await this.#ports.delay(this.#ports.answerWithinMs)
    // `this.role`, not the field: it changed while this waited.
    if (this.role === 'taking-over' && !this.#stopping) {
      this.#set('deferring')
      return 'no-answer'
    }
    await settled
    return this.role === 'running' ? 'running' : 'refused'
  }

  /**
   * A magnet opened in this tab: true when the running tab (another one) has it and will ask the
   * user; false when this tab should ask itself.
   */
  async send(text: string): Promise<boolean> {
    if (this.#role === 'running') return false
    const id = `${this.#ports.tabId}:${++this.#sequence}`
    this.#ports.channel.post({ type: 'magnet', id, text })
    await this.#ports.delay(this.#ports.answerWithinMs)
    return this.#answered.delete(id)
  }

  async #hear(message: TabMessage): Promise<void> {
    switch (message.type) {
      case 'running':
        if (this.#role === 'idle') this.#defer()
        else if (this.#role === 'handed-over') {
          // Only now, with the lock in the other tab's hands, can this page let go of it.
          this.#held = null
          this.#set('deferring')
          this.#ports.reload()
        }
        return
      case 'stopping':
        if (message.for === this.#ports.tabId) this.#stopping = true
        return
      case 'refused':
        if (message.for === this.#ports.tabId && this.#role === 'taking-over') {
          this.#refusal = message.reason
          this.#set('deferring')
        }
        return
      case 'magnet':
        if (this.#role !== 'running') return
        this.#ports.channel.post({ type: 'magnet-received', id: message.id })
        this.#ports.offer(message.text)
        return
      case 'magnet-received':
        this.#answered.add(message.id)
        return
      case 'take-over':
        if (this.#role === 'running') await this.#handOver(message.tab)
        return
      case 'stopped':
        if (message.for === this.#ports.tabId && this.#role === 'taking-over') {
          this.#waiting?.abort()
          this.#waiting = null
          this.#run(await this.#ports.lock.steal())
        }
        return
    }
  }

  async #handOver(to: string): Promise<void> {
    this.#set('handing-over')
    this.#ports.channel.post({ type: 'stopping', for: to })
    try {
      await this.#ports.stop()
    } catch (error) {
      // Nothing was stopped (the engine goes last): this tab carries on, and the asking tab hears why.
      this.#set('running')
      this.#ports.channel.post({ type: 'refused', for: to, reason: errorText(error) })
      return
    }
    // The lock stays held until the other tab takes it: no third tab slips in between.
    this.#set('handed-over')
    this.#ports.channel.post({ type: 'stopped', for: to })
  }

  #run(held: HeldLock): void {
    if (this.#role === 'running') {
      held.release()
      return
    }
    this.#held = held
    this.#set('running')
    this.#ports.channel.post({ type: 'running', tab: this.#ports.tabId })
    this.#ports.run()
  }

  /** Defers, and queues for the lock: when the running tab closes, this one carries on. */
  #defer(): void {
    if (this.#role === 'running') return
    this.#set('deferring')
    if (this.#waiting) return
    const waiting = new AbortController()
    this.#waiting = waiting
    void this.#ports.lock.wait(waiting.signal).then((held) => {
      if (this.#waiting === waiting) this.#waiting = null
      if (held) this.#run(held)
    })
  }

  #set(role: EngineRole): void {
    this.#role = role
    for (const listener of this.#listeners) listener()
  }

  /** For tests of the holder's side: whether this tab holds the lock now. */
  get holdsLock(): boolean {
    return this.#held !== null
  }
}
