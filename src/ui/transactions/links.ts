/**
 * Links into the Transactions screen: `#/transactions/<text>` opens it searched for that text (a merchant's
 * payments), `#/transactions/interest:<id>` filtered to one interest (or to the payments placed nowhere).
 */
const INTEREST_PREFIX = 'interest:';

export function paymentsAtLink(merchant: string): string {
  return `#/transactions/${encodeURIComponent(merchant)}`;
}

export function interestLink(interest: string): string {
  return `#/transactions/${encodeURIComponent(INTEREST_PREFIX + interest)}`;
}

/** What a route parameter asks the screen for. */
export function readTransactionsParam(param: string): { search: string } | { interest: string } {
  return param.startsWith(INTEREST_PREFIX) ? { interest: param.slice(INTEREST_PREFIX.length) } : { search: param };
}
