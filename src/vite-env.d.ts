/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_LOCAL_TRACKER?: string
  readonly VITE_FAULT_INJECTION?: string
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}
