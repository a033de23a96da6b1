/**
 * Who may do what. Staff roles are fixed by the product; a permission names a capability,
 * and every route asks for one. The role × route matrix test reads this table.
 */
export const ROLES = ['admin', 'coordinator', 'facilitator', 'volunteer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Open the persons list and files (volunteers: only those they accompany). */
  'persons.read': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  'persons.write': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  'persons.merge': ['admin', 'coordinator'],
  'persons.export': ['admin', 'coordinator'],
  'persons.erase': ['admin', 'coordinator'],
  'centre.read': ['admin', 'coordinator', 'facilitator', 'volunteer', 'partner'],
  'centre.manage': ['admin'],
  'users.manage': ['admin'],
  'outbox.read': ['admin', 'coordinator'],
  'audit.read': ['admin'],
  /** The programme: activities and sessions (volunteers see contacts only for their own sessions). */
  'activities.read': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** Create, change, cancel activities and sessions. */
  'activities.manage': ['admin', 'coordinator'],
  /** Register a person (by phone, at the desk), cancel a registration, confirm a file match. */
  'activities.register': ['admin', 'coordinator', 'facilitator'],
  /** Mark attendance and print sign-in sheets (volunteers: for the sessions they run). */
  'activities.attendance': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** Help desk settings: motifs, openings, absences, cancellation delay, reminders. */
  'helpdesk.manage': ['admin', 'coordinator'],
  /** At the desk: the day's appointments, booking by phone, drop-ins, outcomes, accompaniment records (volunteers: their own desks). */
  'helpdesk.desk': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** The week across sites and the no-show rates. */
  'helpdesk.overview': ['admin', 'coordinator'],
  /** Pathways and the competence framework, read-only (volunteers: to see their own training). */
  'pathways.read': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** Build pathways and their modules, archive them. */
  'pathways.manage': ['admin', 'coordinator'],
  /** Add, reword, retire and reorder skills; import the framework. */
  'framework.manage': ['admin'],
  /** Enrol learners, see enrolments, start a positioning quiz, hand out progress links. */
  'pathways.enrol': ['admin', 'coordinator', 'facilitator'],
  /** Record evaluation times (checklist, positioning). */
  'pathways.evaluate': ['admin', 'coordinator', 'facilitator'],
  /** Author the quiz question bank. */
  'pathways.questions': ['admin', 'coordinator', 'facilitator'],
  /** Which volunteers and staff followed which training pathway. */
  'pathways.team': ['admin', 'coordinator'],
  /** Require a training pathway for a role. */
  'pathways.training': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles that see every person of the centre; the others see a restricted set or none. */
export function seesAllPersons(role: Role): boolean {
  return role === 'admin' || role === 'coordinator' || role === 'facilitator';
}
