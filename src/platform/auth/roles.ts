/**
 * Who may do what. Staff roles are fixed by the product; a permission names a capability,
 * and every route asks for one. The role × route matrix test reads this table.
 */
export const CENTRE_ROLES = ['admin', 'coordinator', 'facilitator', 'volunteer', 'partner'] as const;
/**
 * Every role: a centre's (above), and a federation's account, which belongs to no centre's
 * team and reads only the anonymous figures of its federation's centres. A centre's admin
 * never gives it (the command line does: `lieudit user add --role federation_admin`).
 */
export const ROLES = [...CENTRE_ROLES, 'federation_admin'] as const;
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
  /** The centre's figures for funders: the report page, its exports and the reports API. */
  'reports.read': ['admin', 'coordinator'],
  /** A partner commune's aggregated figures (its residents, the sessions held in its village). */
  'reports.commune': ['partner'],
  /** The equipment inventory, read-only (no borrower names). */
  'equipment.read': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** Lend, check in, renew and reserve equipment; see loans, borrowers and the overdue list. */
  'equipment.lend': ['admin', 'coordinator', 'facilitator'],
  /** Add and change items, their kits, funders and required trainings. */
  'equipment.manage': ['admin', 'coordinator'],
  /** Write, preview, publish and unpublish the practical guides (fiches) of the resource space. */
  'resources.manage': ['admin', 'coordinator', 'facilitator'],
  /** Set the retention periods of personal data. */
  'privacy.manage': ['admin'],
  /** Read the register of processing activities (RGPD art. 30). */
  'privacy.read': ['admin', 'coordinator'],
  /** Ask the navette's tour planner for a proposed tour. */
  'shuttle.plan': ['admin', 'coordinator', 'facilitator'],
  /** Consultations, proposals, votes and results as staff see them. */
  'forums.read': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** Open and change consultations, moderate proposals (accept, merge, reject), programme a theme. */
  'forums.manage': ['admin', 'coordinator'],
  /** Enter what residents gave on paper or by phone: proposals and vote tallies. */
  'forums.enter': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** Take and see the navette's visit requests (volunteers: for the persons they accompany). */
  'shuttle.requests': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** The team list and profiles, and one's own week and calendar address. */
  'team.read': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** Assign people to sessions and help desks, change anyone's profile, set the trainings each kind of assignment requires. */
  'team.manage': ['admin', 'coordinator'],
  /** The team notice board: read and post short messages (partners are not part of the team). */
  'team.notices': ['admin', 'coordinator', 'facilitator', 'volunteer'],
  /** Pin posts, see who read any post, choose how often the e-mail digest goes out. */
  'team.notices.manage': ['admin', 'coordinator'],
  /** Volunteer hours: record them, totals, the valorisation and its hourly rate, exports. */
  'team.hours': ['admin', 'coordinator'],
  /** A federation's anonymous figures across its centres: no person, no centre's page. */
  'federation.read': ['federation_admin'],
  /**
   * Create, list and revoke the federation's API tokens (signed in only: a federation's token
   * reaches nothing but the routes asking for federation.read, so never makes another one).
   */
  'federation.tokens': ['federation_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A role a centre gives to its team and its API tokens (not a federation's). */
export function isCentreRole(value: string): value is (typeof CENTRE_ROLES)[number] {
  return (CENTRE_ROLES as readonly string[]).includes(value);
}

/** Roles that see every person of the centre; the others see a restricted set or none. */
export function seesAllPersons(role: Role): boolean {
  return role === 'admin' || role === 'coordinator' || role === 'facilitator';
}
