/** A benchmark step that hangs must fail the run with a reason, not stall it forever. */
export function withDeadline<T>(step: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took more than ${milliseconds / 1000} s`)),
      milliseconds,
    )
  })
  return Promise.race([step, expired]).finally(() => clearTimeout(timer))
}
