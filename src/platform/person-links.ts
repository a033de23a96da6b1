import type { Actor } from './auth/actor.ts';
import { can, type Permission } from './auth/roles.ts';
import type { MessageKey } from './i18n/index.ts';

/**
 * What other services hold about a person is shown from the person's file as links (their
 * workshops, appointments, pathways). The people module renders them; each later module
 * registers its own, so that people never imports them.
 */
export interface PersonLink {
  label: MessageKey;
  href(personId: string): string;
  permission: Permission;
}

export class PersonLinksRegistry {
  readonly #links: PersonLink[] = [];

  register(link: PersonLink): void {
    this.#links.push(link);
  }

  linksFor(actor: Actor, personId: string): { label: MessageKey; href: string }[] {
    return this.#links
      .filter((link) => can(actor.role, link.permission))
      .map((link) => ({ label: link.label, href: link.href(personId) }));
  }
}
