import { describe, expect, it } from 'vitest';
import { assignFingerprints, hash64 } from '../../../src/core/transaction';
import type { Draft } from '../../../src/core/import/types';

/**
 * Fingerprints are stored on every row, and re-imports dedupe against them: a change to how they are computed
 * would make the next import of a file already stored add every row again. These values are pinned.
 */
const coffee = (extra: Partial<Draft> = {}): Draft => ({
  occurredAt: '2025-01-01T08:00:00', amountMinor: -1500, currency: 'CNY', counterparty: '瑞幸', description: '拿铁',
  kind: 'expense', status: 'completed', source: 'wechat', ...extra,
});

describe('fingerprints', () => {
  it('hash64 gives the same 16 hex digits as ever', () => {
    expect(hash64('')).toBe('811c9dc501000193');
    expect(hash64('alipay|id|2025052522001000000000001|expense')).toBe('f5759fe3835b9011');
    expect(hash64('微信|2025-01-01T08:00:00|-1500|CNY|瑞幸|拿铁|#0')).toBe('ef5cd0fdbf3cb12f');
  });

  it('are pinned for rows with and without a source id; identical rows stay two rows', () => {
    const rows = assignFingerprints([coffee(), coffee(), coffee({ source: 'alipay', externalId: '2025000111' })]);
    expect(rows.map((r) => r.fingerprint)).toEqual(['93a355a0eed43a06', '94a35733930623ab', '149c0586f0d8b47e']);
    expect(rows[2]!.fingerprint).toBe(hash64('alipay|id|2025000111|expense'));
  });

  it('a repeated source id within one file gets a distinct fingerprint instead of merging', () => {
    const rows = assignFingerprints([coffee({ externalId: 'X1' }), coffee({ externalId: 'X1' })]);
    expect(rows[0]!.fingerprint).toBe(hash64('wechat|id|X1|expense'));
    expect(rows[1]!.fingerprint).toBe(hash64('wechat|id|X1|expense|1'));
  });
});
