/**
 * The resident's registration, GOV.UK style: one question per page, a back link, "Continuer",
 * a check-your-answers page, a confirmation page that says what happens next.
 */
import type { FieldErrors } from '../../../platform/errors.ts';
import { communeByCode, communeLabel } from '../../../platform/communes.ts';
import { formatPhone } from '../../../platform/text.ts';
import { ChoiceGroup, choiceId, ErrorSummary, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatSession } from '../activity.format.ts';
import type { Activity, SessionView } from '../activity.service.ts';
import type { PublicGroup } from '../registration.model.ts';

/** What the resident has answered so far (kept in a signed cookie between pages). */
export interface Draft {
  activityId: string;
  sessionId?: string;
  firstName?: string;
  lastName?: string;
  birthYear?: number;
  guardianName?: string;
  parentalAuthorisation?: boolean;
  phone?: string | null;
  email?: string | null;
  commune?: string;
  communeInsee?: string;
  reminders?: boolean;
  dataProcessing?: boolean;
}

interface StepProps {
  ctx: ViewContext;
  activity: Activity;
  values: FormValues;
  errors?: FieldErrors;
  backHref: string;
  action: string;
}

function Step({ ctx, activity, errors = {}, backHref, title, children }: Omit<StepProps, 'values' | 'action'> & { title: string; children: preact.ComponentChildren }) {
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={`${title} – ${activity.title}`} audience="public" hasErrors={Object.keys(e).length > 0} backHref={backHref}>
      <p class="caption">{ctx.t('activities.register.title', { title: activity.title })}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      {children}
    </Layout>
  );
}

/** The next sessions are offered first; later ones wait behind "see more" (no script needed). */
const FIRST_SESSIONS = 8;

export function SessionStep(props: StepProps & { sessions: SessionView[] }) {
  const { ctx, values, errors = {}, sessions, action } = props;
  const e = localizeErrors(ctx, errors);
  const selected = values.sessionId as string | undefined;
  const radio = (s: SessionView, i: number) => (
    <div class="choice" key={s.id}>
      <input id={choiceId('sessionId', i)} type="radio" name="sessionId" value={s.id} checked={s.id === selected} />
      <label for={choiceId('sessionId', i)}>
        {formatSession(s.startsAt, s.endsAt, ctx.now)}
        <span class="hint block">{s.seatsLeft > 0 ? ctx.t('activities.seats.left', { count: s.seatsLeft }) : ctx.t('activities.seats.full')}</span>
      </label>
    </div>
  );
  const later = sessions.slice(FIRST_SESSIONS);
  return (
    <Step {...props} title={ctx.t('activities.register.sessionQuestion')}>
      <h1>{ctx.t('activities.register.sessionQuestion')}</h1>
      <Form ctx={ctx} action={action}>
        <div class={`field${e.sessionId ? ' has-error' : ''}`}>
          <fieldset aria-describedby={e.sessionId ? 'champ-sessionId-erreur' : undefined}>
            <legend>{ctx.t('activities.registration.chooseSession')}</legend>
            {e.sessionId && (
              <p class="field-error" id="champ-sessionId-erreur">
                <span class="visually-hidden">{ctx.t('layout.errorPrefix')}</span>
                {e.sessionId}
              </p>
            )}
            {sessions.slice(0, FIRST_SESSIONS).map(radio)}
            {later.length > 0 && (
              <details open={later.some((s) => s.id === selected)}>
                <summary>{ctx.t('activities.page.moreSessions', { count: later.length })}</summary>
                {later.map((s, i) => radio(s, i + FIRST_SESSIONS))}
              </details>
            )}
          </fieldset>
        </div>
        <button type="submit">{ctx.t('common.continue')}</button>
      </Form>
    </Step>
  );
}

export function ParticipantStep(props: StepProps) {
  const { ctx, values, errors = {}, action } = props;
  const e = localizeErrors(ctx, errors);
  return (
    <Step {...props} title={ctx.t('activities.register.participantQuestion')}>
      <Form ctx={ctx} action={action}>
        <fieldset>
          <legend class="question">
            <h1>{ctx.t('activities.register.participantQuestion')}</h1>
          </legend>
          <p class="hint">{ctx.t('activities.register.participantHint')}</p>
          <TextField ctx={ctx} name="firstName" label={ctx.t('activities.register.firstName')} value={values.firstName as string} error={e.firstName} autocomplete="off" width="medium" />
          <TextField ctx={ctx} name="lastName" label={ctx.t('activities.register.lastName')} value={values.lastName as string} error={e.lastName} autocomplete="off" width="medium" />
          <TextField ctx={ctx} name="birthYear" label={ctx.t('activities.register.birthYear')} hint={ctx.t('activities.register.birthYearHint')} value={values.birthYear as string} error={e.birthYear} inputmode="numeric" width="short" />
        </fieldset>
        <button type="submit">{ctx.t('common.continue')}</button>
      </Form>
    </Step>
  );
}

export function GuardianStep(props: StepProps) {
  const { ctx, values, errors = {}, action } = props;
  const e = localizeErrors(ctx, errors);
  return (
    <Step {...props} title={ctx.t('activities.register.guardianQuestion')}>
      <h1>{ctx.t('activities.register.guardianQuestion')}</h1>
      <p>{ctx.t('activities.register.guardianIntro')}</p>
      <Form ctx={ctx} action={action}>
        <TextField ctx={ctx} name="guardianName" label={ctx.t('activities.register.guardianName')} value={values.guardianName as string} error={e.guardianName} autocomplete="name" width="medium" />
        <ChoiceGroup
          ctx={ctx}
          name="parentalAuthorisation"
          type="checkbox"
          legend={ctx.t('activities.col.authorisation')}
          value={values.parentalAuthorisation as string}
          error={e.parentalAuthorisation}
          choices={[{ value: 'oui', label: ctx.t('activities.register.authorisation') }]}
        />
        <button type="submit">{ctx.t('common.continue')}</button>
      </Form>
    </Step>
  );
}

export function ContactStep(props: StepProps & { minor: boolean; communes: string[] }) {
  const { ctx, values, errors = {}, action, minor, communes } = props;
  // The summary lists problems in the order of the page.
  const ordered = Object.fromEntries(['phone', 'email', 'commune', 'dataProcessing'].filter((f) => errors[f]).map((f) => [f, errors[f]!]));
  const e = localizeErrors(ctx, { ...ordered, ...errors });
  const title = minor ? ctx.t('activities.register.contactGuardianQuestion') : ctx.t('activities.register.contactQuestion');
  return (
    <Step {...props} errors={{ ...ordered, ...errors }} title={title}>
      <h1>{title}</h1>
      <p class="hint">{ctx.t('activities.register.contactHint')}</p>
      <Form ctx={ctx} action={action}>
        <TextField ctx={ctx} name="phone" type="tel" label={ctx.t('activities.register.phone')} value={values.phone as string} error={e.phone} autocomplete="tel" inputmode="tel" width="medium" />
        <TextField ctx={ctx} name="email" type="email" label={ctx.t('activities.register.email')} value={values.email as string} error={e.email} autocomplete="email" inputmode="email" width="medium" />
        <TextField ctx={ctx} name="commune" label={ctx.t('activities.register.commune')} hint={ctx.t('activities.register.communeHint')} value={values.commune as string} error={e.commune} autocomplete="address-level2" list="communes-proches" width="medium" />
        <datalist id="communes-proches">
          {communes.map((c) => (
            <option value={c} />
          ))}
        </datalist>
        <ChoiceGroup
          ctx={ctx}
          name="reminders"
          type="checkbox"
          legend={ctx.t('activities.register.reminderAnswer')}
          value={values.reminders as string}
          choices={[{ value: 'oui', label: ctx.t('activities.register.reminders') }]}
        />
        <ChoiceGroup
          ctx={ctx}
          name="dataProcessing"
          type="checkbox"
          legend={ctx.t('activities.register.dataLegend')}
          hint={ctx.t('activities.register.dataProcessingHint')}
          value={values.dataProcessing as string}
          error={e.dataProcessing}
          choices={[{ value: 'oui', label: ctx.t('activities.register.dataProcessing') }]}
        />
        <button type="submit">{ctx.t('common.continue')}</button>
      </Form>
    </Step>
  );
}

export function CheckPage(props: {
  ctx: ViewContext;
  activity: Activity;
  draft: Draft;
  sessions: SessionView[];
  minor: boolean;
  waitlist: boolean;
  base: string;
  backHref: string;
  errors?: FieldErrors;
  canChangeSession: boolean;
}) {
  const { ctx, activity, draft, sessions, minor, waitlist, base, backHref, errors = {}, canChangeSession } = props;
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const change = (step: string, what: string) => (
    <a href={step ? `${base}/${step}` : base}>
      {t('activities.register.change')}
      <span class="visually-hidden"> {what}</span>
    </a>
  );
  const commune = draft.communeInsee ? communeByCode(draft.communeInsee) : undefined;
  const contact = [draft.phone ? formatPhone(draft.phone) : '', draft.email ?? ''].filter(Boolean).join(' – ');
  return (
    <Layout ctx={ctx} title={t('activities.register.checkTitle')} audience="public" backHref={backHref} hasErrors={Object.keys(e).length > 0}>
      <ErrorSummary ctx={ctx} errors={e} />
      <h1>{t('activities.register.checkTitle')}</h1>
      <p>{t('activities.register.checkIntro')}</p>
      <dl class="summary check">
        <dt>{t('activities.register.activity')}</dt>
        <dd>{activity.title}</dd>
        <dd class="action" />
        <dt>{sessions.length > 1 ? t('activities.register.sessions') : t('activities.register.session')}</dt>
        <dd>
          {sessions.map((s) => (
            <span class="block" key={s.id}>{formatSession(s.startsAt, s.endsAt, ctx.now)}</span>
          ))}
        </dd>
        <dd class="action">{canChangeSession && change('', t('activities.register.session'))}</dd>
        <dt>{t('activities.register.participant')}</dt>
        <dd>
          {draft.firstName} {draft.lastName}, {draft.birthYear}
        </dd>
        <dd class="action">{change('participant', t('activities.register.participant'))}</dd>
        {minor && (
          <>
            <dt>{t('activities.register.guardian')}</dt>
            <dd>{draft.guardianName}</dd>
            <dd class="action">{change('responsable', t('activities.register.guardian'))}</dd>
          </>
        )}
        <dt>{t('activities.register.contact')}</dt>
        <dd>
          {contact}
          {commune && <span class="block">{communeLabel(commune)}</span>}
        </dd>
        <dd class="action">{change('contact', t('activities.register.contact'))}</dd>
        <dt>{t('activities.register.reminderAnswer')}</dt>
        <dd>{draft.reminders ? t('common.yes') : t('common.no')}</dd>
        <dd class="action">{change('contact', t('activities.register.reminderAnswer'))}</dd>
      </dl>
      {waitlist && (
        <div class="notice warning">
          <p>{t('activities.register.waitlistWarning')}</p>
        </div>
      )}
      <Form ctx={ctx} action={`${base}/verifier`}>
        <button type="submit">{waitlist ? t('activities.register.submitWaitlist') : t('activities.register.submit')}</button>
      </Form>
    </Layout>
  );
}

export function StartAgainPage({ ctx, activity }: { ctx: ViewContext; activity: Activity }) {
  return (
    <Layout ctx={ctx} title={ctx.t('activities.register.title', { title: activity.title })} audience="public" backHref={`/activites/${activity.id}`}>
      <h1>{ctx.t('activities.register.title', { title: activity.title })}</h1>
      <p>{ctx.t('activities.register.expired')}</p>
      <p>
        <a class="button" href={`/activites/${activity.id}/inscription`}>{ctx.t('activities.register.start')}</a>
      </p>
    </Layout>
  );
}

/** The resident's registration through the signed link: confirmation, status, cancel. */
export function MyRegistrationPage({ ctx, group, token, fresh, justCancelled, duplicate, hasContact }: {
  ctx: ViewContext;
  group: PublicGroup;
  token: string;
  fresh: boolean;
  justCancelled: boolean;
  duplicate: boolean;
  hasContact: boolean;
}) {
  const { t } = ctx;
  const live = group.registrations.filter((r) => r.status !== 'cancelled');
  const waitlisted = live.some((r) => r.status === 'waitlisted');
  const title = justCancelled
    ? t('activities.mine.cancelledTitle')
    : fresh
      ? duplicate ? t('activities.register.alreadyTitle') : waitlisted ? t('activities.register.waitlistTitle') : t('activities.register.doneTitle')
      : t('activities.mine.title');
  return (
    <Layout ctx={ctx} title={title} audience="public">
      {fresh || justCancelled ? (
        <div class="confirmation">
          <h1>{title}</h1>
        </div>
      ) : (
        <h1>{title}</h1>
      )}
      {justCancelled && <p class="lead">{t('activities.mine.cancelledBody')}</p>}
      {fresh && !justCancelled && (
        <p class="lead">{waitlisted ? t('activities.register.waitlistNext') : hasContact ? t('activities.register.doneNext') : t('activities.register.noContact')}</p>
      )}
      <h2>{group.activity.title}</h2>
      <ul class="session-list">
        {group.registrations.map((r) => (
          <li key={r.id}>
            <span class="when">{formatSession(r.session.startsAt, r.session.endsAt, ctx.now)}</span>{' '}
            <span class={`tag${r.status === 'confirmed' ? ' success' : r.status === 'cancelled' ? ' error' : ''}`}>
              {r.session.status === 'cancelled' ? t('activities.page.cancelled') : t(`activities.status.${r.status}` as 'activities.status.confirmed')}
            </span>
          </li>
        ))}
      </ul>
      {group.placeLabel && <p>{group.placeLabel}</p>}
      {group.registrations.some((r) => r.status === 'confirmed' && r.session.status === 'scheduled') && (
        <p>
          <a href={`/inscription/${token}/agenda.ics`} download="inscription.ics">{t('activities.mine.addToCalendar')}</a>
        </p>
      )}
      {group.active ? (
        <p>
          <a href={`/inscription/${token}/annuler`}>{t('activities.mine.cancel')}</a>
        </p>
      ) : (
        !justCancelled && <p>{t('activities.mine.nothingToCancel')}</p>
      )}
      <p>
        <a href="/activites">{t('activities.register.another')}</a>
      </p>
    </Layout>
  );
}

export function CancelQuestionPage({ ctx, group, token }: { ctx: ViewContext; group: PublicGroup; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('activities.mine.cancelQuestion')} audience="public" backHref={`/inscription/${token}`}>
      <h1>{t('activities.mine.cancelQuestion')}</h1>
      <p class="lead">{group.activity.title}</p>
      <ul class="session-list">
        {group.registrations
          .filter((r) => r.status !== 'cancelled')
          .map((r) => (
            <li key={r.id}>{formatSession(r.session.startsAt, r.session.endsAt, ctx.now)}</li>
          ))}
      </ul>
      <p>{t('activities.mine.cancelIntro')}</p>
      <Form ctx={ctx} action={`/inscription/${token}/annuler`}>
        <div class="button-row">
          <button type="submit" class="danger">{t('activities.mine.cancel')}</button>
          <a href={`/inscription/${token}`}>{t('activities.mine.keep')}</a>
        </div>
      </Form>
    </Layout>
  );
}
