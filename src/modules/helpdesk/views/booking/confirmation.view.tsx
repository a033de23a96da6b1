/** Booking: the confirmation, what to bring, and the link to cancel or change. */
import { MapLink } from '../../../../ui/components/contact.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatSlot } from '../../helpdesk.format.ts';
import type { Appointment } from '../../helpdesk.model.ts';
import { capitalize } from '../parts.tsx';
import { BringList } from './parts.tsx';

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
