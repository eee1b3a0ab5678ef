/**
 * The user's node settings: an optional TronGrid API key (sent as TRON-PRO-API-KEY) and an optional
 * custom node that replaces the wallet's for this page (a full node URL and, when `/walletsolidity`
 * is served elsewhere as on a self-hosted java-tron, its solidity URL). Pure parsing and validation.
 */
export interface NodeSettings {
  apiKey: string | null
  fullNodeUrl: string | null
  solidityNodeUrl: string | null
}

export const NO_NODE_SETTINGS: NodeSettings = { apiKey: null, fullNodeUrl: null, solidityNodeUrl: null }

export type NodeSettingsProblem = 'api-key' | 'full-node-url' | 'solidity-node-url' | 'solidity-without-full'

export type ParsedNodeSettings =
  { ok: true; settings: NodeSettings } | { ok: false; problem: NodeSettingsProblem }

/** TronGrid's keys are UUIDs. */
const API_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What the user typed (blank = none), checked; nothing is kept when anything is wrong. */
export function parseNodeSettings(input: {
  apiKey: string
  fullNodeUrl: string
  solidityNodeUrl: string
}): ParsedNodeSettings {
  const apiKey = input.apiKey.trim() || null
  if (apiKey && !API_KEY.test(apiKey)) return { ok: false, problem: 'api-key' }
  const full = nodeUrl(input.fullNodeUrl)
  if (full === undefined) return { ok: false, problem: 'full-node-url' }
  const solidity = nodeUrl(input.solidityNodeUrl)
  if (solidity === undefined) return { ok: false, problem: 'solidity-node-url' }
  if (solidity && !full) return { ok: false, problem: 'solidity-without-full' }
  return { ok: true, settings: { apiKey, fullNodeUrl: full, solidityNodeUrl: solidity } }
}

/** null for blank, undefined when not an http(s) URL; no trailing slash, no path beyond the base. */
function nodeUrl(text: string): string | null | undefined {
  const trimmed = text.trim()
  if (!trimmed) return null
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return undefined
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username)
    return undefined
  return url.href.replace(/\/+$/, '')
}

/** Values read back from storage, which may predate this code: anything invalid is dropped. */
export function nodeSettingsFromStored(value: unknown): NodeSettings {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : '')
  const parsed = parseNodeSettings({
    apiKey: text('apiKey'),
    fullNodeUrl: text('fullNodeUrl'),
    solidityNodeUrl: text('solidityNodeUrl'),
  })
  return parsed.ok ? parsed.settings : NO_NODE_SETTINGS
}
