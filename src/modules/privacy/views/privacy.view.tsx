import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { RETENTION_KINDS, retentionKinds } from '../../../platform/retention.ts';
import { ErrorSummary, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { periodText, type ProcessingRegister } from '../register.ts';

function PrivacyNav({ ctx, canManage }: { ctx: ViewContext; canManage: boolean }) {
  const path = ctx.path.split('?')[0] ?? '';
  const links: { href: string; label: MessageKey }[] = [
    ...(canManage ? [{ href: '/rgpd/conservation', label: 'privacy.nav.retention' as const }] : []),
    { href: '/rgpd/registre', label: 'privacy.nav.register' },
  ];
  return (
    <nav class="main-nav section-nav" aria-label={ctx.t('privacy.register.title')}>
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} aria-current={path === l.href ? 'page' : undefined}>{ctx.t(l.label)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The administrator's retention settings: one number per kind of data, in months or days. */
export function RetentionPage({ ctx, values, errors = {} }: { ctx: ViewContext; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return (
    <Layout ctx={ctx} title={t('privacy.retention.title')} hasErrors={Object.keys(e).length > 0}>
      <h1>{t('privacy.retention.title')}</h1>
      <PrivacyNav ctx={ctx} canManage />
      <p class="lead">{t('privacy.retention.intro')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action="/rgpd/conservation">
        {retentionKinds.map((kind) => {
          const spec = RETENTION_KINDS[kind];
          return (
            <TextField
              key={kind}
              ctx={ctx}
              name={kind}
              label={`${t(`privacy.kind.${kind}`)} (${t(spec.unit === 'months' ? 'privacy.unitLabel.months' : 'privacy.unitLabel.days')})`}
              hint={`${t(`privacy.kind.${kind}.hint`)} ${t('privacy.retention.default', { value: periodText(t, kind, spec.default) })}`}
              value={v(kind)}
              error={e[kind]}
              inputmode="numeric"
              width="short"
            />
          );
        })}
        <div class="button-row">
          <button type="submit">{t('common.save')}</button>
        </div>
      </Form>
      <p>
        <a href="/rgpd/registre">{t('privacy.retention.registerLink')}</a>
      </p>
    </Layout>
  );
}

const CLASS_LABEL = {
  personal: 'privacy.register.class.personal',
  team: 'privacy.register.class.team',
  statistic: 'privacy.register.class.statistic',
} as const;

/** The register of processing activities (RGPD art. 30), printable. */
export function RegisterPage({ ctx, register, canManage }: { ctx: ViewContext; register: ProcessingRegister; canManage: boolean }) {
  const { t } = ctx;
  const { controller } = register;
  return (
    <Layout ctx={ctx} title={t('privacy.register.title')}>
      <h1>{t('privacy.register.title')}</h1>
      <PrivacyNav ctx={ctx} canManage={canManage} />
      <p class="lead">{t('privacy.register.intro')}</p>
      <p class="hint">{t('privacy.register.generatedAt', { date: formatDateTime(register.generatedAt, ctx.locale) })}</p>
      <h2>{t('privacy.register.controller')}</h2>
      <dl class="summary">
        <dt>{t('privacy.register.controller')}</dt>
        <dd>{controller.name}{controller.address && <><br />{controller.address}</>}</dd>
        <dt>{t('privacy.register.contact')}</dt>
        <dd>{[controller.email, controller.phone].filter(Boolean).join(' — ') || t('admin.notGiven')}</dd>
        <dt>{t('privacy.register.security')}</dt>
        <dd>{register.security}</dd>
      </dl>
      {register.activities.map((a) => (
        <section key={a.id} aria-labelledby={`traitement-${a.id}`}>
          <h2 id={`traitement-${a.id}`}>{a.name}</h2>
          <dl class="summary">
            <dt>{t('privacy.register.purpose')}</dt>
            <dd>{a.purpose}</dd>
            <dt>{t('privacy.register.legalBasis')}</dt>
            <dd>{a.legalBasis}</dd>
            <dt>{t('privacy.register.subjects')}</dt>
            <dd>{a.subjects}</dd>
            <dt>{t('privacy.register.recipients')}</dt>
            <dd>{a.recipients}</dd>
            <dt>{t('privacy.register.retention')}</dt>
            <dd>
              <ul>
                {a.retention.map((r) => (
                  <li key={r.kind}>{r.label} : {r.period}</li>
                ))}
              </ul>
            </dd>
            <dt>{t('privacy.register.data')}</dt>
            <dd>
              <ul>
                {a.data.map((d) => (
                  <li key={d.table}>
                    <code>{d.table}</code>
                    {(['personal', 'team', 'statistic'] as const).map((kind) => {
                      const names = d.columns.filter((c) => c.kind === kind).map((c) => c.name);
                      return names.length > 0 ? (
                        <span key={kind} class="block">
                          {t(CLASS_LABEL[kind])} : {names.join(', ')}
                        </span>
                      ) : null;
                    })}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        </section>
      ))}
    </Layout>
  );
}
