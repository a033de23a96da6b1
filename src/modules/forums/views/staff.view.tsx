import type { FieldErrors } from '../../../platform/errors.ts';
import { communeName } from '../../../platform/communes.ts';
import { ErrorSummary, Form, SelectField, TextArea, TextField, localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatDateRange, formatDateTime } from '../../../ui/format.ts';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { EnteredTally } from '../forum.repository.ts';
import { isAnonymous, type Consultation, type Proposal, type Results } from '../forum.service.ts';
import type { ProposalOrigin, ProposalStatus } from '../forums.vocab.ts';
import { MEDIATION_THEMES } from '../../../platform/vocab/mediation.ts';
import { addDays } from '../../../platform/time.ts';

const str = (values: FormValues, k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');

export function ConsultationListPage({ ctx, items, canManage }: { ctx: ViewContext; items: Consultation[]; canManage: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forums.staff.listTitle')}>
      <h1>{t('forums.staff.listTitle')}</h1>
      {canManage && <p><a class="button" href="/consultations/nouvelle">{t('forums.staff.newButton')}</a></p>}
      {items.length === 0 ? (
        <p>{t('forums.staff.noConsultation')}</p>
      ) : (
        <table>
          <TableHead ctx={ctx} columns={[t('forums.staff.consultation'), t('forums.staff.phase'), t('forums.staff.votesDates')]} />
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td><a href={`/consultations/${c.id}`}>{c.title}</a></td>
                <td>{t(`forums.staff.phase.${c.phase}`)}</td>
                <td>{formatDateRange(c.votesOpenOn, c.votesCloseOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length > 0 && <ExportLinks ctx={ctx} href="/consultations" />}
    </Layout>
  );
}

/** The form that opens a consultation, or, with `consultationId`, changes one (the same fields). */
export function ConsultationFormPage({ ctx, values = {}, errors = {}, consultationId }: { ctx: ViewContext; values?: FormValues; errors?: FieldErrors; consultationId?: string }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  const title = t(consultationId ? 'forums.staff.editTitle' : 'forums.staff.newTitle');
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(shown).length > 0} backHref={consultationId ? `/consultations/${consultationId}` : '/consultations'}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <h1>{title}</h1>
      <Form ctx={ctx} action={consultationId ? `/consultations/${consultationId}/modifier` : '/consultations/nouvelle'}>
        <TextField ctx={ctx} name="title" label={t('forums.staff.title')} value={str(values, 'title')} error={shown.title} />
        <TextArea ctx={ctx} name="description" label={t('forums.staff.description')} optional value={str(values, 'description')} error={shown.description} />
        <TextField ctx={ctx} name="proposalsOpenOn" type="date" label={t('forums.staff.proposalsOpenOn')} value={str(values, 'proposalsOpenOn')} error={shown.proposalsOpenOn} width="short" />
        <TextField ctx={ctx} name="votesOpenOn" type="date" label={t('forums.staff.votesOpenOn')} hint={t('forums.staff.votesOpenOnHint')} value={str(values, 'votesOpenOn')} error={shown.votesOpenOn} width="short" />
        <TextField ctx={ctx} name="votesCloseOn" type="date" label={t('forums.staff.votesCloseOn')} value={str(values, 'votesCloseOn')} error={shown.votesCloseOn} width="short" />
        <TextField ctx={ctx} name="votesPerPerson" type="number" inputmode="numeric" label={t('forums.staff.votesPerPerson')} value={str(values, 'votesPerPerson') || '3'} error={shown.votesPerPerson} width="short" />
        <SelectField
          ctx={ctx} name="moderation" label={t('forums.staff.moderation')} value={str(values, 'moderation') || 'oui'} error={shown.moderation}
          choices={[{ value: 'oui', label: t('forums.staff.moderationOn') }, { value: 'non', label: t('forums.staff.moderationOff') }]}
        />
        <TextField ctx={ctx} name="eligibleCommunes" label={t('forums.staff.eligibleCommunes')} hint={t('forums.staff.eligibleCommunesHint')} optional value={str(values, 'eligibleCommunes')} error={shown.eligibleCommunes} />
        <button type="submit">{t(consultationId ? 'forums.staff.save' : 'forums.staff.create')}</button>
      </Form>
    </Layout>
  );
}

export function ConsultationPage(
  { ctx, c, proposals, tallies, results, canManage, canEnter }: { ctx: ViewContext; c: Consultation; proposals: Proposal[]; tallies: EnteredTally[]; results: Results | null; canManage: boolean; canEnter: boolean },
) {
  const { t } = ctx;
  const accepted = proposals.filter((p) => p.status === 'accepted');
  const titles = new Map(proposals.map((p) => [p.id, p.title]));
  return (
    <Layout ctx={ctx} title={c.title} backHref="/consultations">
      <h1>{c.title}</h1>
      <p>
        {t(`forums.staff.phase.${c.phase}`)} — {t('forums.public.proposalsWhen', { dates: formatDateRange(c.proposalsOpenOn, addDays(c.votesOpenOn, -1)) })} ;{' '}
        {t('forums.public.votesWhen', { dates: formatDateRange(c.votesOpenOn, c.votesCloseOn) })} ; {t('forums.staff.votesEach', { count: c.votesPerPerson })}
      </p>
      <p>
        {canManage && <><a href={`/consultations/${c.id}/modifier`}>{t('forums.staff.edit')}</a> · </>}
        <a href="/forums">{t('forums.staff.publicPage')}</a>
        {(c.phase === 'votes' || c.phase === 'programme') && <> · <a href={`/forums/${c.id}/resultats`}>{t('forums.public.resultsButton')}</a></>}
      </p>
      {canEnter && (
        <div class="button-row">
          <a class="button secondary" href={`/consultations/${c.id}/proposition`}>{t('forums.staff.paperProposal')}</a>
          <a class="button secondary" href={`/consultations/${c.id}/decompte`}>{t('forums.staff.paperTally')}</a>
        </div>
      )}
      <h2>{t('forums.staff.proposalsTitle', { count: proposals.length })}</h2>
      {proposals.length > 0 && <ExportLinks ctx={ctx} href={`/consultations/${c.id}`} />}
      {proposals.map((p) => (
        <article key={p.id} class="card">
          <h3>{p.title}</h3>
          {p.body && <p>{p.body}</p>}
          <p class="hint">
            {t(`forums.staff.status.${p.status as ProposalStatus}`)} · {t(`forums.staff.origin.${p.origin as ProposalOrigin}`)}
            {p.communeInsee && <> · {communeName(p.communeInsee)}</>}
            {p.authorName && <> · {t('forums.staff.author', { name: p.authorName })}</>}
            {isAnonymous(p) && <> · {t(p.authorEmail ? 'forums.staff.anonymousWithContact' : 'forums.staff.anonymous')}</>}
            {p.reportsCount > 0 && <> · <strong>{t('forums.staff.reports', { count: p.reportsCount })}</strong></>}
            {p.mergedIntoId && <> · {t('forums.public.mergedInto', { title: titles.get(p.mergedIntoId) ?? '' })}</>}
          </p>
          {p.publicAnswer && <p>{t('forums.staff.publicAnswer')} : {p.publicAnswer}</p>}
          {p.activityId && <p><a href={`/programme/${p.activityId}`}>{t('forums.programme.see')}</a></p>}
          {canManage && p.status === 'accepted' && !p.activityId && (c.phase === 'votes' || c.phase === 'programme') && (
            <p><a href={`/consultations/themes/${p.id}/programmer`}>{t('forums.programme.link', { title: p.title })}</a></p>
          )}
          {canManage && (
            <Form ctx={ctx} action={`/consultations/themes/${p.id}/moderer`}>
              <details>
                <summary>{t('forums.staff.moderate', { title: p.title })}</summary>
                <div class="field">
                  <label for={`action-${p.id}`}>{t('forums.staff.action')}</label>
                  <select id={`action-${p.id}`} name="action">
                    {(['accept', 'reject', 'merge', 'answer'] as const).map((a) => <option key={a} value={a}>{t(`forums.staff.action.${a}`)}</option>)}
                  </select>
                </div>
                <div class="field">
                  <label for={`merge-${p.id}`}>{t('forums.staff.mergeInto')} <span class="optional">{t('common.optional')}</span></label>
                  <select id={`merge-${p.id}`} name="mergedIntoId">
                    <option value="">{t('common.none')}</option>
                    {accepted.filter((x) => x.id !== p.id).map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
                  </select>
                </div>
                <div class="field">
                  <label for={`answer-${p.id}`}>{t('forums.staff.publicAnswer')} <span class="optional">{t('common.optional')}</span></label>
                  <p class="hint" id={`answer-${p.id}-aide`}>{t('forums.staff.publicAnswerHint')}</p>
                  <textarea id={`answer-${p.id}`} name="publicAnswer" rows={2} aria-describedby={`answer-${p.id}-aide`}>{p.publicAnswer ?? ''}</textarea>
                </div>
                <button type="submit">{t('common.save')}</button>
              </details>
            </Form>
          )}
        </article>
      ))}
      <h2>{t('forums.staff.resultsTitle')}</h2>
      {results ? (
        <table>
          <TableHead ctx={ctx} columns={[t('forums.public.rank'), t('forums.public.theme'), t('forums.public.online'), t('forums.public.paper'), t('forums.public.total')]} />
          <tbody>
            {results.items.map((i) => (
              <tr key={i.proposalId}><td>{i.rank}</td><td>{i.title}</td><td>{i.online}</td><td>{i.paper}</td><td>{i.total}</td></tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('forums.staff.noResultsYet', { date: formatDateRange(c.votesOpenOn, c.votesOpenOn) })}</p>
      )}
      <h2>{t('forums.staff.talliesTitle')}</h2>
      {tallies.length === 0 ? <p>{t('forums.staff.noTally')}</p> : (
        <table>
          <TableHead ctx={ctx} columns={[t('forums.public.theme'), t('forums.staff.count'), t('forums.staff.collectedWhere'), t('forums.staff.collectedOn'), t('forums.staff.enteredAt'), t('forums.staff.enteredBy')]} />
          <tbody>
            {tallies.map((x) => (
              <tr key={x.id}><td>{titles.get(x.proposalId)}</td><td>{x.count}</td><td>{x.collectedWhere}</td><td>{formatDateRange(x.collectedOn, x.collectedOn)}</td><td>{formatDateTime(x.enteredAt)}</td><td>{x.enteredByName ?? t('forums.staff.enteredByGone')}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function PaperProposalPage({ ctx, c, values = {}, errors = {} }: { ctx: ViewContext; c: Consultation; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('forums.staff.paperProposal')} hasErrors={Object.keys(shown).length > 0} backHref={`/consultations/${c.id}`}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <h1>{t('forums.staff.paperProposal')}</h1>
      <Form ctx={ctx} action={`/consultations/${c.id}/proposition`}>
        <SelectField
          ctx={ctx} name="origin" label={t('forums.staff.originLabel')} value={str(values, 'origin') || 'paper'} error={shown.origin}
          choices={[{ value: 'paper', label: t('forums.staff.origin.paper') }, { value: 'phone', label: t('forums.staff.origin.phone') }]}
        />
        <TextField ctx={ctx} name="title" label={t('forums.public.proposeTitleLabel')} value={str(values, 'title')} error={shown.title} />
        <TextArea ctx={ctx} name="body" label={t('forums.public.proposeBodyLabel')} optional value={str(values, 'body')} error={shown.body} />
        <TextField ctx={ctx} name="communeInsee" label={t('forums.staff.communeCode')} optional value={str(values, 'communeInsee')} error={shown.communeInsee} width="short" />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}

export function TallyPage({ ctx, c, themes, values = {}, errors = {} }: { ctx: ViewContext; c: Consultation; themes: Proposal[]; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('forums.staff.paperTally')} hasErrors={Object.keys(shown).length > 0} backHref={`/consultations/${c.id}`}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <h1>{t('forums.staff.paperTally')}</h1>
      <Form ctx={ctx} action={`/consultations/${c.id}/decompte`}>
        <SelectField
          ctx={ctx} name="proposalId" label={t('forums.public.theme')} value={str(values, 'proposalId')} error={shown.proposalId} placeholder={t('forums.staff.chooseTheme')}
          choices={themes.map((p) => ({ value: p.id, label: p.title }))}
        />
        <TextField ctx={ctx} name="count" type="number" inputmode="numeric" label={t('forums.staff.count')} value={str(values, 'count')} error={shown.count} width="short" />
        <TextField ctx={ctx} name="collectedWhere" label={t('forums.staff.collectedWhere')} hint={t('forums.staff.collectedWhereHint')} value={str(values, 'collectedWhere')} error={shown.collectedWhere} />
        <TextField ctx={ctx} name="collectedOn" type="date" label={t('forums.staff.collectedOn')} value={str(values, 'collectedOn')} error={shown.collectedOn} width="short" />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}

export function ProgrammePage(
  { ctx, proposal, sites, values = {}, errors = {} }: { ctx: ViewContext; proposal: Proposal; sites: { id: string; name: string }[]; values?: FormValues; errors?: FieldErrors },
) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('forums.programme.title')} hasErrors={Object.keys(shown).length > 0} backHref={`/consultations/${proposal.consultationId}`}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{proposal.title}</p>
      <h1>{t('forums.programme.title')}</h1>
      <p>{t('forums.programme.intro')}</p>
      <Form ctx={ctx} action={`/consultations/themes/${proposal.id}/programmer`}>
        <SelectField ctx={ctx} name="siteId" label={t('forums.programme.site')} value={str(values, 'siteId')} error={shown.siteId} placeholder={t('forums.programme.chooseSite')} choices={sites.map((x) => ({ value: x.id, label: x.name }))} />
        <SelectField
          ctx={ctx} name="theme" label={t('forums.programme.theme')} value={str(values, 'theme')} error={shown.theme} placeholder={t('forums.programme.chooseTheme')}
          choices={MEDIATION_THEMES.map((x) => ({ value: x, label: t(`vocab.mediationTheme.${x}`) }))}
        />
        <TextField ctx={ctx} name="date" type="date" label={t('forums.programme.date')} value={str(values, 'date')} error={shown.date} width="short" />
        <TextField ctx={ctx} name="startTime" type="time" label={t('forums.programme.startTime')} value={str(values, 'startTime') || '18:00'} error={shown.startTime} width="short" />
        <TextField ctx={ctx} name="endTime" type="time" label={t('forums.programme.endTime')} value={str(values, 'endTime') || '20:00'} error={shown.endTime} width="short" />
        <TextField ctx={ctx} name="capacity" type="number" inputmode="numeric" label={t('forums.programme.capacity')} value={str(values, 'capacity') || '30'} error={shown.capacity} width="short" />
        <button type="submit">{t('forums.programme.submit')}</button>
      </Form>
    </Layout>
  );
}
