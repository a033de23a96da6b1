/** The notice board's stored codes: how often the e-mail digest of unread posts goes out. */
export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'never'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/**
 * Daily by default: a short team in a rural centre reads the board a few times a week, and an
 * unread post (a changed opening, a tablet to charge) is often about the next day.
 */
export const DEFAULT_DIGEST: DigestFrequency = 'daily';

/** A digest leaves from this hour (Europe/Paris) on its day; weekly ones on Monday. */
export const DIGEST_HOUR = 8;
