/** Checks for values read back from storage or the wire, where the type system cannot vouch for them. */

export function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
