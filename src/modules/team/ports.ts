/**
 * What the team module needs from the modules before it (activities, help desk, pathways, navette), as
 * the small interfaces it relies on; adapters over the real services are made in
 * team.module.ts, read as the system (the rules of assigning are this module's own).
 */

/** An activity session a facilitator may be assigned to. */
export interface SessionChoice {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  cancelled: boolean;
}

export interface SessionsPort {
  /** Sessions starting within [from, to) (UTC instants), in time order. */
  sessions(centerId: string, from: string, to: string): Promise<SessionChoice[]>;
  session(centerId: string, id: string): Promise<SessionChoice | undefined>;
}

/** A weekly help-desk opening (Paris wall-clock times), as the help desk stores it. */
export interface OpeningRule {
  id: string;
  siteName: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  startTime: string;
  endTime: string;
  startsOn: string;
  endsOn: string | null;
  everyWeeks: number;
}

export interface OpeningsPort {
  openings(centerId: string): Promise<OpeningRule[]>;
}

/** A confirmed navette tour a driver or facilitator may be assigned to. */
export interface TourChoice {
  id: string;
  /** The Paris date of the tour. */
  day: string;
  /** UTC instants: the start of the shift and the car's return. */
  startsAt: string;
  endsAt: string;
  visits: number;
}

export interface ToursPort {
  /** Confirmed tours from a Paris date on, in date order. */
  tours(centerId: string, fromDay: string): Promise<TourChoice[]>;
  /** A confirmed tour, or undefined (unknown, draft or cancelled). */
  tour(centerId: string, id: string): Promise<TourChoice | undefined>;
}

export interface PathwayChoice {
  id: string;
  title: string;
}

/** Training pathways: which exist, which a staff account completed, which a role requires. */
export interface TrainingPort {
  pathways(centerId: string): Promise<PathwayChoice[]>;
  completedPathwayIds(centerId: string, userId: string): Promise<Set<string>>;
  /** Every staff account's completed pathways at once (the team list). */
  completions(centerId: string): Promise<Map<string, Set<string>>>;
  /** Pathway ids required of a role (the pathways module's own setting). */
  requiredForRole(centerId: string, role: string): Promise<string[]>;
}

/** The competences of the centre's framework (codes such as "4.1" or "ACC.1"). */
export interface CompetencePort {
  competences(centerId: string): Promise<{ code: string; title: string }[]>;
}
