/** The kinds of help a volunteer gives, as stored with each entry of hours. */
export const HELP_KINDS = ['atelier', 'permanence', 'navette', 'forum', 'autre'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/**
 * The default hourly rate of the valorisation du bénévolat: the gross hourly SMIC in mainland
 * France on 1 January 2026, 12,02 € (décret n° 2025-1228 du 17 décembre 2025, JO du
 * 18 décembre 2025). A centre sets its own rate on the volunteer hours page.
 */
export const DEFAULT_HOURLY_RATE_CENTS = 1202;

/** An entry lasts at least one minute and at most a day. */
export const MAX_MINUTES = 24 * 60;
