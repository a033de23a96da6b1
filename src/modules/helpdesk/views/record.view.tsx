/** The accompaniment record (compte rendu) in the national vocabulary, and the list of recent ones. */
import type { FieldErrors } from '../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Site } from '../../centre/centre.service.ts';
import type { PersonSummary } from '../../people/person.service.ts';
import { formatSlot } from '../helpdesk.format.ts';
import type { Accompaniment, DeskAppointment } from '../helpdesk.model.ts';
import { AUTONOMY, EQUIPMENT, PLACE_TYPES, PROCEDURE_CATEGORIES, REDIRECT_STRUCTURES, THEMES } from '../helpdesk.vocab.ts';
import { RecordsTable } from './desk/person-history.view.tsx';
import { HelpdeskNav, personName } from './parts.tsx';

/** What the form starts with: the appointment's own facts, so that most records take a few taps. */
export function recordDefaults(appointment: DeskAppointment | null): FormValues {
  return {
    durationMinutes: appointment
      ? String(Math.round((Date.parse(appointment.endAt) - Date.parse(appointment.startAt)) / 60_000))
      : '15',
    placeType: 'lieu_activite',
    equipment: ['ordinateur'],
    themes: ['aide_aux_demarches_administratives'],
    procedureCategory: appointment?.procedureCategory ?? '',
    redirected: 'false',
    followUp: 'false',
  };
}

export function RecordFormPage({
  ctx,
  action,
  appointment,
  person,
  sites,
  values,
  errors,
}: {
  ctx: ViewContext;
  action: string;
  appointment: DeskAppointment | null;
  person: PersonSummary | null;
  sites: Site[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t } = ctx;
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const list = (name: string) => {
    const raw = values[name];
    return Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  };
  const yesNo = [
    { value: 'true', label: t('helpdesk.record.yes') },
    { value: 'false', label: t('helpdesk.record.no') },
  ];
  return (
    <Layout
      ctx={ctx}
      title={t('helpdesk.record.title')}
      hasErrors={Object.keys(errors).length > 0}
      backHref={appointment ? `/permanences/rendez-vous/${appointment.id}` : '/permanences/accompagnements'}
    >
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('helpdesk.record.title')}</h1>
      <p class="lead">
        {appointment || person ? personName(ctx, appointment?.person ?? person) : t('helpdesk.record.anonymous')}
        {appointment && ` · ${appointment.motifName} · ${formatSlot(appointment.startAt, ctx.locale, ctx.now)}`}
      </p>
      <p class="hint">{t(appointment ? 'helpdesk.record.intro' : 'helpdesk.record.introStandalone')}</p>
      <Form ctx={ctx} action={action}>
        {!appointment && person && <input type="hidden" name="personId" value={person.id} />}
        {!appointment && (
          <SelectField
            ctx={ctx}
            name="siteId"
            label={t('helpdesk.record.site')}
            value={v('siteId')}
            choices={sites.map((s) => ({ value: s.id, label: s.name }))}
            placeholder=""
            error={errors.siteId}
            optional
          />
        )}
        <TextField ctx={ctx} name="durationMinutes" type="number" inputmode="numeric" label={t('helpdesk.record.duration')} value={v('durationMinutes')} error={errors.durationMinutes} width="short" />
        <ChoiceGroup
          ctx={ctx}
          name="placeType"
          type="radio"
          inline
          legend={t('helpdesk.record.placeType')}
          value={v('placeType')}
          error={errors.placeType}
          choices={PLACE_TYPES.map((p) => ({ value: p, label: t(`helpdesk.place.${p}`) }))}
        />
        <ChoiceGroup
          ctx={ctx}
          name="equipment"
          type="checkbox"
          inline
          legend={t('helpdesk.record.equipment')}
          value={list('equipment')}
          error={errors.equipment}
          choices={EQUIPMENT.map((e) => ({ value: e, label: t(`vocab.mediationEquipment.${e}`) }))}
        />
        <div class="record-themes">
          <ChoiceGroup
            ctx={ctx}
            name="themes"
            type="checkbox"
            legend={t('helpdesk.record.themes')}
            value={list('themes')}
            error={errors.themes}
            choices={THEMES.map((e) => ({ value: e, label: t(`vocab.mediationTheme.${e}`) }))}
          />
        </div>
        <SelectField
          ctx={ctx}
          name="procedureCategory"
          label={t('helpdesk.record.procedureCategory')}
          value={v('procedureCategory')}
          choices={PROCEDURE_CATEGORIES.map((c) => ({ value: c, label: t(`helpdesk.category.${c}`) }))}
          placeholder={t('helpdesk.record.procedureNone')}
          error={errors.procedureCategory}
        />
        <ChoiceGroup
          ctx={ctx}
          name="autonomy"
          type="radio"
          legend={t('helpdesk.record.autonomy')}
          value={v('autonomy')}
          error={errors.autonomy}
          choices={AUTONOMY.map((a) => ({ value: a, label: t(`helpdesk.autonomy.${a}`) }))}
        />
        <TextArea ctx={ctx} name="details" label={t('helpdesk.record.details')} hint={t('helpdesk.record.detailsHint')} value={v('details')} error={errors.details} rows={4} optional />
        {errors.details && (
          <div class="notice warning">
            <p>
              <strong>{t('helpdesk.record.aidantsTitle')}</strong> {t('helpdesk.record.aidantsBody')}{' '}
              <a href="https://aidantsconnect.beta.gouv.fr/" rel="noopener">aidantsconnect.beta.gouv.fr</a>
            </p>
          </div>
        )}
        <ChoiceGroup ctx={ctx} name="redirected" type="radio" inline legend={t('helpdesk.record.redirected')} value={v('redirected')} error={errors.redirected} choices={yesNo} />
        <SelectField
          ctx={ctx}
          name="redirectStructure"
          label={t('helpdesk.record.redirectStructure')}
          value={v('redirectStructure')}
          choices={REDIRECT_STRUCTURES.map((r) => ({ value: r, label: t(`helpdesk.redirect.${r}`) }))}
          placeholder=""
          error={errors.redirectStructure}
          optional
        />
        <ChoiceGroup ctx={ctx} name="followUp" type="radio" inline legend={t('helpdesk.record.followUp')} value={v('followUp')} error={errors.followUp} choices={yesNo} />
        <button type="submit">{t('helpdesk.record.submit')}</button>
      </Form>
      {!errors.details && (
        <aside class="notice">
          <p>
          <strong>{t('helpdesk.record.aidantsTitle')}</strong> {t('helpdesk.record.aidantsBody')}{' '}
          <a href="https://aidantsconnect.beta.gouv.fr/" rel="noopener">aidantsconnect.beta.gouv.fr</a>
          </p>
        </aside>
      )}
    </Layout>
  );
}

export function RecordsPage({ ctx, records, names }: { ctx: ViewContext; records: Accompaniment[]; names: Map<string, string> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('helpdesk.record.listTitle')}>
      <HelpdeskNav ctx={ctx} />
      <h1>{t('helpdesk.record.listTitle')}</h1>
      <p>
        <a class="button" href="/permanences/accompagnements/nouveau">
          {t('helpdesk.nav.record')}
        </a>
      </p>
      <RecordsTable ctx={ctx} records={records} names={names} showPerson />
      {records.length > 0 && <ExportLinks ctx={ctx} href="/permanences/accompagnements" />}
    </Layout>
  );
}
