/** Booking: check your answers before booking. */
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { formatPhone, joinPlace } from '../../../../platform/text.ts';
import { MapLink } from '../../../../ui/components/contact.tsx';
import { Form } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatSlot } from '../../helpdesk.format.ts';
import { capitalize } from '../parts.tsx';
import { type BookingState, Hidden, query } from './parts.tsx';

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
