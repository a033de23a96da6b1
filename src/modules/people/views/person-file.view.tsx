import { translate, type MessageKey } from '../../../platform/i18n/index.ts';
import { LandlineWarning, PhoneLink } from '../../../ui/components/contact.tsx';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { CONSENT_KINDS } from '../person.schemas.ts';
import type { PersonFile } from '../person.types.ts';
import { ageText, eurosText, personName, phoneText } from './helpers.ts';

export interface AuditEntry {
  id: string;
  actorLabel: string;
  action: string;
  details: string | null;
  at: string;
}

export interface FileActions {
  edit: boolean;
  merge: boolean;
  export: boolean;
  erase: boolean;
}

function auditDetails(ctx: ViewContext, details: string | null): string {
  if (!details) return '';
  try {
    const parsed = JSON.parse(details) as { fields?: unknown };
    if (Array.isArray(parsed.fields)) return ctx.t('people.audit.fields', { fields: parsed.fields.join(', ') });
  } catch {
    // Details are written by the app; an unreadable one is shown as nothing rather than raw.
  }
  return '';
}

function NotGiven({ ctx }: { ctx: ViewContext }) {
  return <span class="hint">{ctx.t('people.notGiven')}</span>;
}

function Memberships({ ctx, file }: { ctx: ViewContext; file: PersonFile }) {
  const { t } = ctx;
  if (file.memberships.length === 0) return <p>{t('people.noMembership')}</p>;
  return (
    <table class="responsive">
      <thead>
        <tr>
          <th scope="col">{t('people.membership.year')}</th>
          <th scope="col">{t('people.membership.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {file.memberships.map((m) => (
          <tr key={m.year}>
            <td data-label={t('people.membership.year')}>{m.year}</td>
            <td data-label={t('people.membership.amount')}>{m.amountCents === null ? t('people.membership.free') : eurosText(m.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Consents({ ctx, file }: { ctx: ViewContext; file: PersonFile }) {
  const { t } = ctx;
  return (
    <>
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">{t('people.consent.kind')}</th>
            <th scope="col">{t('people.consent.state')}</th>
            <th scope="col">{t('people.consent.date')}</th>
          </tr>
        </thead>
        <tbody>
          {CONSENT_KINDS.map((kind) => {
            const state = file.consents[kind];
            return (
              <tr key={kind}>
                <td data-label={t('people.consent.kind')}>{t(`people.consent.${kind}` as MessageKey)}</td>
                <td data-label={t('people.consent.state')}>
                  {state === null ? (
                    <span class="tag">{t('people.consent.notAsked')}</span>
                  ) : state.granted ? (
                    <span class="tag success">{t('people.consent.granted')}</span>
                  ) : (
                    <span class="tag error">{t('people.consent.refused')}</span>
                  )}
                </td>
                {/* Nothing recorded: no date, and no empty "Date :" line on phones either. */}
                {state ? (
                  <td data-label={t('people.consent.date')}>
                    {t('people.consent.dateVersion', { date: formatShortDate(state.recordedAt, ctx), version: state.wordingVersion })}
                  </td>
                ) : (
                  <td />
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {file.consentHistory.length > 0 && (
        <details>
          <summary>{t('people.consent.history')}</summary>
          <ul>
            {file.consentHistory.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.recordedAt, ctx.locale)} — {t(`people.consent.${h.kind}` as MessageKey)} :{' '}
                {h.granted ? t('people.consent.granted') : t('people.consent.refused')} ({h.wordingVersion})
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** "26/11/2026": compact, for table cells. */
function formatShortDate(iso: string, ctx: ViewContext): string {
  return formatDateTime(iso, ctx.locale).split(' ')[0] ?? '';
}

function AuditSection({ ctx, entries }: { ctx: ViewContext; entries: AuditEntry[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="titre-journal">
      <h2 id="titre-journal">{t('people.section.audit')}</h2>
      {entries.length === 0 ? (
        <p>{t('people.audit.empty')}</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{t('people.audit.at')}</th>
              <th scope="col">{t('people.audit.who')}</th>
              <th scope="col">{t('people.audit.action')}</th>
              <th scope="col">{t('people.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td data-label={t('people.audit.at')}>{formatDateTime(e.at, ctx.locale)}</td>
                <td data-label={t('people.audit.who')}>{e.actorLabel}</td>
                <td data-label={t('people.audit.action')}>{translate(ctx.locale, `people.audit.action.${e.action}`)}</td>
                <td data-label={t('people.audit.details')}>{auditDetails(ctx, e.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function PersonFilePage({
  ctx,
  file,
  actions,
  auditEntries,
  serviceLinks = [],
}: {
  ctx: ViewContext;
  file: PersonFile;
  actions: FileActions;
  auditEntries: AuditEntry[] | null;
  /** Links to what other services hold about the person (workshops, appointments…). */
  serviceLinks?: { label: MessageKey; href: string }[];
}) {
  const { t } = ctx;
  if (file.erasedAt) {
    return (
      <Layout ctx={ctx} title={t('people.erasedTitle')} backHref="/personnes">
        <h1>{t('people.erasedTitle')}</h1>
        <div class="notice">
          <p>{t('people.erasedNotice', { date: formatDate(file.erasedAt, ctx.locale) })}</p>
        </div>
        <dl class="summary">
          <dt>{t('people.ageBracket')}</dt>
          <dd>{t(`vocab.ageBracket.${file.ageBracket}` as MessageKey)}</dd>
          <dt>{t('people.col.commune')}</dt>
          <dd>{file.communeName ?? <NotGiven ctx={ctx} />}</dd>
          <dt>{t('people.socialStatus')}</dt>
          <dd>{t(`vocab.socialStatus.${file.socialStatus}` as MessageKey)}</dd>
          <dt>{t('people.gender')}</dt>
          <dd>{t(`vocab.gender.${file.gender}` as MessageKey)}</dd>
        </dl>
        <h2>{t('people.section.memberships')}</h2>
        <Memberships ctx={ctx} file={file} />
        {auditEntries && <AuditSection ctx={ctx} entries={auditEntries} />}
      </Layout>
    );
  }
  const name = personName(t, file);
  return (
    <Layout ctx={ctx} title={name} backHref="/personnes">
      <h1>{name}</h1>
      <p class="hint">{t('people.createdOn', { date: formatDate(file.createdAt, ctx.locale) })}</p>
      {actions.edit && (
        <p>
          <a class="button" href={`/personnes/${file.id}/modifier`}>
            {t('people.edit')}
          </a>
        </p>
      )}

      {serviceLinks.length > 0 && (
        <nav aria-labelledby="suivi-titre" class="panel">
          <h2 id="suivi-titre">{t('people.section.services')}</h2>
          <ul>
            {serviceLinks.map((link) => (
              <li key={link.href}>
                <a href={link.href}>{t(link.label)}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <h2>{t('people.section.identity')}</h2>
      <dl class="summary">
        <dt>{t('people.firstName')}</dt>
        <dd>{file.firstName}</dd>
        <dt>{t('people.lastName')}</dt>
        <dd>{file.lastName}</dd>
        <dt>{t('people.birthYear')}</dt>
        <dd>{ageText(t, file)}</dd>
        <dt>{t('people.col.commune')}</dt>
        <dd>{file.communeName ?? <NotGiven ctx={ctx} />}</dd>
        <dt>{t('people.socialStatus')}</dt>
        <dd>{t(`vocab.socialStatus.${file.socialStatus}` as MessageKey)}</dd>
        <dt>{t('people.gender')}</dt>
        <dd>{t(`vocab.gender.${file.gender}` as MessageKey)}</dd>
        <dt>{t('people.accessibilityNeeds')}</dt>
        <dd>{file.accessibilityNeeds ?? <NotGiven ctx={ctx} />}</dd>
      </dl>

      <h2>{t('people.section.contact')}</h2>
      <dl class="summary">
        <dt>{t('people.phone')}</dt>
        <dd>
          {file.phone ? (
            <PhoneLink phone={file.phone} label={t('people.call', { phone: phoneText(file.phone) })} />
          ) : (
            <NotGiven ctx={ctx} />
          )}
        </dd>
        <dt>{t('people.email')}</dt>
        <dd>{file.email ? <a href={`mailto:${file.email}`}>{file.email}</a> : <NotGiven ctx={ctx} />}</dd>
      </dl>
      <LandlineWarning ctx={ctx} phone={file.phone} />

      <h2>{t('people.household')}</h2>
      {file.household ? (
        <>
          <p>
            <strong>{file.household.name}</strong>
          </p>
          {file.household.members.length === 0 ? (
            <p>{t('people.householdAlone')}</p>
          ) : (
            <>
              <p>{t('people.householdMembers')} :</p>
              <ul>
                {file.household.members.map((m) => (
                  <li key={m.id}>
                    <a href={`/personnes/${m.id}`}>{personName(t, m)}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <p>{t('people.noHousehold')}</p>
      )}

      <h2>{t('people.section.memberships')}</h2>
      <Memberships ctx={ctx} file={file} />

      <h2>{t('people.section.consents')}</h2>
      <Consents ctx={ctx} file={file} />

      {(actions.merge || actions.export || actions.erase) && (
        <>
          <h2>{t('people.section.actions')}</h2>
          <ul class="action-list">
            {actions.merge && (
              <li>
                <a href={`/personnes/${file.id}/fusionner`}>{t('people.mergeAction')}</a>
              </li>
            )}
            {actions.export && (
              <li>
                <a href={`/personnes/${file.id}/export`} download>
                  {t('people.exportAction')}
                </a>
              </li>
            )}
            {actions.erase && (
              <li>
                <a href={`/personnes/${file.id}/effacer`}>{t('people.eraseAction')}</a>
              </li>
            )}
          </ul>
        </>
      )}

      {auditEntries && <AuditSection ctx={ctx} entries={auditEntries} />}
    </Layout>
  );
}
