/**
 * Who is assigned to a session or to a navette tour. The activities module keeps the
 * facilitators of an activity (who may run it, who sees its registrations) and the shuttle
 * module keeps its tours; the team module, later in the module order, keeps who is assigned to
 * each — the one source of truth. A session's page shows the team's assignment (falling back to
 * the activity's facilitators when nobody is assigned), a tour's road sheet shows its team. The
 * team module registers here, so activities and shuttle never import it.
 */
import { ListSources } from './registry.ts';

export interface AssignedStaffMember {
  userId: string;
  displayName: string;
}

/** What staff are assigned to: a session of the programme or a navette tour. */
export interface StaffedSlot {
  kind: 'session' | 'tour';
  id: string;
}

export class AssignedStaffRegistry extends ListSources<[centerId: string, slot: StaffedSlot], AssignedStaffMember> {
  /** The staff assigned to the session or tour (empty with nothing registered). */
  of(centerId: string, slot: StaffedSlot): Promise<AssignedStaffMember[]> {
    return this.gather(centerId, slot);
  }
}
