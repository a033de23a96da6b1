/**
 * What the resource space needs from the modules before it, as the small interfaces it relies
 * on: the real services satisfy them through the adapter in resources.module.ts.
 */
export interface ActivityChoice {
  id: string;
  title: string;
}

/** The programme's activities, to link a fiche to the workshops where it is given. */
export interface ActivitiesPort {
  listActivityChoices(centerId: string): Promise<ActivityChoice[]>;
}
