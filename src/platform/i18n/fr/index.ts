import { common } from './common.ts';
import { people } from './people.ts';
import { admin } from './admin.ts';
import { activities } from './activities.ts';
import { pathways } from './pathways.ts';
import { helpdesk } from './helpdesk.ts';
import { shuttle } from './shuttle.ts';
import { reports } from './reports.ts';
import { equipment } from './equipment.ts';
import { resources } from './resources.ts';
import { privacy } from './privacy.ts';
import { forums } from './forums.ts';
import { twoStep } from './two-step.ts';
import { team } from './team.ts';
import { teamBoard } from './team-board.ts';
import { federation } from './federation.ts';
import { exports } from './exports.ts';

/** The French catalogue: the reference language, always complete. One file per area. */
export const fr = { ...common, ...people, ...admin, ...activities, ...pathways, ...helpdesk, ...shuttle, ...reports, ...equipment, ...resources, ...privacy, ...forums, ...twoStep, ...team, ...teamBoard, ...federation, ...exports } as const;
export type MessageKey = keyof typeof fr;
