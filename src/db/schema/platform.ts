// Platform tables: audit log, outbox, public submission counts, retention periods (privacy).
import type { Generated } from 'kysely';

export interface AuditLogTable {
  id: string;
  centerId: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: string | null;
  at: string;
}

export interface OutboxTable {
  id: string;
  centerId: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  attempts: Generated<number>;
  lastError: string | null;
  dedupeKey: string | null;
  relatedType: string | null;
  relatedId: string | null;
  /** The person the message was sent to (for their export and erasure); null for staff messages. */
  personId: string | null;
  createdAt: string;
  sentAt: string | null;
  /** A credential link, encrypted, kept only until the message is delivered. */
  secret: string | null;
}

/** A public booking or registration, counted for the daily limits (contacts and address hashed). */
export interface PublicSubmissionsTable {
  id: string;
  centerId: string;
  kind: string;
  personId: string | null;
  emailHash: string | null;
  phoneHash: string | null;
  ipHash: string | null;
  createdAt: string;
}

export interface RetentionPeriodsTable {
  centerId: string;
  /** A RetentionKind (src/platform/retention.ts). */
  kind: string;
  /** Months or days, as the kind says. */
  amount: number;
  updatedAt: string;
}

/** An export run in the background (src/platform/exports/): its progress, then its file until it expires. */
export interface ExportJobsTable {
  id: string;
  centerId: string;
  /** The user who asked: the only one who may see its progress and download the file. */
  requestedBy: string;
  kind: string;
  /** 'csv' | 'xlsx'. */
  format: string;
  /** The list's filters as the page had them (JSON object of strings). */
  params: string;
  /** 'pending' | 'running' | 'done' | 'failed'. */
  status: string;
  /** 0 to 100. */
  progress: Generated<number>;
  rowCount: number | null;
  filename: string | null;
  result: Buffer | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string;
}

export interface PlatformTables {
  exportJobs: ExportJobsTable;
  auditLog: AuditLogTable;
  outbox: OutboxTable;
  publicSubmissions: PublicSubmissionsTable;
  retentionPeriods: RetentionPeriodsTable;
}
