/**
 * An activity's public page lists the practical guides to read again at home ("Fiches
 * utiles"). The activities module renders them; the resources module, which comes later in
 * the module order, registers where they come from — so activities never imports resources.
 * With nothing registered, the list is empty.
 */
import { ListSources } from './registry.ts';

export interface ActivityResource {
  title: string;
  summary: string;
  href: string;
}

export class ActivityResourcesRegistry extends ListSources<[centerId: string, activityId: string], ActivityResource> {
  /** The resources every source gives for this activity, in their order. */
  forActivity(centerId: string, activityId: string): Promise<ActivityResource[]> {
    return this.gather(centerId, activityId);
  }
}
