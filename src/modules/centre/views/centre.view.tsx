import type { Commune } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatPhone } from '../../../platform/text.ts';
import type { CentreOverview } from '../centre.service.ts';
import { OPENING_HOURS_EXAMPLE, weekHours } from '../opening-hours.ts';
import { CentreNav, CommuneField, OpeningHoursTable } from './common.view.tsx';

export function CentreOverviewPage({ ctx, overview }: { ctx: ViewContext; overview: CentreOverview }) {
  const { t } = ctx;
  const { centre } = overview;
  const week = weekHours(centre.openingHours, ctx.now);
  const notGiven = <span class="hint">{t('admin.notGiven')}</span>;
  // French: 0 and 1 take the singular.
  const count = (n: number, key: 'sites' | 'archived' | 'communes' | 'staff' | 'inactive' | 'tokens') =>
    t(n === 0 && (key === 'sites' || key === 'communes' || key === 'tokens') ? `admin.count.${key}.none` : `admin.count.${key}`, { count: n });
  const inactive = overview.staff.total - overview.staff.active;
  const cards = [
    {
      href: '/centre/lieux',
      title: t('admin.centre.sitesCard'),
      text: [count(overview.sites.active, 'sites'), overview.sites.archived ? count(overview.sites.archived, 'archived') : ''].filter(Boolean).join(', '),
    },
    { href: '/centre/communes', title: t('admin.centre.communesCard'), text: count(overview.partnerCommunes, 'communes') },
    {
      href: '/centre/equipe',
      title: t('admin.centre.teamCard'),
      text: [count(overview.staff.active, 'staff'), inactive ? count(inactive, 'inactive') : ''].filter(Boolean).join(', '),
    },
    { href: '/centre/jetons', title: t('admin.centre.tokensCard'), text: count(overview.tokens, 'tokens') },
  ];
  return (
    <Layout ctx={ctx} title={t('admin.centre.title')}>
      <h1>{t('admin.centre.title')}</h1>
      <CentreNav ctx={ctx} />
      <p class="lead">{t('admin.centre.intro')}</p>
      <h2>{centre.name}</h2>
      <dl class="summary">
        <dt>{t('admin.centre.address')}</dt>
        <dd>
          {centre.address && <>{centre.address}<br /></>}
          {[centre.postalCode, centre.communeName].filter(Boolean).join(' ')}
        </dd>
        <dt>{t('admin.centre.phone')}</dt>
        <dd>{centre.phone ? formatPhone(centre.phone) : notGiven}</dd>
        <dt>{t('admin.centre.email')}</dt>
        <dd>{centre.email ?? notGiven}</dd>
        <dt>{t('admin.centre.siret')}</dt>
        <dd>{centre.siret ? formatSiret(centre.siret) : <>{notGiven} <span class="hint">{t('admin.centre.siretMissing')}</span></>}</dd>
        <dt>{t('admin.centre.openingHours')}</dt>
        <dd>
          {week ? (
            <>
              <OpeningHoursTable ctx={ctx} week={week} />
              <p class="hint">{t('admin.centre.openingHoursNote')}</p>
              <p class="hint">{t('admin.centre.openingHoursRaw', { value: centre.openingHours })}</p>
            </>
          ) : (
            notGiven
          )}
        </dd>
        <dt>{t('admin.centre.slug')}</dt>
        <dd><code>{centre.slug}</code></dd>
      </dl>
      <p>
        <a class="button" href="/centre/modifier">{t('admin.centre.editLink')}</a>
      </p>
      <h2>{t('admin.centre.sections')}</h2>
      <ul class="cards">
        {cards.map((c) => (
          <li key={c.href}>
            <a class="card" href={c.href}>
              <strong>{c.title}</strong>
              <span class="hint block">{c.text}</span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function CentreEditPage({
  ctx,
  values,
  errors = {},
  communeCandidates,
}: {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors;
  communeCandidates?: Commune[];
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return (
    <Layout ctx={ctx} title={t('admin.centre.editTitle')} hasErrors={Object.keys(e).length > 0} backHref="/centre">
      <h1>{t('admin.centre.editTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action="/centre/modifier">
        <TextField ctx={ctx} name="name" label={t('admin.centre.name')} value={v('name')} error={e.name} autocomplete="organization" />
        <TextField ctx={ctx} name="address" label={t('admin.centre.address')} hint={t('admin.centre.addressHint')} value={v('address')} error={e.address} optional autocomplete="street-address" />
        <TextField ctx={ctx} name="postalCode" label={t('admin.centre.postalCode')} value={v('postalCode')} error={e.postalCode} optional inputmode="numeric" autocomplete="postal-code" width="short" />
        <CommuneField ctx={ctx} label={t('admin.commune.label')} hint={t('admin.commune.hint')} value={v('commune')} error={e.commune} candidates={communeCandidates} />
        <TextField ctx={ctx} name="phone" type="tel" label={t('admin.centre.phone')} value={v('phone')} error={e.phone} optional autocomplete="tel" width="medium" />
        <TextField ctx={ctx} name="email" type="email" label={t('admin.centre.email')} value={v('email')} error={e.email} optional autocomplete="email" width="medium" />
        <TextField ctx={ctx} name="siret" label={t('admin.centre.siret')} hint={t('admin.centre.siretHint')} value={v('siret')} error={e.siret} optional inputmode="numeric" width="medium" />
        <TextField
          ctx={ctx}
          name="openingHours"
          label={t('admin.centre.openingHours')}
          hint={t('admin.centre.openingHoursHint', { example: OPENING_HOURS_EXAMPLE })}
          value={v('openingHours')}
          error={e.openingHours}
          optional
          autocomplete="off"
        />
        <div class="button-row">
          <button type="submit">{t('common.save')}</button>
          <a href="/centre">{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}

/** "12345678900012" → "123 456 789 00012", as it is printed on official papers. */
function formatSiret(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}
