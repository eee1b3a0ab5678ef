/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_LOCAL_TRACKER?: string
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}
