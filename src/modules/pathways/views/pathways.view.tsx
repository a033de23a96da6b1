import { can } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { FicheLink } from '../../../platform/fiche-links.ts';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { EnrolmentListItem } from '../enrolment.service.ts';
import type { SkillInContext } from '../framework.repository.ts';
import type { ModuleDetail, PathwayDetail, PathwaySummary } from '../pathway.service.ts';
import { AUDIENCES, ENROLMENT_STATES, MODULE_LEVELS, type EnrolmentState } from '../pathways.vocab.ts';
import type { ActivityChoice, PersonSummary } from '../ports.ts';
import { PathwaysStyles, shortDate, SkillPicker, tk } from './parts.tsx';
import { FicheLinks } from './progress.view.tsx';

function str(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
function arr(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function PathwaysListPage({ ctx, pathways, showArchived }: { ctx: ViewContext; pathways: PathwaySummary[]; showArchived: boolean }) {
  const { t } = ctx;
  const actor = ctx.actor!;
  return (
    <Layout ctx={ctx} title={t('pathways.title')}>
      <PathwaysStyles />
      <h1>{t('pathways.title')}</h1>
      <p class="lead">{t('pathways.intro')}</p>
      <div class="button-row">
        {can(actor.role, 'pathways.manage') && <a class="button" href="/parcours/nouveau">{t('pathways.create')}</a>}
        {can(actor.role, 'pathways.enrol') && <a href="/parcours/inscriptions">{t('pathways.allEnrolments')}</a>}
        <a href="/referentiel">{t('pathways.framework')}</a>
        {can(actor.role, 'pathways.questions') && <a href="/parcours/questions">{t('pathways.bank')}</a>}
        {can(actor.role, 'pathways.team') && <a href="/parcours/equipe">{t('pathways.team')}</a>}
        <a href="/mes-formations">{t('pathways.mine')}</a>
      </div>
      {pathways.length === 0 ? (
        <p>{t('pathways.none')}</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{t('pathways.col.title')}</th>
              <th scope="col">{t('pathways.col.audience')}</th>
              <th scope="col">{t('pathways.col.modules')}</th>
              <th scope="col">{t('pathways.col.enrolled')}</th>
            </tr>
          </thead>
          <tbody>
            {pathways.map((p) => (
              <tr key={p.id}>
                <td data-label={t('pathways.col.title')}>
                  <a href={`/parcours/${p.id}`}>{p.title}</a> {p.archivedAt && <span class="tag">{t('pathways.archivedTag')}</span>}
                </td>
                <td data-label={t('pathways.col.audience')}>{t(tk('pathways.audience', p.audience))}</td>
                <td data-label={t('pathways.col.modules')}>{p.moduleCount}</td>
                <td data-label={t('pathways.col.enrolled')}>{p.activeEnrolments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!showArchived && (
        <p>
          <a href="/parcours?archives=1">{t('pathways.showArchived')}</a>
        </p>
      )}
    </Layout>
  );
}

function PathwayFields({ ctx, values, e }: { ctx: ViewContext; values: FormValues; e: FieldErrors }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} name="title" label={t('pathways.field.title')} value={str(values.title)} error={e.title} />
      <SelectField
        ctx={ctx}
        name="audience"
        label={t('pathways.field.audience')}
        value={str(values.audience)}
        placeholder=""
        choices={AUDIENCES.map((a) => ({ value: a, label: t(tk('pathways.audience', a)) }))}
        error={e.audience}
      />
      <TextArea ctx={ctx} name="description" label={t('pathways.field.description')} hint={t('pathways.field.descriptionHint')} value={str(values.description)} error={e.description} optional />
    </>
  );
}

export function NewPathwayPage({ ctx, skills, values = {}, errors = {} }: { ctx: ViewContext; skills: SkillInContext[]; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('pathways.create')} hasErrors={Object.keys(e).length > 0} backHref="/parcours">
      <PathwaysStyles />
      <h1>{t('pathways.create')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action="/parcours/nouveau">
        <PathwayFields ctx={ctx} values={values} e={e} />
        <h2>{t('pathways.firstModule')}</h2>
        <p>{t('pathways.firstModuleIntro')}</p>
        <TextField ctx={ctx} name="moduleTitle" label={t('pathways.field.moduleTitle')} value={str(values.moduleTitle)} error={e.moduleTitle} />
        <ChoiceGroup ctx={ctx} name="moduleLevel" type="radio" inline legend={t('pathways.field.level')} value={str(values.moduleLevel)} choices={MODULE_LEVELS.map((l) => ({ value: l, label: t(tk('pathways.level', l)) }))} error={e.moduleLevel} />
        <TextField ctx={ctx} name="moduleSessions" type="number" inputmode="numeric" width="short" label={t('pathways.field.sessions')} value={str(values.moduleSessions) ?? '3'} error={e.moduleSessions} />
        <SkillPicker ctx={ctx} skills={skills} selected={arr(values.skillIds)} error={e.skillIds} />
        <button type="submit">{t('pathways.create')}</button>
      </Form>
    </Layout>
  );
}

export function EditPathwayPage({ ctx, pathway, values, errors = {} }: { ctx: ViewContext; pathway: PathwayDetail; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('pathways.edit')} hasErrors={Object.keys(e).length > 0} backHref={`/parcours/${pathway.id}`}>
      <h1>{t('pathways.edit')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`/parcours/${pathway.id}/modifier`}>
        <PathwayFields ctx={ctx} values={values} e={e} />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}

export function ModuleFormPage({
  ctx,
  pathway,
  module,
  skills,
  activities,
  values,
  errors = {},
}: {
  ctx: ViewContext;
  pathway: PathwayDetail;
  module: ModuleDetail | null;
  skills: SkillInContext[];
  activities: ActivityChoice[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = module ? t('pathways.editModule') : t('pathways.addModule');
  const action = module ? `/parcours/modules/${module.id}/modifier` : `/parcours/${pathway.id}/modules/nouveau`;
  const chosenActivities = arr(values.activityIds);
  // Ids kept from before (or typed through the API) stay selectable even without a title.
  const activityChoices = [...activities, ...chosenActivities.filter((id) => !activities.some((a) => a.id === id)).map((id) => ({ id, title: t('pathways.activityIdOnly', { id: id.slice(0, 8) }) }))];
  return (
    <Layout ctx={ctx} title={`${title} – ${pathway.title}`} hasErrors={Object.keys(e).length > 0} backHref={`/parcours/${pathway.id}`}>
      <PathwaysStyles />
      <h1>{title}</h1>
      <p class="lead">{pathway.title}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={action}>
        <TextField ctx={ctx} name="title" label={t('pathways.field.moduleTitle')} value={str(values.title)} error={e.title} />
        <ChoiceGroup ctx={ctx} name="level" type="radio" inline legend={t('pathways.field.level')} value={str(values.level)} choices={MODULE_LEVELS.map((l) => ({ value: l, label: t(tk('pathways.level', l)) }))} error={e.level} />
        <TextField ctx={ctx} name="suggestedSessions" type="number" inputmode="numeric" width="short" label={t('pathways.field.sessions')} value={str(values.suggestedSessions)} error={e.suggestedSessions} />
        <TextArea ctx={ctx} name="description" label={t('pathways.field.description')} value={str(values.description)} error={e.description} optional />
        <SkillPicker ctx={ctx} skills={skills} selected={arr(values.skillIds)} error={e.skillIds} />
        {activityChoices.length > 0 ? (
          <ChoiceGroup ctx={ctx} name="activityIds" type="checkbox" optional legend={t('pathways.field.activities')} value={chosenActivities} choices={activityChoices.map((a) => ({ value: a.id, label: a.title }))} error={e.activityIds} />
        ) : (
          <p class="hint">{t('pathways.field.activitiesNone')}</p>
        )}
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}

export function PathwayPage({ ctx, pathway, enrolments, state = null, fiches = new Map() }: {
  ctx: ViewContext;
  pathway: PathwayDetail;
  enrolments: EnrolmentListItem[] | null;
  /** The state the enrolments are kept to (?etat=), null for all. */
  state?: EnrolmentState | null;
  /** Practical guides given with each module (platform/fiche-links.ts). */
  fiches?: Map<string, FicheLink[]>;
}) {
  const { t } = ctx;
  const actor = ctx.actor!;
  const manage = can(actor.role, 'pathways.manage');
  return (
    <Layout ctx={ctx} title={pathway.title} backHref="/parcours">
      <PathwaysStyles />
      <h1>
        {pathway.title} {pathway.archivedAt && <span class="tag">{t('pathways.archivedTag')}</span>}
      </h1>
      <p class="lead">{t(tk('pathways.audience', pathway.audience))}</p>
      {pathway.description && <p>{pathway.description}</p>}
      {manage && (
        <div class="inline-actions">
          <a href={`/parcours/${pathway.id}/modifier`}>{t('pathways.edit')}</a>
          <form method="post" action={`/parcours/${pathway.id}/${pathway.archivedAt ? 'rouvrir' : 'archiver'}`}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <button type="submit" class="secondary">{pathway.archivedAt ? t('pathways.unarchive') : t('pathways.archive')}</button>
          </form>
        </div>
      )}

      <h2>{t('pathways.modules')}</h2>
      <ol class="module-list">
        {pathway.modules.map((m, i) => (
          <li key={m.id}>
            <h3>
              {t('pathways.moduleN', { n: i + 1 })} : {m.title}
            </h3>
            <p>
              <span class="tag">{t(tk('pathways.level', m.level))}</span> {t('pathways.sessionsCount', { count: m.suggestedSessions })}
            </p>
            {m.description && <p>{m.description}</p>}
            <ul>
              {m.skills.map((s) => (
                <li key={s.id}>
                  {s.statement} <span class="hint">({s.competenceCode})</span>
                </li>
              ))}
            </ul>
            {(fiches.get(m.id) ?? []).length > 0 && <FicheLinks ctx={ctx} fiches={fiches.get(m.id)!} />}
            {m.activities.length > 0 && <p>{t('pathways.taughtIn', { activities: m.activities.map((a) => a.title || t('pathways.activityIdOnly', { id: a.id.slice(0, 8) })).join(', ') })}</p>}
            {manage && (
              <div class="inline-actions">
                <a href={`/parcours/modules/${m.id}/modifier`}>
                  {t('pathways.editModule')}
                  <span class="visually-hidden"> {m.title}</span>
                </a>
                {i > 0 && <PostButton ctx={ctx} action={`/parcours/modules/${m.id}/monter`} label={t('pathways.moveUp')} hidden={m.title} />}
                {i < pathway.modules.length - 1 && <PostButton ctx={ctx} action={`/parcours/modules/${m.id}/descendre`} label={t('pathways.moveDown')} hidden={m.title} />}
                {pathway.modules.length > 1 && <PostButton ctx={ctx} action={`/parcours/modules/${m.id}/supprimer`} label={t('pathways.removeModule')} hidden={m.title} />}
              </div>
            )}
          </li>
        ))}
      </ol>
      {manage && (
        <p>
          <a class="button secondary" href={`/parcours/${pathway.id}/modules/nouveau`}>{t('pathways.addModule')}</a>
        </p>
      )}

      {enrolments && (
        <>
          <h2>{t('pathways.enrolments')}</h2>
          {!pathway.archivedAt && (
            <div class="button-row">
              <a class="button" href={`/parcours/${pathway.id}/inscrire`}>{t('pathways.enrolPerson')}</a>
              <a href={`/parcours/${pathway.id}/inscrire?equipe=1`}>{t('pathways.enrolStaff')}</a>
            </div>
          )}
          {(enrolments.length > 0 || state) && <EnrolmentStateFilter ctx={ctx} pathwayId={pathway.id} state={state} />}
          {enrolments.length === 0 ? (
            <p>{state ? t('pathways.noEnrolmentsInState') : t('pathways.noEnrolments')}</p>
          ) : (
            <table class="responsive">
              <thead>
                <tr>
                  <th scope="col">{t('pathways.col.learner')}</th>
                  <th scope="col">{t('pathways.col.since')}</th>
                  <th scope="col">{t('pathways.col.current')}</th>
                  <th scope="col">{t('pathways.col.acquired')}</th>
                  <th scope="col">{t('pathways.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {enrolments.map((item) => (
                  <tr key={item.enrolment.id}>
                    <td data-label={t('pathways.col.learner')}>
                      <a href={`/parcours/inscriptions/${item.enrolment.id}`}>{item.learner.erased ? t('pathways.erasedPerson') : item.learner.name}</a>
                      {item.learner.kind === 'user' && <> <span class="tag">{t('pathways.audience.equipe')}</span></>}
                    </td>
                    <td data-label={t('pathways.col.since')}>{shortDate(item.enrolment.enrolledAt)}</td>
                    <td data-label={t('pathways.col.current')}>{item.currentModuleTitle ?? '–'}</td>
                    <td data-label={t('pathways.col.acquired')}>
                      {item.acquired} / {item.total}
                    </td>
                    <td data-label={t('pathways.col.status')}>
                      {item.enrolment.completedAt ? (
                        <span class="tag success">{t('pathways.enrolmentStatus.completed')}</span>
                      ) : (
                        t(tk('pathways.enrolmentStatus', item.enrolment.status))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {enrolments.length > 0 && <ExportLinks ctx={ctx} href={`/parcours/${pathway.id}${state ? `?etat=${state}` : ''}`} />}
        </>
      )}
    </Layout>
  );
}

/** Keeps the enrolments to one state (a GET form: the address holds the choice, the downloads follow it). */
function EnrolmentStateFilter({ ctx, pathwayId, state }: { ctx: ViewContext; pathwayId: string; state: EnrolmentState | null }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={`/parcours/${pathwayId}`} method="get">
      <div class="search-row">
        <SelectField
          ctx={ctx} name="etat" label={t('pathways.stateFilter.label')} value={state ?? ''} placeholder={t('pathways.stateFilter.all')}
          choices={ENROLMENT_STATES.map((s) => ({ value: s, label: t(tk('pathways.enrolmentStatus', s)) }))}
        />
        <button type="submit" class="secondary">{t('pathways.stateFilter.show')}</button>
      </div>
    </Form>
  );
}

export function PostButton({ ctx, action, label, hidden, danger, secondary }: { ctx: ViewContext; action: string; label: string; hidden?: string; danger?: boolean; secondary?: boolean }) {
  return (
    <form method="post" action={action}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <button type="submit" class={danger ? 'danger' : secondary === false ? undefined : 'secondary'}>
        {label}
        {hidden && <span class="visually-hidden"> {hidden}</span>}
      </button>
    </form>
  );
}

export function EnrolPage({
  ctx,
  pathway,
  q,
  results,
  staff,
  errors = {},
}: {
  ctx: ViewContext;
  pathway: PathwayDetail;
  q: string;
  results: (PersonSummary & { communeName?: string | null })[] | null;
  staff: { id: string; displayName: string; role: string }[] | null;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('pathways.enrolTitle', { title: pathway.title });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/parcours/${pathway.id}`}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      {staff ? (
        <Form ctx={ctx} action={`/parcours/${pathway.id}/inscrire`}>
          <SelectField ctx={ctx} name="userId" label={t('pathways.chooseStaff')} placeholder="" choices={staff.map((u) => ({ value: u.id, label: `${u.displayName} (${t(tk('roles', u.role))})` }))} error={e.userId} />
          <button type="submit">{t('pathways.enrolThis')}</button>
        </Form>
      ) : (
        <>
          <Form ctx={ctx} action={`/parcours/${pathway.id}/inscrire`} method="get">
            <div class="search-row">
              <TextField ctx={ctx} name="q" type="search" label={t('pathways.searchPerson')} value={q} error={e.personId} />
              <button type="submit">{t('common.search')}</button>
            </div>
          </Form>
          {results && (
            <>
              <h2>{t('pathways.searchResults')}</h2>
              {results.length === 0 ? (
                <p>{t('pathways.noResults')}</p>
              ) : (
                <ul class="cards">
                  {results.map((p) => (
                    <li key={p.id}>
                      <div class="card">
                        <h3>
                          {p.firstName} {p.lastName}
                        </h3>
                        {p.communeName && <p>{p.communeName}</p>}
                        <form method="post" action={`/parcours/${pathway.id}/inscrire`}>
                          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                          <input type="hidden" name="personId" value={p.id} />
                          <button type="submit">
                            {t('pathways.enrolThis')}
                            <span class="visually-hidden">
                              {' '}
                              {p.firstName} {p.lastName}
                            </span>
                          </button>
                        </form>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}
