import { addDays } from '../../platform/time.ts';

/** The Thursday after a day (the tests' clock starts on a fixed day). */
export function nextThursday(today: string): string {
  for (let d = 1; d <= 7; d++) {
    const day = addDays(today, d);
    if (new Date(`${day}T12:00:00Z`).getUTCDay() === 4) return day;
  }
  throw new Error('no Thursday in a week');
}
