/** One appointment for the staff: what it is for, the person, its outcome and record; moving it. */
import { PhoneLink } from '../../../../ui/components/contact.tsx';
import type { FieldErrors } from '../../../../platform/errors.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { ChoiceGroup, ErrorSummary, Form } from '../../../../ui/components/form.tsx';
import { formatDateTime } from '../../../../ui/format.ts';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatDay, formatRange, formatSlot } from '../../helpdesk.format.ts';
import type { Accompaniment, DeskAppointment, PublicSlot } from '../../helpdesk.model.ts';
import { OUTCOMES } from '../../helpdesk.vocab.ts';
import { parisDate } from '../../../../platform/time.ts';
import { SlotButtons } from '../slot-buttons.tsx';
import { capitalize, HelpdeskNav, personName, StatusTag } from '../parts.tsx';

export function AppointmentPage({
  ctx,
  appointment: a,
  record,
  canManage,
  errors = {},
}: {
  ctx: ViewContext;
  appointment: DeskAppointment;
  record: Accompaniment | null;
  canManage: boolean;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const started = Date.parse(a.startAt) <= ctx.now.getTime();
  const title = t(a.kind === 'drop_in' ? 'helpdesk.appointment.dropInTitle' : 'helpdesk.appointment.title', { date: formatSlot(a.startAt, ctx.locale, ctx.now) });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0} backHref={`/permanences?date=${parisDate(a.startAt)}`}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{capitalize(title)}</h1>
      <p>
        <StatusTag ctx={ctx} appointment={a} />
      </p>
      <dl class="summary">
        <dt>{t('helpdesk.appointment.person')}</dt>
        <dd>
          {personName(ctx, a.person)}
          {a.personId && (
            <a class="block" href={`/permanences/personnes/${a.personId}`}>
              {t('helpdesk.appointment.personFile')}
            </a>
          )}
        </dd>
        {a.person?.phone && (
          <>
            <dt>{t('helpdesk.appointment.phone')}</dt>
            <dd>
              <PhoneLink phone={a.person.phone} />
            </dd>
          </>
        )}
        {a.person?.email && (
          <>
            <dt>{t('helpdesk.appointment.email')}</dt>
            <dd>{a.person.email}</dd>
          </>
        )}
        <dt>{t('helpdesk.appointment.motif')}</dt>
        <dd>{a.motifName}</dd>
        <dt>{t('helpdesk.appointment.place')}</dt>
        <dd>{a.siteName}</dd>
        <dt>{t('helpdesk.appointment.when')}</dt>
        <dd>
          {capitalize(formatDay(a.startAt, ctx.now, ctx.locale))}, {formatRange(a.startAt, a.endAt)}
        </dd>
        {a.note && (
          <>
            <dt>{t('helpdesk.appointment.note')}</dt>
            <dd>{a.note}</dd>
          </>
        )}
        {a.whatToBring && a.kind === 'appointment' && (
          <>
            <dt>{t('helpdesk.appointment.bring')}</dt>
            <dd class="pre-line">{a.whatToBring}</dd>
          </>
        )}
        <dt>{t('helpdesk.appointment.channel')}</dt>
        <dd>{t(`helpdesk.channel.${a.channel}` as MessageKey)}</dd>
        {a.cancelledAt && (
          <>
            <dt>{t('helpdesk.appointment.status')}</dt>
            <dd>{t(a.cancelledBy === 'person' ? 'helpdesk.appointment.cancelledBy.person' : 'helpdesk.appointment.cancelledBy.staff', { date: formatDateTime(a.cancelledAt, ctx.locale) })}</dd>
          </>
        )}
      </dl>

      {a.status === 'booked' && !started && (
        <>
          <p class="hint">{t('helpdesk.appointment.notYet')}</p>
          {canManage && (
            <div class="button-row">
              {a.kind === 'appointment' && (
                <a class="button secondary" href={`/permanences/rendez-vous/${a.id}/deplacer`}>
                  {t('helpdesk.appointment.move')}
                </a>
              )}
              <Form ctx={ctx} action={`/permanences/rendez-vous/${a.id}/annuler`}>
                <button type="submit" class="danger">
                  {t('helpdesk.appointment.cancel')}
                </button>
              </Form>
            </div>
          )}
        </>
      )}

      {a.status === 'booked' && started && !record && (
        <section class="panel" aria-labelledby="suivi">
          <h2 id="suivi">{t('helpdesk.appointment.outcomeQuestion')}</h2>
          <Form ctx={ctx} action={`/permanences/rendez-vous/${a.id}/issue`}>
            <ChoiceGroup
              ctx={ctx}
              name="outcome"
              type="radio"
              legend={t('helpdesk.appointment.outcomeQuestion')}
              hint={t('helpdesk.appointment.outcomeHint')}
              value={a.outcome ?? ''}
              error={errors.outcome}
              inline
              choices={OUTCOMES.map((o) => ({ value: o, label: t(`helpdesk.outcome.${o}`) }))}
            />
            <button type="submit">{t('helpdesk.appointment.outcomeSubmit')}</button>
          </Form>
          {a.outcome !== 'excused' && a.outcome !== 'no_show' && (
            <p>
              <a class="button" href={`/permanences/rendez-vous/${a.id}/compte-rendu`}>
                {t('helpdesk.appointment.record')}
              </a>
            </p>
          )}
        </section>
      )}

      {record && (
        <section aria-labelledby="compte-rendu">
          <h2 id="compte-rendu">{t('helpdesk.appointment.recordTitle')}</h2>
          <RecordSummary ctx={ctx} record={record} />
        </section>
      )}
      {a.personId && (record?.followUp || a.outcome === 'seen') && (
        <p>
          <a class="button secondary" href={`/permanences/rendez-vous/nouveau?personne=${a.personId}&motif=${a.motifId}`}>
            {t('helpdesk.appointment.followUp')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function RecordSummary({ ctx, record }: { ctx: ViewContext; record: Accompaniment }) {
  const { t } = ctx;
  return (
    <dl class="summary">
      <dt>{t('helpdesk.record.duration')}</dt>
      <dd>{record.durationMinutes}</dd>
      <dt>{t('helpdesk.record.placeType')}</dt>
      <dd>{t(`helpdesk.place.${record.placeType}` as MessageKey)}</dd>
      <dt>{t('helpdesk.record.equipment')}</dt>
      <dd>{record.equipment.map((e) => t(`vocab.mediationEquipment.${e}` as MessageKey)).join(', ')}</dd>
      <dt>{t('helpdesk.record.themes')}</dt>
      <dd>{record.themes.map((e) => t(`vocab.mediationTheme.${e}` as MessageKey)).join(', ')}</dd>
      {record.procedureCategory && (
        <>
          <dt>{t('helpdesk.record.procedureCategory')}</dt>
          <dd>{t(`helpdesk.category.${record.procedureCategory}` as MessageKey)}</dd>
        </>
      )}
      <dt>{t('helpdesk.record.autonomy')}</dt>
      <dd>{t(`helpdesk.autonomy.${record.autonomy}` as MessageKey)}</dd>
      <dt>{t('helpdesk.record.redirected')}</dt>
      <dd>
        {record.redirected ? t('helpdesk.record.yes') : t('helpdesk.record.no')}
        {record.redirectStructure && ` – ${t(`helpdesk.redirect.${record.redirectStructure}` as MessageKey)}`}
      </dd>
      <dt>{t('helpdesk.record.followUp')}</dt>
      <dd>{record.followUp ? t('helpdesk.record.yes') : t('helpdesk.record.no')}</dd>
      {record.details && (
        <>
          <dt>{t('helpdesk.record.details')}</dt>
          <dd class="pre-line">{record.details}</dd>
        </>
      )}
    </dl>
  );
}

export function MoveAppointmentPage({
  ctx,
  appointment,
  slots,
  error,
}: {
  ctx: ViewContext;
  appointment: DeskAppointment;
  slots: PublicSlot[];
  error?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('helpdesk.appointment.moveTitle')} hasErrors={Boolean(error)} backHref={`/permanences/rendez-vous/${appointment.id}`}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={error ? { creneau: error } : {}} />
      <h1 id="champ-creneau">{t('helpdesk.appointment.moveTitle')}</h1>
      <p>
        {personName(ctx, appointment.person)} · {appointment.motifName} · {appointment.siteName}
      </p>
      <p>{t('helpdesk.public.moveCurrent', { date: formatSlot(appointment.startAt, ctx.locale, ctx.now) })}</p>
      {slots.length === 0 ? (
        <p>{t('helpdesk.book.noSlots')}</p>
      ) : (
        <Form ctx={ctx} action={`/permanences/rendez-vous/${appointment.id}/deplacer`}>
          <SlotButtons ctx={ctx} slots={slots} />
        </Form>
      )}
    </Layout>
  );
}
