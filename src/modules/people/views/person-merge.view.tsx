import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { ErrorSummary, Form } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { CONSENT_KINDS } from '../person.schemas.ts';
import type { DuplicateMatch, MergePreview, PersonFile, PersonListItem } from '../person.types.ts';
import { ageText, eurosText, personName, phoneText, reasonsText } from './helpers.ts';

function CandidateList({ ctx, keepId, items }: { ctx: ViewContext; keepId: string; items: (PersonListItem & { matchedOn?: string[] })[] }) {
  const { t } = ctx;
  return (
    <table class="responsive">
      <thead>
        <tr>
          <th scope="col">{t('people.col.name')}</th>
          <th scope="col">{t('people.col.age')}</th>
          <th scope="col">{t('people.col.phone')}</th>
          <th scope="col">{t('people.col.commune')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id}>
            <td data-label={t('people.col.name')}>
              <a href={`/personnes/${p.id}`}>{personName(t, p)}</a>
              {p.matchedOn && <span class="hint block">{t('people.duplicate.matchedOn', { reasons: reasonsText(t, p.matchedOn) })}</span>}
            </td>
            <td data-label={t('people.col.age')}>{ageText(t, p)}</td>
            <td data-label={t('people.col.phone')}>{phoneText(p.phone)}</td>
            <td data-label={t('people.col.commune')}>{p.communeName ?? ''}</td>
            <td data-label={t('common.actions')}>
              <a href={`/personnes/${keepId}/fusionner?avec=${p.id}`}>{t('people.mergeCompare', { name: personName(t, p) })}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MergePickPage({
  ctx,
  keep,
  suggestions,
  q,
  results,
  errors = {},
}: {
  ctx: ViewContext;
  keep: PersonFile;
  suggestions: DuplicateMatch[];
  q: string;
  results: PersonListItem[] | null;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const name = personName(t, keep);
  const title = t('people.mergeTitle', { name });
  return (
    <Layout ctx={ctx} title={title} backHref={`/personnes/${keep.id}`} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <p class="lead">{t('people.mergeIntro', { name })}</p>
      <h2>{t('people.mergeSuggested')}</h2>
      {suggestions.length === 0 ? <p>{t('people.mergeNoSuggestion')}</p> : <CandidateList ctx={ctx} keepId={keep.id} items={suggestions} />}
      <h2>{t('people.mergeSearch')}</h2>
      <search>
        <form method="get" action={`/personnes/${keep.id}/fusionner`} class="search-row">
          <div class="field">
            <label for="champ-q">{t('people.searchLabel')}</label>
            <p class="hint" id="champ-q-aide">
              {t('people.searchHint')}
            </p>
            <input id="champ-q" name="q" type="search" value={q} aria-describedby="champ-q-aide" autocomplete="off" />
          </div>
          <button type="submit" class="secondary">
            {t('common.search')}
          </button>
        </form>
      </search>
      {results !== null &&
        (results.length === 0 ? (
          <p role="status">{t('people.noResult', { q })}</p>
        ) : (
          <CandidateList ctx={ctx} keepId={keep.id} items={results} />
        ))}
    </Layout>
  );
}

interface Row {
  label: string;
  render: (f: PersonFile) => ComponentChildren;
}

export function MergeCheckPage({ ctx, preview }: { ctx: ViewContext; preview: MergePreview }) {
  const { t } = ctx;
  const { keep, duplicate, result } = preview;
  const rows: Row[] = [
    { label: t('people.firstName'), render: (f) => f.firstName },
    { label: t('people.lastName'), render: (f) => f.lastName },
    { label: t('people.birthYear'), render: (f) => ageText(t, f) },
    { label: t('people.phone'), render: (f) => phoneText(f.phone) },
    { label: t('people.email'), render: (f) => f.email },
    { label: t('people.col.commune'), render: (f) => f.communeName },
    { label: t('people.socialStatus'), render: (f) => t(`vocab.socialStatus.${f.socialStatus}` as MessageKey) },
    { label: t('people.gender'), render: (f) => t(`vocab.gender.${f.gender}` as MessageKey) },
    { label: t('people.accessibilityNeeds'), render: (f) => f.accessibilityNeeds },
    { label: t('people.household'), render: (f) => f.household?.name },
    { label: t('people.section.memberships'), render: (f) => f.memberships.map((m) => `${m.year}${m.amountCents ? ` (${eurosText(m.amountCents)})` : ''}`).join(', ') },
    {
      label: t('people.section.consents'),
      render: (f) =>
        CONSENT_KINDS.filter((k) => f.consents[k]?.granted)
          .map((k) => t(`people.consent.${k}` as MessageKey))
          .join(' ; '),
    },
  ];
  const title = t('people.mergeCheckTitle');
  return (
    <Layout ctx={ctx} title={title} backHref={`/personnes/${keep.id}/fusionner`}>
      <h1>{title}</h1>
      <p class="lead">{t('people.mergeCheckIntro')}</p>
      <table class="responsive merge-table">
        <thead>
          <tr>
            <th scope="col">{t('people.mergeField')}</th>
            <th scope="col">{t('people.mergeKept')}</th>
            <th scope="col">{t('people.mergeDuplicate')}</th>
            <th scope="col">{t('people.mergeResult')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">
                <strong>{row.label}</strong>
              </th>
              <td data-label={t('people.mergeKept')}>{row.render(keep) || '—'}</td>
              <td data-label={t('people.mergeDuplicate')}>{row.render(duplicate) || '—'}</td>
              <td data-label={t('people.mergeResult')}>
                <strong>{row.render(result) || '—'}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('people.mergeMoves')}</h2>
      <ul>
        <li>
          {preview.membershipYearsMoved.length > 0
            ? t('people.mergeMovesMemberships', { years: preview.membershipYearsMoved.join(', ') })
            : t('people.mergeMovesNoMembership')}
        </li>
        <li>{t('people.mergeMovesConsents', { count: preview.consentsMoved })}</li>
        <li>{t('people.mergeMovesModules')}</li>
      </ul>
      <Form ctx={ctx} action={`/personnes/${keep.id}/fusionner`}>
        <input type="hidden" name="duplicateId" value={duplicate.id} />
        <div class="button-row">
          <button type="submit">{t('people.mergeConfirm')}</button>
          <a href={`/personnes/${keep.id}`}>{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}
