/** Errors shown to the user (role="alert") and quiet status lines (role="status"). */

export interface Notice {
  id: number
  message: string
  /** Somewhere the user can go to fix it (for example, where to get TronLink). */
  link?: { href: string; label: string }
}

const MAX_ALERTS = 5

class NoticesStore {
  #alerts = $state<Notice[]>([])
  #status = $state('')
  #nextId = 1

  get alerts(): readonly Notice[] {
    return this.#alerts
  }

  get status(): string {
    return this.#status
  }

  /** Shows an error. The same message twice in a row is shown once, so a retry loop cannot spam. */
  alert(message: string, link?: Notice['link']): void {
    if (this.#alerts.at(-1)?.message === message) return
    const notice: Notice = link ? { id: this.#nextId++, message, link } : { id: this.#nextId++, message }
    this.#alerts = [...this.#alerts, notice].slice(-MAX_ALERTS)
  }

  dismiss(id: number): void {
    this.#alerts = this.#alerts.filter((notice) => notice.id !== id)
  }

  announce(status: string): void {
    this.#status = status
  }
}

export const notices = new NoticesStore()
