/** What the team module's services share: who is a team member, a profile as pages read it. */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { forbidden } from '../../platform/errors.ts';
import type { AvailabilityWindow } from './schedule.ts';
import type { ProfileRow } from './team.repository.ts';
import type { ContactChannel } from './team.vocab.ts';

export interface Profile {
  skills: string[];
  tags: string[];
  availability: AvailabilityWindow[];
  contactChannel: ContactChannel;
  phone: string | null;
  contactNote: string | null;
  updatedAt: string | null;
}

export interface StaffUser {
  id: string;
  displayName: string;
  email: string;
  role: string;
  active: unknown;
}

/** Partners (a commune's account) and a federation's account are not part of the team. */
export const isTeamRole = (role: string): boolean => role !== 'partner' && role !== 'federation_admin';

function parseList<T>(json: string): T[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function toProfile(row: ProfileRow | undefined): Profile {
  if (!row) return { skills: [], tags: [], availability: [], contactChannel: 'email', phone: null, contactNote: null, updatedAt: null };
  return {
    skills: parseList<string>(row.skills),
    tags: parseList<string>(row.tags),
    availability: parseList<AvailabilityWindow>(row.availability),
    contactChannel: row.contactChannel as ContactChannel,
    phone: row.phone,
    contactNote: row.contactNote,
    updatedAt: row.updatedAt,
  };
}

/** A member's own profile, or anyone's for those who manage the team. */
export function requireSelfOrManager(actor: Actor, userId: string): void {
  if (!isTeamRole(actor.role)) throw forbidden();
  if (actor.userId === userId) return;
  requirePermission(actor, 'team.manage');
}
