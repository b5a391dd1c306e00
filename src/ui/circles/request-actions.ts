import { HubError } from '../../hub/client';
import { joinCircle, removeFromMyCircles, withdrawRequest } from '../../hub/membership';
import { t } from '../../i18n/index.svelte';
import { reasonOf } from '../content/content-view';
import { joinFailure } from './join-text';

/**
 * What a person does with a join request of theirs: withdraw it while it waits, ask again after a refusal, or remove
 * the refused circle from their circles. Each needs the hub there and then; when it cannot be reached that is said as
 * such, and nothing changed (the membership functions throw before changing anything on this device).
 */
export type RequestAction = 'withdraw' | 'askAgain' | 'remove';

/** Runs the action; undefined when done, else what to tell the person (and whether signing in is the fix). */
export async function runRequestAction(action: RequestAction, circleId: string): Promise<{ text: string; signIn?: boolean } | undefined> {
  try {
    if (action === 'withdraw') await withdrawRequest(circleId);
    else if (action === 'remove') await removeFromMyCircles(circleId);
    else await joinCircle(circleId, 'approval');
    return undefined;
  } catch (error) {
    if (action === 'askAgain') return joinFailure(error);
    if (error instanceof HubError && error.isTransient) return { text: t(`circles.${action}Offline`) };
    return { text: t(`circles.${action}Error`, { message: reasonOf(error) }) };
  }
}
