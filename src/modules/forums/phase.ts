import type { Phase } from './forums.vocab.ts';
import { compareFrench } from '../../platform/text.ts';

/** The dates that make a consultation's phases (Paris calendar days, inclusive ends). */
export interface PhaseDates {
  proposalsOpenOn: string;
  votesOpenOn: string;
  votesCloseOn: string;
}

/**
 * Where a consultation stands on a Paris calendar day: proposals from their opening day until
 * the day before the votes open, votes until their closing day included, then the programme.
 */
export function phaseOn(dates: PhaseDates, today: string): Phase {
  if (today < dates.proposalsOpenOn) return 'upcoming';
  if (today < dates.votesOpenOn) return 'proposals';
  if (today <= dates.votesCloseOn) return 'votes';
  return 'programme';
}

/** Ranks themes by total support, then by title, for the results page. */
export function rankResults<T extends { total: number; title: string }>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.total - a.total || compareFrench(a.title, b.title));
  let rank = 0;
  let previous = Number.NaN;
  return sorted.map((item, index) => {
    if (item.total !== previous) rank = index + 1;
    previous = item.total;
    return { ...item, rank };
  });
}
