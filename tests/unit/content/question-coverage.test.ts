// Found in a user test: a member without statements answered a spending question, and the device's "no" (for want of
// data) counted in the operator's estimate like a real one.
import { describe, expect, it } from 'vitest';
import { statementCoverage } from '../../../src/ui/trust/question-view';

describe('statements for a spending question', () => {
  const now = new Date(2026, 11, 7, 10, 0);
  it('none, ending before the days asked about, or reaching into them', () => {
    expect(statementCoverage([], 30, now)).toEqual({ kind: 'none' });
    expect(statementCoverage([{}], 30, now)).toEqual({ kind: 'none' });
    expect(statementCoverage([{ to: '2024-05-30T08:15:02' }, { to: '2026-11-01' }], 30, now)).toEqual({ kind: 'before', lastDay: '2026-11-01' });
    // The 30 days are Nov 8 to Dec 7, today included, as the device counts them.
    expect(statementCoverage([{ to: '2026-11-08T23:00:00' }], 30, now)).toEqual({ kind: 'covered' });
    expect(statementCoverage([{ to: '2026-11-07' }], 30, now).kind).toBe('before');
  });
});
