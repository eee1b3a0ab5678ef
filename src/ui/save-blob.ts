/** Hands a Blob to the browser's download manager under the given file name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started by the time this runs; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
