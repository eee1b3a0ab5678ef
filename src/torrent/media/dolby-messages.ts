/** What the page and the Dolby audio worker say to each other (structured-clone messages). */

export type ToWorker =
  /** Decode from this media time on; `generation` tags every chunk so stale ones are dropped. */
  | { readonly type: 'from'; readonly time: number; readonly generation: number }
  /** The video's time now: the worker decodes only a window ahead of it. */
  | { readonly type: 'playhead'; readonly time: number }
  /** The answer to a `read` request. */
  | {
      readonly type: 'bytes'
      readonly id: number
      readonly bytes?: Uint8Array<ArrayBuffer>
      readonly error?: string
    }
  | { readonly type: 'size'; readonly size?: number; readonly error?: string }

export type FromWorker =
  /** Bytes [start, end) of the file, read by the page (only it can reach the stream). */
  | { readonly type: 'read'; readonly id: number; readonly start: number; readonly end: number }
  | { readonly type: 'size?' }
  /** Decoded PCM, one Float32Array per channel. */
  | {
      readonly type: 'chunk'
      readonly generation: number
      readonly start: number
      readonly sampleRate: number
      readonly planes: Float32Array<ArrayBuffer>[]
    }
  | { readonly type: 'failed'; readonly message: string }
