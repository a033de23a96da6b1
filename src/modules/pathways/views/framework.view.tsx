import { can } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, Form, localizeErrors, SelectField, TextArea, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { PublicBadge } from '../badge.service.ts';
import type { FrameworkTree } from '../framework.service.ts';
import { isMessageKey, translate } from '../../../platform/i18n/index.ts';
import { PathwaysStyles, shortDate, tk } from './parts.tsx';

/** The national mediation themes are labelled once, in the activities catalogue. */
function themeLabel(theme: string): string {
  const key = `vocab.mediationTheme.${theme}`;
  return isMessageKey(key) ? translate('fr', key) : theme.replace(/_/g, ' ');
}
import { PostButton } from './pathways.view.tsx';

export function FrameworkPage({ ctx, tree, showRetired, importValue, errors = {} }: { ctx: ViewContext; tree: FrameworkTree; showRetired: boolean; importValue?: string; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const admin = can(ctx.actor!.role, 'framework.manage');
  return (
    <Layout ctx={ctx} title={t('pathways.framework')} hasErrors={Object.keys(e).length > 0} backHref="/parcours">
      <PathwaysStyles />
      <h1>{t('pathways.framework')}</h1>
      <p class="lead">{t('pathways.frameworkIntro')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <div class="button-row">
        <a href="/referentiel/export.json" download="referentiel.json">{t('pathways.export')}</a>
        {!showRetired && <a href="/referentiel?retires=1">{t('pathways.showRetired')}</a>}
      </div>
      <div class="tree">
        {tree.domains.map((d) => (
          <section key={d.id}>
            <h2>
              {/^\d/.test(d.code) ? `${d.code}. ${d.title}` : d.title}{' '}
              {t(tk('pathways.layer', d.layer)) !== d.title && <span class="tag">{t(tk('pathways.layer', d.layer))}</span>}
            </h2>
            {d.competences.map((c) => (
              <div key={c.id} id={`competence-${c.code}`}>
                <h3>
                  {c.code} {c.title}
                </h3>
                {c.mediationTheme && <p class="hint">{t('pathways.theme', { theme: themeLabel(c.mediationTheme) })}</p>}
                {c.subjects.map((s) => (
                  <div key={s.id}>
                    <h4>{s.title}</h4>
                    <ul class="skills">
                      {s.skills.map((k, i) => (
                        <li key={k.id}>
                          <span class={`statement${k.retiredAt ? ' retired' : ''}`}>
                            {k.statement} <span class="hint">({t('pathways.difficulty', { n: k.difficulty })})</span>
                            {k.retiredAt && <> <span class="tag">{t('pathways.retired')}</span></>}
                          </span>
                          {admin && (
                            <>
                              <a href={`/referentiel/savoir-faire/${k.id}/modifier`}>
                                {t('common.edit')}
                                <span class="visually-hidden"> : {k.statement}</span>
                              </a>
                              {i > 0 && <PostButton ctx={ctx} action={`/referentiel/savoir-faire/${k.id}/monter`} label={t('pathways.moveUp')} hidden={k.statement} />}
                              {i < s.skills.length - 1 && <PostButton ctx={ctx} action={`/referentiel/savoir-faire/${k.id}/descendre`} label={t('pathways.moveDown')} hidden={k.statement} />}
                              <PostButton
                                ctx={ctx}
                                action={`/referentiel/savoir-faire/${k.id}/${k.retiredAt ? 'retablir' : 'retirer'}`}
                                label={k.retiredAt ? t('pathways.restoreSkill') : t('pathways.retireSkill')}
                                hidden={k.statement}
                              />
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                    {admin && (
                      <p>
                        <a href={`/referentiel/savoir-faire/nouveau?sujet=${s.id}`}>
                          {t('pathways.addSkill')}
                          <span class="visually-hidden"> : {s.title}</span>
                        </a>
                      </p>
                    )}
                  </div>
                ))}
              </div>
            ))}
          </section>
        ))}
      </div>
      {admin && (
        <section>
          <h2>{t('pathways.import')}</h2>
          <p>{t('pathways.importHint')}</p>
          <Form ctx={ctx} action="/referentiel/import">
            <div class={`field${e.fichier ? ' has-error' : ''}`}>
              <label for="champ-fichier">{t('pathways.importField')}</label>
              {e.fichier && <p class="field-error">{e.fichier}</p>}
              <textarea id="champ-fichier" name="fichier" class="json" rows={10} aria-invalid={e.fichier ? 'true' : undefined}>
                {importValue ?? ''}
              </textarea>
            </div>
            <button type="submit">{t('pathways.importSubmit')}</button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function SkillFormPage({
  ctx,
  action,
  subjectTitle,
  subjects,
  values,
  errors = {},
  isNew,
}: {
  ctx: ViewContext;
  action: string;
  subjectTitle: string;
  subjects?: { id: string; title: string }[];
  values: FormValues;
  errors?: FieldErrors;
  isNew: boolean;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = isNew ? t('pathways.addSkill') : t('pathways.editSkill');
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref="/referentiel">
      <h1>{title}</h1>
      <p class="lead">{subjectTitle}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={action}>
        {subjects && <SelectField ctx={ctx} name="subjectId" label={t('pathways.field.subject')} value={values.subjectId as string} choices={subjects.map((s) => ({ value: s.id, label: s.title }))} error={e.subjectId} />}
        <TextArea ctx={ctx} name="statement" label={t('pathways.field.statement')} hint={t('pathways.field.statementHint')} value={values.statement as string} error={e.statement} rows={2} />
        <SelectField
          ctx={ctx}
          name="difficulty"
          label={t('pathways.field.difficulty')}
          value={values.difficulty as string}
          choices={[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: String(n) }))}
          error={e.difficulty}
        />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}

/** The framework as anyone may read it: the targets that badges point to. */
export function PublicFrameworkPage({ ctx, centreName, tree }: { ctx: ViewContext; centreName: string; tree: FrameworkTree }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pathways.frameworkPublic.title', { centre: centreName })} audience="public">
      <PathwaysStyles />
      <h1>{t('pathways.frameworkPublic.title', { centre: centreName })}</h1>
      <p>{t('pathways.frameworkIntro')}</p>
      <div class="tree">
        {tree.domains.map((d) => (
          <section key={d.id}>
            <h2>{/^\d/.test(d.code) ? `${d.code}. ${d.title}` : d.title}</h2>
            {d.competences.map((c) => (
              <div key={c.id} id={`competence-${c.code}`}>
                <h3>
                  {c.code} {c.title}
                </h3>
                <ul>
                  {c.subjects.flatMap((s) => s.skills).map((k) => (
                    <li key={k.id}>{k.statement}</li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </div>
    </Layout>
  );
}

export function BadgePage({ ctx, badge }: { ctx: ViewContext; badge: PublicBadge }) {
  const { t } = ctx;
  const ok = badge.signatureValid && !badge.revoked;
  return (
    <Layout ctx={ctx} title={t('pathways.badgePage.title')} audience="public">
      <h1>{t('pathways.badgePage.title')}</h1>
      <div class={`notice ${ok ? 'success' : 'warning'}`} role="status">
        <p>
          {badge.revoked ? t('pathways.badgePage.revoked') : badge.signatureValid ? t('pathways.badgePage.valid', { centre: badge.centreName }) : t('pathways.badgePage.invalid')}
        </p>
      </div>
      <dl class="summary">
        <dt>{t('pathways.badgePage.achievement')}</dt>
        <dd>{badge.title}</dd>
        <dt>{t('pathways.badgePage.issuer')}</dt>
        <dd>{badge.centreName}</dd>
        <dt>{t('pathways.badgePage.date')}</dt>
        <dd>{shortDate(badge.issuedAt)}</dd>
        <dt>{t('pathways.badgePage.holder')}</dt>
        <dd>{badge.learnerName ?? t('pathways.badgePage.holderHidden')}</dd>
        {badge.competences && (
          <>
            <dt>{t('pathways.badgePage.skills')}</dt>
            <dd>
              <ul>
                {badge.competences.map((c) => (
                  <li key={c.code}>
                    {c.code} {c.title}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {badge.criteria && (
          <>
            <dt>{t('pathways.badgePage.criteria')}</dt>
            <dd>{badge.criteria}</dd>
          </>
        )}
      </dl>
      <p class="hint">{t('pathways.badgePage.standard')}</p>
    </Layout>
  );
}

