import { isSensitive, TOPICS, topicName } from '../../core/categorize/taxonomy';
import { isSpending } from '../../core/profile/accumulator';
import type { ShownTransaction } from '../../app/api/import-api';
import type { ProfileControls } from '../../db/profile';
import { t } from '../../i18n/index.svelte';

/**
 * A payment's place in the person's profile, as its details dialog offers to change it: move its payee to another
 * interest (a correction for every payment there, as on the Profile screen), or leave this one payment out.
 */
export interface Placeable {
  /** The name corrections go by: the payee, or the description for statements without one. */
  name: string;
  /** True when `name` is the payee (a correction on that name); false: a rule on the description's text. */
  counterparty: boolean;
}

/** Only spending speaks of interests, and only while profiling runs (`interest` is absent when it is paused). */
export function placeableOf(row: ShownTransaction): Placeable | undefined {
  if (!isSpending(row) || row.interest === undefined) return undefined;
  if (row.counterparty.trim()) return { name: row.counterparty.trim(), counterparty: true };
  if (row.description.trim()) return { name: row.description.trim(), counterparty: false };
  return undefined;
}

/** Every interest a payee can be moved to; sensitive ones say they stay out of the profile until turned on. */
export function interestOptions(locale: 'zh-CN' | 'en'): { id: string; label: string }[] {
  return TOPICS.map((topic) => {
    const name = topicName(topic.id, locale);
    return { id: topic.id, label: topic.sensitive ? t('profile.sensitiveOption', { topic: name }) : name };
  });
}

/** What moving the payee did, in the words the Profile screen uses for the same correction. */
export function movedText(name: string, topic: string, controls: ProfileControls | undefined, locale: 'zh-CN' | 'en'): string {
  const counted = !isSensitive(topic) || controls?.enabledSensitive.includes(topic);
  return t(counted ? 'profile.corrected' : 'profile.placedSensitive', { merchant: name, topic: topicName(topic, locale) });
}

/** The controls with this payment left out of the profile, or counted again. */
export function withPaymentLeftOut(controls: ProfileControls, fingerprint: string, leftOut: boolean): Pick<ProfileControls, 'excludedTransactions'> {
  const others = controls.excludedTransactions.filter((fp) => fp !== fingerprint);
  return { excludedTransactions: leftOut ? [...others, fingerprint] : others };
}
