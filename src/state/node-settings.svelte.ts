/** The node settings (TronGrid API key, custom node), persisted; the transport and wallet follow them. */
import { loadNodeSettings, saveNodeSettings } from '../db/node-settings-db'
import { nodeTransport, setSolidityNode } from '../tron/node-client'
import {
  NO_NODE_SETTINGS,
  nodeSettingsFromStored,
  parseNodeSettings,
  type NodeSettings,
  type NodeSettingsProblem,
} from '../tron/node-settings'

class NodeSettingsStore {
  #current = $state<NodeSettings>(NO_NODE_SETTINGS)
  #onChange: (() => void) | null = null

  get current(): NodeSettings {
    return this.#current
  }

  /** Called after a change is saved: the wallet connection is worked out and checked again. */
  onChange(listener: () => void): void {
    this.#onChange = listener
  }

  async load(): Promise<void> {
    this.#apply(nodeSettingsFromStored(await loadNodeSettings()))
  }

  /** Keeps nothing and returns the problem when any field is wrong; saves and applies otherwise. */
  async save(input: {
    apiKey: string
    fullNodeUrl: string
    solidityNodeUrl: string
  }): Promise<NodeSettingsProblem | null> {
    const parsed = parseNodeSettings(input)
    if (!parsed.ok) return parsed.problem
    await saveNodeSettings(parsed.settings)
    this.#apply(parsed.settings)
    this.#onChange?.()
    return null
  }

  #apply(settings: NodeSettings): void {
    this.#current = settings
    nodeTransport.setApiKey(settings.apiKey)
    // Receipts of an earlier visit name the custom node: they are followed before the wallet connects.
    if (settings.fullNodeUrl) setSolidityNode(settings.fullNodeUrl, settings.solidityNodeUrl)
  }
}

export const nodeSettings = new NodeSettingsStore()
