/**
 * The help desk's SQL: settings, motifs, openings (with the motifs they serve), absences,
 * appointments, accompaniment records. Every function takes `db` or a transaction and the
 * centre it is scoped to — except the reminder scan, which is explicit about reading every
 * centre. Nothing here decides; the service does.
 */
import { sortFrench } from '../../platform/text.ts';
import type { Kysely, Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type {
  Database, HelpdeskAbsencesTable, HelpdeskAccompanimentsTable, HelpdeskAppointmentsTable, HelpdeskMotifsTable,
  HelpdeskOpeningsTable,
} from '../../db/schema.ts';

type Q = Kysely<Database>;

export type MotifRow = Selectable<HelpdeskMotifsTable>;
export type OpeningRow = Omit<Selectable<HelpdeskOpeningsTable>, 'bookingSeq'> & { motifIds: string[] };
export type AbsenceRow = Selectable<HelpdeskAbsencesTable>;
export type AppointmentRow = Selectable<HelpdeskAppointmentsTable>;
export type AccompanimentRow = Omit<Selectable<HelpdeskAccompanimentsTable>, 'redirected' | 'followUp'> & {
  redirected: boolean;
  followUp: boolean;
};
export interface SettingsRow {
  centerId: string;
  cancelUntilHours: number;
  reminderDayBefore: boolean;
  updatedAt: string;
}

// The help desk's services call it through the repository; the rule lives in db/errors.ts.
export { isUniqueViolation } from '../../db/errors.ts';

// — settings —

export async function findSettings(db: Q, centerId: string): Promise<SettingsRow | undefined> {
  const row = await db.selectFrom('helpdeskSettings').selectAll().where('centerId', '=', centerId).executeTakeFirst();
  return row && { ...row, reminderDayBefore: asBool(row.reminderDayBefore) };
}

export async function upsertSettings(db: Q, row: SettingsRow): Promise<void> {
  await db
    .insertInto('helpdeskSettings')
    .values(row)
    .onConflict((oc) =>
      oc.column('centerId').doUpdateSet({ cancelUntilHours: row.cancelUntilHours, reminderDayBefore: row.reminderDayBefore, updatedAt: row.updatedAt }),
    )
    .execute();
}

/** The centres that want the day-before reminder (the scan reads every centre). */
export async function centresWithDayBeforeReminder(db: Q): Promise<string[]> {
  const rows = await db.selectFrom('helpdeskSettings').select(['centerId', 'reminderDayBefore']).execute();
  return rows.filter((r) => asBool(r.reminderDayBefore)).map((r) => r.centerId);
}

// — motifs —

export async function insertMotif(db: Q, row: MotifRow): Promise<void> {
  await db.insertInto('helpdeskMotifs').values(row).execute();
}

export async function updateMotif(db: Q, centerId: string, id: string, patch: Partial<Omit<MotifRow, 'id' | 'centerId' | 'createdAt'>>): Promise<void> {
  await db.updateTable('helpdeskMotifs').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function findMotif(db: Q, centerId: string, id: string): Promise<MotifRow | undefined> {
  return db.selectFrom('helpdeskMotifs').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function listMotifs(db: Q, centerId: string, options: { includeArchived?: boolean; publicOnly?: boolean } = {}): Promise<MotifRow[]> {
  let query = db.selectFrom('helpdeskMotifs').selectAll().where('centerId', '=', centerId);
  if (!options.includeArchived) query = query.where('archivedAt', 'is', null);
  if (options.publicOnly) query = query.where('bookableBy', '=', 'public');
  return query.orderBy('name').orderBy('id').execute().then((rows) => sortFrench(rows, (r) => r.name));
}

// — openings —

export async function insertOpening(db: Q, row: Omit<OpeningRow, 'motifIds'>, motifIds: string[]): Promise<void> {
  await db.insertInto('helpdeskOpenings').values({ ...row, bookingSeq: 0 }).execute();
  await db
    .insertInto('helpdeskOpeningMotifs')
    .values(motifIds.map((motifId) => ({ openingId: row.id, motifId, centerId: row.centerId })))
    .execute();
}

export async function deleteOpening(db: Q, centerId: string, id: string): Promise<void> {
  await db.deleteFrom('helpdeskOpeningMotifs').where('centerId', '=', centerId).where('openingId', '=', id).execute();
  await db.deleteFrom('helpdeskOpenings').where('centerId', '=', centerId).where('id', '=', id).execute();
}

const openingColumns = [
  'id', 'centerId', 'siteId', 'staffUserId', 'weekday', 'startTime', 'endTime', 'startsOn', 'endsOn', 'everyWeeks', 'createdAt', 'updatedAt',
] as const;

/**
 * Openings of a centre, each with the motifs it serves. `motifId` keeps those serving it;
 * `activeFrom` drops those that ended before that date.
 */
export async function listOpenings(
  db: Q,
  centerId: string,
  options: { motifId?: string; siteId?: string; activeFrom?: string; staffUserId?: string } = {},
): Promise<OpeningRow[]> {
  let query = db.selectFrom('helpdeskOpenings').select(openingColumns).where('centerId', '=', centerId);
  if (options.siteId) query = query.where('siteId', '=', options.siteId);
  if (options.staffUserId) query = query.where('staffUserId', '=', options.staffUserId);
  if (options.activeFrom) query = query.where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', options.activeFrom!)]));
  if (options.motifId) {
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('helpdeskOpeningMotifs').select('openingId').where('centerId', '=', centerId).where('motifId', '=', options.motifId!),
    );
  }
  const rows = await query.orderBy('weekday').orderBy('startTime').orderBy('id').execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('helpdeskOpeningMotifs')
    .select(['openingId', 'motifId'])
    .where('centerId', '=', centerId)
    .where('openingId', 'in', rows.map((r) => r.id))
    .execute();
  const byOpening = new Map<string, string[]>();
  for (const link of links) {
    const list = byOpening.get(link.openingId) ?? [];
    list.push(link.motifId);
    byOpening.set(link.openingId, list);
  }
  return rows.map((r) => ({ ...r, motifIds: byOpening.get(r.id) ?? [] }));
}

export async function findOpening(db: Q, centerId: string, id: string): Promise<OpeningRow | undefined> {
  const row = await db.selectFrom('helpdeskOpenings').select(openingColumns).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const links = await db.selectFrom('helpdeskOpeningMotifs').select('motifId').where('centerId', '=', centerId).where('openingId', '=', id).execute();
  return { ...row, motifIds: links.map((l) => l.motifId) };
}

/**
 * Serialises bookings of one desk: the UPDATE takes the row locks of the desk's openings
 * (on PostgreSQL; SQLite runs one write transaction at a time anyway), so two bookings of
 * the same desk check availability one after the other.
 */
export async function lockDesk(db: Q, centerId: string, desk: { openingId: string; staffUserId: string | null }): Promise<void> {
  let query = db
    .updateTable('helpdeskOpenings')
    .set((eb) => ({ bookingSeq: eb('bookingSeq', '+', 1) }))
    .where('centerId', '=', centerId);
  query = desk.staffUserId ? query.where('staffUserId', '=', desk.staffUserId) : query.where('id', '=', desk.openingId);
  await query.execute();
}

// — absences —

export async function insertAbsence(db: Q, row: AbsenceRow): Promise<void> {
  await db.insertInto('helpdeskAbsences').values(row).execute();
}

export async function deleteAbsence(db: Q, centerId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('helpdeskAbsences').where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Absences that may touch dates from `fromDate` on (weekly ones until their repeat end). */
export async function listAbsences(db: Q, centerId: string, fromDate?: string): Promise<AbsenceRow[]> {
  let query = db.selectFrom('helpdeskAbsences').selectAll().where('centerId', '=', centerId);
  if (fromDate) {
    query = query.where((eb) => eb.or([eb('lastDay', '>=', fromDate), eb('repeatWeeklyUntil', '>=', fromDate)]));
  }
  return query.orderBy('firstDay').orderBy('id').execute();
}

// — appointments —

export async function insertAppointment(db: Q, row: Omit<AppointmentRow, 'sequence'>): Promise<void> {
  await db.insertInto('helpdeskAppointments').values(row).execute();
}

export async function updateAppointment(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Omit<AppointmentRow, 'id' | 'centerId' | 'createdAt' | 'sequence'>>,
): Promise<void> {
  // A move or a cancellation bumps the iCalendar SEQUENCE of the resident's .ics.
  const significant = ['startAt', 'endAt', 'siteId', 'status'].some((key) => key in patch);
  await db
    .updateTable('helpdeskAppointments')
    .set((eb) => (significant ? { ...patch, sequence: eb('sequence', '+', 1) } : patch))
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .execute();
}

export async function deleteAppointment(db: Q, centerId: string, id: string): Promise<void> {
  await db.deleteFrom('helpdeskAppointments').where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function findAppointment(db: Q, centerId: string, id: string): Promise<AppointmentRow | undefined> {
  return db.selectFrom('helpdeskAppointments').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

/**
 * An appointment by id alone, whatever its centre: only for the resident's signed link, whose
 * signature stands for the centre check.
 */
export async function findAppointmentBySignedId(db: Q, id: string): Promise<AppointmentRow | undefined> {
  return db.selectFrom('helpdeskAppointments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Booked time ranges that may overlap [from, to) — what the slot computation subtracts. */
export async function listBookedRanges(
  db: Q,
  centerId: string,
  from: string,
  to: string,
  deskKeys?: string[],
): Promise<{ id: string; deskKey: string; startAt: string; endAt: string }[]> {
  if (deskKeys && deskKeys.length === 0) return [];
  let query = db
    .selectFrom('helpdeskAppointments')
    .select(['id', 'deskKey', 'startAt', 'endAt'])
    .where('centerId', '=', centerId)
    .where('status', '=', 'booked')
    // Drop-ins hold no slot; without a desk list, leave them out by kind (with one, their
    // own "drop_in:" keys never match).
    .$if(!deskKeys, (q) => q.where('kind', '=', 'appointment'))
    .where('endAt', '>', from)
    // Appointments last at most 8 hours (the motif limit): no need to look further back.
    .where('startAt', '<', to)
    .where('startAt', '>=', new Date(Date.parse(from) - 8 * 3_600_000).toISOString());
  if (deskKeys) query = query.where('deskKey', 'in', deskKeys);
  return query.execute();
}

export interface AppointmentFilter {
  from?: string;
  to?: string;
  siteId?: string;
  staffUserId?: string;
  personId?: string;
  kind?: 'appointment' | 'drop_in';
  status?: 'booked' | 'cancelled';
  limit?: number;
}

export async function listAppointments(db: Q, centerId: string, filter: AppointmentFilter = {}): Promise<AppointmentRow[]> {
  let query = db.selectFrom('helpdeskAppointments').selectAll().where('centerId', '=', centerId);
  if (filter.from) query = query.where('startAt', '>=', filter.from);
  if (filter.to) query = query.where('startAt', '<', filter.to);
  if (filter.siteId) query = query.where('siteId', '=', filter.siteId);
  if (filter.staffUserId) query = query.where('staffUserId', '=', filter.staffUserId);
  if (filter.personId) query = query.where('personId', '=', filter.personId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('startAt').orderBy('id').limit(filter.limit ?? 2000).execute();
}

/**
 * Booked appointments starting in (from, to] that the reminder scan has not dealt with yet —
 * in every centre: the scan is a system job.
 */
export async function listUpcomingAllCentres(db: Q, from: string, to: string, kind: 'reminder48' | 'dayBefore'): Promise<AppointmentRow[]> {
  return db
    .selectFrom('helpdeskAppointments')
    .selectAll()
    .where('status', '=', 'booked')
    .where('kind', '=', 'appointment')
    .where(kind === 'reminder48' ? 'reminderDoneAt' : 'dayBeforeDoneAt', 'is', null)
    .where('startAt', '>', from)
    .where('startAt', '<=', to)
    .orderBy('startAt')
    .limit(5000)
    .execute();
}

/** Outcomes counted per motif and per site over a period (the no-show rate). */
export async function countOutcomes(
  db: Q,
  centerId: string,
  from: string,
  to: string,
): Promise<{ motifId: string; siteId: string; outcome: string | null; n: number }[]> {
  const rows = await db
    .selectFrom('helpdeskAppointments')
    .select(['motifId', 'siteId', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('centerId', '=', centerId)
    .where('kind', '=', 'appointment')
    .where('status', '=', 'booked')
    .where('startAt', '>=', from)
    .where('startAt', '<', to)
    .groupBy(['motifId', 'siteId', 'outcome'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Persons whose appointments a staff member holds or closed, and whose records they wrote. */
export async function personIdsForStaff(db: Q, centerId: string, userId: string): Promise<string[]> {
  const fromAppointments = await db
    .selectFrom('helpdeskAppointments')
    .select('personId')
    .distinct()
    .where('centerId', '=', centerId)
    .where('personId', 'is not', null)
    .where((eb) => eb.or([eb('staffUserId', '=', userId), eb('outcomeBy', '=', userId), eb('bookedBy', '=', userId)]))
    .execute();
  const fromRecords = await db
    .selectFrom('helpdeskAccompaniments')
    .select('personId')
    .distinct()
    .where('centerId', '=', centerId)
    .where('personId', 'is not', null)
    .where('recordedBy', '=', userId)
    .execute();
  return [...new Set([...fromAppointments, ...fromRecords].map((r) => r.personId!))];
}

// — accompaniment records —

const toAccompaniment = (row: Selectable<HelpdeskAccompanimentsTable>): AccompanimentRow => ({
  ...row,
  redirected: asBool(row.redirected),
  followUp: asBool(row.followUp),
});

export async function insertAccompaniment(db: Q, row: AccompanimentRow): Promise<void> {
  await db.insertInto('helpdeskAccompaniments').values(row).execute();
}

export async function findAccompaniment(db: Q, centerId: string, id: string): Promise<AccompanimentRow | undefined> {
  const row = await db.selectFrom('helpdeskAccompaniments').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row && toAccompaniment(row);
}

export async function findAccompanimentOfAppointment(db: Q, centerId: string, appointmentId: string): Promise<AccompanimentRow | undefined> {
  const row = await db
    .selectFrom('helpdeskAccompaniments')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('appointmentId', '=', appointmentId)
    .executeTakeFirst();
  return row && toAccompaniment(row);
}

export async function listAccompaniments(
  db: Q,
  centerId: string,
  filter: { from?: string; to?: string; personId?: string; recordedBy?: string; limit?: number; offset?: number } = {},
): Promise<AccompanimentRow[]> {
  let query = db.selectFrom('helpdeskAccompaniments').selectAll().where('centerId', '=', centerId);
  if (filter.from) query = query.where('occurredAt', '>=', filter.from);
  if (filter.to) query = query.where('occurredAt', '<', filter.to);
  if (filter.personId) query = query.where('personId', '=', filter.personId);
  if (filter.recordedBy) query = query.where('recordedBy', '=', filter.recordedBy);
  const rows = await query
    .orderBy('occurredAt', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toAccompaniment);
}

// — a person's data (export, merge, erasure) —

export async function movePerson(db: Q, centerId: string, fromId: string, toId: string): Promise<void> {
  await db.updateTable('helpdeskAppointments').set({ personId: toId }).where('centerId', '=', centerId).where('personId', '=', fromId).execute();
  await db.updateTable('helpdeskAccompaniments').set({ personId: toId }).where('centerId', '=', centerId).where('personId', '=', fromId).execute();
}

/** Erasure keeps the rows (statistics) but clears every free text that could identify the person. */
export async function clearPersonText(db: Q, centerId: string, personId: string, now: string): Promise<void> {
  await db.updateTable('helpdeskAppointments').set({ note: null, updatedAt: now }).where('centerId', '=', centerId).where('personId', '=', personId).execute();
  await db
    .updateTable('helpdeskAccompaniments')
    .set({ details: null, updatedAt: now })
    .where('centerId', '=', centerId)
    .where('personId', '=', personId)
    .execute();
}

/** Persons with an appointment or an accompaniment since an instant (the retention purge keeps their file). */
export async function personsActiveSince(db: Q, centerId: string, since: string): Promise<string[]> {
  const appointments = await db.selectFrom('helpdeskAppointments').select('personId').distinct()
    .where('centerId', '=', centerId).where('personId', 'is not', null).where('startAt', '>=', since).execute();
  const accompaniments = await db.selectFrom('helpdeskAccompaniments').select('personId').distinct()
    .where('centerId', '=', centerId).where('personId', 'is not', null).where('occurredAt', '>=', since).execute();
  return [...appointments, ...accompaniments].map((r) => r.personId).filter((id): id is string => id !== null);
}

/** Clears appointment notes and accompaniment details older than the cutoff (statistics stay); answers how many rows. */
export async function clearNotesBefore(db: Q, centerId: string, cutoff: string, now: string): Promise<number> {
  const notes = await db.updateTable('helpdeskAppointments').set({ note: null, updatedAt: now })
    .where('centerId', '=', centerId).where('note', 'is not', null).where('startAt', '<', cutoff).executeTakeFirst();
  const details = await db.updateTable('helpdeskAccompaniments').set({ details: null, updatedAt: now })
    .where('centerId', '=', centerId).where('details', 'is not', null).where('occurredAt', '<', cutoff).executeTakeFirst();
  return Number(notes.numUpdatedRows) + Number(details.numUpdatedRows);
}
