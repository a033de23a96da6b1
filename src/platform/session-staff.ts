/**
 * Who runs a given session. The activities module keeps the facilitators of an activity (who
 * may run it, who sees its registrations); the team module, later in the module order, keeps
 * who is assigned to each session. A session's page shows the team's assignment — the one
 * source of truth for a session — and falls back to the activity's facilitators when nobody
 * is assigned. The team module registers here, so activities never imports it.
 */
export interface SessionStaffMember {
  userId: string;
  displayName: string;
}

export type SessionStaffSource = (centerId: string, sessionId: string) => Promise<SessionStaffMember[]>;

export class SessionStaffRegistry {
  readonly #sources: SessionStaffSource[] = [];

  register(source: SessionStaffSource): void {
    this.#sources.push(source);
  }

  /** The staff assigned to the session (empty with nothing registered). */
  async forSession(centerId: string, sessionId: string): Promise<SessionStaffMember[]> {
    return (await Promise.all(this.#sources.map((source) => source(centerId, sessionId)))).flat();
  }
}
