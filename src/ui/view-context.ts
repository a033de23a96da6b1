import type { Actor } from '../platform/auth/actor.ts';
import type { Locale, Translator } from '../platform/i18n/index.ts';
import type { Centre } from '../platform/tenancy.ts';

/** What every view receives besides its own data: who is looking, in which language. */
export interface ViewContext {
  t: Translator;
  locale: Locale;
  actor: Actor | null;
  centre: Centre | null;
  csrfToken: string;
  lisible: boolean;
  path: string;
  flash: string | null;
  /** The instant the page is rendered for, from the app's clock ("today", "this year"). */
  now: Date;
  /** Map tiles (MAP_TILES_URL) for the pages that draw a map; none: no tiled map. */
  mapTiles?: { url: string; attribution: string } | null;
}
