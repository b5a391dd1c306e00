// Found in a user test: five quick taps on a reaction sometimes ended with it off, one tap lost, because each tap
// read the reaction's row before the previous tap had written it.
import { describe, expect, it } from 'vitest';
import { shownDoc, type CircleDocRow } from '../../../src/db/circle-docs';
import { QuanziDB } from '../../../src/db/schema';
import { toggleReaction } from '../../../src/hub/outbox';
import { ACCOUNT_KEY } from '../../../src/hub/session';

describe('quick taps on a reaction', () => {
  it('each tap toggles what the one before it left: an odd number of taps leaves it on', async () => {
    const db = new QuanziDB(`reaction-taps-${process.pid}`);
    await db.settings.put({ key: ACCOUNT_KEY, value: { name: 'chen', roles: [], signedInAt: new Date().toISOString() } });
    const shown = async () => {
      const row = (await db.circleDocs.get(['c1', 'reaction:post:1:chen:❤️'] as never)) as CircleDocRow | undefined;
      return row ? shownDoc(row) !== undefined : false;
    };
    await Promise.all(Array.from({ length: 5 }, () => toggleReaction('c1', 'post:1', '❤️', db)));
    expect(await shown()).toBe(true);
    await Promise.all(Array.from({ length: 4 }, () => toggleReaction('c1', 'post:1', '❤️', db)));
    expect(await shown()).toBe(true);
    await toggleReaction('c1', 'post:1', '❤️', db);
    expect(await shown()).toBe(false);
  });
});
