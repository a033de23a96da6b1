// The centres, their sites and partner communes (src/modules/centre).
import type { ColumnType, Generated } from 'kysely';

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
  /** 14 digits, checked (Luhn); the open-data listing's `pivot`. Optional when a centre is made. */
  siret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The roles that must use two-step sign-in, comma-separated ('' : none). */
  twoStepRoles: Generated<string>;
  /** The federation the centre belongs to, if any. */
  federationId: Generated<string | null>;
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

/** A federation of centres: it reads their anonymous figures, nothing else. */
export interface FederationsTable {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The version of a centre's report figures: a random number that triggers change with every write
 * of its attendance, accompaniments or persons (migration 2026_12_07_0900); no row until the first.
 */
export interface ReportVersionsTable {
  centerId: string;
  version: ColumnType<number | string, number, number>;
}

/**
 * A centre's figures for a period as the federation's report last counted them, with the
 * centre's report version read before counting (migration 2026_12_07_1110): valid while the
 * version is unchanged.
 */
export interface ReportFiguresTable {
  centerId: string;
  periodFrom: string;
  periodTo: string;
  version: ColumnType<number | string, number, number>;
  /** The centre's Figures (figures.ts), as JSON. */
  figures: string;
  countedAt: string;
}

export interface CentreTables {
  federations: FederationsTable;
  reportVersions: ReportVersionsTable;
  reportFigures: ReportFiguresTable;
  centers: CentersTable;
  sites: SitesTable;
  partnerCommunes: PartnerCommunesTable;
}
