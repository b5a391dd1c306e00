import type { MuteRecord } from '../../db/mutes';

/**
 * When `me` is muted in the circle at `now`: the end of the mute (ISO), else undefined. The hub lets operators
 * write anyway, so an operator is never shown as muted; an expired or unreadable `until` no longer mutes.
 * The circle page derives it once and hands `canWrite` down to the composer, replies, reactions and the cards.
 */
export function mutedUntil(mutes: readonly MuteRecord[], me: string | undefined, now: number, operator = false): string | undefined {
  if (!me || operator) return undefined;
  const ends = mutes.filter((m) => m.user === me).map((m) => Date.parse(m.until)).filter((end) => end > now);
  return ends.length ? new Date(Math.max(...ends)).toISOString() : undefined;
}

/** Milliseconds until a mute ends, for a timer that gives writing back on time (setTimeout's ceiling kept). */
export function msUntilEnd(until: string, now: number): number {
  return Math.min(Math.max(0, Date.parse(until) - now) + 250, 2_147_483_647);
}
