/**
 * Visit reports of the navette, written at the person's home, often with no network. Rules
 * owned here:
 * - a report is stored once per UUID its device gave it (`clientId`, unique per centre): sent
 *   again, or twenty times at once, it answers the same report and changes nothing more;
 * - each report is also an accompaniment record of the help desk (place type `domicile`),
 *   written in the same transaction, and the visit request becomes done;
 * - an appointment chosen in the report is booked for the person once the report is stored,
 *   by the one request that stored it; whatever stops the booking (a slot taken meanwhile, a
 *   motif gone, the help desk failing) leaves the report stored and the appointment to do
 *   ("failed"): never a lost report, never an error for the one who sent it. An appointment
 *   still to do — failed, or "pending" for more than STALE_PENDING_MS (the booking never
 *   finished) — is on the home page of the staff and can be booked again from the visit page;
 *   one retry at a time (the status moves to "pending" first, only if it was still to do);
 * - the other follow-ups (a pathway, a tablet) are noted, to be done from the staff pages;
 * - a report for a request of another centre, a cancelled request or a person the writer
 *   does not see is refused.
 */
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { toVisitRequest, type VisitRequest } from './visit-request.service.ts';
import type { AppointmentWanted, VisitReportInput } from './visit-report.schemas.ts';
import type { FollowUpPort, FollowUpTargets, HelpdeskPort, OfferedSlot, VisitPeoplePort, VisitPerson } from './visit-report.ports.ts';
import * as repo from './visit-report.repository.ts';
import type { AppointmentStatus, ReportFollowUp, ReportOutcome } from './shuttle.vocab.ts';

export interface VisitReport {
  id: string;
  clientId: string;
  requestId: string;
  personId: string;
  accompanimentId: string;
  summary: string;
  durationMinutes: number;
  outcome: ReportOutcome;
  appointment: { wanted: AppointmentWanted | null; id: string | null; status: AppointmentStatus };
  followUps: ReportFollowUp[];
  writtenAt: string;
  createdAt: string;
}

/** Everything the visit page shows: the request, the person, reports already stored, what the form offers. */
export interface VisitSheet {
  request: VisitRequest;
  person: VisitPerson | null;
  reports: VisitReport[];
  /** The reports whose appointment is still to be made (it can be booked again from the page). */
  appointmentsToDo: string[];
  slots: OfferedSlot[];
  targets: FollowUpTargets;
}

export function toVisitReport(row: repo.VisitReportRow): VisitReport {
  return {
    id: row.id,
    clientId: row.clientId,
    requestId: row.requestId,
    personId: row.personId,
    accompanimentId: row.accompanimentId,
    summary: row.summary,
    durationMinutes: row.durationMinutes,
    outcome: row.outcome as ReportOutcome,
    appointment: {
      wanted: row.appointmentWanted ? (JSON.parse(row.appointmentWanted) as AppointmentWanted) : null,
      id: row.appointmentId,
      status: row.appointmentStatus as AppointmentStatus,
    },
    followUps: row.followUps ? (row.followUps.split('|') as ReportFollowUp[]) : [],
    writtenAt: row.writtenAt,
    createdAt: row.createdAt,
  };
}

/** A booking "pending" for longer than this never finished: the appointment is to do. */
const STALE_PENDING_MS = 5 * 60_000;

/** An appointment chosen in a report and still to be made, for the staff's to-do list. */
export interface AppointmentToDo {
  reportId: string;
  requestId: string;
  personId: string;
  writtenAt: string;
}

export class VisitReportService {
  constructor(
    private readonly ctx: AppContext,
    private readonly people: VisitPeoplePort,
    private readonly helpdesk: HelpdeskPort,
    private readonly followUps: FollowUpPort,
  ) {}

  /** A request the actor may visit: of their centre, for a person they see. */
  private async visibleRequest(actor: Actor, requestId: string): Promise<VisitRequest> {
    const row = isUuid(requestId) ? await repo.findRequest(this.ctx.kysely, actor.centerId, requestId) : undefined;
    if (!row || !(await this.people.canSee(actor, row.personId))) throw notFound();
    return toVisitRequest(row);
  }

  /** The visit page: who, where, what for, the reports already stored and the follow-ups on offer. */
  async sheet(actor: Actor, requestId: string): Promise<VisitSheet> {
    requirePermission(actor, 'shuttle.requests');
    requirePermission(actor, 'helpdesk.desk');
    const request = await this.visibleRequest(actor, requestId);
    const person = (await this.people.getSummary(actor.centerId, request.personId)) ?? null;
    const rows = await repo.listForRequest(this.ctx.kysely, actor.centerId, request.id);
    const [slots, targets] = await Promise.all([this.helpdesk.offeredSlots(actor), this.followUps.targets(actor)]);
    return { request, person, reports: rows.map(toVisitReport), appointmentsToDo: rows.filter((r) => this.toDo(r)).map((r) => r.id), slots, targets };
  }

  /** One stored report, for a person the actor sees (the fiches given at the visit are noted on it). */
  async find(actor: Actor, reportId: string): Promise<VisitReport> {
    requirePermission(actor, 'shuttle.requests');
    const row = isUuid(reportId) ? await repo.findReport(this.ctx.kysely, actor.centerId, reportId) : undefined;
    if (!row || !(await this.people.canSee(actor, row.personId))) throw notFound();
    return toVisitReport(row);
  }

  /** A person's reports, oldest first (their file lists what was given at the visits). */
  async ofPerson(actor: Actor, personId: string): Promise<VisitReport[]> {
    requirePermission(actor, 'shuttle.requests');
    if (!isUuid(personId) || !(await this.people.canSee(actor, personId))) throw notFound();
    return (await repo.listForPerson(this.ctx.kysely, actor.centerId, personId)).map(toVisitReport);
  }

  /**
   * Stores a report once per `clientId`: `created` is false when the same report had already
   * arrived (the answer is then that stored report).
   */
  async record(actor: Actor, input: VisitReportInput): Promise<{ report: VisitReport; created: boolean }> {
    requirePermission(actor, 'shuttle.requests');
    requirePermission(actor, 'helpdesk.desk');
    const known = await this.existing(actor, input);
    if (known) return { report: known, created: false };
    const request = await this.visibleRequest(actor, input.requestId).catch((error: unknown) => {
      throw error instanceof AppError && error.status === 404 ? invalid({ requestId: 'shuttle.report.requestUnknown' }) : error;
    });
    if (request.status === 'cancelled') throw conflict('shuttle.report.requestCancelled');
    const now = this.ctx.clock.nowIso();
    const writtenAt = input.writtenAt ? new Date(input.writtenAt).toISOString() : now;
    if (Date.parse(writtenAt) > this.ctx.clock.now().getTime() + 5 * 60_000) throw invalid({ writtenAt: 'shuttle.report.writtenAtInvalid' });
    let row: repo.VisitReportRow;
    try {
      row = await this.ctx.kysely.transaction().execute(async (trx) => {
        const accompaniment = await this.helpdesk.recordHomeVisit(trx, actor, {
          personId: request.personId, occurredAt: writtenAt, durationMinutes: input.durationMinutes, themes: input.themes,
          equipment: input.equipment, autonomy: input.autonomy, details: input.summary, followUp: input.outcome === 'follow_up',
        });
        const inserted: repo.VisitReportRow = {
          id: newId(), centerId: actor.centerId, clientId: input.clientId.toLowerCase(), requestId: request.id, personId: request.personId,
          accompanimentId: accompaniment.id, summary: input.summary, durationMinutes: input.durationMinutes, outcome: input.outcome,
          appointmentWanted: input.appointment ? JSON.stringify(input.appointment) : null, appointmentId: null,
          appointmentStatus: input.appointment ? 'pending' : 'none', followUps: [...new Set(input.followUps)].join('|'),
          recordedBy: actor.userId, writtenAt, createdAt: now, updatedAt: now,
        };
        await repo.insertReport(trx, inserted);
        if (request.status !== 'done') await repo.setRequestStatus(trx, actor.centerId, request.id, 'done', now);
        await audit(trx, this.ctx.clock, actor, 'create', 'shuttle_visit_report', inserted.id, { requestId: request.id, accompanimentId: accompaniment.id });
        return inserted;
      });
    } catch (error) {
      // Another copy of the same report won the race: its answer is ours.
      const winner = isUniqueViolation(error) ? await this.existing(actor, input) : undefined;
      if (winner) return { report: winner, created: false };
      throw error;
    }
    if (input.appointment) row = await this.bookAppointment(actor, row, input.appointment);
    return { report: toVisitReport(row), created: true };
  }

  private async existing(actor: Actor, input: VisitReportInput): Promise<VisitReport | undefined> {
    const row = await repo.findByClientId(this.ctx.kysely, actor.centerId, input.clientId.toLowerCase());
    if (!row) return undefined;
    if (row.requestId !== input.requestId) throw conflict('shuttle.report.clientIdReused', { clientId: 'shuttle.report.clientIdReused' });
    return toVisitReport(row);
  }

  /**
   * The appointment chosen in the report. Anything that stops it — a refusal of the help desk
   * (slot taken, motif gone) or its failure — keeps it to do ("failed"), with the reason's code
   * in the audit log; the report itself is already stored.
   */
  private async bookAppointment(actor: Actor, row: repo.VisitReportRow, wanted: AppointmentWanted): Promise<repo.VisitReportRow> {
    let patch: Pick<repo.VisitReportRow, 'appointmentId' | 'appointmentStatus'>;
    let reason = 'booked';
    try {
      const booked = await this.helpdesk.book(actor, { ...wanted, startAt: new Date(wanted.startAt).toISOString(), personId: row.personId });
      patch = { appointmentId: booked.id, appointmentStatus: 'booked' };
    } catch (error) {
      reason = error instanceof AppError && error.status < 500 ? error.code : 'help_desk_failed';
      patch = { appointmentId: null, appointmentStatus: 'failed' };
    }
    const updatedAt = this.ctx.clock.nowIso();
    await repo.updateReport(this.ctx.kysely, row.centerId, row.id, { ...patch, updatedAt });
    await audit(this.ctx.kysely, this.ctx.clock, actor, 'update', 'shuttle_visit_report', row.id, { appointment: patch.appointmentStatus, reason });
    return { ...row, ...patch, updatedAt };
  }

  /** Is this appointment still to be made: failed, or pending for too long? */
  private toDo(row: repo.VisitReportRow): boolean {
    return row.appointmentStatus === 'failed' || (row.appointmentStatus === 'pending' && Date.parse(row.updatedAt) < this.ctx.clock.nowMs() - STALE_PENDING_MS);
  }

  /**
   * Books again the appointment of a report whose booking did not go through, at the slot now
   * chosen. One try at a time: a report already booked, or being booked, is refused (409).
   */
  async retryAppointment(actor: Actor, requestId: string, reportId: string, wanted: AppointmentWanted): Promise<VisitReport> {
    requirePermission(actor, 'shuttle.requests');
    requirePermission(actor, 'helpdesk.desk');
    await this.visibleRequest(actor, requestId);
    const row = isUuid(reportId) ? (await repo.listForRequest(this.ctx.kysely, actor.centerId, requestId)).find((r) => r.id === reportId) : undefined;
    if (!row) throw notFound();
    if (!this.toDo(row)) throw conflict('shuttle.report.appointmentNotToDo');
    const now = this.ctx.clock.nowIso();
    const claimed = { ...row, appointmentStatus: 'pending', appointmentWanted: JSON.stringify(wanted), updatedAt: now };
    if (!(await repo.claimAppointment(this.ctx.kysely, actor.centerId, row.id, { status: row.appointmentStatus, updatedAt: row.updatedAt }, claimed.appointmentWanted, now))) {
      throw conflict('shuttle.report.appointmentNotToDo');
    }
    return toVisitReport(await this.bookAppointment(actor, claimed, wanted));
  }

  /** The appointments chosen in the centre's reports and still to be made, oldest first (the staff's to-do). */
  async appointmentsToDo(actor: Actor): Promise<AppointmentToDo[]> {
    requirePermission(actor, 'helpdesk.desk');
    const rows = await repo.listAppointmentsNotBooked(this.ctx.kysely, actor.centerId);
    const out: AppointmentToDo[] = [];
    for (const row of rows.filter((r) => this.toDo(r))) {
      if (await this.people.canSee(actor, row.personId)) out.push({ reportId: row.id, requestId: row.requestId, personId: row.personId, writtenAt: row.writtenAt });
    }
    return out;
  }
}
