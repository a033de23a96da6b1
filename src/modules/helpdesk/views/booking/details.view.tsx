/** Booking, question 4: the resident's details, a way to reach them and their consent. */
import type { FieldErrors } from '../../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, TextArea, TextField, type FormValues } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatSlot } from '../../helpdesk.format.ts';
import { type BookingState, Hidden, query } from './parts.tsx';

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
