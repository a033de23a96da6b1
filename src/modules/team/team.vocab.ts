/**
 * Codes the team module stores: the kinds of assignment, the contact channels, the kinds of
 * conflict shown before assigning. Labels live in src/platform/i18n/fr/team.ts.
 */
export const ASSIGNMENT_KINDS = ['session', 'helpdesk', 'tour'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

export const CONTACT_CHANNELS = ['email', 'phone', 'sms'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONFLICT_KINDS = ['double_booking', 'absence', 'unavailable', 'missing_training'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
