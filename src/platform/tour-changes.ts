/**
 * A navette tour was called off, or its return time changed (visits reordered or taken out): modules that keep a copy of a tour (the
 * team's assignments of a driver or facilitator, and through them each member's "my week" and
 * subscribed calendar) bring their copy in line. The shuttle module tells, inside the
 * transaction of the change; later modules register — so the shuttle never imports them.
 * Listeners write only through the transaction they are given.
 */
import { ChangeListeners } from './registry.ts';

export interface TourChange {
  tourId: string;
  /** UTC instants: from the start of the shift to the car's return. */
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
}

export class TourChangesRegistry extends ChangeListeners<TourChange> {}
