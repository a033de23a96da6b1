import type { Actor } from './auth/actor.ts';
import { can, type Permission } from './auth/roles.ts';
import type { MessageKey, Params } from './i18n/index.ts';

/**
 * Every role's home page (/tableau-de-bord) shows its day: what happens today, the counts of
 * the week, what needs doing. The home module renders the page but owns none of that data:
 * each module that has something to show registers a section here (with the permission that
 * lets a role see it), and reads its figures through its own services. Modules that come later
 * in the module order (equipment, forums, shuttle) add theirs the same way, in their module
 * file: `ctx.dashboard.register({ key, title, order, permission, load })`.
 */

/**
 * A text to translate when the page is drawn: a catalogue key and its parameters. A parameter
 * named `day` holds a UTC instant and is written as a day in the reader's language ("mardi 13 janvier").
 */
export interface DashboardText {
  key: MessageKey;
  params?: Params;
}

/** One thing happening today (a session, an appointment), in time order. */
export interface DashboardEvent {
  startsAt: string;
  endsAt?: string | null;
  /** The name as the staff know it (an activity's title, a motif), or a text to translate (« Tournée de la navette »). */
  title: string | DashboardText;
  detail?: DashboardText | null;
  href?: string | null;
}

/** A count of the week (or of the period the section says). */
export interface DashboardFigure {
  label: DashboardText;
  /** null: fewer than the disclosure threshold, shown as "moins de 5" (aggregated views). */
  value: number | null;
  href?: string | null;
}

/** How many things to do one list of a home page shows before "and N more". */
export const MAX_TODOS = 5;

/** Something left to do, with how many and where to do it. */
export interface DashboardTodo {
  label: DashboardText;
  count?: number;
  href: string;
}

export interface DashboardContent {
  /** A sentence under the section's title (what the figures cover). */
  intro?: DashboardText;
  events?: DashboardEvent[];
  /** What to say when `events` is empty. */
  noEvents?: MessageKey;
  figures?: DashboardFigure[];
  todos?: DashboardTodo[];
  /** A small table of counts under a title (a partner's residents by age bracket). */
  breakdown?: { title: MessageKey; rows: DashboardFigure[] };
}

/** The day the page is drawn for: the Paris calendar date, its week (Monday to Sunday) and the instant. */
export interface DashboardDay {
  date: string;
  monday: string;
  sunday: string;
  now: Date;
}

export interface DashboardSection {
  /** A stable name (tests, anchors): "activities", "helpdesk"… */
  key: string;
  title: MessageKey;
  /** Lower first. */
  order: number;
  permission: Permission;
  load(actor: Actor, day: DashboardDay): Promise<DashboardContent | null>;
}

export interface LoadedSection {
  key: string;
  title: MessageKey;
  content: DashboardContent;
}

export class DashboardRegistry {
  readonly #sections: DashboardSection[] = [];

  register(section: DashboardSection): void {
    if (this.#sections.some((s) => s.key === section.key)) throw new Error(`dashboard section ${section.key} registered twice`);
    this.#sections.push(section);
  }

  /** The sections the actor's role may see, loaded together, in their order; a section with nothing to say is left out. */
  async sectionsFor(actor: Actor, day: DashboardDay): Promise<LoadedSection[]> {
    const visible = this.#sections.filter((s) => can(actor.role, s.permission)).sort((a, b) => a.order - b.order);
    const loaded = await Promise.all(visible.map(async (s) => ({ key: s.key, title: s.title, content: await s.load(actor, day) })));
    return loaded.filter((s): s is LoadedSection => s.content !== null);
  }
}
