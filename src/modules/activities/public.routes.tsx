import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentYear } from '../../platform/clock.ts';
import { compareFrench } from '../../platform/text.ts';
import { resolveCommune, communeLabel, communeByCode } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { page } from '../../platform/http/access.ts';
import { draftCookie } from '../../platform/http/draft-cookie.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { publicCentreId, redirectSeeOther } from '../../platform/http/request-context.ts';
import { nameLinkErrors } from '../../platform/public-forms/public-forms.ts';
import { sendCallUsPage } from '../../ui/call-us-page.tsx';
import { PublicCache } from '../../platform/public-cache.ts';
import { mayShare, renderSharedPage, sendPage, sendSharedPage, sharedViewContext, viewContext, type SharedPage } from '../../ui/render.ts';
import type { ViewContext } from '../../ui/view-context.ts';
import type { ActivitiesModule } from './activities.module.ts';
import { catalogueQuery, contactForm, guardianForm, participantForm, sessionChoiceForm } from './activity.schemas.ts';
import { ageAt, isMinorAt } from './activity.format.ts';
import type { Activity, SessionView } from './activity.service.ts';
import type { CatalogueFilter } from './catalogue.service.ts';
import { ActivityPublicPage, CataloguePage } from './views/catalogue.view.tsx';
import {
  CancelQuestionPage, CheckPage, ContactStep, GuardianStep, MyRegistrationPage, ParticipantStep, SessionStep, StartAgainPage, type Draft,
} from './views/registration.view.tsx';

const DRAFT_COOKIE = 'lieudit_inscription';
// A registration form is sent a few times by one person; a flood is something else.
const postLimit = { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } } as const;
// How long a kept catalogue page may serve before it is made again even without any change:
// "upcoming" and "tomorrow" move with the clock.
const CATALOGUE_PAGE_MS = 5_000;

/**
 * Resident-facing pages, no account: the catalogue, an activity's page, the registration
 * question pages (answers kept in a signed, short-lived cookie — never in the URL), the
 * confirmation and the signed cancel link; and the public calendar feed.
 */
export async function registerPublicRoutes(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule): Promise<void> {
  const w = registrationWizard(ctx, m);
  registerCatalogueRoutes(app, ctx, m, w);
  registerSessionAndParticipantSteps(app, ctx, m, w);
  registerGuardianAndContactSteps(app, m, w);
  registerCheckStep(app, m, w);
  registerMyRegistrationRoutes(app, m);
}

/** The registration wizard's shared parts: the draft cookie, the activity, the next and previous steps. */
function registrationWizard(ctx: AppContext, m: ActivitiesModule) {
  const drafts = draftCookie<Draft>(ctx, DRAFT_COOKIE, '/');
  const readDraft = (request: FastifyRequest, activityId: string): Draft | null => drafts.read(request, activityId);
  const writeDraft = (reply: FastifyReply, draft: Draft) => drafts.write(reply, draft.activityId, draft);

  /** The activity (published, of the public centre) and its upcoming sessions with seats. */
  const load = async (request: FastifyRequest, id: string) => {
    const entry = await m.catalogue.publicActivity(publicCentreId(request), id);
    const sessions = entry.sessions as unknown as SessionView[];
    return { activity: entry.activity, sessions, entry };
  };

  const needsSessionChoice = (activity: Activity, sessions: SessionView[]) => activity.registrationMode !== 'series' && sessions.length > 1;
  const chosen = (activity: Activity, sessions: SessionView[], draft: Draft | null): SessionView[] => {
    if (activity.registrationMode === 'series') return sessions;
    const one = sessions.length === 1 ? sessions[0] : sessions.find((s) => s.id === draft?.sessionId);
    return one ? [one] : [];
  };
  const minorFor = (draft: Draft, sessions: SessionView[]) => sessions.length > 0 && draft.birthYear !== undefined && isMinorAt(draft.birthYear, sessions[0]!.startsAt);

  /** The first question not yet answered (or the check page). */
  const nextStep = (activity: Activity, sessions: SessionView[], draft: Draft): string => {
    const base = `/activites/${activity.id}/inscription`;
    if (chosen(activity, sessions, draft).length === 0) return base;
    if (!draft.firstName || !draft.lastName || draft.birthYear === undefined) return `${base}/participant`;
    if (minorFor(draft, chosen(activity, sessions, draft)) && (!draft.guardianName || !draft.parentalAuthorisation)) return `${base}/responsable`;
    if ((!draft.phone && !draft.email) || !draft.communeInsee || !draft.dataProcessing) return `${base}/contact`;
    return `${base}/verifier`;
  };
  const afterPost = (_request: FastifyRequest, reply: FastifyReply, activity: Activity, sessions: SessionView[], draft: Draft) => {
    writeDraft(reply, draft);
    const next = nextStep(activity, sessions, draft);
    // The first unanswered question, else the check page: a "Modifier" from the check page
    // comes straight back to it.
    return redirectSeeOther(reply, next);
  };
  const actionOf = (request: FastifyRequest) => request.url.split('?')[0]!;
  const backOf = (activity: Activity, step: 'session' | 'participant' | 'responsable' | 'contact' | 'verifier', sessions: SessionView[], draft: Draft | null) => {
    const base = `/activites/${activity.id}/inscription`;
    if (step === 'session') return `/activites/${activity.id}`;
    if (step === 'participant') return needsSessionChoice(activity, sessions) ? base : `/activites/${activity.id}`;
    if (step === 'responsable') return `${base}/participant`;
    if (step === 'contact') return draft && minorFor(draft, chosen(activity, sessions, draft)) ? `${base}/responsable` : `${base}/participant`;
    return `${base}/contact`;
  };
  const nearbyCommunes = async (centerId: string) => {
    const sites = await m.programme.siteMap(centerId);
    const labels = new Set<string>();
    for (const s of sites.values()) {
      const commune = communeByCode(s.communeInsee);
      if (commune) labels.add(communeLabel(commune));
    }
    return [...labels].sort(compareFrench);
  };
  return { drafts, readDraft, writeDraft, load, needsSessionChoice, chosen, minorFor, nextStep, afterPost, actionOf, backOf, nearbyCommunes };
}

type Wizard = ReturnType<typeof registrationWizard>;

/** The catalogue (its pages kept for visitors), an activity's page and the public calendar feed. */
function registerCatalogueRoutes(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule, w: Wizard): void {
  const { load } = w;

  // The catalogue is what most visitors open, and alike for all who are not signed in: the
  // page itself is kept (per centre, filter, language and reading mode), with marks in place of
  // each visitor's form token and address. Any change to the centre's programme, registrations
  // (seats left) or sites drops it, in every instance (ctx.changes).
  const cataloguePages = new PublicCache<SharedPage>({
    bus: ctx.changes, topics: ['activities', 'centre'], clock: ctx.clock, ttlMs: CATALOGUE_PAGE_MS, maxEntries: 500,
  });
  const renderCatalogue = async (view: ViewContext, centerId: string, filter: CatalogueFilter) => {
    const [entries, sites] = await Promise.all([m.catalogue.catalogue(centerId, filter), m.programme.siteMap(centerId)]);
    return <CataloguePage ctx={view} entries={entries} filter={filter} sites={[...sites.values()].filter((s) => !s.archivedAt)} />;
  };

  app.get('/activites', page('public'), async (request, reply) => {
    const centerId = publicCentreId(request);
    const parsed = catalogueQuery.safeParse(request.query ?? {});
    const query = parsed.success ? parsed.data : {};
    const filter: CatalogueFilter = { audience: query.public, place: query.lieu || undefined, theme: query.theme, from: query.du || undefined };
    if (!mayShare(request)) return sendPage(reply, await renderCatalogue(viewContext(request), centerId, filter));
    // The centre's name is in the page's header: a renamed centre makes another key.
    const key = JSON.stringify([request.locale, request.lisible, request.centre?.name, filter.audience, filter.place, filter.theme, filter.from]);
    const html = await cataloguePages.get(centerId, key, async () => renderSharedPage(await renderCatalogue(sharedViewContext(request), centerId, filter)));
    return sendSharedPage(request, reply, html);
  });

  app.get('/activites/:id', page('public'), async (request, reply) => {
    const { entry } = await load(request, (request.params as { id: string }).id);
    const resources = await ctx.activityResources.forActivity(publicCentreId(request), entry.activity.id);
    return sendPage(reply, <ActivityPublicPage ctx={viewContext(request)} entry={entry} resources={resources} />);
  });

  app.get('/agenda.ics', page('public'), async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const ics = await m.feeds.publicFeed(publicCentreId(request), {
      siteId: typeof query.lieu === 'string' ? query.lieu : undefined,
      audience: typeof query.public === 'string' ? query.public : undefined,
    });
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'public, max-age=900').send(ics);
  });
}

/** Registration wizard: which session, who participates. */
function registerSessionAndParticipantSteps(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule, w: Wizard): void {
  const { readDraft, writeDraft, load, needsSessionChoice, chosen, afterPost, actionOf, backOf } = w;

  app.get('/activites/:id/inscription', page('public'), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id) ?? { activityId: activity.id };
    if (!needsSessionChoice(activity, sessions)) {
      writeDraft(reply, draft);
      return redirectSeeOther(reply, `/activites/${activity.id}/inscription/participant`);
    }
    return sendPage(reply, <SessionStep ctx={viewContext(request)} activity={activity} sessions={sessions} values={{ sessionId: draft.sessionId }} backHref={backOf(activity, 'session', sessions, draft)} action={actionOf(request)} />);
  });

  app.post('/activites/:id/inscription', page('public', postLimit), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const parsed = parseForm(sessionChoiceForm, request.body);
    const errors: FieldErrors = parsed.ok && sessions.some((s) => s.id === parsed.data.sessionId) ? {} : { sessionId: 'activities.registration.chooseSession' };
    if (Object.keys(errors).length > 0) {
      return sendPage(reply, <SessionStep ctx={viewContext(request)} activity={activity} sessions={sessions} values={formValues(request.body)} errors={errors} backHref={backOf(activity, 'session', sessions, null)} action={actionOf(request)} />, 422);
    }
    const draft = { ...(readDraft(request, activity.id) ?? { activityId: activity.id }), sessionId: (parsed as { data: { sessionId: string } }).data.sessionId };
    return afterPost(request, reply, activity, sessions, draft);
  });


  app.get('/activites/:id/inscription/participant', page('public'), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id);
    if (!draft) return sendPage(reply, <StartAgainPage ctx={viewContext(request)} activity={activity} />);
    const values = { firstName: draft.firstName, lastName: draft.lastName, birthYear: draft.birthYear?.toString() };
    return sendPage(reply, <ParticipantStep ctx={viewContext(request)} activity={activity} values={values} backHref={backOf(activity, 'participant', sessions, draft)} action={actionOf(request)} />);
  });

  app.post('/activites/:id/inscription/participant', page('public', postLimit), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id);
    if (!draft) return sendPage(reply, <StartAgainPage ctx={viewContext(request)} activity={activity} />, 400);
    const parsed = parseForm(participantForm, request.body);
    const typed = formValues(request.body);
    const errors: FieldErrors = { ...nameLinkErrors({ firstName: typed.firstName as string | undefined, lastName: typed.lastName as string | undefined }), ...(parsed.ok ? {} : parsed.errors) };
    const picked = chosen(activity, sessions, draft);
    if (parsed.ok && picked.length > 0) {
      const year = parsed.data.birthYear!;
      if (year > currentYear(ctx.clock.now())) errors.birthYear = 'activities.birthYear.invalid';
      else {
        const age = ageAt(year, picked[0]!.startsAt);
        if ((activity.minAge !== null && age < activity.minAge) || (activity.maxAge !== null && age > activity.maxAge)) errors.birthYear = 'activities.registration.ageOutOfRange';
      }
    }
    if (Object.keys(errors).length > 0 || !parsed.ok) {
      return sendPage(reply, <ParticipantStep ctx={viewContext(request)} activity={activity} values={formValues(request.body)} errors={errors} backHref={backOf(activity, 'participant', sessions, draft)} action={actionOf(request)} />, 422);
    }
    return afterPost(request, reply, activity, sessions, { ...draft, firstName: parsed.data.firstName, lastName: parsed.data.lastName, birthYear: parsed.data.birthYear! });
  });
}

/** Registration wizard: a minor's guardian, then contact details. */
function registerGuardianAndContactSteps(app: FastifyInstance, m: ActivitiesModule, w: Wizard): void {
  const { readDraft, load, chosen, minorFor, afterPost, actionOf, backOf, nearbyCommunes } = w;

  app.get('/activites/:id/inscription/responsable', page('public'), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id);
    if (!draft) return sendPage(reply, <StartAgainPage ctx={viewContext(request)} activity={activity} />);
    const values = { guardianName: draft.guardianName, parentalAuthorisation: draft.parentalAuthorisation ? 'oui' : undefined };
    return sendPage(reply, <GuardianStep ctx={viewContext(request)} activity={activity} values={values} backHref={backOf(activity, 'responsable', sessions, draft)} action={actionOf(request)} />);
  });

  app.post('/activites/:id/inscription/responsable', page('public', postLimit), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id);
    if (!draft) return sendPage(reply, <StartAgainPage ctx={viewContext(request)} activity={activity} />, 400);
    const parsed = parseForm(guardianForm, request.body);
    const linked = nameLinkErrors({ guardianName: formValues(request.body).guardianName as string | undefined });
    if (!parsed.ok || Object.keys(linked).length > 0) {
      return sendPage(reply, <GuardianStep ctx={viewContext(request)} activity={activity} values={formValues(request.body)} errors={{ ...linked, ...(parsed.ok ? {} : parsed.errors) }} backHref={backOf(activity, 'responsable', sessions, draft)} action={actionOf(request)} />, 422);
    }
    return afterPost(request, reply, activity, sessions, { ...draft, guardianName: parsed.data.guardianName, parentalAuthorisation: parsed.data.parentalAuthorisation });
  });


  app.get('/activites/:id/inscription/contact', page('public'), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id);
    if (!draft) return sendPage(reply, <StartAgainPage ctx={viewContext(request)} activity={activity} />);
    const values = {
      phone: draft.phone ?? undefined, email: draft.email ?? undefined, commune: draft.commune,
      reminders: draft.reminders ? 'oui' : undefined, dataProcessing: draft.dataProcessing ? 'oui' : undefined,
    };
    return sendPage(reply, (
      <ContactStep ctx={viewContext(request)} activity={activity} values={values} minor={minorFor(draft, chosen(activity, sessions, draft))}
        communes={await nearbyCommunes(activity.centerId)} backHref={backOf(activity, 'contact', sessions, draft)} action={actionOf(request)} />
    ));
  });

  app.post('/activites/:id/inscription/contact', page('public', postLimit), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id);
    if (!draft) return sendPage(reply, <StartAgainPage ctx={viewContext(request)} activity={activity} />, 400);
    const parsed = parseForm(contactForm, request.body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    let communeInsee: string | undefined;
    if (parsed.ok) {
      const resolved = resolveCommune(parsed.data.commune);
      if (resolved.kind === 'found') communeInsee = resolved.commune.code;
      else errors.commune = resolved.kind === 'ambiguous' ? 'activities.commune.ambiguous' : 'activities.commune.unknown';
    }
    const body = request.body as Record<string, unknown> | undefined;
    if (body?.dataProcessing !== 'oui') errors.dataProcessing = 'activities.dataProcessing.required';
    if (Object.keys(errors).length > 0 || !parsed.ok) {
      return sendPage(reply, (
        <ContactStep ctx={viewContext(request)} activity={activity} values={formValues(request.body)} errors={errors} minor={minorFor(draft, chosen(activity, sessions, draft))}
          communes={await nearbyCommunes(activity.centerId)} backHref={backOf(activity, 'contact', sessions, draft)} action={actionOf(request)} />
      ), 422);
    }
    return afterPost(request, reply, activity, sessions, {
      ...draft, phone: parsed.data.phone, email: parsed.data.email, commune: communeLabel(communeByCode(communeInsee)!), communeInsee,
      reminders: parsed.data.reminders, dataProcessing: true,
    });
  });
}

/** Registration wizard: check the answers, then register. */
function registerCheckStep(app: FastifyInstance, m: ActivitiesModule, w: Wizard): void {
  const { readDraft, load, needsSessionChoice, chosen, minorFor, nextStep, backOf } = w;

  const checkPage = async (request: FastifyRequest, reply: FastifyReply, status = 200, errors: FieldErrors = {}) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id);
    if (!draft) return sendPage(reply, <StartAgainPage ctx={viewContext(request)} activity={activity} />, status === 200 ? 200 : 400);
    const next = nextStep(activity, sessions, draft);
    if (!next.endsWith('/verifier')) return redirectSeeOther(reply, next);
    const picked = chosen(activity, sessions, draft);
    const waitlist = picked.some((s) => s.seatsLeft === 0);
    return sendPage(reply, (
      <CheckPage ctx={viewContext(request)} activity={activity} draft={draft} sessions={picked} minor={minorFor(draft, picked)} waitlist={waitlist}
        base={`/activites/${activity.id}/inscription`} backHref={backOf(activity, 'verifier', sessions, draft)} errors={errors} canChangeSession={needsSessionChoice(activity, sessions)} />
    ), status);
  };

  app.get('/activites/:id/inscription/verifier', page('public'), async (request, reply) => checkPage(request, reply));

  app.post('/activites/:id/inscription/verifier', page('public', postLimit), async (request, reply) => {
    const { activity, sessions } = await load(request, (request.params as { id: string }).id);
    const draft = readDraft(request, activity.id);
    if (!draft) return sendPage(reply, <StartAgainPage ctx={viewContext(request)} activity={activity} />, 400);
    const next = nextStep(activity, sessions, draft);
    if (!next.endsWith('/verifier')) return redirectSeeOther(reply, next);
    const picked = chosen(activity, sessions, draft);
    const minor = minorFor(draft, picked);
    try {
      const outcome = await m.registrations.register(null, activity.centerId, picked[0]!.id, {
        person: { firstName: draft.firstName!, lastName: draft.lastName!, birthYear: draft.birthYear!, commune: draft.communeInsee!, phone: draft.phone ?? null, email: draft.email ?? null },
        guardianName: minor ? draft.guardianName : null,
        contactPhone: draft.phone ?? null,
        contactEmail: draft.email ?? null,
        parentalAuthorisation: minor ? draft.parentalAuthorisation === true : false,
        remindersConsent: draft.reminders === true,
        dataProcessing: draft.dataProcessing === true,
        ip: request.ip,
      }, 'public');
      // Nothing of the person stays in the browser once registered (shared computers).
      w.drafts.clear(reply);
      const token = outcome.link.split('/inscription/')[1]!;
      return redirectSeeOther(reply, `/inscription/${token}?${outcome.duplicate ? 'deja' : 'nouvelle'}=1`);
    } catch (error) {
      if (error instanceof AppError && error.status === 422) return checkPage(request, reply, 422, error.fields);
      if (error instanceof AppError && error.status === 429) return sendCallUsPage(request, reply, error, 'public.limit.registrationTitle', `/activites/${activity.id}`);
      throw error;
    }
  });
}

/** The resident's registration, by its signed link: see it, add it to a calendar, cancel it. */
function registerMyRegistrationRoutes(app: FastifyInstance, m: ActivitiesModule): void {
  app.get('/inscription/:token', page('public'), async (request, reply) => {
    const { token } = request.params as { token: string };
    const query = request.query as Record<string, unknown>;
    const group = await m.links.publicGroup(token);
    const hasContact = group.registrations.some((r) => r.contactEmail || r.contactPhone);
    return sendPage(reply, (
      <MyRegistrationPage ctx={viewContext(request)} group={group} token={token} fresh={query.nouvelle === '1' || query.deja === '1'}
        duplicate={query.deja === '1'} justCancelled={query.annulee === '1'} hasContact={hasContact} />
    ));
  });

  // "Add to my calendar": the same signed link, no account.
  app.get('/inscription/:token/agenda.ics', page('public'), async (request, reply) => {
    const { token } = request.params as { token: string };
    const ics = await m.links.publicCalendar(token);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="inscription.ics"')
      .header('cache-control', 'no-store')
      .send(ics);
  });

  app.get('/inscription/:token/annuler', page('public'), async (request, reply) => {
    const { token } = request.params as { token: string };
    const group = await m.links.publicGroup(token);
    if (!group.active) return redirectSeeOther(reply, `/inscription/${token}`);
    return sendPage(reply, <CancelQuestionPage ctx={viewContext(request)} group={group} token={token} />);
  });

  app.post('/inscription/:token/annuler', page('public', postLimit), async (request, reply) => {
    const { token } = request.params as { token: string };
    await m.links.cancelByLink(token);
    return redirectSeeOther(reply, `/inscription/${token}?annulee=1`);
  });
}
