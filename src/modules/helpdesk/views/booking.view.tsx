/**
 * The resident's booking journey (GOV.UK question pages): what for → where → when → your
 * details → check your answers → confirmation; and the "cancel or change" page of the signed
 * link. Every step is a plain form. The choices travel in the address; contact details never
 * do (they are posted, then kept in a short-lived signed cookie until the booking).
 */
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatPhone, joinPlace } from '../../../platform/text.ts';
import { MapLink, PHONE_SLOT, PhoneLink, TextWithPhone } from '../../../ui/components/contact.tsx';
import { ChoiceGroup, choiceId, ErrorSummary, Form, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Site } from '../../centre/centre.service.ts';
import { formatDay, formatSlot, formatTime } from '../helpdesk.format.ts';
import type { Appointment, ManagedAppointment, Motif, NextOpening, PlaceChoice, PublicSlot } from '../helpdesk.model.ts';
import { parisDate } from '../../../platform/time.ts';

export interface BookingState {
  motif?: Motif;
  site?: Site;
  startAt?: string;
}

function Hidden({ state }: { state: BookingState }) {
  return (
    <>
      {state.motif && <input type="hidden" name="motif" value={state.motif.id} />}
      {state.site && <input type="hidden" name="lieu" value={state.site.id} />}
      {state.startAt && <input type="hidden" name="creneau" value={state.startAt} />}
    </>
  );
}

export function query(state: BookingState, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (state.motif) params.set('motif', state.motif.id);
  if (state.site) params.set('lieu', state.site.id);
  if (state.startAt) params.set('creneau', state.startAt);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function MotifQuestionPage({ ctx, motifs, selected, error }: { ctx: ViewContext; motifs: Motif[]; selected?: string; error?: string }) {
  const { t } = ctx;
  const errors: FieldErrors = error ? { motif: error } : {};
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.motifQuestion')} audience="public" hasErrors={Boolean(error)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">{t('helpdesk.public.startTitle')}</p>
      {motifs.length === 0 ? (
        <>
          <h1>{t('helpdesk.public.startTitle')}</h1>
          <p class="lead">{t('helpdesk.public.startIntro')}</p>
          <div class="notice">
            <p>{t('helpdesk.public.noMotif')}</p>
            {ctx.centre?.phone && <p><strong><PhoneLink phone={ctx.centre.phone} /></strong></p>}
          </div>
        </>
      ) : (
        <Form ctx={ctx} action="/rendez-vous/lieu" method="get">
          <div class={`field${error ? ' has-error' : ''}`}>
            <fieldset aria-describedby={`champ-motif-aide${error ? ' champ-motif-erreur' : ''}`}>
              <legend class="question">
                <h1>{t('helpdesk.public.motifQuestion')}</h1>
              </legend>
              <p class="hint" id="champ-motif-aide">{t('helpdesk.public.motifHint')}</p>
              {error && (
                <p class="field-error" id="champ-motif-erreur">
                  <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                  {error}
                </p>
              )}
              {motifs.map((m, i) => (
                <div class="choice big-choice" key={m.id}>
                  <input id={choiceId('motif', i)} type="radio" name="motif" value={m.id} checked={m.id === selected} />
                  <label for={choiceId('motif', i)}>
                    {m.name}
                    {m.description && <span class="hint block">{m.description}</span>}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
          <button type="submit">{t('common.continue')}</button>
        </Form>
      )}
    </Layout>
  );
}

export function PlaceQuestionPage({ ctx, state, places, selected, error }: { ctx: ViewContext; state: BookingState; places: PlaceChoice[]; selected?: string; error?: string }) {
  const { t } = ctx;
  const errors: FieldErrors = error ? { lieu: error } : {};
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.placeQuestion')} audience="public" hasErrors={Boolean(error)} backHref={`/rendez-vous${query({ motif: state.motif })}`}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">{state.motif?.name}</p>
      <Form ctx={ctx} action="/rendez-vous/creneau" method="get">
        <Hidden state={{ motif: state.motif }} />
        <div class={`field${error ? ' has-error' : ''}`}>
          <fieldset aria-describedby={`champ-lieu-aide${error ? ' champ-lieu-erreur' : ''}`}>
            <legend class="question">
              <h1>{t('helpdesk.public.placeQuestion')}</h1>
            </legend>
            <p class="hint" id="champ-lieu-aide">{t('helpdesk.public.placeHint')}</p>
            {error && (
              <p class="field-error" id="champ-lieu-erreur">
                <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                {error}
              </p>
            )}
            {places.map(({ site, firstSlot }, i) => (
              <div class="choice big-choice" key={site.id}>
                <input id={choiceId('lieu', i)} type="radio" name="lieu" value={site.id} checked={site.id === selected} />
                <label for={choiceId('lieu', i)}>
                  {site.name}
                  {(site.address || site.communeName) && (
                    <span class="hint block">{joinPlace(site.address, site.communeName)}</span>
                  )}
                  <span class="hint block">
                    {firstSlot ? t('helpdesk.public.firstSlot', { date: formatSlot(firstSlot, ctx.locale, ctx.now) }) : t('helpdesk.public.noSlotHere')}
                  </span>
                </label>
                {/* Outside the label: a link inside it would also tick the radio. */}
                <p class="choice-extra">
                  <MapLink ctx={ctx} name={site.name} address={site.address} commune={site.communeName} />
                </p>
              </div>
            ))}
          </fieldset>
        </div>
        <button type="submit">{t('common.continue')}</button>
      </Form>
    </Layout>
  );
}

/** The centre's phone as a link that dials, and the next opening beyond the booking window if any. */
function NoSlotHelp({ ctx, nextOpening }: { ctx: ViewContext; nextOpening: NextOpening | null }) {
  const { t } = ctx;
  const phone = ctx.centre?.phone;
  return (
    <>
      {nextOpening && (
        <p>{t('helpdesk.public.nextOpening', { date: formatSlot(nextOpening.startAt, ctx.locale, ctx.now), place: nextOpening.siteName })}</p>
      )}
      {phone && (
        <p>
          {t('helpdesk.public.noSlotsCallLead')} <PhoneLink phone={phone} />
          {t('helpdesk.public.noSlotsCallEnd')}
        </p>
      )}
    </>
  );
}

/**
 * No free slot for this motif anywhere within the booking window: a plain page (not an error)
 * that says so and offers the phone and the next opening.
 */
export function NoSlotPage({ ctx, motif, nextOpening }: { ctx: ViewContext; motif: Motif; nextOpening: NextOpening | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.noSlotTitle')} audience="public" backHref={`/rendez-vous${query({ motif })}`}>
      <p class="caption">{motif.name}</p>
      <h1>{t('helpdesk.public.noSlotTitle')}</h1>
      <p class="lead">{t('helpdesk.public.noSlotIntro')}</p>
      <NoSlotHelp ctx={ctx} nextOpening={nextOpening} />
      <p>
        <a href="/rendez-vous">{t('helpdesk.public.otherMotif')}</a>
      </p>
    </Layout>
  );
}

/** Slots grouped by day, as large buttons: one tap chooses. */
export function SlotButtons({ ctx, slots, name = 'creneau' }: { ctx: ViewContext; slots: PublicSlot[]; name?: string }) {
  const days: { date: string; slots: PublicSlot[] }[] = [];
  for (const slot of slots) {
    const date = parisDate(slot.startAt);
    const last = days.at(-1);
    if (last && last.date === date) last.slots.push(slot);
    else days.push({ date, slots: [slot] });
  }
  return (
    <div class="slot-days">
      {days.map((day) => {
        const label = formatDay(day.slots[0]!.startAt, ctx.now, ctx.locale);
        return (
          <section class="slot-day" key={day.date} aria-labelledby={`jour-${day.date}`}>
            <h2 id={`jour-${day.date}`}>{capitalize(label)}</h2>
            <ul class="slot-grid">
              {day.slots.map((s) => (
                <li key={s.startAt}>
                  <button type="submit" name={name} value={s.startAt} class="slot">
                    <span class="visually-hidden">{label} à </span>
                    {formatTime(s.startAt)}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export function SlotQuestionPage({
  ctx,
  state,
  slots,
  moreAfter,
  showingLater,
  error,
  nextOpening,
}: {
  ctx: ViewContext;
  state: BookingState;
  slots: PublicSlot[];
  /** Shown when `slots` is empty: the first free slot beyond the booking window. */
  nextOpening?: NextOpening | null;
  /** The date to continue from for "later slots", or null when there are no more. */
  moreAfter: string | null;
  showingLater: boolean;
  error?: string;
}) {
  const { t } = ctx;
  const errors: FieldErrors = error ? { creneau: error } : {};
  return (
    <Layout
      ctx={ctx}
      title={t('helpdesk.public.slotQuestion')}
      audience="public"
      hasErrors={Boolean(error)}
      backHref={`/rendez-vous/lieu${query({ motif: state.motif }, state.site ? { lieu: state.site.id } : {})}`}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">
        {state.motif?.name} · {state.site?.name}
      </p>
      <h1 id="champ-creneau">{t('helpdesk.public.slotQuestion')}</h1>
      <p class="hint">{t('helpdesk.public.slotHint', { minutes: state.motif?.durationMinutes ?? 30 })}</p>
      {error && (
        <p class="field-error">
          <span class="visually-hidden">{t('layout.errorPrefix')}</span>
          {error}
        </p>
      )}
      {slots.length === 0 ? (
        <div class="notice">
          <p>{t('helpdesk.public.noSlots')}</p>
          <NoSlotHelp ctx={ctx} nextOpening={nextOpening ?? null} />
          <p>
            <a href={`/rendez-vous/lieu${query({ motif: state.motif })}`}>{t('helpdesk.public.otherPlace')}</a>
          </p>
        </div>
      ) : (
        <Form ctx={ctx} action="/rendez-vous/coordonnees" method="get">
          <Hidden state={{ motif: state.motif, site: state.site }} />
          <SlotButtons ctx={ctx} slots={slots} />
        </Form>
      )}
      <p class="button-row">
        {moreAfter && (
          <a class="button secondary" href={`/rendez-vous/creneau${query({ motif: state.motif, site: state.site }, { apres: moreAfter })}`}>
            {t('helpdesk.public.moreSlots')}
          </a>
        )}
        {showingLater && (
          <a href={`/rendez-vous/creneau${query({ motif: state.motif, site: state.site })}`}>{t('helpdesk.public.earlierSlots')}</a>
        )}
      </p>
    </Layout>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function DetailsPage({ ctx, state, values, errors }: { ctx: ViewContext; state: BookingState; values: FormValues; errors: FieldErrors }) {
  const { t } = ctx;
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={t('helpdesk.public.detailsTitle')}
      audience="public"
      hasErrors={hasErrors}
      backHref={`/rendez-vous/creneau${query({ motif: state.motif, site: state.site })}`}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">
        {state.motif?.name} · {state.site?.name} · {state.startAt && formatSlot(state.startAt, ctx.locale, ctx.now)}
      </p>
      <h1>{t('helpdesk.public.detailsTitle')}</h1>
      <p>{t('helpdesk.public.detailsIntro')}</p>
      <Form ctx={ctx} action="/rendez-vous/coordonnees">
        <Hidden state={state} />
        <TextField ctx={ctx} name="firstName" label={t('helpdesk.public.firstName')} value={v('firstName')} error={errors.firstName} autocomplete="given-name" width="medium" />
        <TextField ctx={ctx} name="lastName" label={t('helpdesk.public.lastName')} value={v('lastName')} error={errors.lastName} autocomplete="family-name" width="medium" />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t('helpdesk.public.phone')}
          hint={t('helpdesk.public.phoneHint')}
          value={v('phone')}
          error={errors.phone}
          autocomplete="tel"
          inputmode="tel"
          width="medium"
          optional
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t('helpdesk.public.email')}
          hint={t('helpdesk.public.emailHint')}
          value={v('email')}
          error={errors.email}
          autocomplete="email"
          inputmode="email"
          optional
        />
        <ChoiceGroup
          ctx={ctx}
          name="reminder"
          type="radio"
          legend={t('helpdesk.public.reminderQuestion')}
          value={v('reminder')}
          error={errors.reminder}
          choices={[
            { value: 'sms', label: t('helpdesk.public.reminder.sms') },
            { value: 'email', label: t('helpdesk.public.reminder.email') },
            { value: 'none', label: t('helpdesk.public.reminder.none') },
          ]}
        />
        <TextArea ctx={ctx} name="note" label={t('helpdesk.public.note')} hint={t('helpdesk.public.noteHint')} value={v('note')} error={errors.note} rows={3} optional />
        <ChoiceGroup
          ctx={ctx}
          name="consent"
          type="checkbox"
          legend={t('helpdesk.public.consentLegend')}
          hint={t('helpdesk.public.consentHint')}
          value={v('consent') ? [v('consent')] : []}
          error={errors.consent}
          choices={[{ value: 'oui', label: t('helpdesk.public.consent') }]}
        />
        <button type="submit">{t('common.continue')}</button>
      </Form>
    </Layout>
  );
}

const REMINDER_LABEL: Record<string, MessageKey> = {
  sms: 'helpdesk.public.reminder.sms',
  email: 'helpdesk.public.reminder.email',
  none: 'helpdesk.public.reminder.none',
};

export function CheckAnswersPage({ ctx, state, values }: { ctx: ViewContext; state: BookingState; values: Record<string, string> }) {
  const { t } = ctx;
  const contact = [`${values.firstName ?? ''} ${values.lastName ?? ''}`.trim(), values.phone ? formatPhone(values.phone) : '', values.email ?? '']
    .filter(Boolean);
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.checkTitle')} audience="public" backHref={`/rendez-vous/coordonnees${query(state)}`}>
      <h1>{t('helpdesk.public.checkTitle')}</h1>
      <p>{t('helpdesk.public.checkIntro')}</p>
      <dl class="summary check">
        <dt>{t('helpdesk.public.what')}</dt>
        <dd>{state.motif?.name}</dd>
        <dd class="action">
          <a href={`/rendez-vous${query({ motif: state.motif })}`}>
            {t('helpdesk.public.change')}
            <span class="visually-hidden"> : {t('helpdesk.public.changeWhat')}</span>
          </a>
        </dd>
        <dt>{t('helpdesk.public.where')}</dt>
        <dd>
          {state.site?.name}
          {state.site && (state.site.address || state.site.communeName) && (
            <>
              <span class="block">{joinPlace(state.site.address, state.site.communeName)}</span>
              <MapLink ctx={ctx} name={state.site.name} address={state.site.address} commune={state.site.communeName} />
            </>
          )}
        </dd>
        <dd class="action">
          <a href={`/rendez-vous/lieu${query({ motif: state.motif }, state.site ? { lieu: state.site.id } : {})}`}>
            {t('helpdesk.public.change')}
            <span class="visually-hidden"> : {t('helpdesk.public.changeWhere')}</span>
          </a>
        </dd>
        <dt>{t('helpdesk.public.when')}</dt>
        <dd>{state.startAt && capitalize(formatSlot(state.startAt, ctx.locale, ctx.now))}</dd>
        <dd class="action">
          <a href={`/rendez-vous/creneau${query({ motif: state.motif, site: state.site })}`}>
            {t('helpdesk.public.change')}
            <span class="visually-hidden"> : {t('helpdesk.public.changeWhen')}</span>
          </a>
        </dd>
        <dt>{t('helpdesk.public.who')}</dt>
        <dd>
          {contact.map((line) => (
            <span class="block" key={line}>
              {line}
            </span>
          ))}
        </dd>
        <dd class="action">
          <a href={`/rendez-vous/coordonnees${query(state)}`}>
            {t('helpdesk.public.change')}
            <span class="visually-hidden"> : {t('helpdesk.public.changeWho')}</span>
          </a>
        </dd>
        <dt>{t('helpdesk.public.reminder')}</dt>
        <dd>{t(REMINDER_LABEL[values.reminder ?? 'none'] ?? 'helpdesk.public.reminder.none')}</dd>
        <dd class="action">
          <a href={`/rendez-vous/coordonnees${query(state)}`}>
            {t('helpdesk.public.change')}
            <span class="visually-hidden"> : {t('helpdesk.public.reminder')}</span>
          </a>
        </dd>
        {values.note && (
          <>
            <dt>{t('helpdesk.public.note')}</dt>
            <dd>{values.note}</dd>
            <dd class="action" />
          </>
        )}
      </dl>
      <Form ctx={ctx} action="/rendez-vous/confirmer">
        <Hidden state={state} />
        <button type="submit">{t('helpdesk.public.confirm')}</button>
      </Form>
    </Layout>
  );
}

function BringList({ ctx, text }: { ctx: ViewContext; text: string | null }) {
  const lines = (text ?? '').split(/\n+/).map((l) => l.replace(/^[-•*]\s*/, '').trim()).filter(Boolean);
  if (lines.length === 0) return <p>{ctx.t('helpdesk.public.bringDefault')}</p>;
  return (
    <ul>
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

export function ConfirmationPage({
  ctx,
  appointment,
  manageHref,
  channel,
  cancelHours,
}: {
  ctx: ViewContext;
  appointment: Appointment;
  manageHref: string;
  channel: 'email' | 'sms' | null;
  cancelHours: number;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.confirmedTitle')} audience="public">
      <div class="confirmation">
        <h1>{t('helpdesk.public.confirmedTitle')}</h1>
        <p class="confirmation-when">{capitalize(formatSlot(appointment.startAt, ctx.locale, ctx.now))}</p>
      </div>
      <dl class="summary">
        <dt>{t('helpdesk.public.what')}</dt>
        <dd>{appointment.motifName}</dd>
        <dt>{t('helpdesk.public.where')}</dt>
        <dd>
          {appointment.siteName}
          {appointment.siteAddress && (
            <>
              <span class="block">{appointment.siteAddress}</span>
              <MapLink ctx={ctx} name={appointment.siteName} address={appointment.siteAddress} commune={null} />
            </>
          )}
        </dd>
      </dl>
      <p>
        <a href={`${manageHref}/agenda.ics`} download="rendez-vous.ics">{t('helpdesk.public.addToCalendar')}</a>
      </p>
      {channel && <p>{t('helpdesk.public.confirmedSent', { channel: t(`helpdesk.public.channel.${channel}`) })}</p>}
      <h2>{t('helpdesk.public.bringTitle')}</h2>
      <BringList ctx={ctx} text={appointment.whatToBring} />
      <h2>{t('helpdesk.public.nextTitle')}</h2>
      <p>{t('helpdesk.public.nextBody')}</p>
      <h2>{t('helpdesk.public.cancelTitle')}</h2>
      <p>{t('helpdesk.public.cancelBody', { hours: cancelHours })}</p>
      <p>
        <a href={manageHref}>{t('helpdesk.public.manageLink')}</a>
      </p>
      <p class="hint">{t('helpdesk.public.print')}</p>
    </Layout>
  );
}

export function ManagePage({ ctx, managed, token }: { ctx: ViewContext; managed: ManagedAppointment; token: string }) {
  const { t } = ctx;
  const a = managed.appointment;
  const past = Date.parse(a.startAt) <= ctx.now.getTime();
  const phone = managed.centrePhone;
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.manageTitle')} audience="public">
      <h1>{t('helpdesk.public.manageTitle')}</h1>
      {a.status === 'cancelled' && (
        <div class="notice warning">
          <p>{t('helpdesk.public.manageCancelled')}</p>
        </div>
      )}
      <dl class="summary">
        <dt>{t('helpdesk.public.what')}</dt>
        <dd>{a.motifName}</dd>
        <dt>{t('helpdesk.public.where')}</dt>
        <dd>
          {a.siteName}
          {a.siteAddress && (
            <>
              <span class="block">{a.siteAddress}</span>
              <MapLink ctx={ctx} name={a.siteName} address={a.siteAddress} commune={null} />
            </>
          )}
        </dd>
        <dt>{t('helpdesk.public.when')}</dt>
        <dd>{capitalize(formatSlot(a.startAt, ctx.locale, ctx.now))}</dd>
      </dl>
      {a.status === 'booked' && (
        <>
          <h2>{t('helpdesk.public.bringTitle')}</h2>
          <BringList ctx={ctx} text={a.whatToBring} />
          {past ? (
            <p>{t('helpdesk.public.managePast')}</p>
          ) : managed.canChange ? (
            <>
              <h2>{t('helpdesk.public.cancelQuestion')}</h2>
              <p>{t('helpdesk.public.manageDeadline', { date: formatSlot(managed.deadline, ctx.locale, ctx.now) })}</p>
              <div class="button-row">
                <a class="button secondary" href={`/rendez-vous/gerer/${token}/changer`}>
                  {t('helpdesk.public.changeButton')}
                </a>
                <a class="button danger" href={`/rendez-vous/gerer/${token}/annuler`}>
                  {t('helpdesk.public.cancelButton')}
                </a>
              </div>
            </>
          ) : (
            <div class="notice">
              <p>{phone ? <TextWithPhone text={t('helpdesk.public.manageTooLate', { phone: PHONE_SLOT })} phone={phone} /> : t('helpdesk.public.manageTooLateNoPhone')}</p>
            </div>
          )}
        </>
      )}
      {a.status === 'cancelled' && (
        <p>
          <a class="button" href="/rendez-vous">
            {t('helpdesk.public.bookAgain')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function MoveSlotsPage({
  ctx,
  managed,
  token,
  slots,
  error,
}: {
  ctx: ViewContext;
  managed: ManagedAppointment;
  token: string;
  slots: PublicSlot[];
  error?: string;
}) {
  const { t } = ctx;
  const errors: FieldErrors = error ? { creneau: error } : {};
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.moveTitle')} audience="public" hasErrors={Boolean(error)} backHref={`/rendez-vous/gerer/${token}`}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">
        {managed.appointment.motifName} · {managed.appointment.siteName}
      </p>
      <h1 id="champ-creneau">{t('helpdesk.public.moveTitle')}</h1>
      <p>{t('helpdesk.public.moveCurrent', { date: formatSlot(managed.appointment.startAt, ctx.locale, ctx.now) })}</p>
      {error && <p class="field-error">{error}</p>}
      {slots.length === 0 ? (
        <div class="notice">
          <p>{t('helpdesk.public.noSlots')}</p>
        </div>
      ) : (
        <Form ctx={ctx} action={`/rendez-vous/gerer/${token}/changer`}>
          <SlotButtons ctx={ctx} slots={slots} />
        </Form>
      )}
      <p>
        <a href={`/rendez-vous/gerer/${token}`}>{t('helpdesk.public.moveBack')}</a>
      </p>
    </Layout>
  );
}

/** "Are you sure?" before a resident cancels: one tap too many on a phone should not cancel. */
export function CancelQuestionPage({ ctx, managed, token }: { ctx: ViewContext; managed: ManagedAppointment; token: string }) {
  const { t } = ctx;
  const a = managed.appointment;
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.cancelConfirmTitle')} audience="public" backHref={`/rendez-vous/gerer/${token}`}>
      <h1>{t('helpdesk.public.cancelConfirmTitle')}</h1>
      <p class="lead">
        {a.motifName}
        <span class="block">{capitalize(formatSlot(a.startAt, ctx.locale, ctx.now))}</span>
        <span class="block">{a.siteName}</span>
      </p>
      <p>{t('helpdesk.public.cancelConfirmBody')}</p>
      <div class="button-row">
        <Form ctx={ctx} action={`/rendez-vous/gerer/${token}/annuler`}>
          <button type="submit" class="danger">
            {t('helpdesk.public.cancelConfirmYes')}
          </button>
        </Form>
        <a href={`/rendez-vous/gerer/${token}`}>{t('helpdesk.public.cancelConfirmNo')}</a>
      </div>
    </Layout>
  );
}
