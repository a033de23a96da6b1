/** The help desk's settings: cancellation delay and reminders. */
import type { FieldErrors } from '../../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, TextField, type FormValues, textValue } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import type { Settings } from '../../helpdesk.model.ts';
import { HelpdeskNav } from '../parts.tsx';

export function SettingsPage({ ctx, settings, values, errors }: { ctx: ViewContext; settings: Settings; values?: FormValues; errors: FieldErrors }) {
  const { t } = ctx;
  const v = (n: string, fallback: string) => (values ? textValue(values, n) : fallback);
  return (
    <Layout ctx={ctx} title={t('helpdesk.settings.title')} hasErrors={Object.keys(errors).length > 0}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('helpdesk.settings.title')}</h1>
      <Form ctx={ctx} action="/permanences/reglages">
        <TextField
          ctx={ctx}
          name="cancelUntilHours"
          type="number"
          inputmode="numeric"
          label={t('helpdesk.settings.cancelUntil')}
          value={v('cancelUntilHours', String(settings.cancelUntilHours))}
          error={errors.cancelUntilHours}
          width="short"
        />
        <ChoiceGroup
          ctx={ctx}
          name="reminderDayBefore"
          type="radio"
          inline
          legend={t('helpdesk.settings.dayBefore')}
          hint={t('helpdesk.settings.dayBeforeHint')}
          value={v('reminderDayBefore', String(settings.reminderDayBefore))}
          error={errors.reminderDayBefore}
          choices={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}
