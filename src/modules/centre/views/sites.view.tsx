import type { Commune } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { ChoiceGroup, CsrfField, ErrorSummary, Form, localizeErrors, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { formatDate } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { SITE_KINDS } from '../centre.schemas.ts';
import type { Site } from '../centre.service.ts';
import { CentreNav, CommuneField } from './common.view.tsx';

const kindLabel = (ctx: ViewContext, kind: string) => ctx.t(`admin.site.kind.${kind}` as MessageKey);

export function SitesPage({ ctx, sites }: { ctx: ViewContext; sites: Site[] }) {
  const { t } = ctx;
  const active = sites.filter((s) => !s.archived);
  const archived = sites.filter((s) => s.archived);
  return (
    <Layout ctx={ctx} title={t('admin.site.title')}>
      <h1>{t('admin.site.title')}</h1>
      <CentreNav ctx={ctx} />
      <p class="lead">{t('admin.site.intro')}</p>
      <p>
        <a class="button" href="/centre/lieux/nouveau">{t('admin.site.add')}</a>
      </p>
      {active.length === 0 ? (
        <p>{t('admin.site.none')}</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{t('admin.site.name')}</th>
              <th scope="col">{t('admin.site.kind')}</th>
              <th scope="col">{t('admin.site.commune')}</th>
              <th scope="col">{t('admin.site.accessibility')}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((s) => (
              <tr key={s.id}>
                <td data-label={t('admin.site.name')}>
                  <a href={`/centre/lieux/${s.id}`}>{s.name}</a>
                  {s.address && <span class="hint block">{s.address}</span>}
                </td>
                <td data-label={t('admin.site.kind')}>{kindLabel(ctx, s.kind)}</td>
                <td data-label={t('admin.site.commune')}>{s.communeName ?? '—'}</td>
                <td data-label={t('admin.site.accessibility')}>{s.accessibility ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {archived.length > 0 && (
        <>
          <h2>{t('admin.site.archived')}</h2>
          <p>{t('admin.site.archivedIntro')}</p>
          <table class="responsive">
            <thead>
              <tr>
                <th scope="col">{t('admin.site.name')}</th>
                <th scope="col">{t('admin.site.kind')}</th>
                <th scope="col">{t('admin.site.archivedOn')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {archived.map((s) => (
                <tr key={s.id}>
                  <td data-label={t('admin.site.name')}>
                    <a href={`/centre/lieux/${s.id}`}>{s.name}</a>
                  </td>
                  <td data-label={t('admin.site.kind')}>{kindLabel(ctx, s.kind)}</td>
                  <td data-label={t('admin.site.archivedOn')}>{s.archivedAt && formatDate(s.archivedAt, ctx.locale)}</td>
                  <td data-label={t('common.actions')}>
                    <form method="post" action={`/centre/lieux/${s.id}/reactiver`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="secondary" aria-label={`${t('admin.site.unarchive')} : ${s.name}`}>
                        {t('admin.site.unarchive')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}

export function SiteFormPage({
  ctx,
  site,
  values,
  errors = {},
  communeCandidates,
}: {
  ctx: ViewContext;
  /** The site being edited; absent when adding one. */
  site?: Site;
  values: FormValues;
  errors?: FieldErrors;
  communeCandidates?: Commune[];
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const title = site ? t('admin.site.editTitle', { name: site.name }) : t('admin.site.newTitle');
  const action = site ? `/centre/lieux/${site.id}` : '/centre/lieux/nouveau';
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref="/centre/lieux">
      <h1>{title}</h1>
      {site?.archived && (
        <div class="notice warning">
          <p>
            <strong>{t('admin.site.isArchived')}</strong> – {t('admin.site.archivedIntro')}
          </p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={action}>
        <TextField ctx={ctx} name="name" label={t('admin.site.name')} hint={t('admin.site.nameHint')} value={v('name')} error={e.name} />
        <ChoiceGroup
          ctx={ctx}
          name="kind"
          legend={t('admin.site.kind')}
          type="radio"
          value={v('kind')}
          error={e.kind}
          choices={SITE_KINDS.map((k) => ({ value: k, label: kindLabel(ctx, k) }))}
        />
        <TextField ctx={ctx} name="address" label={t('admin.site.address')} value={v('address')} error={e.address} optional />
        <CommuneField ctx={ctx} label={t('admin.site.commune')} hint={t('admin.site.communeHint')} value={v('commune')} error={e.commune} optional candidates={communeCandidates} />
        <TextArea ctx={ctx} name="accessibility" label={t('admin.site.accessibility')} hint={t('admin.site.accessibilityHint')} value={v('accessibility')} error={e.accessibility} optional rows={3} />
        <div class="button-row">
          <button type="submit">{t('admin.site.save')}</button>
          <a href="/centre/lieux">{t('common.cancel')}</a>
        </div>
      </Form>
      {site && <h2>{site.archived ? t('admin.site.unarchive') : t('admin.site.archiveTitle')}</h2>}
      {site && (
        <form method="post" action={`/centre/lieux/${site.id}/${site.archived ? 'reactiver' : 'archiver'}`} class="no-print">
          <CsrfField ctx={ctx} />
          {!site.archived && <p>{t('admin.site.archivedIntro')}</p>}
          <div class="button-row">
            <button type="submit" class="secondary">
              {site.archived ? t('admin.site.unarchive') : t('admin.site.archive')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
