import { can } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { choiceId, ErrorSummary, Form, localizeErrors, TextArea, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { ProgressLinkRow } from '../enrolment.repository.ts';
import type { EnrolmentView } from '../enrolment.service.ts';
import type { ModuleDetail } from '../pathway.service.ts';
import { AUTONOMY_LEVELS, SKILL_STATUSES } from '../pathways.vocab.ts';
import type { EvaluationRecord, SkillState } from '../progress.ts';
import type { SessionRow } from '../quiz.repository.ts';
import { ModuleProgressList, PathwaysStyles, ProgressCharts, shortDate, tk } from './parts.tsx';
import { PostButton } from './pathways.view.tsx';

function learnerName(ctx: ViewContext, view: EnrolmentView): string {
  return view.learner.erased ? ctx.t('pathways.erasedPerson') : view.learner.name;
}

export function EnrolmentPage({
  ctx,
  view,
  evaluations,
  links,
  qrDataUrl,
  sessions,
  now,
}: {
  ctx: ViewContext;
  view: EnrolmentView;
  evaluations: EvaluationRecord[];
  links: (ProgressLinkRow & { url: string })[];
  qrDataUrl: string | null;
  sessions: SessionRow[];
  now: string;
}) {
  const { t } = ctx;
  const actor = ctx.actor!;
  const { enrolment, pathway, progress } = view;
  const staff = can(actor.role, 'pathways.enrol');
  const evaluate = can(actor.role, 'pathways.evaluate') && enrolment.status === 'active';
  const name = learnerName(ctx, view);
  const title = t('pathways.enrolment.title', { name, pathway: pathway.title });
  const statements = new Map(pathway.modules.flatMap((m) => m.skills.map((s) => [s.id, s.statement] as const)));
  const activeLink = links.find((l) => !l.revokedAt && l.expiresAt > now);
  const base = `/parcours/inscriptions/${enrolment.id}`;
  return (
    <Layout ctx={ctx} title={title} backHref={staff ? `/parcours/${pathway.id}` : '/mes-formations'}>
      <PathwaysStyles />
      <h1>{title}</h1>
      <p class="lead">
        {t('pathways.enrolment.since', { date: shortDate(enrolment.enrolledAt) })}
        {enrolment.status === 'withdrawn' && <> · <span class="tag error">{t('pathways.enrolmentStatus.withdrawn')}</span></>}
      </p>
      {progress.complete && progress.completedAt && (
        <div class="notice success">
          <p>{t('pathways.enrolment.completedOn', { date: shortDate(progress.completedAt) })}</p>
        </div>
      )}

      {staff && enrolment.status === 'active' && (
        <section>
          <h2>{t('pathways.positioning')}</h2>
          <p>{t('pathways.positioningIntro')}</p>
          <div class="inline-actions">
            <PostButton ctx={ctx} action={`${base}/questionnaire`} label={t('pathways.startQuiz')} secondary={false} />
            {evaluate && <a href={`${base}/positionnement`}>{t('pathways.checklist')}</a>}
          </div>
          {sessions.length > 0 && (
            <>
              <h3>{t('pathways.quizSessions')}</h3>
              <ul>
                {sessions.map((s) => (
                  <li key={s.id}>
                    {shortDate(s.startedAt)} :{' '}
                    {s.status === 'finished' ? (
                      t('pathways.quizDone', { date: shortDate(s.finishedAt!), n: pathway.modules.findIndex((m) => m.id === s.placementModuleId) + 1 })
                    ) : (
                      <>
                        {t('pathways.quizInProgress')} <a href={`/parcours/questionnaires/${s.id}`}>{t('pathways.openQuiz')}</a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <h2>{t('pathways.modules')}</h2>
      <ModuleProgressList ctx={ctx} progress={progress} audience="staff" />
      {evaluate && (
        <div class="inline-actions">
          {pathway.modules.map((m, i) => (
            <a key={m.id} class={m.id === progress.currentModuleId ? 'button' : undefined} href={`${base}/evaluation?module=${m.id}`}>
              {t('pathways.evaluateModule')} {i + 1}
              <span class="visually-hidden"> : {m.title}</span>
            </a>
          ))}
        </div>
      )}

      <h2>{t('pathways.progress.charts')}</h2>
      <ProgressCharts ctx={ctx} progress={progress} now={now} />

      <h2>{t('pathways.badges')}</h2>
      {view.badges.length === 0 ? (
        <p>{t('pathways.noBadges')}</p>
      ) : (
        <ul>
          {view.badges.map((b) => (
            <li key={b.id}>
              <strong>{b.title}</strong> ({shortDate(b.issuedAt)}) – <a href={`${base}/attestations/${b.id}.pdf`}>{t('pathways.attestation')}</a> ·{' '}
              <a href={`${base}/badges/${b.id}.json`}>{t('pathways.credential')}</a> · <a href={`/badges/${b.id}`}>{t('pathways.publicPage')}</a>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('pathways.progressLink')}</h2>
      <p>{t('pathways.progressLinkIntro')}</p>
      {activeLink && qrDataUrl && (
        <div class="panel">
          <img class="qr" src={qrDataUrl} alt={t('pathways.qrAlt')} width="192" height="192" />
          <p class="link-url">
            <a href={activeLink.url}>{activeLink.url}</a>
          </p>
        </div>
      )}
      <div class="inline-actions">
        <a class="button" href={`${base}/livret.pdf`}>{t('pathways.booklet')}</a>
        <PostButton ctx={ctx} action={`${base}/liens`} label={t('pathways.createLink')} />
      </div>
      {links.length === 0 ? (
        <p>{t('pathways.noLink')}</p>
      ) : (
        <ul>
          {links.map((l) => (
            <li key={l.id}>
              {t('pathways.linkCreatedOn', { date: shortDate(l.createdAt) })} – {l.revokedAt ? t('pathways.linkRevokedOn', { date: shortDate(l.revokedAt) }) : l.lastUsedAt ? t('pathways.linkLastUsed', { date: shortDate(l.lastUsedAt) }) : ''}
              {!l.revokedAt && (
                <div class="inline-actions">
                  <PostButton ctx={ctx} action={`${base}/liens/${l.id}/desactiver`} label={t('pathways.revokeLink')} hidden={shortDate(l.createdAt)} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('pathways.history')}</h2>
      {evaluations.length === 0 ? (
        <p>{t('pathways.historyEmpty')}</p>
      ) : (
        <ol reversed>
          {[...evaluations].reverse().map((ev) => (
            <li key={ev.id}>
              <strong>{t(tk('pathways.kind', ev.kind))}</strong> – {shortDate(ev.recordedAt)}
              {ev.recordedByLabel && <> {t('pathways.by', { name: ev.recordedByLabel })}</>}
              {ev.comment && <p class="hint">{ev.comment}</p>}
              <ul>
                {ev.results.map((r) => (
                  <li key={r.skillId}>
                    {statements.get(r.skillId) ?? r.skillId} : {t(tk(ev.kind === 'self' ? 'pathways.self' : 'pathways.status', r.status))}
                    {r.autonomy && <> ({t(tk('pathways.autonomy', r.autonomy))})</>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}

      {staff && enrolment.status === 'active' && (
        <>
          <h2>{t('pathways.withdraw')}</h2>
          <p class="hint">{t('pathways.withdrawHint')}</p>
          <div class="inline-actions">
            <PostButton ctx={ctx} action={`${base}/arreter`} label={t('pathways.withdraw')} danger />
          </div>
        </>
      )}
    </Layout>
  );
}

function SkillRow({ ctx, skill, values, error, withAutonomy, state }: { ctx: ViewContext; skill: { id: string; statement: string }; values: FormValues; error?: string; withAutonomy: boolean; state?: SkillState }) {
  const { t } = ctx;
  const statusName = `status_${skill.id}`;
  const autonomyName = `autonomy_${skill.id}`;
  const current = values[statusName];
  const autonomy = values[autonomyName];
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <fieldset>
        <legend>{skill.statement}</legend>
        {state && state.status !== 'non_evalue' && <p class="hint">{t('pathways.currentState', { state: t(tk('pathways.status', state.status)) })}</p>}
        {error && (
          <p class="field-error">
            <span class="visually-hidden">{t('layout.errorPrefix')}</span>
            {error}
          </p>
        )}
        <div class="inline-choices">
          {SKILL_STATUSES.map((s, i) => (
            <div class="choice" key={s}>
              <input id={choiceId(statusName, i)} type="radio" name={statusName} value={s} checked={current === s} />
              <label for={choiceId(statusName, i)}>{t(tk('pathways.status', s))}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {withAutonomy && (
        <fieldset class="inline-choices">
          <legend class="hint">
            {t('pathways.field.autonomy')} <span class="visually-hidden">: {skill.statement}</span>
          </legend>
          {AUTONOMY_LEVELS.map((a, i) => (
            <div class="choice" key={a}>
              <input id={choiceId(autonomyName, i)} type="radio" name={autonomyName} value={a} checked={autonomy === a} />
              <label for={choiceId(autonomyName, i)}>{t(tk('pathways.autonomy', a))}</label>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}

export function EvaluationFormPage({
  ctx,
  view,
  module,
  values = {},
  errors = {},
}: {
  ctx: ViewContext;
  view: EnrolmentView;
  module: ModuleDetail;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('pathways.evaluationTitle', { module: module.title });
  const states = new Map(view.progress.modules.flatMap((m) => m.skillStates.map((s) => [s.id, s] as const)));
  const base = `/parcours/inscriptions/${view.enrolment.id}`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={base}>
      <PathwaysStyles />
      <h1>{title}</h1>
      <p class="lead">{learnerName(ctx, view)}</p>
      <p>{t('pathways.evaluationIntro')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`${base}/evaluation?module=${module.id}`}>
        {module.skills.map((s) => (
          <SkillRow key={s.id} ctx={ctx} skill={s} values={values} error={e[`status_${s.id}`]} withAutonomy state={states.get(s.id)} />
        ))}
        <TextArea ctx={ctx} name="comment" label={t('pathways.field.comment')} hint={t('pathways.field.commentHint')} value={values.comment as string} error={e.comment} optional />
        <button type="submit">{t('pathways.saveEvaluation')}</button>
      </Form>
    </Layout>
  );
}

export function ChecklistPage({ ctx, view, values = {}, errors = {} }: { ctx: ViewContext; view: EnrolmentView; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  // A skill targeted by two modules is asked once, in the first.
  const seen = new Set<string>();
  const firstTime = (id: string) => !seen.has(id) && seen.add(id) !== undefined;
  const e = localizeErrors(ctx, errors);
  const title = t('pathways.checklistTitle', { pathway: view.pathway.title });
  const base = `/parcours/inscriptions/${view.enrolment.id}`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={base}>
      <PathwaysStyles />
      <h1>{title}</h1>
      <p class="lead">{learnerName(ctx, view)}</p>
      <p>{t('pathways.checklistIntro')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`${base}/positionnement`}>
        {view.pathway.modules.map((m, i) => (
          <section key={m.id}>
            <h2>
              {t('pathways.moduleN', { n: i + 1 })} : {m.title}
            </h2>
            {m.skills.map((s) => firstTime(s.id) && <SkillRow key={s.id} ctx={ctx} skill={s} values={values} error={e[`status_${s.id}`]} withAutonomy={false} />)}
          </section>
        ))}
        <button type="submit">{t('pathways.saveEvaluation')}</button>
      </Form>
    </Layout>
  );
}
