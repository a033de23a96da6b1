// The centres, their sites and partner communes (src/modules/centre).
import type { Generated } from 'kysely';

export interface CentersTable {
  id: string;
  slug: string;
  name: string;
  address: string | null;
  postalCode: string | null;
  communeInsee: string;
  openingHours: string | null;
  email: string | null;
  phone: string | null;
  /** The roles that must use two-step sign-in, comma-separated ('' : none). */
  twoStepRoles: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

export interface SitesTable {
  id: string;
  centerId: string;
  name: string;
  kind: string;
  address: string | null;
  communeInsee: string | null;
  accessibility: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerCommunesTable {
  id: string;
  centerId: string;
  communeInsee: string;
  contactName: string | null;
  contactEmail: string | null;
  createdAt: string;
}

export interface CentreTables {
  centers: CentersTable;
  sites: SitesTable;
  partnerCommunes: PartnerCommunesTable;
}
