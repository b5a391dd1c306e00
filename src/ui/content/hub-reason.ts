import { t, type Locale } from '../../i18n/index.svelte';
import { when } from './content-view';

/**
 * The hub's rules refuse a write with an English sentence (src/hub/rules.ts). The ones people meet in normal use
 * are said in the UI language; anything else (a bug, a hub of another version) is shown as the hub wrote it.
 */
const KNOWN: { pattern: RegExp; say: (match: RegExpExecArray, locale: Locale) => string }[] = [
  { pattern: /^You are muted in this circle until (.+)\.$/, say: (m, locale) => t('hub.reason.muted', { until: when(m[1]!, locale) }) },
  { pattern: /^The group-buy deadline has passed\.$/, say: () => t('hub.reason.offerClosed') },
  { pattern: /^The poll is closed\.$/, say: () => t('hub.reason.pollClosed') },
  { pattern: /^Only an operator may write \w+ docs\.$/, say: () => t('hub.reason.operatorOnly') },
  // Rights changes (approve, deny, mute, co-operators) by someone who no longer runs the circle: another operator
  // removed them, or they removed themselves in another window.
  { pattern: /^Only an admin of \S+ may change its _security\.$/, say: () => t('hub.reason.operatorOnly') },
  { pattern: /^Only the circle operators may edit this entry\.$/, say: () => t('hub.reason.operatorOnly') },
  // A pull refused (src/hub/admin-api.ts): not approved yet, or removed. Names the hub's database, not the circle.
  { pattern: /^You are not a member of \S+\.$/, say: () => t('hub.reason.notMember') },
];

/**
 * A membership the hub refused to sync (src/hub/replicator.ts stores "403 forbidden: <reason>"): the reason in the
 * UI language when it is a known one, else as stored.
 */
export function hubDeniedText(stored: string | undefined, locale: Locale): string {
  const text = stored ?? '';
  const reason = /^\d{3} [^:]*: (.*)$/.exec(text)?.[1] ?? text;
  const said = hubReasonText(reason, locale);
  return t('feed.status.denied', { reason: said === reason ? text : said });
}

export function hubReasonText(reason: string | undefined, locale: Locale): string {
  const text = reason ?? '';
  for (const { pattern, say } of KNOWN) {
    const match = pattern.exec(text);
    if (match) return say(match, locale);
  }
  return text;
}
