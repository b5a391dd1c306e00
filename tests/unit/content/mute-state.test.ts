// A muted member is told at the composer and their write controls go: the page derives "muted until" once from
// the circle's mute records and the clock.
import { describe, expect, it } from 'vitest';
import { msUntilEnd, mutedUntil } from '../../../src/ui/content/mute-state';
import { loadMutes } from '../../../src/db/mutes';
import { QuanziDB } from '../../../src/db/schema';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const at = (hours: number) => new Date(NOW + hours * 3_600_000).toISOString();

describe('muted state', () => {
  it('is the end of my own mute while it lasts; another person’s mute, an ended one or signed out is not', () => {
    const mutes = [{ user: 'amy', until: at(2) }, { user: 'bo', until: at(24) }];
    expect(mutedUntil(mutes, 'amy', NOW)).toBe(at(2));
    expect(mutedUntil(mutes, 'cy', NOW)).toBeUndefined();
    expect(mutedUntil(mutes, undefined, NOW)).toBeUndefined();
    // Time passes: at the end the person may write again.
    expect(mutedUntil(mutes, 'amy', NOW + 2 * 3_600_000)).toBeUndefined();
    expect(mutedUntil([{ user: 'amy', until: 'not a date' }], 'amy', NOW)).toBeUndefined();
  });

  it('is never set for an operator: the hub lets operators write anyway', () => {
    expect(mutedUntil([{ user: 'op', until: at(2) }], 'op', NOW, true)).toBeUndefined();
  });

  it('the timer fires just after the end, never before now and within setTimeout’s range', () => {
    expect(msUntilEnd(at(1), NOW)).toBe(3_600_000 + 250);
    expect(msUntilEnd(at(-1), NOW)).toBe(250);
    expect(msUntilEnd(at(24 * 60), NOW)).toBe(2_147_483_647);
  });

  it('reads the circle’s mute records on the device, leaving out an unmute waiting to send and a refused write', async () => {
    const db = new QuanziDB(`mutes-${process.pid}`);
    const row = (docId: string, doc: Record<string, unknown>, state = 'synced') => ({ circleId: 'c', docId, type: 'mute', doc: { _id: docId, type: 'mute', ...doc }, state, updatedAt: at(0) });
    await db.circleDocs.bulkPut([
      row('mute:amy', { user: 'amy', until: at(2) }),
      row('mute:bo', { user: 'bo', until: at(2), _deleted: true }, 'pending'),
      row('mute:cy', { user: 'cy', until: at(2) }, 'rejected'),
      { ...row('mute:dee', { user: 'dee', until: at(2) }), circleId: 'other' },
    ] as never);
    expect(await loadMutes('c', db)).toEqual([{ user: 'amy', until: at(2) }]);
  });
});
