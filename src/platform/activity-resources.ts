/**
 * An activity's public page lists the practical guides to read again at home ("Fiches
 * utiles"). The activities module renders them; the resources module, which comes later in
 * the module order, registers where they come from — so activities never imports resources.
 * With nothing registered, the list is empty.
 */
export interface ActivityResource {
  title: string;
  summary: string;
  href: string;
}

export type ActivityResourcesSource = (centerId: string, activityId: string) => Promise<ActivityResource[]>;

export class ActivityResourcesRegistry {
  readonly #sources: ActivityResourcesSource[] = [];

  register(source: ActivityResourcesSource): void {
    this.#sources.push(source);
  }

  /** The resources every source gives for this activity, in their order. */
  async forActivity(centerId: string, activityId: string): Promise<ActivityResource[]> {
    const lists = await Promise.all(this.#sources.map((source) => source(centerId, activityId)));
    return lists.flat();
  }
}
