/**
 * What volunteer hours need from the activities module: the sessions an entry can be tied to.
 * The real programme satisfies it through the adapter in team-board.module.ts.
 */
export interface SessionChoice {
  id: string;
  title: string;
  startsAt: string;
}

export interface SessionsPort {
  /** The centre's sessions that start between two Paris days (both included), in order. */
  between(centerId: string, from: string, to: string): Promise<SessionChoice[]>;
  find(centerId: string, id: string): Promise<SessionChoice | undefined>;
}
