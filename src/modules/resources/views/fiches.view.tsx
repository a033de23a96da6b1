/** The resource space's pages: the public list and search, a fiche, its large-print version, the team's editor. */
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { MEDIATION_THEMES } from '../../../platform/vocab/mediation.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { formatDate } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { ImageView } from '../fiche-image.service.ts';
import type { FicheRow, FicheView } from '../fiche.service.ts';
import type { ActivityChoice, ModuleChoice } from '../ports.ts';
import { COMPETENCE_CODES, FICHE_LEVELS } from '../resources.vocab.ts';

const key = (prefix: string, value: string) => `${prefix}.${value}` as MessageKey;
const themeLabel = (ctx: ViewContext, theme: string) => ctx.t(key('vocab.mediationTheme', theme));

/** The module's own small stylesheet (linked from the body: the shared layout owns the head). */
function Styles() {
  return <link rel="stylesheet" href="/static/resources.css" />;
}

function FicheCards({ ctx, fiches, heading = 'h3' }: { ctx: ViewContext; fiches: FicheRow[]; heading?: 'h2' | 'h3' }) {
  const H = heading;
  return (
    <ul class="fiche-list">
      {fiches.map((f) => (
        <li key={f.id}>
          <H>
            <a href={`/ressources/${f.slug}`}>{f.title}</a>
          </H>
          <p>{f.summary}</p>
          <p class="tags">
            <span class="tag">{ctx.t('resources.public.level', { level: ctx.t(key('resources.level', f.level)) })}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

export interface PublicListProps {
  ctx: ViewContext;
  fiches: FicheRow[];
  q: string;
  theme: string | undefined;
  partial: boolean;
}

export function FicheListPage({ ctx, fiches, q, theme, partial }: PublicListProps) {
  const { t } = ctx;
  const searching = q !== '' || theme !== undefined;
  // Without a search, the fiches are listed under their first theme, themes in the national order.
  const groups = MEDIATION_THEMES.map((code) => ({ code, fiches: fiches.filter((f) => f.themes[0] === code) })).filter((g) => g.fiches.length > 0);
  return (
    <Layout ctx={ctx} title={t('resources.public.title')} audience="public">
      <Styles />
      <h1>{t('resources.public.title')}</h1>
      <p>{t('resources.public.intro')}</p>
      <form method="get" action="/ressources" class="fiche-search" role="search">
        <TextField ctx={ctx} name="q" type="search" label={t('resources.public.searchLabel')} hint={t('resources.public.searchHint')} value={q} />
        <SelectField
          ctx={ctx}
          name="theme"
          label={t('resources.public.themeLabel')}
          value={theme}
          placeholder={t('resources.public.allThemes')}
          choices={MEDIATION_THEMES.map((code) => ({ value: code, label: themeLabel(ctx, code) }))}
        />
        <div class="field">
          <button type="submit">{t('resources.public.search')}</button>
        </div>
      </form>
      {searching ? (
        <>
          {q !== '' && <h2 aria-live="polite">{fiches.length === 0 ? t('resources.public.noResult', { q }) : t('resources.public.results', { count: fiches.length, q })}</h2>}
          {q === '' && theme && <h2>{themeLabel(ctx, theme)}</h2>}
          {partial && <p>{t('resources.public.nearResults')}</p>}
          <FicheCards ctx={ctx} fiches={fiches} />
          <p>
            <a href="/ressources">{t('resources.public.allFiches')}</a>
          </p>
        </>
      ) : fiches.length === 0 ? (
        <p>{t('resources.public.none')}</p>
      ) : (
        groups.map((g) => (
          <section key={g.code} aria-labelledby={`theme-${g.code}`}>
            <h2 id={`theme-${g.code}`}>{themeLabel(ctx, g.code)}</h2>
            <FicheCards ctx={ctx} fiches={g.fiches} />
          </section>
        ))
      )}
    </Layout>
  );
}

function FicheContent({ ctx, fiche }: { ctx: ViewContext; fiche: FicheView }) {
  const { t } = ctx;
  return (
    <>
      <h1>{fiche.title}</h1>
      <p class="fiche-lead">{fiche.summary}</p>
      <p class="tags">
        <span class="tag">{t('resources.public.level', { level: t(key('resources.level', fiche.level)) })}</span>{' '}
        {fiche.themes.map((theme) => (
          <span class="tag" key={theme}>
            {themeLabel(ctx, theme)}
          </span>
        ))}
      </p>
      {/* Sanitised by platform/markdown.ts: raw HTML is escaped, unsafe link schemes dropped. */}
      <div class="fiche-body" dangerouslySetInnerHTML={{ __html: fiche.html }} />
      <p>
        <small>{t('resources.public.updated', { date: formatDate(fiche.updatedAt, ctx.locale) })}</small>
      </p>
    </>
  );
}

export function FichePage({ ctx, fiche }: { ctx: ViewContext; fiche: FicheView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={fiche.title} audience="public" backHref="/ressources">
      <Styles />
      <article>
        <FicheContent ctx={ctx} fiche={fiche} />
      </article>
      <div class="fiche-actions">
        <a class="button" href={`/ressources/${fiche.slug}/gros-caracteres`}>
          {t('resources.public.largePrint')}
        </a>
        <a class="button secondary" href="/ressources">
          {t('resources.public.back')}
        </a>
      </div>
      <p class="no-print">{t('resources.public.print')}</p>
    </Layout>
  );
}

export function LargePrintPage({ ctx, fiche }: { ctx: ViewContext; fiche: FicheView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={`${fiche.title} – ${t('resources.public.largePrint')}`} audience="public" backHref={`/ressources/${fiche.slug}`}>
      <Styles />
      <article class="large-print">
        <FicheContent ctx={ctx} fiche={fiche} />
      </article>
      <div class="fiche-actions">
        <a class="button secondary" href={`/ressources/${fiche.slug}`}>
          {t('resources.public.backToFiche')}
        </a>
      </div>
    </Layout>
  );
}

// ---------------------------------------------------------------- the team's editor

export function StaffListPage({ ctx, fiches }: { ctx: ViewContext; fiches: FicheRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('resources.staff.title')}>
      <h1>{t('resources.staff.title')}</h1>
      <p>
        <a class="button" href="/fiches-pratiques/nouvelle">
          {t('resources.staff.new')}
        </a>
      </p>
      {fiches.length === 0 ? (
        <p>{t('resources.staff.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('resources.staff.colTitle')}</th>
              <th scope="col">{t('resources.staff.colStatus')}</th>
              <th scope="col">{t('resources.staff.colUpdated')}</th>
            </tr>
          </thead>
          <tbody>
            {fiches.map((f) => (
              <tr key={f.id}>
                <td>
                  <a href={`/fiches-pratiques/${f.id}`}>{f.title}</a>
                </td>
                <td>
                  <span class={f.status === 'published' ? 'tag success' : 'tag'}>{t(key('resources.status', f.status))}</span>
                </td>
                <td>{formatDate(f.updatedAt, ctx.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []);

/** The fiche's values as the editor shows them. */
export function ficheValues(fiche: FicheView): FormValues {
  return { title: fiche.title, summary: fiche.summary, body: fiche.body, level: fiche.level, themes: fiche.themes, competences: fiche.competences, activityIds: fiche.activityIds, moduleIds: fiche.moduleIds };
}

export interface EditorProps {
  ctx: ViewContext;
  fiche?: FicheView;
  values: FormValues;
  errors?: FieldErrors;
  activities: ActivityChoice[];
  /** The pathways' modules the fiche can be given with. */
  modules?: ModuleChoice[];
  /** Sanitised HTML of the body, when the preview button was used. */
  preview?: string;
  /** The fiche's images (an existing fiche only). */
  images?: ImageView[];
  /** The image form sent back with its errors. */
  image?: { values: FormValues; errors: FieldErrors };
}

const sizeOf = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} Ko`;

/** The fiche's images: each with the Markdown that shows it, the form to add one (multipart, no JavaScript needed). */
function ImagesSection({ ctx, fiche, images, values, errors }: { ctx: ViewContext; fiche: FicheView; images: ImageView[]; values: FormValues; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="images" class="fiche-images">
      <h2 id="images">{t('resources.image.title')}</h2>
      <p>{t('resources.image.lead')}</p>
      {images.length === 0 ? (
        <p>{t('resources.image.none')}</p>
      ) : (
        <ul class="fiche-image-list">
          {images.map((img) => (
            <li key={img.id}>
              <img src={img.path} alt={img.altText} width={160} loading="lazy" />
              <div>
                <p>
                  <strong>{img.altText}</strong> ({img.mime.replace('image/', '').toUpperCase()}, {sizeOf(img.size)}) —{' '}
                  {img.used ? <span class="tag success">{t('resources.image.used')}</span> : <span class="tag">{t('resources.image.unused')}</span>}
                </p>
                <p>
                  {t('resources.image.copy')} <code>{img.markdown}</code>
                </p>
                {!img.used && (
                  <Form ctx={ctx} action={`/fiches-pratiques/${fiche.id}/images/${img.id}/supprimer`}>
                    <button type="submit" class="secondary">
                      {t('resources.image.delete', { alt: img.altText })}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('resources.image.addTitle')}</h3>
      <Form ctx={ctx} action={`/fiches-pratiques/${fiche.id}/images`} enctype="multipart/form-data">
        <TextField ctx={ctx} name="image" type="file" accept="image/png,image/jpeg,image/webp" label={t('resources.image.fieldFile')} hint={t('resources.image.fieldFileHint')} error={errors.image} />
        <TextField ctx={ctx} name="altText" label={t('resources.image.fieldAlt')} hint={t('resources.image.fieldAltHint')} value={str(values.altText)} error={errors.altText} />
        <button type="submit" class="secondary">
          {t('resources.image.submit')}
        </button>
      </Form>
    </section>
  );
}

export function FicheEditorPage({ ctx, fiche, values, errors = {}, activities, modules = [], preview, images = [], image }: EditorProps) {
  const { t } = ctx;
  const imageErrors = localizeErrors(ctx, image?.errors ?? {});
  const e = { ...localizeErrors(ctx, errors), ...imageErrors };
  const title = fiche ? t('resources.staff.editTitle', { title: fiche.title }) : t('resources.staff.newTitle');
  const action = fiche ? `/fiches-pratiques/${fiche.id}` : '/fiches-pratiques/nouvelle';
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref="/fiches-pratiques">
      <Styles />
      <h1>{title}</h1>
      {fiche && (
        <>
          <p>
            {t('resources.staff.status', { status: t(key('resources.status', fiche.status)) })}
            {fiche.status === 'published' && (
              <>
                {' — '}
                <a href={`/ressources/${fiche.slug}`}>{t('resources.staff.view')}</a>
              </>
            )}
          </p>
          <Form ctx={ctx} action={`/fiches-pratiques/${fiche.id}/${fiche.status === 'published' ? 'depublier' : 'publier'}`}>
            <button type="submit" class="secondary">
              {fiche.status === 'published' ? t('resources.staff.unpublish') : t('resources.staff.publish')}
            </button>
          </Form>
        </>
      )}
      <ErrorSummary ctx={ctx} errors={e} />
      {preview !== undefined && (
        <section class="fiche-preview" aria-labelledby="apercu">
          <h2 id="apercu">{t('resources.staff.previewTitle')}</h2>
          <div class="fiche-body" dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      )}
      <Form ctx={ctx} action={action}>
        <TextField ctx={ctx} name="title" label={t('resources.staff.fieldTitle')} value={str(values.title)} error={e.title} />
        <TextArea ctx={ctx} name="summary" rows={2} label={t('resources.staff.fieldSummary')} hint={t('resources.staff.fieldSummaryHint')} value={str(values.summary)} error={e.summary} />
        <TextArea ctx={ctx} name="body" rows={16} label={t('resources.staff.fieldBody')} hint={t('resources.staff.fieldBodyHint')} value={str(values.body)} error={e.body} />
        <ChoiceGroup ctx={ctx} name="level" type="radio" inline legend={t('resources.staff.fieldLevel')} value={str(values.level)} choices={FICHE_LEVELS.map((l) => ({ value: l, label: t(key('resources.level', l)) }))} error={e.level} />
        <ChoiceGroup ctx={ctx} name="themes" type="checkbox" legend={t('resources.staff.fieldThemes')} value={arr(values.themes)} choices={MEDIATION_THEMES.map((c) => ({ value: c, label: themeLabel(ctx, c) }))} error={e.themes} />
        <ChoiceGroup ctx={ctx} name="competences" type="checkbox" optional legend={t('resources.staff.fieldCompetences')} value={arr(values.competences)} choices={COMPETENCE_CODES.map((c) => ({ value: c, label: t(key('resources.competence', c)) }))} error={e.competences} />
        {activities.length > 0 && (
          <ChoiceGroup ctx={ctx} name="activityIds" type="checkbox" optional legend={t('resources.staff.fieldActivities')} value={arr(values.activityIds)} choices={activities.map((a) => ({ value: a.id, label: a.title }))} error={e.activityIds} />
        )}
        {modules.length > 0 && (
          <ChoiceGroup ctx={ctx} name="moduleIds" type="checkbox" optional legend={t('resources.staff.fieldModules')} hint={t('resources.staff.fieldModulesHint')} value={arr(values.moduleIds)} choices={modules.map((m) => ({ value: m.id, label: m.title }))} error={e.moduleIds} />
        )}
        <div class="fiche-actions">
          <button type="submit" name="action" value="preview" class="secondary">
            {t('resources.staff.preview')}
          </button>
          <button type="submit" name="action" value="save">
            {t('resources.staff.save')}
          </button>
        </div>
      </Form>
      {fiche ? (
        <ImagesSection ctx={ctx} fiche={fiche} images={images} values={image?.values ?? {}} errors={imageErrors} />
      ) : (
        <p>{t('resources.image.afterSave')}</p>
      )}
    </Layout>
  );
}
