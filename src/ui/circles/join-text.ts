import { HubError } from '../../hub/client';
import { NotSignedInError } from '../../hub/session';
import { t } from '../../i18n/index.svelte';
import { reasonOf } from '../content/content-view';

/**
 * Why a join did not happen, for people: joining is the one step that needs the hub there and then, so the network
 * being away is said as such ("0 network: Failed to fetch" was shown before). `signIn`: the fix is signing in.
 */
export function joinFailure(error: unknown): { text: string; signIn?: boolean } {
  if (error instanceof NotSignedInError) return { text: t('circles.signIn'), signIn: true };
  if (error instanceof HubError && error.isTransient) return { text: t('circles.joinOffline') };
  return { text: t('circles.joinError', { message: reasonOf(error) }) };
}
