/**
 * The practical guides (fiches) given with things earlier modules own: a module of a training
 * pathway, a visit report of the navette. Those modules show the links; the resources module,
 * later in the module order, registers where they come from (and stores which fiche goes with
 * what) — so pathways and the navette never import it. With nothing registered, no links.
 */
export type FicheSubject = 'pathway_module' | 'visit_report';

export interface FicheLink {
  title: string;
  href: string;
}

export type FicheLinksSource = (centerId: string, subject: FicheSubject, subjectIds: readonly string[]) => Promise<Map<string, FicheLink[]>>;

export class FicheLinksRegistry {
  readonly #sources: FicheLinksSource[] = [];
  #chooser: ((subject: FicheSubject, subjectId: string) => string) | null = null;

  /** Where the team chooses the fiches given with a subject (the resources module's page). */
  provideChooser(chooser: (subject: FicheSubject, subjectId: string) => string): void {
    this.#chooser = chooser;
  }

  chooseHref(subject: FicheSubject, subjectId: string): string | null {
    return this.#chooser ? this.#chooser(subject, subjectId) : null;
  }

  register(source: FicheLinksSource): void {
    this.#sources.push(source);
  }

  /** The published fiches given with each subject (a subject without any is absent). */
  async forSubjects(centerId: string, subject: FicheSubject, subjectIds: readonly string[]): Promise<Map<string, FicheLink[]>> {
    const out = new Map<string, FicheLink[]>();
    if (subjectIds.length === 0) return out;
    for (const source of this.#sources) {
      for (const [id, links] of await source(centerId, subject, subjectIds)) out.set(id, [...(out.get(id) ?? []), ...links]);
    }
    return out;
  }
}
