import type { QuanziDB } from '../db/schema';
import { HubError, docPath, type HubClient } from './client';
import { requestsDbName, type JoinRequestDoc } from './doc-types';
import type { Membership } from './membership';
import { currentAccount } from './session';

/**
 * The person's own join request to an approval circle, and what an operator's refusal in it means for the
 * membership on this device. Read by the approval check, by a pull the hub refused (a member taken out) and by a
 * restore at sign-in, which all show the refusal the same way: the operator's reason, and when.
 */

export const requestPath = (circleId: string, user: string): string => docPath(requestsDbName(circleId), `request:${user}`);

export type Refusal = Pick<Membership, 'status' | 'reason' | 'deniedByOperator' | 'deniedAt'>;

/** The membership an operator's refusal makes; undefined when the request is not refused. `at`: when the decision has no time. */
export function refusalIn(request: JoinRequestDoc, at?: string): Refusal | undefined {
  if (request.decision !== 'denied') return undefined;
  const deniedAt = request.decidedAt ?? at;
  return { status: 'denied', reason: request.reason ?? '', deniedByOperator: true, ...(deniedAt ? { deniedAt } : {}) };
}

/**
 * The signed-in account's request to the circle, read from the hub: the operator's refusal in it, or undefined when
 * there is none (not refused, no request, or none the hub lets this account read). Other failures are thrown.
 */
export async function operatorRefusal(circleId: string, client: HubClient, db: QuanziDB): Promise<Refusal | undefined> {
  const account = await currentAccount(db);
  if (!account) return undefined;
  try {
    return refusalIn(await client.get<JoinRequestDoc>(requestPath(circleId, account.name)), new Date().toISOString());
  } catch (error) {
    if (error instanceof HubError && (error.isRefusal || error.status === 404)) return undefined;
    throw error;
  }
}
