/**
 * The payment policy for automatic tips: how much a peer is owed at the user's rate, and when a
 * payment is worth its fee. Integer sun throughout; bigint where a product could exceed 2^53.
 */
export const BYTES_PER_GB = 1_000_000_000
/** Pay a peer once what is owed is this many times the transfer fee: fees stay under a tenth of tips. */
export const THRESHOLD_FEE_MULTIPLE = 10

/** Sun owed for `verifiedBytes` at `rateSunPerGB`, rounded down (never pay for data not received). */
export function owedSun(verifiedBytes: number, rateSunPerGB: number): number {
  return Number((BigInt(Math.floor(verifiedBytes)) * BigInt(Math.floor(rateSunPerGB))) / BigInt(BYTES_PER_GB))
}

export interface SessionBudget {
  budgetSun: number
  /** Already committed: amounts and fees of payments made or in flight. */
  spentSun: number
  /** What one transfer costs (java-tron bandwidth, as estimated for the session wallet). */
  feeSun: number
}

/**
 * The amount to pay a peer now, or 0. Mid-session only once it reaches the threshold; at the end
 * of the session whatever is due, unless the fee would exceed the tip. Never beyond the budget,
 * fee included, and never an amount smaller than its fee (a budget's last crumbs stay to be returned).
 */
export function paymentDue(dueSun: number, budget: SessionBudget, endOfSession: boolean): number {
  const due = dueSun
  if (due <= 0) return 0
  const threshold = endOfSession ? budget.feeSun : THRESHOLD_FEE_MULTIPLE * budget.feeSun
  const affordable = budget.budgetSun - budget.spentSun - budget.feeSun
  const amount = Math.min(due, affordable)
  // Whatever the budget, a tip smaller than its own fee costs more than it gives.
  if (amount < budget.feeSun || amount <= 0) return 0
  // A capped amount is paid even under the threshold: the budget is ending, and so is the session.
  return amount >= threshold || amount < due ? amount : 0
}
