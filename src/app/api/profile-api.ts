import { Categorizer, TOPICS, type UserRule } from '../../core/categorize';
import { suggestCircles, whyNotSuggested, type Circle, type Locale, type Suggestion, type WhyNot } from '../../core/circles';
import { finalizeProfile, ProfileAccumulator, type Profile, type ProfileTopic, type UnplacedSummary } from '../../core/profile';
import type { Placement } from '../../db/transactions';
import { catalogVersion, loadCatalog } from '../../db/catalog';
import {
  clearProfileSnapshot, dismissCircle, forEachStoredChunk, undismissCircles, listDismissed, listMembershipIds, loadControls, loadRules, removeRule, rowsOfImport, saveControls,
  saveProfileSnapshot, saveRule, type ProfileControls,
} from '../../db/profile';

/**
 * Profile and suggestions inside the analysis worker. The accumulator lives in worker memory: built from all
 * stored rows on first use, then fed only the new rows of each import (see the import-events hook below).
 */
let state: (Basis & { acc: ProfileAccumulator }) | undefined;
let building: Promise<NonNullable<typeof state>> | undefined;
/**
 * What a build starts from: the person's controls, rules and the categoriser made from them. Ready in a few
 * milliseconds, long before the accumulator has read every stored row, so the Transactions screen can place rows
 * in interests without waiting for the whole profile.
 */
interface Basis { categorizer: Categorizer; controls: ProfileControls; rules: UserRule[]; generation: number }
let basis: Promise<Basis> | undefined;
/** The catalog as last read, with the stored catalog's version then: an operator's edit synced since is read again. */
let catalog: { circles: Circle[]; version: string } | undefined;

async function currentCatalog(): Promise<Circle[]> {
  const version = await catalogVersion();
  if (catalog?.version !== version) catalog = { circles: await loadCatalog(), version };
  return catalog.circles;
}

/** Counts the rebuilds: a rebuilt accumulator has a new categoriser, whose placements may differ (rules). */
let generation = 0;

/**
 * How rows are placed in interests now, for the Transactions screen's interest column and filter: the profile's
 * own categoriser, so both screens agree. None while profiling is paused.
 */
export async function currentPlacement(): Promise<Placement | undefined> {
  // Starting the build (when none runs) sets `basis` at once; only that part is awaited here.
  if (!state) void current();
  const s = state ?? (await basis!);
  if (s.controls.paused) return undefined;
  const categorizer = s.categorizer;
  return { version: `${s.generation}.${categorizer.version}`, interestOf: (row) => categorizer.categorize(row).topic };
}

async function loadBasis(): Promise<Basis> {
  const [controls, rules] = await Promise.all([loadControls(), loadRules()]);
  const categorizer = new Categorizer(rules);
  return { categorizer, controls, rules, generation: ++generation };
}

async function rebuild(): Promise<NonNullable<typeof state>> {
  const b = await (basis = loadBasis());
  const acc = new ProfileAccumulator(b.categorizer, b.controls);
  await forEachStoredChunk((rows) => acc.add(rows));
  state = { ...b, acc };
  return state;
}

function current(): Promise<NonNullable<typeof state>> {
  if (state) return Promise.resolve(state);
  building ??= rebuild().finally(() => (building = undefined));
  return building;
}

function profileOf(s: NonNullable<typeof state>, now?: Date): Profile {
  return finalizeProfile(s.acc, { ...s.controls, ...(now ? { now } : {}) });
}

export interface ProfileView {
  paused: boolean;
  rows: number;
  topics: ProfileTopic[];
  /** Spending no topic took, for the person to place. */
  unplaced: UnplacedSummary;
  /** The person's corrections and rules, newest first. */
  rules: UserRule[];
  controls: ProfileControls;
  taxonomy: { id: string; parent: string; name: { zh: string; en: string }; sensitive: boolean }[];
}

export interface MonthlySpending { month: string; topic: string; currency: string; minor: number }

// An import updates the profile from its new rows only; an undone import needs a rebuild (sums can't be
// un-added safely once rows were deduplicated). The glob keeps the build green before the import helper lands.
const importEventModules = import.meta.glob<{ importEvents: { on(listener: (e: { type: string; importId: string; rows?: unknown[] }) => void): void } }>(
  './import-events.ts', { eager: true },
);
for (const module of Object.values(importEventModules)) {
  module.importEvents.on((event) => {
    if (event.type === 'imported' && state) {
      const s = state;
      void (event.rows ? Promise.resolve(event.rows) : rowsOfImport(event.importId)).then((rows) => {
        if (!s.controls.paused) s.acc.add(rows as never);
      });
    } else state = undefined;
  });
}

export const profileApi = {
  async rebuildProfile(): Promise<number> {
    state = undefined;
    return (await current()).acc.rows;
  },

  async getProfile(): Promise<ProfileView> {
    const s = await current();
    const profile = profileOf(s);
    const view: ProfileView = {
      paused: profile.paused, rows: profile.rows, topics: profile.topics, unplaced: profile.unplaced, controls: s.controls,
      rules: [...s.rules].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      taxonomy: TOPICS.map((t) => ({ id: t.id, parent: t.parent, name: t.name, sensitive: t.sensitive === true })),
    };
    // After a wipe (or before the first import) there is nothing to summarise: write nothing, and drop a stale
    // summary rather than leave one behind that the rows no longer support.
    if (view.rows > 0) await saveProfileSnapshot({ rows: view.rows, topics: view.topics.slice(0, 20).map((t) => ({ id: t.id, score: t.score })) });
    else await clearProfileSnapshot();
    return view;
  },

  /** The k best circles, their catalog entries, and how many circles the person said "not interested" to. */
  async getSuggestions(k: number, locale: Locale): Promise<{ suggestions: Suggestion[]; circles: Circle[]; hidden: number }> {
    const s = await current();
    const circles = await currentCatalog();
    const [dismissed, joined] = await Promise.all([listDismissed(), listMembershipIds()]);
    const suggestions = suggestCircles(profileOf(s), circles, k, { locale, dismissed, joined });
    return { suggestions, circles: suggestions.map((x) => circles.find((c) => c._id === x.circleId)!), hidden: dismissed.length };
  },

  /** Why a catalog circle is not among the suggestions, from the same profile (undefined for a circle not in the catalog). */
  async whyNotSuggested(circleId: string): Promise<WhyNot | { kind: 'dismissed' } | undefined> {
    const s = await current();
    const circle = (await currentCatalog()).find((c) => c._id === circleId);
    if (!circle) return undefined;
    if ((await listDismissed()).includes(circleId)) return { kind: 'dismissed' };
    return whyNotSuggested(circle, profileOf(s));
  },

  async listCatalog(): Promise<Circle[]> {
    return currentCatalog();
  },

  async dismissCircle(circleId: string): Promise<void> {
    await dismissCircle(circleId);
  },

  /** Takes "Not interested" back for these circles, or for every circle when none are named. */
  async undismissCircles(circleIds?: string[]): Promise<void> {
    await undismissCircles(circleIds);
  },

  /** The person's controls alone (a transaction's details ask whether it is left out), without a profile view. */
  async getControls(): Promise<ProfileControls> {
    return (await current()).controls;
  },

  /** Hide/boost/sensitive/pause apply at read time; exclusions change which rows count, so they rebuild. */
  async setControls(patch: Partial<ProfileControls>): Promise<ProfileControls> {
    const s = await current();
    const controls = { ...s.controls, ...patch };
    await saveControls(controls);
    if (patch.excludedMerchants || patch.excludedTransactions) await profileApi.rebuildProfile();
    else s.controls = controls;
    return controls;
  },

  /** A correction: every row from this counterparty, past and future, gets the topic. */
  async correctMerchant(counterparty: string, topic: string): Promise<void> {
    const rule: UserRule = { id: `merchant:${counterparty.trim().toLowerCase()}`, match: 'counterparty', pattern: counterparty.trim(), topic, createdAt: new Date().toISOString() };
    await saveRule(rule);
    await profileApi.rebuildProfile();
  },

  async addRule(pattern: string, topic: string): Promise<void> {
    await saveRule({ id: `contains:${pattern.trim().toLowerCase()}`, match: 'contains', pattern: pattern.trim(), topic, createdAt: new Date().toISOString() });
    await profileApi.rebuildProfile();
  },

  /**
   * Places spending that no topic took. A counterparty gets a correction (that name exactly); a name that is only
   * ever a description (statements without a payee) gets a rule on the text, which is how such rows can be matched.
   */
  async placeMerchant(name: string, topic: string, counterparty: boolean): Promise<void> {
    if (counterparty) await profileApi.correctMerchant(name, topic);
    else await profileApi.addRule(name, topic);
  },

  async removeRule(id: string): Promise<void> {
    await removeRule(id);
    await profileApi.rebuildProfile();
  },

  async monthlySpending(): Promise<MonthlySpending[]> {
    const profile = profileOf(await current());
    const out: MonthlySpending[] = [];
    for (const [topic, months] of profile.months) {
      for (const [key, minor] of months) {
        const [month, currency] = key.split('|') as [string, string];
        out.push({ month, topic, currency, minor });
      }
    }
    return out.sort((a, b) => a.month.localeCompare(b.month) || a.topic.localeCompare(b.topic));
  },
};
