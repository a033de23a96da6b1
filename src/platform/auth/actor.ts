import type { Role } from './roles.ts';

/**
 * Who is acting: a signed-in staff member or an API token. Services take it first, check
 * access with it, and scope every query to its centre.
 */
export interface Actor {
  centerId: string;
  userId: string | null;
  role: Role;
  label: string;
  /** For partner accounts: the commune whose aggregated figures they may see. */
  partnerCommuneInsee: string | null;
  /** For a federation's account: the federation whose anonymous figures it may read. */
  federationId?: string | null;
  via: 'session' | 'token' | 'system';
}

export function systemActor(centerId: string): Actor {
  return { centerId, userId: null, role: 'admin', label: 'système', partnerCommuneInsee: null, via: 'system' };
}
