import { describe, expect, it } from 'vitest';
import { UNPLACED } from '../../../src/db/transactions';
import { interestLink, paymentsAtLink, readTransactionsParam } from '../../../src/ui/transactions/links';

const paramOf = (href: string) => decodeURIComponent(href.replace('#/transactions/', ''));

describe('links into the Transactions screen', () => {
  it('carry a search or an interest through the route, whatever the text holds', () => {
    for (const merchant of ['星巴克', 'TIM HORTONS #1234', 'a/b c?d', 'interest-free shop']) {
      expect(readTransactionsParam(paramOf(paymentsAtLink(merchant)))).toEqual({ search: merchant });
    }
    expect(readTransactionsParam(paramOf(interestLink('coffee')))).toEqual({ interest: 'coffee' });
    expect(readTransactionsParam(paramOf(interestLink(UNPLACED)))).toEqual({ interest: UNPLACED });
  });
});
