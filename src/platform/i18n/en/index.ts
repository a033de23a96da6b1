import type { MessageKey } from '../fr/index.ts';
import type { Message } from '../index.ts';
import { common } from './common.ts';
import { admin } from './admin.ts';
import { people } from './people.ts';
import { activities } from './activities.ts';
import { helpdesk } from './helpdesk.ts';

/** English, second language: any missing key falls back to French. */
export const en: Partial<Record<MessageKey, Message>> = { ...common, ...admin, ...people, ...activities, ...helpdesk };
