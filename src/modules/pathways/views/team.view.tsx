import { can, CENTRE_ROLES } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, Form, localizeErrors, SelectField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { EnrolmentRow } from '../enrolment.repository.ts';
import type { PathwaySummary } from '../pathway.service.ts';
import type { RequirementView, TeamView } from '../training.service.ts';
import { PathwaysStyles, shortDate, tk } from './parts.tsx';
import { PostButton } from './pathways.view.tsx';

export function TeamTrainingPage({
  ctx,
  team,
  requirements,
  pathways,
  values = {},
  errors = {},
}: {
  ctx: ViewContext;
  team: TeamView;
  requirements: RequirementView[];
  pathways: PathwaySummary[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const admin = can(ctx.actor!.role, 'pathways.training');
  return (
    <Layout ctx={ctx} title={t('pathways.team')} hasErrors={Object.keys(e).length > 0} backHref="/parcours">
      <PathwaysStyles />
      <h1>{t('pathways.team')}</h1>
      <p class="lead">{t('pathways.teamIntro')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      {team.pathways.length === 0 ? (
        <p>{t('pathways.noTeamPathways')}</p>
      ) : (
        <table class="responsive matrix">
          <thead>
            <tr>
              <th scope="col">{t('pathways.col.member')}</th>
              {team.pathways.map((p) => (
                <th scope="col" key={p.id}>
                  {p.title}
                  {p.requiredFor.length > 0 && (
                    <span class="hint block">{t('pathways.requiredFor', { roles: p.requiredFor.map((r) => t(tk('roles', r))).join(', ') })}</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {m.displayName} <span class="hint">({t(tk('roles', m.role))})</span>
                </th>
                {team.pathways.map((p) => {
                  const cell = m.trainings[p.id]!;
                  return (
                    <td key={p.id} data-label={p.title}>
                      <span class={`tag${cell.status === 'termine' ? ' success' : ''}`}>{t(tk('pathways.training', cell.status))}</span>
                      {cell.completedAt && <> {shortDate(cell.completedAt)}</>}
                      {cell.enrolmentId && (
                        <>
                          {' '}
                          <a href={`/parcours/inscriptions/${cell.enrolmentId}`}>
                            {t('pathways.open')}
                            <span class="visually-hidden">
                              {' '}
                              {m.displayName} – {p.title}
                            </span>
                          </a>
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('pathways.requirements')}</h2>
      {requirements.length === 0 ? (
        <p>{t('pathways.noRequirements')}</p>
      ) : (
        <ul>
          {requirements.map((r) => (
            <li key={r.id}>
              {t(tk('roles', r.role))} : {r.pathwayTitle}
              {admin && (
                <div class="inline-actions">
                  <PostButton ctx={ctx} action={`/parcours/equipe/exigences/${r.id}/supprimer`} label={t('pathways.removeRequirement')} hidden={`${t(tk('roles', r.role))} – ${r.pathwayTitle}`} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {admin && pathways.length > 0 && (
        <Form ctx={ctx} action="/parcours/equipe/exigences">
          <SelectField ctx={ctx} name="role" label={t('pathways.field.role')} value={values.role as string} placeholder="" choices={CENTRE_ROLES.filter((r) => r !== 'partner').map((r) => ({ value: r, label: t(tk('roles', r)) }))} error={e.role} />
          <SelectField ctx={ctx} name="pathwayId" label={t('pathways.field.pathway')} value={values.pathwayId as string} placeholder="" choices={pathways.map((p) => ({ value: p.id, label: p.title }))} error={e.pathwayId} />
          <button type="submit">{t('pathways.addRequirement')}</button>
        </Form>
      )}
    </Layout>
  );
}

export function MyTrainingsPage({
  ctx,
  enrolments,
  available,
  missing,
}: {
  ctx: ViewContext;
  enrolments: (EnrolmentRow & { title: string })[];
  available: PathwaySummary[];
  missing: string[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pathways.mine')}>
      <PathwaysStyles />
      <h1>{t('pathways.mine')}</h1>
      <p class="lead">{t('pathways.mineIntro')}</p>
      {missing.length > 0 && (
        <div class="notice warning">
          <p>{t('pathways.mineRequired', { titles: missing.map((m) => `« ${m} »`).join(', ') })}</p>
        </div>
      )}
      {enrolments.length === 0 ? (
        <p>{t('pathways.mineNone')}</p>
      ) : (
        <ul class="cards">
          {enrolments.map((e) => (
            <li key={e.id}>
              <a class="card" href={`/parcours/inscriptions/${e.id}`}>
                <strong>{e.title}</strong>
                <br />
                {e.completedAt ? t('pathways.enrolment.completedOn', { date: shortDate(e.completedAt) }) : t('pathways.enrolment.since', { date: shortDate(e.enrolledAt) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {available.length > 0 && (
        <>
          <h2>{t('pathways.available')}</h2>
          <ul>
            {available.map((p) => (
              <li key={p.id}>
                {p.title}
                <div class="inline-actions">
                  <PostButton ctx={ctx} action={`/mes-formations/${p.id}`} label={t('pathways.enrolMe')} hidden={p.title} secondary={false} />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
