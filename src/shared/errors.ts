import { t } from '../i18n/translate'

/**
 * An error whose message is written for the person using the app. Anything else that is thrown is
 * a bug or an environment failure and gets a generic prefix when shown.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError'
}

/**
 * The text of any thrown or emitted value: an Error's message, anything else as a string. Wallet
 * rejections that are plain objects with nested errors are read by tron/wallet-errors.ts instead.
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Turns any thrown value into a sentence fit for an alert; `context` is already translated. */
export function describeError(error: unknown, context: string): string {
  if (error instanceof UserFacingError) return error.message
  return t('error.context', { context, detail: errorText(error) })
}
