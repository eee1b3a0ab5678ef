/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_LOCAL_TRACKER?: string
  readonly VITE_TEST_HOOKS?: string
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}
