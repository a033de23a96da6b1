/**
 * Forums and consultations. The rules this service owns:
 * - a consultation's phase comes from its dates and the Paris day of `ctx.clock`: residents
 *   propose during the proposals phase, vote during the votes phase only; staff may still
 *   enter paper and phone proposals until the votes close, and paper tallies once votes open;
 * - a resident votes without an account: the vote is recorded at once, one voter per
 *   consultation and normalised e-mail (a unique index), one vote per voter and theme (another),
 *   and the per-person limit is checked under the voter's row lock, so concurrent requests of
 *   one person never exceed it and a repeated vote counts once;
 * - only accepted themes can be supported; a merged theme's support moves to the theme it joins;
 *   a rejected or merged theme carries a public reason;
 * - paper tallies are kept apart from online votes and added to the total in the results;
 * - a resident may propose without giving a name: only an e-mail is kept, never published, used
 *   only to tell them what became of the theme (accepted, refused, merged, programmed); every
 *   proposal's contact is cleared CONTACT_KEPT_DAYS after the votes close.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { foldText } from '../../platform/text.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { translate } from '../../platform/i18n/index.ts';
import * as repo from './forum.repository.ts';
import type { ConsultationRow, EnteredTally, ProposalRow, TallyRow } from './forum.repository.ts';
import type { ConsultationInput, ModerationInput, ProgrammeInput, ProposalInput, TallyInput, VoteInput } from './forums.schemas.ts';
import type { Phase, PROPOSAL_ORIGINS, ProposalStatus } from './forums.vocab.ts';
import type { PeoplePort, ProgrammePort } from './ports.ts';
import { phaseOn, rankResults } from './phase.ts';

export type Consultation = Omit<ConsultationRow, 'eligibleCommunes'> & { eligibleCommunes: string[]; phase: Phase };
export type Proposal = ProposalRow;

/** How long after the votes close a proposal's contact is kept: time for the centre to answer and programme. */
const CONTACT_KEPT_DAYS = 60;

/** Proposed without a name: anonymously online, or entered by staff with no author (an erased author keeps their person id). */
export function isAnonymous(p: Pick<Proposal, 'authorName' | 'authorPersonId'>): boolean {
  return p.authorName === null && p.authorPersonId === null;
}

type AuthorNews = 'accepted' | 'rejected' | 'merged' | 'programmed';

export interface ResultItem {
  rank: number;
  proposalId: string;
  title: string;
  online: number;
  paper: number;
  total: number;
  publicAnswer: string | null;
  activityId: string | null;
}

export interface Results {
  consultation: Consultation;
  provisional: boolean;
  voters: number;
  items: ResultItem[];
  /** Themes not put to the vote, with the centre's public reason. */
  notRetained: { title: string; status: ProposalStatus; publicAnswer: string | null; mergedIntoTitle: string | null }[];
}

export interface VoteOutcome {
  voterId: string;
  proposalIds: string[];
  added: number;
  remaining: number;
}

export class ForumService {
  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeoplePort,
    private readonly activities: ProgrammePort,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.kysely;
  }

  private today(): string {
    return parisDate(this.ctx.clock.now());
  }

  private view(row: ConsultationRow): Consultation {
    return { ...row, eligibleCommunes: row.eligibleCommunes ? row.eligibleCommunes.split('|') : [], phase: phaseOn(row, this.today()) };
  }

  // — consultations —

  async list(actor: Actor): Promise<Consultation[]> {
    requirePermission(actor, 'forums.read');
    return (await repo.listConsultations(this.db, actor.centerId)).map((r) => this.view(r));
  }

  async get(actor: Actor, id: string): Promise<Consultation> {
    requirePermission(actor, 'forums.read');
    return this.consultationOf(actor.centerId, id);
  }

  async consultationOf(centerId: string, id: string): Promise<Consultation> {
    const row = await repo.findConsultation(this.db, centerId, id);
    if (!row) throw notFound();
    return this.view(row);
  }

  /**
   * The consultation residents see at /forums: the one open for proposals or votes, else the
   * latest one (its results), else the next one to open.
   */
  async current(centerId: string): Promise<Consultation | undefined> {
    const all = (await repo.listConsultations(this.db, centerId)).map((r) => this.view(r));
    return all.find((c) => c.phase === 'votes' || c.phase === 'proposals') ?? all.find((c) => c.phase === 'programme') ?? all.find((c) => c.phase === 'upcoming');
  }

  private checkDates(input: Pick<ConsultationInput, 'proposalsOpenOn' | 'votesOpenOn' | 'votesCloseOn'>): void {
    const fields: Record<string, string> = {};
    if (input.votesOpenOn < input.proposalsOpenOn) fields.votesOpenOn = 'forums.consultation.votesBeforeProposals';
    if (input.votesCloseOn < input.votesOpenOn) fields.votesCloseOn = 'forums.consultation.closeBeforeOpen';
    if (Object.keys(fields).length) throw invalid(fields);
  }

  async create(actor: Actor, input: ConsultationInput): Promise<Consultation> {
    requirePermission(actor, 'forums.manage');
    this.checkDates(input);
    const now = this.ctx.clock.nowIso();
    const row: ConsultationRow = {
      id: newId(), centerId: actor.centerId, title: input.title, description: input.description, proposalsOpenOn: input.proposalsOpenOn,
      votesOpenOn: input.votesOpenOn, votesCloseOn: input.votesCloseOn, votesPerPerson: input.votesPerPerson, moderation: input.moderation,
      eligibleCommunes: [...new Set(input.eligibleCommunes)].join('|'), createdBy: actor.userId, createdAt: now, updatedAt: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertConsultation(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'forum_consultation', row.id);
    });
    return this.view(row);
  }

  async update(actor: Actor, id: string, patch: Partial<ConsultationInput>): Promise<Consultation> {
    requirePermission(actor, 'forums.manage');
    const current = await this.consultationOf(actor.centerId, id);
    const merged = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Consultation & Partial<ConsultationInput>;
    this.checkDates(merged);
    // Once someone has voted, their votes were cast under the announced number of themes: it no
    // longer changes (fewer would void votes already counted, more would be unfair to them).
    if (patch.votesPerPerson !== undefined && patch.votesPerPerson !== current.votesPerPerson && (await repo.voterCount(this.db, actor.centerId, id)) > 0) {
      throw invalid({ votesPerPerson: 'forums.consultation.votesPerPersonLocked' });
    }
    const { eligibleCommunes, ...rest } = patch;
    const changes: Partial<ConsultationRow> = { ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), updatedAt: this.ctx.clock.nowIso() };
    if (eligibleCommunes) changes.eligibleCommunes = [...new Set(eligibleCommunes)].join('|');
    await this.db.transaction().execute(async (trx) => {
      await repo.updateConsultation(trx, actor.centerId, id, changes);
      await audit(trx, this.ctx.clock, actor, 'update', 'forum_consultation', id, { fields: Object.keys(changes) });
    });
    return this.consultationOf(actor.centerId, id);
  }

  // — proposals —

  /** Every proposal of a consultation, as staff see them (authors included). */
  async proposals(actor: Actor, consultationId: string): Promise<Proposal[]> {
    requirePermission(actor, 'forums.read');
    await this.consultationOf(actor.centerId, consultationId);
    return repo.listProposals(this.db, actor.centerId, consultationId);
  }

  /** The themes residents may read and support: accepted ones. */
  async publicProposals(centerId: string, consultationId: string): Promise<Proposal[]> {
    return (await repo.listProposals(this.db, centerId, consultationId)).filter((p) => p.status === 'accepted');
  }

  async proposal(actor: Actor, id: string): Promise<Proposal> {
    requirePermission(actor, 'forums.read');
    const row = await repo.findProposal(this.db, actor.centerId, id);
    if (!row) throw notFound();
    return row;
  }

  /**
   * A theme proposed by a resident online (`actor` null: proposals phase only, with name,
   * e-mail and consent) or entered by staff from paper or the phone (until the votes close,
   * author optional). With moderation on, online themes wait for staff; others are accepted.
   */
  async propose(actor: Actor | null, centerId: string, consultationId: string, input: ProposalInput, ip: string | null = null): Promise<Proposal> {
    if (actor) requirePermission(actor, 'forums.enter');
    const consultation = await this.consultationOf(centerId, consultationId);
    const origin = actor ? (input.origin === 'web' ? 'paper' : input.origin) : 'web';
    if (!actor && consultation.phase !== 'proposals') throw new AppError(409, 'phase_closed', 'forums.proposal.phaseClosed');
    if (actor && consultation.phase !== 'proposals' && consultation.phase !== 'votes') throw new AppError(409, 'phase_closed', 'forums.proposal.staffPhaseClosed');
    const fields: Record<string, string> = {};
    // Anonymous: whatever name came with it is dropped, never stored.
    if (input.anonymous) input = { ...input, firstName: null, lastName: null };
    if (!actor) {
      if (!input.anonymous && !input.firstName) fields.firstName = 'forums.firstName.required';
      if (!input.anonymous && !input.lastName) fields.lastName = 'forums.lastName.required';
      if (!input.email) fields.email = 'forums.email.required';
      if (!input.consent) fields.consent = 'forums.consent.required';
    } else if ((input.firstName || input.lastName || input.email) && !input.consent) {
      fields.consent = 'forums.consent.requiredStaff';
    }
    if (input.communeInsee && consultation.eligibleCommunes.length > 0 && !consultation.eligibleCommunes.includes(input.communeInsee)) {
      fields.communeInsee = 'forums.commune.notEligible';
    }
    if (Object.keys(fields).length) throw invalid(fields);

    // Online, without an account: counted per e-mail and connection, like bookings (429 past the day's limit).
    const submission = actor ? null : await this.ctx.publicForms.reserve({ centerId, kind: 'proposal', email: input.email, phone: null, ip });
    try {
      const proposal = await this.insertProposal(actor, centerId, consultation, input, origin);
      if (submission && proposal.authorPersonId) await this.ctx.publicForms.attach(submission, proposal.authorPersonId);
      return proposal;
    } catch (error) {
      if (submission) await this.ctx.publicForms.release(submission);
      throw error;
    }
  }

  private async insertProposal(actor: Actor | null, centerId: string, consultation: Consultation, input: ProposalInput, origin: (typeof PROPOSAL_ORIGINS)[number]): Promise<Proposal> {
    const consultationId = consultation.id;
    const now = this.ctx.clock.nowIso();
    const authorName = [input.firstName, input.lastName].filter(Boolean).join(' ') || null;
    let authorPersonId: string | null = null;
    if (input.firstName && input.lastName && input.email && input.consent) {
      authorPersonId = await this.matchOrCreatePerson(centerId, { firstName: input.firstName, lastName: input.lastName, email: input.email }, actor);
    }
    const row = {
      id: newId(), centerId, consultationId, title: input.title, body: input.body, communeInsee: input.communeInsee, origin,
      status: (origin === 'web' && consultation.moderation ? 'proposed' : 'accepted') as ProposalStatus, publicAnswer: null, mergedIntoId: null,
      activityId: null, authorPersonId, authorName, authorEmail: input.email, enteredBy: actor?.userId ?? null, createdAt: now, updatedAt: now,
    };
    await repo.insertProposal(this.db, row);
    return { ...row, reportsCount: 0 };
  }

  /** Accept, reject (with a public reason), merge into another theme (with a reason), or answer. */
  async moderate(actor: Actor, id: string, input: ModerationInput): Promise<Proposal> {
    requirePermission(actor, 'forums.manage');
    const proposal = await this.proposal(actor, id);
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      if (input.action === 'accept') {
        await repo.updateProposal(trx, actor.centerId, id, { status: 'accepted', mergedIntoId: null, publicAnswer: input.publicAnswer ?? proposal.publicAnswer, updatedAt: now });
      } else if (input.action === 'answer') {
        await repo.updateProposal(trx, actor.centerId, id, { publicAnswer: input.publicAnswer, updatedAt: now });
      } else if (input.action === 'reject') {
        if (!input.publicAnswer) throw invalid({ publicAnswer: 'forums.moderation.reasonRequired' });
        await repo.updateProposal(trx, actor.centerId, id, { status: 'rejected', mergedIntoId: null, publicAnswer: input.publicAnswer, updatedAt: now });
      } else {
        const target = input.mergedIntoId ? await repo.findProposal(trx, actor.centerId, input.mergedIntoId) : undefined;
        if (!target || target.consultationId !== proposal.consultationId || target.id === id || target.status !== 'accepted') {
          throw invalid({ mergedIntoId: 'forums.moderation.mergeTargetRequired' });
        }
        await repo.updateProposal(trx, actor.centerId, id, { status: 'merged', mergedIntoId: target.id, publicAnswer: input.publicAnswer, updatedAt: now });
        await repo.moveSupport(trx, actor.centerId, id, target.id);
        await this.tellAuthor(trx, proposal, 'merged', { target: target.title, reason: input.publicAnswer ?? '' });
      }
      if (input.action === 'accept') await this.tellAuthor(trx, proposal, 'accepted');
      if (input.action === 'reject') await this.tellAuthor(trx, proposal, 'rejected', { reason: input.publicAnswer ?? '' });
      await audit(trx, this.ctx.clock, actor, 'update', 'forum_proposal', id, { action: input.action });
    });
    return this.proposal(actor, id);
  }

  async publicProposalOf(centerId: string, id: string): Promise<Proposal | undefined> {
    const row = await repo.findProposal(this.db, centerId, id);
    return row?.status === 'accepted' ? row : undefined;
  }

  /** A resident reports a theme (offensive, personal data…): staff see the count. */
  async report(centerId: string, id: string): Promise<void> {
    const proposal = await repo.findProposal(this.db, centerId, id);
    if (!proposal || proposal.status !== 'accepted') throw notFound();
    await repo.addReport(this.db, centerId, id);
  }

  /**
   * "Programmer ce thème": an information time (activity of kind temps_info) on one date,
   * published in the catalogue with registration, linked to the theme for the results page.
   */
  async programme(actor: Actor, id: string, input: ProgrammeInput): Promise<{ activityId: string }> {
    requirePermission(actor, 'forums.manage');
    const proposal = await this.proposal(actor, id);
    if (proposal.status !== 'accepted') throw new AppError(409, 'conflict', 'forums.programme.notAccepted');
    if (proposal.activityId) throw new AppError(409, 'conflict', 'forums.programme.already');
    // Themes are chosen by the votes: programmed once they have opened, as the staff page offers.
    const phase = (await this.consultationOf(actor.centerId, proposal.consultationId)).phase;
    if (phase !== 'votes' && phase !== 'programme') throw new AppError(409, 'phase_closed', 'forums.programme.tooEarly');
    const activity = await this.activities.create(actor, {
      title: proposal.title, description: proposal.body || proposal.title, kind: 'temps_info', audience: 'adultes', minAge: null, maxAge: null,
      theme: input.theme, level: 'debutant', siteId: input.siteId, facilitatorIds: [], capacity: input.capacity, priceCents: 0, reducedPriceCents: null,
      equipment: [], registrationMode: 'session', published: true,
      schedule: { kind: 'single', dates: [input.date], rrule: null, startDate: null, endDate: null, startTime: input.startTime, endTime: input.endTime, exceptions: [] },
    });
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateProposal(trx, actor.centerId, id, { activityId: activity.id, updatedAt: now });
      await this.tellAuthor(trx, proposal, 'programmed', { link: `${this.ctx.config.publicUrl}/activites/${activity.id}` });
      await audit(trx, this.ctx.clock, actor, 'update', 'forum_proposal', id, { activityId: activity.id });
    });
    return { activityId: activity.id };
  }

  // — votes —

  async vote(centerId: string, consultationId: string, input: VoteInput, ip: string | null = null): Promise<VoteOutcome> {
    const consultation = await this.consultationOf(centerId, consultationId);
    if (consultation.phase !== 'votes') throw new AppError(409, 'phase_closed', consultation.phase === 'programme' ? 'forums.vote.closed' : 'forums.vote.notYet');
    const fields: Record<string, string> = {};
    if (consultation.eligibleCommunes.length > 0) {
      if (!input.communeInsee) fields.communeInsee = 'forums.commune.required';
      else if (!consultation.eligibleCommunes.includes(input.communeInsee)) fields.communeInsee = 'forums.commune.notEligible';
    }
    const wanted = [...new Set(input.proposalIds)];
    const open = new Set((await this.publicProposals(centerId, consultationId)).map((p) => p.id));
    if (wanted.some((id) => !open.has(id))) fields.proposalIds = 'forums.vote.unknownTheme';
    if (Object.keys(fields).length) throw invalid(fields);
    if (wanted.length > consultation.votesPerPerson) {
      throw new AppError(422, 'invalid', 'forums.vote.tooMany', { proposalIds: 'forums.vote.tooManyField' }, { max: consultation.votesPerPerson, count: consultation.votesPerPerson });
    }

    const submission = await this.ctx.publicForms.reserve({ centerId, kind: 'vote', email: input.email, phone: null, ip });
    try {
      return await this.recordVotes(centerId, consultation, input, wanted);
    } catch (error) {
      await this.ctx.publicForms.release(submission);
      throw error;
    }
  }

  private async recordVotes(centerId: string, consultation: Consultation, input: VoteInput, wanted: string[]): Promise<VoteOutcome> {
    const consultationId = consultation.id;
    const now = this.ctx.clock.nowIso();
    const outcome = await this.db.transaction().execute(async (trx) => {
      const { voter, created } = await repo.ensureVoter(trx, {
        id: newId(), centerId, consultationId, personId: null, firstName: input.firstName, lastName: input.lastName, email: input.email,
        contactKey: contactKeyOf(input.email), communeInsee: input.communeInsee, consentAt: now, createdAt: now,
      });
      await repo.lockVoter(trx, centerId, voter.id);
      const already = new Set(await repo.votedProposalIds(trx, centerId, voter.id));
      const fresh = wanted.filter((id) => !already.has(id));
      if (already.size + fresh.length > consultation.votesPerPerson) {
        throw new AppError(422, 'vote_limit', 'forums.vote.limitReached', { proposalIds: 'forums.vote.limitReachedField' }, { max: consultation.votesPerPerson, count: already.size });
      }
      await repo.insertVotes(trx, fresh.map((proposalId) => ({ id: newId(), centerId, consultationId, voterId: voter.id, proposalId, createdAt: now })));
      const all = [...already, ...fresh];
      return { voterId: voter.id, created, proposalIds: all, added: fresh.length, remaining: consultation.votesPerPerson - all.length };
    });
    // The request that created the voter links them to a person file (so that the person's
    // export, merge and erasure find them); concurrent repeats see the voter and skip this.
    if (outcome.created) {
      const personId = await this.matchOrCreatePerson(centerId, { firstName: input.firstName, lastName: input.lastName, email: input.email }, null);
      await repo.setVoterPerson(this.db, centerId, outcome.voterId, personId);
    }
    return { voterId: outcome.voterId, proposalIds: outcome.proposalIds, added: outcome.added, remaining: outcome.remaining };
  }

  // — paper tallies —

  async addTally(actor: Actor, consultationId: string, input: TallyInput): Promise<TallyRow> {
    requirePermission(actor, 'forums.enter');
    const consultation = await this.consultationOf(actor.centerId, consultationId);
    if (consultation.phase !== 'votes' && consultation.phase !== 'programme') throw new AppError(409, 'phase_closed', 'forums.tally.notYet');
    const proposal = await repo.findProposal(this.db, actor.centerId, input.proposalId);
    if (!proposal || proposal.consultationId !== consultationId || proposal.status !== 'accepted') throw invalid({ proposalId: 'forums.tally.themeRequired' });
    if (input.collectedOn > this.today()) throw invalid({ collectedOn: 'forums.tally.future' });
    const row: TallyRow = {
      id: newId(), centerId: actor.centerId, consultationId, proposalId: input.proposalId, count: input.count, collectedWhere: input.collectedWhere,
      collectedOn: input.collectedOn, enteredBy: actor.userId, enteredAt: this.ctx.clock.nowIso(),
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertTally(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'forum_tally', row.id, { proposalId: row.proposalId, count: row.count });
    });
    return row;
  }

  async tallies(actor: Actor, consultationId: string): Promise<EnteredTally[]> {
    requirePermission(actor, 'forums.read');
    await this.consultationOf(actor.centerId, consultationId);
    return repo.listTallies(this.db, actor.centerId, consultationId);
  }

  // — results —

  /** The results, public once the votes have opened (404 before: nothing to rank yet). */
  async results(centerId: string, consultationId: string): Promise<Results> {
    const consultation = await this.consultationOf(centerId, consultationId);
    if (consultation.phase === 'upcoming' || consultation.phase === 'proposals') throw notFound();
    const [proposals, online, paper, voters] = await Promise.all([
      repo.listProposals(this.db, centerId, consultationId),
      repo.onlineCounts(this.db, centerId, consultationId),
      repo.paperCounts(this.db, centerId, consultationId),
      repo.voterCount(this.db, centerId, consultationId),
    ]);
    const titles = new Map(proposals.map((p) => [p.id, p.title]));
    const items = rankResults(
      proposals
        .filter((p) => p.status === 'accepted')
        .map((p) => {
          const o = online.get(p.id) ?? 0;
          const q = paper.get(p.id) ?? 0;
          return { proposalId: p.id, title: p.title, online: o, paper: q, total: o + q, publicAnswer: p.publicAnswer, activityId: p.activityId };
        }),
    );
    const notRetained = proposals
      .filter((p) => p.status === 'rejected' || p.status === 'merged')
      .map((p) => ({ title: p.title, status: p.status as ProposalStatus, publicAnswer: p.publicAnswer, mergedIntoTitle: p.mergedIntoId ? (titles.get(p.mergedIntoId) ?? null) : null }));
    return { consultation, provisional: consultation.phase !== 'programme', voters, items, notRetained };
  }

  // — the author's contact —

  /** Tells the author, by e-mail when they left one, what became of their theme (once per news: the outbox's dedupe key). */
  private async tellAuthor(db: Kysely<Database>, proposal: Proposal, news: AuthorNews, params: Record<string, string> = {}): Promise<void> {
    if (!proposal.authorEmail) return;
    const consultation = await repo.findConsultation(db, proposal.centerId, proposal.consultationId);
    const values = { title: proposal.title, consultation: consultation?.title ?? '', ...params };
    await this.ctx.outbox.queue({
      centerId: proposal.centerId, channel: 'email', recipient: proposal.authorEmail,
      subject: translate('fr', 'forums.mail.subject', values),
      body: translate('fr', `forums.mail.${news}`, values) + (params.reason ? translate('fr', 'forums.mail.reason', values) : '') + translate('fr', 'forums.mail.footer', values),
      dedupeKey: `forum-proposal:${proposal.id}:${news}`, relatedType: 'forum_proposal', relatedId: proposal.id, personId: proposal.authorPersonId,
    }, db);
  }

  /**
   * The contact left with a proposal has served once the votes have closed and the centre has
   * answered: it is cleared CONTACT_KEPT_DAYS after the votes close (a scheduler job, idempotent).
   * A named author's person file follows its own retention (people module).
   */
  async forgetContacts(): Promise<number> {
    return repo.clearContactsOfConsultationsClosedBefore(this.db, addDays(this.today(), -CONTACT_KEPT_DAYS));
  }

  // — persons —

  private async matchOrCreatePerson(centerId: string, who: { firstName: string; lastName: string; email: string }, actor: Actor | null): Promise<string> {
    const matches = await this.people.findMatches(centerId, { firstName: who.firstName, lastName: who.lastName, email: who.email });
    const same = matches.find(
      (m) => !m.erased && foldText(m.firstName ?? '') === foldText(who.firstName) && foldText(m.lastName ?? '') === foldText(who.lastName) && m.email === who.email,
    );
    if (same) {
      await this.people.recordConsent(centerId, same.id, 'data_processing', true, actor?.userId ?? null);
      return same.id;
    }
    const person = await this.people.createFromPublicForm(centerId, {
      firstName: who.firstName, lastName: who.lastName, email: who.email, phone: null, consents: [{ kind: 'data_processing', granted: true }],
    });
    return person.id;
  }
}

/** One voter per e-mail: case and surrounding spaces do not make a second person. */
export function contactKeyOf(email: string): string {
  return email.trim().toLowerCase();
}
