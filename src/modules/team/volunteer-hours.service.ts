/**
 * Volunteer hours, for the valorisation du bénévolat in the accounts and funders' reports. An
 * entry says who gave the time (a staff account with the volunteer role, active when the
 * entry is made), for which kind of help (a workshop session, the help desk, the navette, a
 * forum, something else), on which day (never a future one) and for how long (1 minute to
 * 24 hours). A workshop entry may name its session, which must be the centre's. Totals are
 * given per volunteer and per month over a period, and valued at the centre's hourly rate
 * (default: the gross hourly SMIC of 2026). Coordinators and admins record, read and export.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { UserRow } from '../../platform/auth/auth.repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import * as repo from './volunteer-hours.repository.ts';
import type { SessionChoice, SessionsPort } from './volunteer-hours.ports.ts';
import { DEFAULT_HOURLY_RATE_CENTS, MAX_MINUTES, type HelpKind } from './volunteer-hours.vocab.ts';
import { compareFrench } from '../../platform/text.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { hoursXlsx } from './volunteer-hours.export.ts';

export interface HoursInput {
  userId: string;
  kind: HelpKind;
  sessionId: string | null;
  workedOn: string;
  minutes: number;
  note: string | null;
}

export interface HoursEntry extends repo.HoursRow {
  volunteerName: string;
  sessionTitle: string | null;
}

export interface Total {
  minutes: number;
  valueCents: number;
}

export interface HoursSummary {
  from: string;
  to: string;
  rateCents: number;
  entries: HoursEntry[];
  byVolunteer: (Total & { userId: string; name: string })[];
  /** "2026-11" → total, months in order. */
  byMonth: (Total & { month: string })[];
  total: Total;
}

/** The longest period a summary covers. */
const MAX_PERIOD_DAYS = 3 * 366;

export class VolunteerHoursService {
  constructor(
    private readonly ctx: AppContext,
    readonly sessions: SessionsPort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  today(): string {
    return parisDate(this.ctx.clock.now());
  }

  /** The centre's volunteers who can be chosen for a new entry. */
  async volunteers(actor: Actor): Promise<UserRow[]> {
    requirePermission(actor, 'team.hours');
    return (await this.ctx.auth.listUsers(actor.centerId)).filter((u) => u.role === 'volunteer' && u.active);
  }

  /** Sessions of the last 60 days, to tie a workshop entry to. */
  async recentSessions(actor: Actor): Promise<SessionChoice[]> {
    requirePermission(actor, 'team.hours');
    const today = this.today();
    return (await this.sessions.between(actor.centerId, addDays(today, -60), today)).reverse();
  }

  /** The period's entries and totals as an XLSX workbook (the same as the page and the CSV). */
  async workbook(actor: Actor, period: { from: string; to: string }): Promise<{ summary: HoursSummary; xlsx: Buffer }> {
    const summary = await this.summary(actor, period);
    const centre = await findCentreById(this.db, actor.centerId);
    return { summary, xlsx: await hoursXlsx(summary, centre?.name ?? '', this.ctx.clock.nowIso()) };
  }

  /** The entries of a period with no name, for the funders' reports (read by the system). */
  async hoursBetween(centerId: string, from: string, to: string): Promise<{ userId: string; kind: string; minutes: number }[]> {
    return (await repo.listHours(this.db, centerId, from, to)).map((r) => ({ userId: r.userId, kind: r.kind, minutes: r.minutes }));
  }

  async rate(centerId: string): Promise<number> {
    return (await repo.hourlyRate(this.db, centerId)) ?? DEFAULT_HOURLY_RATE_CENTS;
  }

  async setRate(actor: Actor, cents: number): Promise<void> {
    requirePermission(actor, 'team.hours');
    if (!Number.isInteger(cents) || cents <= 0 || cents > 100_000) throw invalid({ rate: 'volunteerHours.rateInvalid' });
    await repo.saveHourlyRate(this.db, actor.centerId, cents, this.ctx.clock.nowIso());
  }

  async record(actor: Actor, input: HoursInput): Promise<HoursEntry> {
    requirePermission(actor, 'team.hours');
    const checked = await this.check(actor, input);
    const sessionId = input.kind === 'atelier' ? input.sessionId : null;
    const row: repo.HoursRow = { id: newId(), centerId: actor.centerId, ...input, sessionId, recordedBy: actor.userId, createdAt: this.ctx.clock.nowIso() };
    await repo.insertHours(this.db, row);
    return { ...row, volunteerName: checked.volunteerName, sessionTitle: sessionId ? checked.sessionTitle : null };
  }

  private async check(actor: Actor, input: HoursInput): Promise<{ volunteerName: string; sessionTitle: string | null }> {
    const errors: Record<string, string> = {};
    const volunteer = (await this.ctx.auth.listUsers(actor.centerId)).find((u) => u.id === input.userId);
    if (!volunteer || volunteer.role !== 'volunteer' || !volunteer.active) errors.userId = 'volunteerHours.volunteerUnknown';
    if (input.workedOn > this.today()) errors.workedOn = 'volunteerHours.future';
    if (!Number.isInteger(input.minutes) || input.minutes <= 0) errors.minutes = 'volunteerHours.durationPositive';
    else if (input.minutes > MAX_MINUTES) errors.minutes = 'volunteerHours.durationTooLong';
    let session: SessionChoice | undefined;
    if (input.kind === 'atelier' && input.sessionId !== null) {
      session = isUuid(input.sessionId) ? await this.sessions.find(actor.centerId, input.sessionId) : undefined;
      if (!session) errors.sessionId = 'volunteerHours.sessionUnknown';
    }
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return { volunteerName: volunteer?.displayName ?? '', sessionTitle: session?.title ?? null };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'team.hours');
    if (!isUuid(id) || !(await repo.findHours(this.db, actor.centerId, id))) throw notFound();
    await repo.deleteHours(this.db, actor.centerId, id);
  }

  /** The default period: from 1 January of this year to today. */
  defaultPeriod(): { from: string; to: string } {
    const today = this.today();
    return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }

  async summary(actor: Actor, period: { from: string; to: string }): Promise<HoursSummary> {
    requirePermission(actor, 'team.hours');
    const { from, to } = period;
    if (from > to) throw invalid({ from: 'volunteerHours.periodOrder' });
    if (to > addDays(from, MAX_PERIOD_DAYS)) throw invalid({ from: 'volunteerHours.periodTooLong' });
    const [rows, users, rateCents] = await Promise.all([
      repo.listHours(this.db, actor.centerId, from, to), this.ctx.auth.listUsers(actor.centerId), this.rate(actor.centerId),
    ]);
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const sessionIds = new Set(rows.map((r) => r.sessionId).filter((s): s is string => s !== null));
    const sessions = new Map<string, string>();
    for (const id of sessionIds) {
      const found = await this.sessions.find(actor.centerId, id);
      if (found) sessions.set(id, found.title);
    }
    const entries = rows.map((r) => ({ ...r, volunteerName: names.get(r.userId) ?? '', sessionTitle: r.sessionId ? (sessions.get(r.sessionId) ?? null) : null }));
    const value = (minutes: number) => Math.round((minutes * rateCents) / 60);
    const sum = <K extends string>(key: (e: HoursEntry) => K) => {
      const totals = new Map<K, number>();
      for (const e of entries) totals.set(key(e), (totals.get(key(e)) ?? 0) + e.minutes);
      return totals;
    };
    const byVolunteer = [...sum((e) => e.userId)].map(([userId, minutes]) => ({ userId, name: names.get(userId) ?? '', minutes, valueCents: value(minutes) }));
    byVolunteer.sort((a, b) => b.minutes - a.minutes || compareFrench(a.name, b.name));
    const byMonth = [...sum((e) => e.workedOn.slice(0, 7))].map(([month, minutes]) => ({ month, minutes, valueCents: value(minutes) }));
    byMonth.sort((a, b) => a.month.localeCompare(b.month));
    const minutes = entries.reduce((s, e) => s + e.minutes, 0);
    return { from, to, rateCents, entries, byVolunteer, byMonth, total: { minutes, valueCents: value(minutes) } };
  }
}
