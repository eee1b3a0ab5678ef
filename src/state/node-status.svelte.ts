/** Whether the TRON node is limiting the page's requests, and for how long still, for the status line. */
import { nodeTransport } from '../tron/node-client'
import type { NodeStatus } from '../tron/node-transport'

/** Limited for longer than this, the status becomes an alert: the user may want to act (an API key). */
export const LONG_LIMIT_MS = 60_000

class NodeStatusStore {
  #status = $state<NodeStatus>(nodeTransport.status)
  #now = $state(Date.now())
  #ticker: ReturnType<typeof setInterval> | null = null

  constructor() {
    nodeTransport.onStatus((status) => {
      this.#status = status
      this.#now = Date.now()
      if (status.kind === 'limited') this.#ticker ??= setInterval(() => (this.#now = Date.now()), 1_000)
      else if (this.#ticker) {
        clearInterval(this.#ticker)
        this.#ticker = null
      }
    })
  }

  get limited(): boolean {
    return this.#status.kind === 'limited'
  }

  /** Whole seconds until the next attempt (at least 1 while limited). */
  get retryInSeconds(): number {
    const status = this.#status
    return status.kind === 'limited' ? Math.max(1, Math.ceil((status.retryAt - this.#now) / 1000)) : 0
  }

  /** Whole minutes since the node started refusing. */
  get limitedMinutes(): number {
    const status = this.#status
    return status.kind === 'limited' ? Math.floor((this.#now - status.since) / 60_000) : 0
  }

  get lasting(): boolean {
    const status = this.#status
    return status.kind === 'limited' && this.#now - status.since >= LONG_LIMIT_MS
  }
}

export const nodeStatus = new NodeStatusStore()
