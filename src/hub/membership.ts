import { getDb } from '../db/schema';

/**
 * Local membership records. `joined` = syncing; `requested` = waiting for an operator (approval circles);
 * `denied` = the hub refused (401/403 or a denied request), with `reason`.
 * The sync work (issue #5) extends join/leave to talk to the hub; the Circles screen only calls these.
 */
export type MembershipStatus = 'joined' | 'requested' | 'denied';
export interface Membership {
  circleId: string;
  status: MembershipStatus;
  policy: 'open' | 'approval';
  joinedAt: string;
  reason?: string;
  lastReadAt?: string;
}

export async function joinCircle(circleId: string, policy: 'open' | 'approval' = 'open'): Promise<Membership> {
  const membership: Membership = {
    circleId,
    policy,
    status: policy === 'open' ? 'joined' : 'requested',
    joinedAt: new Date().toISOString(),
  };
  await getDb().memberships.put(membership as never);
  return membership;
}

export async function leaveCircle(circleId: string): Promise<void> {
  await getDb().memberships.delete(circleId);
}

export async function listMemberships(): Promise<Membership[]> {
  return (await getDb().memberships.toArray()) as unknown as Membership[];
}
