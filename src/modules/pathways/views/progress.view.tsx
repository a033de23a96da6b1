import type { FieldErrors } from '../../../platform/errors.ts';
import type { FicheLink } from '../../../platform/fiche-links.ts';
import { choiceId, ErrorSummary, localizeErrors } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { BadgeRow } from '../badge.repository.ts';
import type { EnrolmentView } from '../enrolment.service.ts';
import { SELF_ASSESSMENTS } from '../pathways.vocab.ts';
import { ModuleProgressList, PathwaysStyles, Pictogram, ProgressCharts, shortDate, tk } from './parts.tsx';

/**
 * The learner's own page, reached by their signed link. It shows this enrolment and nothing
 * else: no other learner, no staff name (evaluations are shown without who recorded them).
 */
/** "À lire" : the practical guides given with a module. */
export function FicheLinks({ ctx, fiches }: { ctx: ViewContext; fiches: FicheLink[] }) {
  return (
    <>
      <p>{ctx.t('pathways.fiches.toRead')}</p>
      <ul>
        {fiches.map((f) => (
          <li key={f.href}>
            <a href={f.href}>{f.title}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ProgressPage({ ctx, base, view, now, errors = {}, fiches = [] }: {
  ctx: ViewContext;
  base: string;
  view: EnrolmentView;
  now: string;
  errors?: FieldErrors;
  /** Practical guides given with the next module (platform/fiche-links.ts). */
  fiches?: FicheLink[];
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const { progress, pathway } = view;
  const current = progress.modules.find((m) => m.id === progress.currentModuleId);
  const selfSkills = current ? current.skillStates : [];
  return (
    <Layout ctx={ctx} title={t('pathways.progress.title')} audience="public" hasErrors={Object.keys(e).length > 0}>
      <PathwaysStyles />
      <h1>{view.learner.firstName ? t('pathways.progress.hello', { name: view.learner.firstName }) : t('pathways.progress.title')}</h1>
      <p class="lead">{t('pathways.progress.intro', { pathway: pathway.title, date: shortDate(progress.startedAt) })}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      {progress.complete && progress.completedAt && (
        <div class="notice success">
          <p>{t('pathways.progress.completed', { date: shortDate(progress.completedAt) })}</p>
        </div>
      )}
      <p>
        <a class="button" href={`${base}/livret.pdf`} download="livret-de-progression.pdf">{t('pathways.progress.print')}</a>
      </p>

      <h2>{t('pathways.progress.learnt')}</h2>
      {progress.learnt.length === 0 ? (
        <p>{t(progress.knownAtStart.length > 0 ? 'pathways.progress.learntNoneYet' : 'pathways.progress.learntNone')}</p>
      ) : (
        <ul>
          {progress.learnt.map((l) => (
            <li key={l.skill.id}>
              {l.skill.statement} <span class="hint">({t('pathways.progress.acquiredOn', { date: shortDate(l.acquiredAt) })})</span>
            </li>
          ))}
        </ul>
      )}

      {progress.knownAtStart.length > 0 && (
        <>
          <h2>{t('pathways.progress.knownAtStart')}</h2>
          <ul>
            {progress.knownAtStart.map((l) => (
              <li key={l.skill.id}>
                {l.skill.statement} <span class="hint">({t('pathways.progress.validatedOn', { date: shortDate(l.acquiredAt) })})</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('pathways.progress.next')}</h2>
      {!progress.next ? (
        <p>{t('pathways.progress.allDone')}</p>
      ) : (
        <>
          <p>{t('pathways.progress.nextModule', { title: progress.next.module.title, count: progress.next.module.suggestedSessions })}</p>
          {progress.next.remaining.length > 0 && (
            <>
              <p>{t('pathways.progress.toLearn')}</p>
              <ul>
                {progress.next.remaining.map((s) => (
                  <li key={s.id}>{s.statement}</li>
                ))}
              </ul>
            </>
          )}
          {progress.next.module.activities.some((a) => a.title) && <p>{t('pathways.progress.where', { where: progress.next.module.activities.map((a) => a.title).filter(Boolean).join(', ') })}</p>}
          {fiches.length > 0 && <FicheLinks ctx={ctx} fiches={fiches} />}
          {progress.next.following && <p>{t('pathways.progress.then', { title: progress.next.following.title })}</p>}
        </>
      )}

      {selfSkills.length > 0 && view.enrolment.status === 'active' && (
        <section class="self-assessment">
          <h2>{t('pathways.progress.self')}</h2>
          <p>{t('pathways.progress.selfIntro')}</p>
          <form method="post" action={`${base}/auto-evaluation`} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            {selfSkills.map((s, i) => (
              <div class="self-row" key={s.id}>
                <fieldset>
                  <legend>{s.statement}</legend>
                  {SELF_ASSESSMENTS.map((v, j) => (
                    <label class="self-choice" key={v} for={choiceId(`auto-${i}`, j)}>
                      <input id={choiceId(`auto-${i}`, j)} type="radio" name={`auto_${s.id}`} value={v} checked={s.self === v} />
                      <Pictogram name={v === 'sait_faire' ? 'pouce_haut' : 'pas_encore'} label={null} size={32} />
                      {t(tk('pathways.self', v))}
                    </label>
                  ))}
                </fieldset>
              </div>
            ))}
            <div class="button-row">
              <button type="submit">{t('pathways.progress.selfSubmit')}</button>
            </div>
          </form>
        </section>
      )}

      <h2>{t('pathways.progress.modules')}</h2>
      <ModuleProgressList ctx={ctx} progress={progress} audience="public" />

      <h2>{t('pathways.progress.charts')}</h2>
      <ProgressCharts ctx={ctx} progress={progress} now={now} />

      {view.badges.length > 0 && (
        <>
          <h2>{t('pathways.progress.badges')}</h2>
          {view.badges.map((b) => (
            <BadgeBlock key={b.id} ctx={ctx} base={base} badge={b} />
          ))}
        </>
      )}
    </Layout>
  );
}

function BadgeBlock({ ctx, base, badge }: { ctx: ViewContext; base: string; badge: BadgeRow }) {
  const { t } = ctx;
  return (
    <div class="panel">
      <h3>{badge.title}</h3>
      <p>
        {shortDate(badge.issuedAt)} – {t('pathways.progress.download')} : <a href={`${base}/attestations/${badge.id}.pdf`} download="attestation.pdf">{t('pathways.attestation')}</a> ·{' '}
        <a href={`${base}/badges/${badge.id}.json`} download="badge.json">{t('pathways.credential')}</a> · <a href={`/badges/${badge.id}`}>{t('pathways.publicPage')}</a>
      </p>
      <form method="post" action={`${base}/badges/${badge.id}/visibilite`} class="badge-visibility" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <fieldset>
          <legend>{t('pathways.progress.badgePublic')}</legend>
          <div class="choice">
            <input id={`nom-${badge.id}`} type="checkbox" name="showName" value="oui" checked={badge.showName} />
            <label for={`nom-${badge.id}`}>{t('pathways.progress.showName')}</label>
          </div>
          <div class="choice">
            <input id={`savoirs-${badge.id}`} type="checkbox" name="showSkills" value="oui" checked={badge.showSkills} />
            <label for={`savoirs-${badge.id}`}>{t('pathways.progress.showSkills')}</label>
          </div>
        </fieldset>
        <button type="submit" class="secondary">
          {t('pathways.progress.saveChoices')}
          <span class="visually-hidden"> – {badge.title}</span>
        </button>
      </form>
    </div>
  );
}
