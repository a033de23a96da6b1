/** Marking attendance (présence / émargement) and adding walk-ins. */
import type { FieldErrors } from '../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatSession, welcomesMinors } from '../activity.format.ts';
import type { AttendanceSheet } from '../attendance.service.ts';
import { personName } from './parts.tsx';

export function AttendancePage({ ctx, sheet, values = {}, errors = {} }: { ctx: ViewContext; sheet: AttendanceSheet; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const { session, activity } = sheet.detail;
  const when = formatSession(session.startsAt, session.endsAt, ctx.now);
  const choices = [
    { value: 'present', label: t('activities.attendance.present') },
    { value: 'absent', label: t('activities.attendance.absent') },
    { value: 'excused', label: t('activities.attendance.excused') },
  ];
  return (
    <Layout ctx={ctx} title={t('activities.attendance.title', { title: activity.title })} hasErrors={Object.keys(e).length > 0} backHref={`/seances/${session.id}`}>
      <p class="caption">{when}</p>
      <h1>{t('activities.attendance.title', { title: activity.title })}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      {!sheet.open ? (
        <p>{t('activities.attendance.notYetOpen')}</p>
      ) : (
        <>
          {sheet.registered.length === 0 ? (
            <p>{t('activities.attendance.nobody')}</p>
          ) : (
            <Form ctx={ctx} action={`/seances/${session.id}/presences`}>
              <p>{t('activities.attendance.intro')}</p>
              <p>
                <button type="submit" name="tous" value="present" class="secondary">{t('activities.attendance.allPresent')}</button>
              </p>
              <div class="attendance-list">
                {sheet.registered.map((r) => (
                  <ChoiceGroup key={r.personId} ctx={ctx} name={`p_${r.personId}`} type="radio" inline legend={personName(r.person)}
                    value={(values[`p_${r.personId}`] as string | undefined) ?? r.attendance ?? undefined} choices={choices} />
                ))}
              </div>
              <button type="submit">{t('activities.attendance.save')}</button>
            </Form>
          )}
          <h2>{t('activities.attendance.walkIns')}</h2>
          {sheet.walkIns.length > 0 && (
            <ul>
              {sheet.walkIns.map((w) => (
                <li key={w.personId}>{personName(w.person)} – {t(`activities.attendance.${w.status}` as 'activities.attendance.present')}</li>
              ))}
            </ul>
          )}
          <details open={Object.keys(e).length > 0}>
            <summary>{t('activities.attendance.addWalkIn')}</summary>
            <Form ctx={ctx} action={`/seances/${session.id}/presences/ajout`}>
              <TextField ctx={ctx} name="firstName" label={t('activities.register.firstName')} value={values.firstName as string} error={e.firstName} width="medium" />
              <TextField ctx={ctx} name="lastName" label={t('activities.register.lastName')} value={values.lastName as string} error={e.lastName} width="medium" />
              <TextField ctx={ctx} name="birthYear" label={t('activities.register.birthYear')} value={values.birthYear as string} error={e.birthYear} inputmode="numeric" width="short" optional />
              <TextField ctx={ctx} name="commune" label={t('activities.staffRegister.commune')} value={values.commune as string} error={e.commune} width="medium" optional />
              {(welcomesMinors(activity) || e.parentalAuthorisation) && (
                <ChoiceGroup ctx={ctx} name="parentalAuthorisation" type="checkbox" legend={t('activities.col.authorisation')} value={values.parentalAuthorisation as string} error={e.parentalAuthorisation} optional
                  choices={[{ value: 'oui', label: t('activities.staffRegister.authorisation') }]} />
              )}
              <ChoiceGroup ctx={ctx} name="dataProcessing" type="checkbox" legend={t('activities.staffRegister.dataLegend')} value={values.dataProcessing as string} error={e.dataProcessing}
                choices={[{ value: 'oui', label: t('activities.staffRegister.dataProcessing') }]} />
              <button type="submit" class="secondary">{t('activities.attendance.add')}</button>
            </Form>
          </details>
        </>
      )}
    </Layout>
  );
}
