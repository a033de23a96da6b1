/** The fiches given at a navette visit: noting them, and the list in a person's file. */
import type { FieldErrors } from '../../../platform/errors.ts';
import type { FicheLink } from '../../../platform/fiche-links.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors } from '../../../ui/components/form.tsx';
import { formatDate } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { FicheRow } from '../fiche.service.ts';
import type { VisitChoice } from '../ports.ts';

export function GiveFichesPage({ ctx, visit, fiches, given, errors = {} }: { ctx: ViewContext; visit: VisitChoice; fiches: FicheRow[]; given: string[]; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('resources.given.title', { date: formatDate(visit.writtenAt, ctx.locale) });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/navette/demandes/${visit.requestId}/visite`}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      {fiches.length === 0 ? (
        <p>{t('resources.given.noFiches')}</p>
      ) : (
        <Form ctx={ctx} action={`/fiches-pratiques/visites/${visit.id}`}>
          <ChoiceGroup ctx={ctx} name="ficheIds" type="checkbox" optional legend={t('resources.given.legend')} hint={t('resources.given.hint')} value={given} error={e.ficheIds}
            choices={fiches.map((f) => ({ value: f.id, label: f.title }))} />
          <button type="submit">{t('resources.given.submit')}</button>
        </Form>
      )}
    </Layout>
  );
}

export function PersonFichesPage({ ctx, personId, visits }: { ctx: ViewContext; personId: string; visits: { visit: VisitChoice; fiches: FicheLink[] }[] }) {
  const { t } = ctx;
  const title = t('resources.person.title');
  return (
    <Layout ctx={ctx} title={title} backHref={`/personnes/${personId}`}>
      <h1>{title}</h1>
      {visits.length === 0 ? (
        <p>{t('resources.person.none')}</p>
      ) : (
        visits.map(({ visit, fiches }) => (
          <section key={visit.id} aria-labelledby={`visite-${visit.id}`}>
            <h2 id={`visite-${visit.id}`}>{t('resources.person.visit', { date: formatDate(visit.writtenAt, ctx.locale) })}</h2>
            <ul>
              {fiches.map((f) => (
                <li key={f.href}>
                  <a href={f.href}>{f.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </Layout>
  );
}
