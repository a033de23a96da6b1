import type { FieldErrors } from '../../../platform/errors.ts';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { ErrorSummary, Form, localizeErrors, SelectField, TextField } from '../../../ui/components/form.tsx';
import { Pagination } from '../../../ui/components/pagination.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { SEARCH_PERSONS_CAP, type EnrolmentListItem, type EnrolmentListPage } from '../enrolment.service.ts';
import type { PathwaySummary } from '../pathway.service.ts';
import { ENROLMENT_STATES, type EnrolmentState } from '../pathways.vocab.ts';
import { PathwaysStyles, shortDate, tk } from './parts.tsx';

export const ENROLMENTS_PATH = '/parcours/inscriptions';

/** The list's choices as the address holds them (?parcours=&etat=&q=), and the page asked for. */
export interface EnrolmentListChoices {
  parcours: string;
  etat: EnrolmentState | '';
  q: string;
}

/** The list's address with its choices (empty ones left out) and a page number. */
export function enrolmentsHref(choices: EnrolmentListChoices, page = 1): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(choices)) if (value) params.set(name, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${ENROLMENTS_PATH}?${query}` : ENROLMENTS_PATH;
}

/** Every pathway's enrolments: who, on which pathway, where they stand; filters as a GET form, pages, downloads. */
export function EnrolmentsPage({ ctx, pathways, choices, result, page, errors = {} }: {
  ctx: ViewContext;
  pathways: PathwaySummary[];
  choices: EnrolmentListChoices;
  /** Null when the choices were refused (errors). */
  result: EnrolmentListPage | null;
  page: number;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const filtered = Boolean(choices.parcours || choices.etat || choices.q);
  const pages = result ? Math.max(1, Math.ceil(result.total / result.limit)) : 1;
  return (
    <Layout ctx={ctx} title={t('pathways.enrolmentList.title')} hasErrors={Object.keys(e).length > 0} backHref="/parcours">
      <PathwaysStyles />
      <h1>{t('pathways.enrolmentList.title')}</h1>
      <p class="lead">{t('pathways.enrolmentList.intro')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <section aria-labelledby="filtres-inscriptions">
        <h2 id="filtres-inscriptions" class="visually-hidden">{t('pathways.enrolmentList.filters')}</h2>
        <Form ctx={ctx} action={ENROLMENTS_PATH} method="get">
          <div class="search-row">
            <SelectField
              ctx={ctx} name="parcours" label={t('pathways.enrolmentList.pathway')} value={choices.parcours} placeholder={t('pathways.enrolmentList.allPathways')}
              choices={pathways.map((p) => ({ value: p.id, label: p.archivedAt ? `${p.title} (${t('pathways.archivedTag').toLowerCase()})` : p.title }))}
              error={e.parcours}
            />
            <SelectField
              ctx={ctx} name="etat" label={t('pathways.enrolmentList.state')} value={choices.etat} placeholder={t('pathways.stateFilter.all')}
              choices={ENROLMENT_STATES.map((s) => ({ value: s, label: t(tk('pathways.enrolmentStatus', s)) }))}
            />
            <TextField ctx={ctx} name="q" label={t('pathways.enrolmentList.q')} hint={t('pathways.enrolmentList.qHint')} value={choices.q} optional />
            <button type="submit" class="secondary">{t('pathways.enrolmentList.show')}</button>
          </div>
        </Form>
      </section>
      {result?.searchCapped && <p class="notice">{t('pathways.enrolmentList.searchCapped', { count: SEARCH_PERSONS_CAP })}</p>}
      {result && (result.total === 0 ? (
        filtered ? (
          <p>
            {t('pathways.enrolmentList.noneMatching')} <a href={ENROLMENTS_PATH}>{t('pathways.enrolmentList.showAll')}</a>
          </p>
        ) : (
          <p>{t('pathways.enrolmentList.none')}</p>
        )
      ) : (
        <>
          <p>{t('pathways.enrolmentList.count', { count: result.total })}</p>
          <EnrolmentsTable ctx={ctx} items={result.items} />
          <Pagination ctx={ctx} page={page} pages={pages} href={(n) => enrolmentsHref(choices, n)} />
          <ExportLinks ctx={ctx} href={enrolmentsHref(choices)} />
        </>
      ))}
    </Layout>
  );
}

function EnrolmentsTable({ ctx, items }: { ctx: ViewContext; items: EnrolmentListItem[] }) {
  const { t } = ctx;
  return (
    <table class="responsive">
      <thead>
        <tr>
          <th scope="col">{t('pathways.col.learner')}</th>
          <th scope="col">{t('pathways.col.title')}</th>
          <th scope="col">{t('pathways.col.status')}</th>
          <th scope="col">{t('pathways.col.progress')}</th>
          <th scope="col">{t('pathways.col.enrolledOn')}</th>
          <th scope="col">{t('pathways.col.lastEvaluation')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ enrolment, learner, pathwayTitle, state, acquired, total, currentModuleTitle, lastEvaluatedAt }) => {
          const name = learner.erased ? t('pathways.erasedPerson') : learner.name;
          return (
            <tr key={enrolment.id}>
              <td data-label={t('pathways.col.learner')}>
                {/* The list shows only persons the viewer may see; an erased file has no page left to open. */}
                {learner.kind === 'person' && !learner.erased ? <a href={`/personnes/${learner.id}`}>{name}</a> : name}
                {learner.kind === 'user' && <> <span class="tag">{t('pathways.learnerKind.user')}</span></>}
              </td>
              <td data-label={t('pathways.col.title')}>
                <a href={`/parcours/${enrolment.pathwayId}`}>{pathwayTitle}</a>
              </td>
              <td data-label={t('pathways.col.status')}>
                {state === 'completed' ? <span class="tag success">{t('pathways.enrolmentStatus.completed')}</span> : t(tk('pathways.enrolmentStatus', state))}
              </td>
              <td data-label={t('pathways.col.progress')}>
                <a href={`/parcours/inscriptions/${enrolment.id}`}>
                  {t('pathways.enrolmentList.progress', { acquired, total })}
                  <span class="visually-hidden">, {t('pathways.enrolmentList.progressOf', { name })}</span>
                </a>
                {currentModuleTitle && state === 'active' && (
                  <>
                    <br />
                    <span class="hint">{t('pathways.col.current')} : {currentModuleTitle}</span>
                  </>
                )}
              </td>
              <td data-label={t('pathways.col.enrolledOn')}>{shortDate(enrolment.enrolledAt)}</td>
              <td data-label={t('pathways.col.lastEvaluation')}>{lastEvaluatedAt ? shortDate(lastEvaluatedAt) : t('pathways.enrolmentList.noEvaluation')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
