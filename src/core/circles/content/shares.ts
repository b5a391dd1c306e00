import type { ShareDoc } from './types';

/**
 * Shares of posts from linked circles. A share's id is `share:<sourceCircle>:<postId>` in the target circle,
 * so the same post shared twice (or replayed) is one doc; here we also drop any second copy by origin and
 * keep the origin order (the original post's time, then its id, which is a time-ordered ULID).
 */
export const shareId = (sourceCircleId: string, postId: string): string => `share:${sourceCircleId}:${postId}`;

export function orderedShares(shares: readonly ShareDoc[]): ShareDoc[] {
  const byOrigin = new Map<string, ShareDoc>();
  for (const share of shares) {
    if (share.type !== 'share' || share._deleted || !share.origin) continue;
    const key = shareId(share.origin.circleId, share.origin.postId);
    if (share._id !== key) continue;
    if (!byOrigin.has(key)) byOrigin.set(key, share);
  }
  return [...byOrigin.values()].sort((a, b) =>
    a.origin.createdAt < b.origin.createdAt ? -1 : a.origin.createdAt > b.origin.createdAt ? 1 : a.origin.postId < b.origin.postId ? -1 : a.origin.postId > b.origin.postId ? 1 : 0);
}
