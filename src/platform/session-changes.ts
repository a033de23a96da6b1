/**
 * An activity session moved, was cancelled, removed from the programme, or its activity was
 * renamed: modules that keep a copy of a session (the team's assignments, and through them
 * each member's "my week" and subscribed calendar) bring their copy in line. The activities
 * module tells, inside the transaction of the change; the later modules register — so
 * activities never imports them. Listeners write only through the transaction they are given.
 */
import { ChangeListeners } from './registry.ts';

export interface SessionChange {
  sessionId: string;
  /** The activity's title, as it now reads. */
  title: string;
  startsAt: string;
  endsAt: string;
  /** Where it takes place, as the programme prints it, or null. */
  place: string | null;
  /** Cancelled, or no longer in the programme. */
  cancelled: boolean;
}

export class SessionChangesRegistry extends ChangeListeners<SessionChange> {}
