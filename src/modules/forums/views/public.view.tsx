import type { FieldErrors } from '../../../platform/errors.ts';
import { communeName } from '../../../platform/communes.ts';
import { ChoiceGroup, choiceId, ErrorSummary, Form, SelectField, TextArea, TextField, localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { formatDateRange } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Consultation, Proposal, Results } from '../forum.service.ts';
import { ResultsChart } from './results-chart.tsx';

function PhaseNotice({ ctx, c }: { ctx: ViewContext; c: Consultation }) {
  const { t } = ctx;
  const proposals = formatDateRange(c.proposalsOpenOn, addDay(c.votesOpenOn, -1));
  const votes = formatDateRange(c.votesOpenOn, c.votesCloseOn);
  return (
    <div class="notice">
      <p>{t(`forums.public.phase.${c.phase}`)}</p>
      <ul>
        <li>{t('forums.public.proposalsWhen', { dates: proposals })}</li>
        <li>{t('forums.public.votesWhen', { dates: votes })}</li>
      </ul>
    </div>
  );
}

function addDay(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function ForumHomePage({ ctx, consultation, themes }: { ctx: ViewContext; consultation: Consultation | undefined; themes: Proposal[] }) {
  const { t } = ctx;
  if (!consultation) {
    return (
      <Layout ctx={ctx} title={t('forums.public.title')} audience="public">
        <h1>{t('forums.public.title')}</h1>
        <p class="lead">{t('forums.public.none')}</p>
      </Layout>
    );
  }
  const c = consultation;
  return (
    <Layout ctx={ctx} title={c.title} audience="public">
      <p class="caption">{t('forums.public.title')}</p>
      <h1>{c.title}</h1>
      {c.description && <p class="lead">{c.description}</p>}
      <PhaseNotice ctx={ctx} c={c} />
      <div class="button-row">
        {c.phase === 'proposals' && <a class="button" href={`/forums/${c.id}/proposer`}>{t('forums.public.proposeButton')}</a>}
        {c.phase === 'votes' && themes.length > 0 && <a class="button" href={`/forums/${c.id}/voter`}>{t('forums.public.voteButton')}</a>}
        {(c.phase === 'votes' || c.phase === 'programme') && <a class={c.phase === 'programme' ? 'button' : 'button secondary'} href={`/forums/${c.id}/resultats`}>{t('forums.public.resultsButton')}</a>}
      </div>
      <h2>{t('forums.public.themesTitle')}</h2>
      {themes.length === 0 ? (
        <p>{t('forums.public.noThemes')}</p>
      ) : (
        <ul class="theme-list">
          {themes.map((p) => (
            <li key={p.id}>
              <strong>{p.title}</strong>
              {p.body && <span class="block">{p.body}</span>}
              {p.communeInsee && <span class="hint block">{t('forums.public.fromCommune', { commune: communeName(p.communeInsee) })}</span>}
              <form method="post" action={`/forums/themes/${p.id}/signaler`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <button type="submit" class="link-button">{t('forums.public.report', { title: p.title })}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ReportedPage({ ctx, consultationId }: { ctx: ViewContext; consultationId: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forums.public.reportedTitle')} audience="public">
      <h1>{t('forums.public.reportedTitle')}</h1>
      <p>{t('forums.public.reportedText')}</p>
      <p><a href={`/forums#${consultationId}`}>{t('forums.public.backToConsultation')}</a></p>
    </Layout>
  );
}

/** Vote, step 1: the themes, with checkboxes (up to N). */
export function VoteThemesPage({ ctx, c, themes, values = {}, errors = {} }: { ctx: ViewContext; c: Consultation; themes: Proposal[]; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  const title = t('forums.public.voteQuestion', { count: c.votesPerPerson });
  const selected = new Set(Array.isArray(values.themes) ? values.themes : values.themes ? [values.themes] : []);
  return (
    <Layout ctx={ctx} title={title} audience="public" hasErrors={Object.keys(shown).length > 0} backHref="/forums">
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <Form ctx={ctx} action={`/forums/${c.id}/voter`}>
        <div class={`field${shown.themes ? ' has-error' : ''}`}>
          <fieldset aria-describedby={`champ-themes-aide${shown.themes ? ' champ-themes-erreur' : ''}`}>
            <legend class="question">
              <h1>{title}</h1>
            </legend>
            <p class="hint" id="champ-themes-aide">{t('forums.public.voteHint', { count: c.votesPerPerson })}</p>
            {shown.themes && (
              <p class="field-error" id="champ-themes-erreur">
                <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                {shown.themes}
              </p>
            )}
            {themes.map((p, i) => (
              <div class="choice big-choice" key={p.id}>
                <input id={choiceId('themes', i)} type="checkbox" name="themes" value={p.id} checked={selected.has(p.id)} />
                <label for={choiceId('themes', i)}>
                  {p.title}
                  {p.body && <span class="hint block">{p.body}</span>}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
        <button type="submit">{t('common.continue')}</button>
      </Form>
    </Layout>
  );
}

/** Vote, step 2: who votes (name, e-mail, commune when the consultation asks, consent). */
export function VoteContactPage({ ctx, c, chosen, values = {}, errors = {} }: { ctx: ViewContext; c: Consultation; chosen: Proposal[]; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('forums.public.contactTitle')} audience="public" hasErrors={Object.keys(shown).length > 0} backHref={`/forums/${c.id}/voter`}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <h1>{t('forums.public.contactTitle')}</h1>
      <p>{t('forums.public.youChose', { count: chosen.length })}</p>
      <ul>{chosen.map((p) => <li key={p.id}>{p.title}</li>)}</ul>
      <p><a href={`/forums/${c.id}/voter`}>{t('forums.public.changeThemes')}</a></p>
      <Form ctx={ctx} action={`/forums/${c.id}/voter/coordonnees`}>
        <ContactFields ctx={ctx} c={c} values={values} errors={shown} hint={t('forums.public.emailHintVote')} />
        <button type="submit">{t('forums.public.voteSubmit')}</button>
      </Form>
    </Layout>
  );
}

function ContactFields(
  { ctx, c, values, errors, hint, anonymous = false }: { ctx: ViewContext; c: Consultation; values: FormValues; errors: FieldErrors; hint: string; anonymous?: boolean },
) {
  const { t } = ctx;
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <>
      {!anonymous && (
        <>
          <TextField ctx={ctx} name="firstName" label={t('forums.public.firstName')} value={str('firstName')} error={errors.firstName} autocomplete="given-name" width="medium" />
          <TextField ctx={ctx} name="lastName" label={t('forums.public.lastName')} value={str('lastName')} error={errors.lastName} autocomplete="family-name" width="medium" />
        </>
      )}
      <TextField ctx={ctx} name="email" type="email" label={t('forums.public.email')} hint={hint} value={str('email')} error={errors.email} autocomplete="email" inputmode="email" />
      {c.eligibleCommunes.length > 0 && (
        <SelectField
          ctx={ctx} name="communeInsee" label={t('forums.public.commune')} hint={t('forums.public.communeHint')} value={str('communeInsee')} error={errors.communeInsee}
          placeholder={t('forums.public.communeChoose')} choices={c.eligibleCommunes.map((code) => ({ value: code, label: communeName(code) || code }))}
        />
      )}
      <ChoiceGroup
        ctx={ctx} name="consent" type="checkbox" legend={t('forums.public.consentLegend')} error={errors.consent} value={str('consent')}
        choices={[{ value: 'oui', label: t(anonymous ? 'forums.public.consentLabelAnonymous' : 'forums.public.consentLabel') }]}
      />
    </>
  );
}

export function VoteDonePage({ ctx, c, themes }: { ctx: ViewContext; c: Consultation; themes: Proposal[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forums.public.voteDoneTitle')} audience="public">
      <div class="panel success-panel">
        <h1>{t('forums.public.voteDoneTitle')}</h1>
      </div>
      {themes.length > 0 && (
        <>
          <p>{t('forums.public.voteDoneThemes', { count: themes.length })}</p>
          <ul>{themes.map((p) => <li key={p.id}>{p.title}</li>)}</ul>
        </>
      )}
      <h2>{t('forums.public.whatNext')}</h2>
      <p>{t('forums.public.voteDoneNext', { date: formatDateRange(c.votesCloseOn, c.votesCloseOn) })}</p>
      <p><a href={`/forums/${c.id}/resultats`}>{t('forums.public.resultsButton')}</a></p>
    </Layout>
  );
}

// — propose a theme —

export function ProposeTitlePage({ ctx, c, values = {}, errors = {} }: { ctx: ViewContext; c: Consultation; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('forums.public.proposeTitleQuestion')} audience="public" hasErrors={Object.keys(shown).length > 0} backHref="/forums">
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <Form ctx={ctx} action={`/forums/${c.id}/proposer`}>
        <div class="field">
          <h1><label for="champ-title">{t('forums.public.proposeTitleQuestion')}</label></h1>
        </div>
        <TextField ctx={ctx} name="title" label={t('forums.public.proposeTitleLabel')} hint={t('forums.public.proposeTitleHint')} value={(values.title as string) ?? ''} error={shown.title} />
        <button type="submit">{t('common.continue')}</button>
      </Form>
    </Layout>
  );
}

export function ProposeDetailsPage({ ctx, c, values = {}, errors = {} }: { ctx: ViewContext; c: Consultation; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  const communes = c.eligibleCommunes;
  return (
    <Layout ctx={ctx} title={t('forums.public.proposeDetailsQuestion')} audience="public" hasErrors={Object.keys(shown).length > 0} backHref={`/forums/${c.id}/proposer`}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <h1>{t('forums.public.proposeDetailsQuestion')}</h1>
      <Form ctx={ctx} action={`/forums/${c.id}/proposer/details`}>
        <TextArea ctx={ctx} name="body" label={t('forums.public.proposeBodyLabel')} hint={t('forums.public.proposeBodyHint')} optional value={(values.body as string) ?? ''} error={shown.body} rows={5} />
        {communes.length > 0 && (
          <SelectField
            ctx={ctx} name="communeInsee" label={t('forums.public.commune')} optional value={(values.communeInsee as string) ?? ''} error={shown.communeInsee}
            placeholder={t('forums.public.communeNone')} choices={communes.map((code) => ({ value: code, label: communeName(code) || code }))}
          />
        )}
        <button type="submit">{t('common.continue')}</button>
      </Form>
    </Layout>
  );
}

/** "Voulez-vous donner votre nom ?": a name, or only an e-mail kept private. */
export function ProposeGiveNamePage({ ctx, c, values = {}, errors = {} }: { ctx: ViewContext; c: Consultation; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  const title = t('forums.public.nameQuestion');
  const choices = [
    { value: 'oui', label: t('forums.public.nameYes'), hint: t('forums.public.nameYesHint') },
    { value: 'non', label: t('forums.public.nameNo'), hint: t('forums.public.nameNoHint') },
  ];
  return (
    <Layout ctx={ctx} title={title} audience="public" hasErrors={Object.keys(shown).length > 0} backHref={`/forums/${c.id}/proposer/details`}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <Form ctx={ctx} action={`/forums/${c.id}/proposer/nom`}>
        <div class={`field${shown.giveName ? ' has-error' : ''}`}>
          <fieldset aria-describedby={`champ-giveName-aide${shown.giveName ? ' champ-giveName-erreur' : ''}`}>
            <legend class="question">
              <h1>{title}</h1>
            </legend>
            <p class="hint" id="champ-giveName-aide">{t('forums.public.nameHint')}</p>
            {shown.giveName && (
              <p class="field-error" id="champ-giveName-erreur">
                <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                {shown.giveName}
              </p>
            )}
            {choices.map((choice, i) => (
              <div class="choice big-choice" key={choice.value}>
                <input id={choiceId('giveName', i)} type="radio" name="giveName" value={choice.value} checked={values.giveName === choice.value} />
                <label for={choiceId('giveName', i)}>
                  {choice.label}
                  <span class="hint block">{choice.hint}</span>
                </label>
              </div>
            ))}
          </fieldset>
        </div>
        <button type="submit">{t('common.continue')}</button>
      </Form>
    </Layout>
  );
}

export function ProposeContactPage(
  { ctx, c, values = {}, errors = {}, anonymous = false }: { ctx: ViewContext; c: Consultation; values?: FormValues; errors?: FieldErrors; anonymous?: boolean },
) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  const noCommune = { ...c, eligibleCommunes: [] };
  const title = t(anonymous ? 'forums.public.proposeContactTitleAnonymous' : 'forums.public.proposeContactTitle');
  return (
    <Layout ctx={ctx} title={title} audience="public" hasErrors={Object.keys(shown).length > 0} backHref={`/forums/${c.id}/proposer/nom`}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <h1>{title}</h1>
      <p>{t(anonymous ? 'forums.public.proposeContactIntroAnonymous' : 'forums.public.proposeContactIntro')}</p>
      <Form ctx={ctx} action={`/forums/${c.id}/proposer/contact`}>
        <ContactFields ctx={ctx} c={noCommune} values={values} errors={shown} hint={t('forums.public.emailHintPropose')} anonymous={anonymous} />
        <button type="submit">{t('common.continue')}</button>
      </Form>
    </Layout>
  );
}

export function ProposeCheckPage({ ctx, c, draft, errors = {} }: { ctx: ViewContext; c: Consultation; draft: Record<string, string>; errors?: FieldErrors }) {
  const { t } = ctx;
  const shown = localizeErrors(ctx, errors);
  const rows: [string, string, string][] = [
    [t('forums.public.proposeTitleLabel'), draft.title ?? '', `/forums/${c.id}/proposer`],
    [t('forums.public.proposeBodyLabel'), draft.body || t('common.none'), `/forums/${c.id}/proposer/details`],
    ...(c.eligibleCommunes.length > 0 ? [[t('forums.public.commune'), communeName(draft.communeInsee) || t('common.none'), `/forums/${c.id}/proposer/details`] as [string, string, string]] : []),
    draft.giveName === 'non'
      ? [t('forums.public.name'), t('forums.public.anonymousValue'), `/forums/${c.id}/proposer/nom`]
      : [t('forums.public.name'), `${draft.firstName ?? ''} ${draft.lastName ?? ''}`, `/forums/${c.id}/proposer/contact`],
    [t('forums.public.email'), draft.email ?? '', `/forums/${c.id}/proposer/contact`],
  ];
  return (
    <Layout ctx={ctx} title={t('forums.public.checkTitle')} audience="public" hasErrors={Object.keys(shown).length > 0} backHref={`/forums/${c.id}/proposer/contact`}>
      <ErrorSummary ctx={ctx} errors={shown} />
      <p class="caption">{c.title}</p>
      <h1>{t('forums.public.checkTitle')}</h1>
      <dl class="summary-list">
        {rows.map(([label, value, href]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
            <dd><a href={href}>{t('common.edit')}<span class="visually-hidden"> {label}</span></a></dd>
          </div>
        ))}
      </dl>
      <p>{t(draft.giveName === 'non' ? 'forums.public.checkPrivateAnonymous' : 'forums.public.checkPrivate')}</p>
      <p>{c.moderation ? t('forums.public.checkModerated') : t('forums.public.checkPublished')}</p>
      <Form ctx={ctx} action={`/forums/${c.id}/proposer/verifier`}>
        <button type="submit">{t('forums.public.proposeSubmit')}</button>
      </Form>
    </Layout>
  );
}

export function ProposeDonePage({ ctx, c }: { ctx: ViewContext; c: Consultation }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forums.public.proposeDoneTitle')} audience="public">
      <div class="panel success-panel">
        <h1>{t('forums.public.proposeDoneTitle')}</h1>
      </div>
      <h2>{t('forums.public.whatNext')}</h2>
      <p>{c.moderation ? t('forums.public.proposeDoneModerated') : t('forums.public.proposeDonePublished')}</p>
      <p>{t('forums.public.proposeDoneVotes', { dates: formatDateRange(c.votesOpenOn, c.votesCloseOn) })}</p>
      <p><a href="/forums">{t('forums.public.backToConsultation')}</a></p>
    </Layout>
  );
}

// — results —

export function ResultsPage({ ctx, results }: { ctx: ViewContext; results: Results }) {
  const { t } = ctx;
  const c = results.consultation;
  const title = t('forums.public.resultsTitle', { title: c.title });
  return (
    <Layout ctx={ctx} title={title} audience="public" backHref="/forums">
      <h1>{title}</h1>
      {results.provisional && <p class="notice">{t('forums.public.provisional', { date: formatDateRange(c.votesCloseOn, c.votesCloseOn) })}</p>}
      <p>{t('forums.public.votersCount', { count: results.voters })}</p>
      {results.items.length === 0 ? (
        <p>{t('forums.public.noThemes')}</p>
      ) : (
        <>
          <ResultsChart ctx={ctx} items={results.items} />
          <table class="results-table responsive">
            <caption>{t('forums.public.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('forums.public.rank')}</th>
                <th scope="col">{t('forums.public.theme')}</th>
                <th scope="col">{t('forums.public.online')}</th>
                <th scope="col">{t('forums.public.paper')}</th>
                <th scope="col">{t('forums.public.total')}</th>
                <th scope="col">{t('forums.public.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {results.items.map((i) => (
                <tr key={i.proposalId}>
                  <td data-label={t('forums.public.rank')}>{i.rank}</td>
                  <th scope="row">{i.title}</th>
                  <td data-label={t('forums.public.online')}>{i.online}</td>
                  <td data-label={t('forums.public.paper')}>{i.paper}</td>
                  <td data-label={t('forums.public.total')}><strong>{i.total}</strong></td>
                  <td data-label={t('forums.public.answer')}>
                    {i.publicAnswer ?? (results.provisional ? t('forums.public.answerLater') : t('common.none'))}
                    {i.activityId && <a class="block" href={`/activites/${i.activityId}`}>{t('forums.public.seeForum', { title: i.title })}</a>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {results.notRetained.length > 0 && (
        <>
          <h2>{t('forums.public.notRetainedTitle')}</h2>
          <ul>
            {results.notRetained.map((n) => (
              <li key={n.title}>
                <strong>{n.title}</strong> :{' '}
                {n.status === 'merged' && n.mergedIntoTitle ? t('forums.public.mergedInto', { title: n.mergedIntoTitle }) : t('forums.public.rejected')}
                {n.publicAnswer && <span class="block">{n.publicAnswer}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
