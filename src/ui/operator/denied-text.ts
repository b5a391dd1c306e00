import { t } from '../../i18n/index.svelte';

/**
 * What the app wrote as the reason placeholder before the reason became optional: requests denied then carry
 * '—' as their reason, which says nothing.
 */
const NO_REASON = new Set(['', '—']);

/** The operator's reason for declining, or undefined when they gave none. */
export function deniedReason(reason: string | undefined): string | undefined {
  const text = reason?.trim() ?? '';
  return NO_REASON.has(text) ? undefined : text;
}

/**
 * What the person reads about an operator declining their join request: a whole sentence without a reason, the
 * reason after a colon with one. The member's screens (circle page, My circles) and the operator's confirmation
 * all say it this way.
 */
export function deniedText(reason: string | undefined): string {
  const given = deniedReason(reason);
  return given === undefined ? t('operator.deniedByOperatorNoReason') : t('operator.deniedByOperator', { reason: given });
}
