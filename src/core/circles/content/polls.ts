import type { PollDoc, VoteDoc } from './types';

/**
 * Poll tallies. One vote doc per person (`vote:<poll>:<user>`); a single-choice poll counts only the first
 * valid choice, unknown options are ignored, and votes made after the close time do not count. Results are
 * shown to a person once they voted or the poll is closed, and to the circle's operators (who run the poll and
 * decide when to close it) all along; an anonymous poll never names voters.
 */
export interface PollOptionResult {
  id: string;
  label: string;
  count: number;
  /** Share of voters (0–100, rounded); in a multiple-choice poll the shares may add up to more than 100. */
  percent: number;
  /** Who chose it; always empty for anonymous polls. */
  voters: string[];
}

export interface PollTally {
  closed: boolean;
  voterCount: number;
  myChoices: string[];
  canVote: boolean;
  showResults: boolean;
  /** Empty unless `showResults`: no member sees the tally before voting, so the tally cannot sway the vote. */
  results: PollOptionResult[];
  /** The options with the most votes (several on a tie; empty with no votes). Only when `showResults`. */
  leaders: string[];
}

export const voteId = (pollId: string, user: string): string => `vote:${pollId}:${user}`;

export function isPollClosed(poll: Pick<PollDoc, 'closesAt' | 'closed'>, now: number): boolean {
  return poll.closed === true || now >= Date.parse(poll.closesAt);
}

/** The valid choices of one vote: known options, no repeats, at most one in a single-choice poll. */
export function validChoices(poll: Pick<PollDoc, 'options' | 'multiple'>, choices: readonly string[]): string[] {
  const known = new Set(poll.options.map((o) => o.id));
  const picked = [...new Set(choices.filter((c) => known.has(c)))];
  return poll.multiple ? picked : picked.slice(0, 1);
}

export interface PollViewer {
  /** `me` runs the circle (operator or co-operator). */
  operator?: boolean;
}

export function tallyPoll(poll: PollDoc, votes: readonly VoteDoc[], me: string | undefined, now: number, viewer: PollViewer = {}): PollTally {
  const closesAt = Date.parse(poll.closesAt);
  const byVoter = new Map<string, string[]>();
  for (const vote of votes) {
    if (vote.type !== 'vote' || vote.poll !== poll._id || vote._deleted) continue;
    if (vote._id !== voteId(poll._id, vote.author)) continue;
    if (Date.parse(vote.createdAt) > closesAt) continue;
    const choices = validChoices(poll, vote.choices ?? []);
    if (choices.length) byVoter.set(vote.author, choices);
  }
  const closed = isPollClosed(poll, now);
  const myChoices = (me && byVoter.get(me)) || [];
  const showResults = closed || myChoices.length > 0 || viewer.operator === true;
  const voterCount = byVoter.size;
  const results: PollOptionResult[] = showResults
    ? poll.options.map((option) => {
        const voters = [...byVoter].filter(([, choices]) => choices.includes(option.id)).map(([voter]) => voter).sort();
        return {
          id: option.id,
          label: option.label,
          count: voters.length,
          percent: voterCount ? Math.round((voters.length / voterCount) * 100) : 0,
          voters: poll.anonymous ? [] : voters,
        };
      })
    : [];
  const top = Math.max(0, ...results.map((r) => r.count));
  return {
    closed,
    voterCount,
    myChoices,
    canVote: !closed,
    showResults,
    results,
    leaders: top > 0 ? results.filter((r) => r.count === top).map((r) => r.id) : [],
  };
}
