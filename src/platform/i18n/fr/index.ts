import { common } from './common.ts';
import { people } from './people.ts';
import { admin } from './admin.ts';
import { activities } from './activities.ts';
import { pathways } from './pathways.ts';
import { helpdesk } from './helpdesk.ts';

/** The French catalogue: the reference language, always complete. One file per area. */
export const fr = { ...common, ...people, ...admin, ...activities, ...pathways, ...helpdesk } as const;
export type MessageKey = keyof typeof fr;
