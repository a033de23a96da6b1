/** The signed link's pages: the appointment, moving it to another slot, cancelling it. */
import type { FieldErrors } from '../../../../platform/errors.ts';
import { MapLink, PHONE_SLOT, TextWithPhone } from '../../../../ui/components/contact.tsx';
import { ErrorSummary, Form } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatSlot } from '../../helpdesk.format.ts';
import type { ManagedAppointment, PublicSlot } from '../../helpdesk.model.ts';
import { SlotButtons } from '../slot-buttons.tsx';
import { capitalize } from '../parts.tsx';
import { BringList } from './parts.tsx';

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
