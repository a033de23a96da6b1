/**
 * The visit page of the navette (/navette/demandes/:id/visite): who, where, what for, then the
 * report form. With JavaScript, /navette/visite.js keeps the page for offline use and queues
 * the report on the device; without, the form posts as any other.
 */
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { communeName } from '../../../platform/communes.ts';
import { AUTONOMY } from '../../helpdesk/helpdesk.vocab.ts';
import { MEDIATION_EQUIPMENT, MEDIATION_THEMES } from '../../../platform/vocab/mediation.ts';
import { ChoiceGroup, CsrfField, ErrorSummary, localizeErrors, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { formatDateTime, formatWallTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatSlot } from '../../helpdesk/helpdesk.format.ts';
import { REPORT_FOLLOW_UPS, REPORT_OUTCOMES } from '../shuttle.vocab.ts';
import type { FollowUpTargets, OfferedSlot, VisitPerson } from '../visit-report.ports.ts';
import type { VisitReport, VisitSheet } from '../visit-report.service.ts';
import { Fragment } from 'preact';
import type { FicheLink } from '../../../platform/fiche-links.ts';

export function personLabel(ctx: ViewContext, person: VisitPerson | null): string {
  const name = person && !person.erased ? [person.firstName, person.lastName].filter(Boolean).join(' ') : '';
  return name || ctx.t('shuttle.visit.unnamed');
}

export function slotValue(slot: OfferedSlot): string {
  return `${slot.motifId}|${slot.siteId}|${slot.startAt}`;
}

/** What the form starts with: the request's theme and planned time. */
export function reportDefaults(sheet: VisitSheet, clientId: string): FormValues {
  return { clientId, themes: [sheet.request.theme], equipment: ['telephone'], durationMinutes: String(sheet.request.durationMinutes) };
}

function RequestFacts({ ctx, sheet }: { ctx: ViewContext; sheet: VisitSheet }) {
  const { t } = ctx;
  const { request, person } = sheet;
  const address = [request.address, communeName(request.communeInsee)].filter(Boolean).join(', ');
  return (
    <dl class="summary">
      <dt>{t('shuttle.visit.who')}</dt>
      <dd>{personLabel(ctx, person)}</dd>
      <dt>{t('shuttle.visit.phone')}</dt>
      <dd>{person?.phone && !person.erased ? <a href={`tel:${person.phone}`}>{person.phone}</a> : t('shuttle.visit.noPhone')}</dd>
      <dt>{t('shuttle.visit.where')}</dt>
      <dd>{address || t('shuttle.visit.noAddress')}</dd>
      <dt>{t('shuttle.visit.problem')}</dt>
      <dd>{request.problem}</dd>
      <dt>{t('shuttle.visit.theme')}</dt>
      <dd>{t(`vocab.mediationTheme.${request.theme}` as MessageKey)}</dd>
      <dt>{t('shuttle.visit.urgency')}</dt>
      <dd>{t(`shuttle.urgency.${request.urgency}` as MessageKey)}</dd>
      <dt>{t('shuttle.visit.home')}</dt>
      <dd>
        {request.availability
          .map((w) => t('shuttle.visit.window', { weekday: t(`helpdesk.weekday.${w.weekday}` as MessageKey), from: formatWallTime(w.from), to: formatWallTime(w.to) }))
          .join(' ; ')}
      </dd>
      <dt>{t('shuttle.visit.notes')}</dt>
      <dd>{request.notes || t('shuttle.visit.noNotes')}</dd>
      <dt>{t('shuttle.visit.duration')}</dt>
      <dd>{t('shuttle.visit.minutes', { n: request.durationMinutes })}</dd>
    </dl>
  );
}

function FollowUpLinks({ ctx, report, targets, person }: { ctx: ViewContext; report: VisitReport; targets: FollowUpTargets; person: VisitPerson | null }) {
  const { t } = ctx;
  const q = encodeURIComponent(personLabel(ctx, person));
  return (
    <>
      {report.followUps.includes('pathway') && (
        <>
          <p>{t('shuttle.report.pathwayTodo')}</p>
          {targets.pathways.length ? (
            <ul>
              {targets.pathways.map((p) => (
                <li key={p.id}>
                  <a href={`/parcours/${p.id}/inscrire?q=${q}`}>{t('shuttle.report.enrolIn', { title: p.title })}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="hint">{t('shuttle.report.noPathway')}</p>
          )}
        </>
      )}
      {report.followUps.includes('tablet') && (
        <>
          <p>{t('shuttle.report.tabletTodo')}</p>
          {targets.tablets.length ? (
            <ul>
              {targets.tablets.map((i) => (
                <li key={i.id}>
                  <a href={`/materiel/gestion/objets/${i.id}/preter?q=${q}`}>{t('shuttle.report.lend', { name: i.name, tag: i.assetTag })}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="hint">{t('shuttle.report.noTablet')}</p>
          )}
        </>
      )}
    </>
  );
}

/** A report's appointment still to do, booked again at a slot chosen now (a POST, no script). */
function RetryAppointment({ ctx, report, sheet, errors }: { ctx: ViewContext; report: VisitReport; sheet: VisitSheet; errors: FieldErrors }) {
  const { t } = ctx;
  if (sheet.slots.length === 0) return null;
  return (
    <form method="post" action={`/navette/demandes/${sheet.request.id}/visite/rendez-vous`} novalidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="reportId" value={report.id} />
      <h3>{t('shuttle.report.retryTitle')}</h3>
      <SelectField ctx={ctx} name="appointment" label={t('shuttle.report.retrySlot')} error={errors.appointment} placeholder={t('shuttle.report.appointmentNone')}
        choices={sheet.slots.map((s) => ({ value: slotValue(s), label: t('shuttle.report.slot', { motif: s.motifName, site: s.siteName, when: formatSlot(s.startAt, ctx.locale, ctx.now) }) }))} />
      <button type="submit" class="secondary">{t('shuttle.report.retry')}</button>
    </form>
  );
}

function StoredReport({ ctx, report, sheet, errors }: { ctx: ViewContext; report: VisitReport; sheet: VisitSheet; errors: FieldErrors }) {
  const { t } = ctx;
  const { appointment } = report;
  return (
    <section class="notice success" aria-labelledby={`cr-${report.id}`}>
      <h2 id={`cr-${report.id}`}>{t('shuttle.report.stored')}</h2>
      <p class="hint">{t('shuttle.report.writtenAt', { when: formatDateTime(report.writtenAt, ctx.locale) })}</p>
      <dl class="summary">
        <dt>{t('shuttle.report.summary')}</dt>
        <dd>{report.summary}</dd>
        <dt>{t('shuttle.report.time')}</dt>
        <dd>{t('shuttle.visit.minutes', { n: report.durationMinutes })}</dd>
        <dt>{t('shuttle.report.result')}</dt>
        <dd>{t(`shuttle.report.outcome.${report.outcome}`)}</dd>
      </dl>
      {appointment.status === 'booked' && appointment.id && appointment.wanted && (
        <p>
          {t('shuttle.report.appointment.booked', { when: formatSlot(appointment.wanted.startAt, ctx.locale, ctx.now) })}{' '}
          <a href={`/permanences/rendez-vous/${appointment.id}`}>{t('shuttle.report.appointment.open')}</a>
        </p>
      )}
      {appointment.status === 'pending' && !sheet.appointmentsToDo.includes(report.id) && <p>{t('shuttle.report.appointment.pending')}</p>}
      {sheet.appointmentsToDo.includes(report.id) && (
        <p>
          {t('shuttle.report.appointment.failed')}{' '}
          <a href={`/permanences/rendez-vous/nouveau?personne=${report.personId}`}>{t('shuttle.report.appointment.bookByPhone')}</a>
        </p>
      )}
      {sheet.appointmentsToDo.includes(report.id) && <RetryAppointment ctx={ctx} report={report} sheet={sheet} errors={errors} />}
      <FollowUpLinks ctx={ctx} report={report} targets={sheet.targets} person={sheet.person} />
    </section>
  );
}

/** The reports waiting on this device (filled by /navette/visite.js, which also warns before signing out). */
export function QueueStatus({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  // Filled by /navette/visite.js; without JavaScript it stays hidden.
  return (
    <p
      class="notice"
      role="status"
      hidden
      data-report-queue
      data-none={t('shuttle.visit.queue.none')}
      data-one={t('shuttle.visit.queue.one')}
      data-many={t('shuttle.visit.queue.many')}
      data-refused={t('shuttle.visit.queue.refused')}
      data-signed-out={t('shuttle.visit.queue.signedOut')}
      data-saved={t('shuttle.visit.queue.saved')}
      data-sending={t('shuttle.visit.queue.sending')}
      data-sign-out-one={t('shuttle.visit.queue.signOutOne')}
      data-sign-out-many={t('shuttle.visit.queue.signOutMany')}
    />
  );
}

function ReportForm({ ctx, sheet, values, errors }: { ctx: ViewContext; sheet: VisitSheet; values: FormValues; errors: FieldErrors }) {
  const { t } = ctx;
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const list = (name: string) => {
    const raw = values[name];
    return Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  };
  const slotChoices = sheet.slots.map((s) => ({
    value: slotValue(s),
    label: t('shuttle.report.slot', { motif: s.motifName, site: s.siteName, when: formatSlot(s.startAt, ctx.locale, ctx.now) }),
  }));
  return (
    <form method="post" action={`/navette/demandes/${sheet.request.id}/visite`} novalidate data-visit-report data-request-id={sheet.request.id}>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="clientId" value={v('clientId')} />
      <div data-refused-here hidden class="notice warning" role="alert">
        <p>{t('shuttle.visit.queue.refusedHere')}</p>
        <ul />
      </div>
      <TextArea ctx={ctx} name="summary" label={t('shuttle.report.summary')} hint={t('shuttle.report.summaryHint')} value={v('summary')} error={errors.summary} rows={5} />
      <ChoiceGroup ctx={ctx} name="outcome" type="radio" legend={t('shuttle.report.outcome')} value={v('outcome')} error={errors.outcome}
        choices={REPORT_OUTCOMES.map((o) => ({ value: o, label: t(`shuttle.report.outcome.${o}`) }))} />
      <TextField ctx={ctx} name="durationMinutes" type="number" inputmode="numeric" label={t('shuttle.report.durationMinutes')} value={v('durationMinutes')} error={errors.durationMinutes} width="short" />
      <ChoiceGroup ctx={ctx} name="equipment" type="checkbox" inline legend={t('shuttle.report.equipment')} value={list('equipment')} error={errors.equipment}
        choices={MEDIATION_EQUIPMENT.map((e) => ({ value: e, label: t(`vocab.mediationEquipment.${e}`) }))} />
      <ChoiceGroup ctx={ctx} name="autonomy" type="radio" legend={t('shuttle.report.autonomy')} value={v('autonomy')} error={errors.autonomy}
        choices={AUTONOMY.map((a) => ({ value: a, label: t(`helpdesk.autonomy.${a}`) }))} />
      <div class="record-themes">
        <ChoiceGroup ctx={ctx} name="themes" type="checkbox" legend={t('shuttle.report.themes')} value={list('themes')} error={errors.themes}
          choices={MEDIATION_THEMES.map((e) => ({ value: e, label: t(`vocab.mediationTheme.${e}`) }))} />
      </div>
      <h2>{t('shuttle.report.followUpsHeading')}</h2>
      {slotChoices.length ? (
        <SelectField ctx={ctx} name="appointment" label={t('shuttle.report.appointment')} hint={t('shuttle.report.appointmentHint')} value={v('appointment')}
          choices={slotChoices} placeholder={t('shuttle.report.appointmentNone')} error={errors.appointment} optional />
      ) : (
        <p class="hint">{t('shuttle.report.noSlots')}</p>
      )}
      <ChoiceGroup ctx={ctx} name="followUps" type="checkbox" legend={t('shuttle.report.followUps')} value={list('followUps')} error={errors.followUps} optional
        choices={REPORT_FOLLOW_UPS.map((f) => ({ value: f, label: t(`shuttle.report.followUp.${f}`) }))} />
      <button type="submit">{t('shuttle.report.submit')}</button>
    </form>
  );
}

/** The fiches given at a stored visit, and the link to note them (platform/fiche-links.ts). */
function GivenFiches({ ctx, given }: { ctx: ViewContext; given: { links: FicheLink[]; chooseHref: string | null } }) {
  const { t } = ctx;
  return (
    <>
      {given.links.length > 0 && (
        <>
          <p>{t('shuttle.report.fichesGiven')}</p>
          <ul>
            {given.links.map((f) => (
              <li key={f.href}>
                <a href={f.href}>{f.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {given.chooseHref && (
        <p>
          <a href={given.chooseHref}>{t('shuttle.report.chooseFiches')}</a>
        </p>
      )}
    </>
  );
}

export function VisitPage({ ctx, sheet, values, errors: raw, fiches = new Map() }: {
  ctx: ViewContext;
  sheet: VisitSheet;
  values: FormValues;
  errors: FieldErrors;
  /** Per stored report: the fiches given to the person and where to note them. */
  fiches?: Map<string, { links: FicheLink[]; chooseHref: string | null }>;
}) {
  const { t } = ctx;
  const errors = localizeErrors(ctx, raw);
  const title = t('shuttle.visit.title', { name: personLabel(ctx, sheet.person) });
  const open = sheet.request.status !== 'cancelled';
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0} backHref="/navette">
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <p>
        <span class="tag">{t(`shuttle.visit.status.${sheet.request.status}`)}</span>
      </p>
      <QueueStatus ctx={ctx} />
      <RequestFacts ctx={ctx} sheet={sheet} />
      {sheet.reports.map((report) => (
        <Fragment key={report.id}>
          <StoredReport ctx={ctx} report={report} sheet={sheet} errors={errors} />
          {fiches.get(report.id) && <GivenFiches ctx={ctx} given={fiches.get(report.id)!} />}
        </Fragment>
      ))}
      {!open && <p class="notice warning">{t('shuttle.visit.cancelled')}</p>}
      {open && sheet.reports.length === 0 && (
        <>
          <h2>{t('shuttle.report.heading')}</h2>
          <p class="hint">{t('shuttle.visit.offlineHint')}</p>
          <ReportForm ctx={ctx} sheet={sheet} values={values} errors={errors} />
        </>
      )}
      <script src="/navette/visite.js" defer />
    </Layout>
  );
}
