/** Staff pages of the programme: the list, an activity, its form. */
import type { FieldErrors } from '../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { can } from '../../../platform/auth/roles.ts';
import { formatDay, formatPlace, formatSession } from '../activity.format.ts';
import type { Activity, SessionView } from '../activity.service.ts';
import { ACTIVITY_KINDS, AUDIENCES, EQUIPMENT, LEVELS, REGISTRATION_MODES, THEMES } from '../activity.vocab.ts';
import type { SiteInfo } from '../ports.ts';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { WEEKDAYS, readWeeklyRule } from '../schedule.ts';
import { blockCount, MAX_BLOCKS, partnerLines, speakerLines } from '../activity.schemas.ts';
import type { SurveyResults } from '../survey.service.ts';
import { ages, label, Paragraphs, price, SpeakersAndPartners } from './parts.tsx';
import { SurveyResultsSection } from './survey.view.tsx';

export interface UpcomingRow {
  id: string;
  activityId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: string;
  siteId: string | null;
  activitySiteId: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
}

export function ProgrammePage({ ctx, sessions, activities, sites, mine, window, opensSessionsOf }: {
  ctx: ViewContext;
  /** Whether the person may open this activity's sessions: only then is a session a link. */
  opensSessionsOf: (activityId: string) => boolean;
  sessions: UpcomingRow[];
  activities: Activity[];
  sites: Map<string, SiteInfo>;
  mine: boolean;
  window: { from: string; previous: string; next: string };
}) {
  const { t } = ctx;
  const actor = ctx.actor!;
  return (
    <Layout ctx={ctx} title={t('activities.programme.title')}>
      <h1>{t('activities.programme.title')}</h1>
      <p class="lead">{t('activities.programme.intro')}</p>
      <div class="button-row">
        {can(actor.role, 'activities.manage') && <a class="button" href="/programme/nouvelle">{t('activities.programme.new')}</a>}
        <a href={mine ? `/programme?du=${window.from}` : `/programme?mes=1&du=${window.from}`}>{mine ? t('activities.programme.all') : t('activities.programme.mine')}</a>
        <a href="/agenda">{t('activities.programme.calendar')}</a>
      </div>
      <h2>{t('activities.programme.fortnight', { from: formatDay(`${window.from}T12:00:00Z`, ctx.now) })}</h2>
      {sessions.length === 0 ? (
        <p>{t('activities.programme.noSession')}</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{t('activities.col.when')}</th>
              <th scope="col">{t('activities.col.activity')}</th>
              <th scope="col">{t('activities.col.place')}</th>
              <th scope="col">{t('activities.col.seats')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td data-label={t('activities.col.when')}>
                  {opensSessionsOf(s.activityId) ? <a href={`/seances/${s.id}`}>{formatSession(s.startsAt, s.endsAt, ctx.now)}</a> : formatSession(s.startsAt, s.endsAt, ctx.now)}
                </td>
                <td data-label={t('activities.col.activity')}>
                  {s.title}
                  {s.status === 'cancelled' && <> <span class="tag error">{t('activities.page.cancelled')}</span></>}
                </td>
                <td data-label={t('activities.col.place')}>{sites.get(s.siteId ?? s.activitySiteId)?.name ?? ''}</td>
                <td data-label={t('activities.col.seats')}>
                  {t('activities.programme.registered', { confirmed: s.confirmed, capacity: s.capacity })}
                  {s.waitlisted > 0 && <>, {t('activities.programme.waiting', { count: s.waitlisted })}</>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sessions.length > 0 && <ExportLinks ctx={ctx} href={`/programme?du=${window.from}${mine ? '&mes=1' : ''}`} />}
      <nav class="pagination" aria-label={t('activities.programme.weeks')}>
        <ul>
          <li><a href={`/programme?du=${window.previous}${mine ? '&mes=1' : ''}`} rel="prev">{t('activities.programme.previous')}</a></li>
          <li><a href={`/programme?du=${window.next}${mine ? '&mes=1' : ''}`} rel="next">{t('activities.programme.next')}</a></li>
        </ul>
      </nav>
      <h2>{t('activities.programme.activities')}</h2>
      {activities.length === 0 ? (
        <p>{t('activities.programme.noActivity')}</p>
      ) : (
        <ul class="cards">
          {activities.map((a) => (
            <li key={a.id}>
              <div class="card">
                <h3>
                  <a href={`/programme/${a.id}`}>{a.title}</a>
                </h3>
                <p>
                  {label(ctx, 'activities.kind', a.kind)} · {label(ctx, 'activities.audience', a.audience)}
                  {!a.published && <> · <span class="tag">{t('activities.programme.draft')}</span></>}
                </p>
                <p>{sites.get(a.siteId)?.name ?? ''}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ActivityStaffPage({ ctx, activity, sessions, sites, opensSessions, survey = null }: {
  ctx: ViewContext;
  activity: Activity;
  sessions: SessionView[];
  sites: Map<string, SiteInfo>;
  opensSessions: boolean;
  /** "Votre avis", every session together. */
  survey?: SurveyResults | null;
}) {
  const { t } = ctx;
  const actor = ctx.actor!;
  const site = sites.get(activity.siteId);
  return (
    <Layout ctx={ctx} title={activity.title} backHref="/programme">
      <h1>{activity.title}</h1>
      {activity.archivedAt && <div class="notice warning"><p>{t('activities.programme.archived')}</p></div>}
      <p>
        {label(ctx, 'activities.kind', activity.kind)} · {label(ctx, 'vocab.mediationTheme', activity.theme)} · {label(ctx, 'activities.level', activity.level)}
      </p>
      {activity.description && <Paragraphs text={activity.description} />}
      <dl class="summary">
        <dt>{t('activities.page.forWhom')}</dt>
        <dd>{[label(ctx, 'activities.audience', activity.audience), ages(ctx, activity)].filter(Boolean).join(', ')}</dd>
        <dt>{t('activities.page.where')}</dt>
        <dd>{site ? formatPlace(site) : ''}</dd>
        <dt>{t('activities.detail.facilitators')}</dt>
        <dd>{activity.facilitators.map((f) => f.displayName).join(', ') || t('activities.detail.none')}</dd>
        <dt>{t('activities.form.capacity')}</dt>
        <dd>{activity.capacity}</dd>
        <dt>{t('activities.page.price')}</dt>
        <dd>{price(ctx, activity)}</dd>
        <dt>{t('activities.form.mode')}</dt>
        <dd>{label(ctx, 'activities.mode', activity.registrationMode)}</dd>
        <dt>{t('activities.form.equipment')}</dt>
        <dd>{activity.equipment.map((e) => label(ctx, 'vocab.mediationEquipment', e)).join(', ') || '—'}</dd>
        <dt>{t('activities.detail.survey')}</dt>
        <dd>{activity.surveyEnabled ? t('activities.detail.surveyOn') : t('activities.detail.surveyOff')}</dd>
      </dl>
      <SpeakersAndPartners ctx={ctx} activity={activity} />
      {!activity.published && !activity.archivedAt && (
        <section class="panel" aria-labelledby="publication">
          <h2 id="publication">{t('activities.detail.notPublished')}</h2>
          <p>{t('activities.detail.notPublishedHint')}</p>
          {can(actor.role, 'activities.manage') && (
            <Form ctx={ctx} action={`/programme/${activity.id}/publier`}>
              <button type="submit">{t('activities.detail.publish')}</button>
            </Form>
          )}
        </section>
      )}
      <div class="button-row">
        {can(actor.role, 'activities.manage') && !activity.archivedAt && <a class="button" href={`/programme/${activity.id}/modifier`}>{t('activities.detail.edit')}</a>}
        {activity.published && !activity.archivedAt && <a href={`/activites/${activity.id}`}>{t('activities.detail.publicPage')}</a>}
      </div>
      <h2>{t('activities.detail.sessions')}</h2>
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">{t('activities.col.when')}</th>
            <th scope="col">{t('activities.col.place')}</th>
            <th scope="col">{t('activities.col.seats')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td data-label={t('activities.col.when')}>
                {opensSessions ? <a href={`/seances/${s.id}`}>{formatSession(s.startsAt, s.endsAt, ctx.now)}</a> : formatSession(s.startsAt, s.endsAt, ctx.now)}
                {s.status === 'cancelled' && <> <span class="tag error">{t('activities.page.cancelled')}</span></>}
              </td>
              <td data-label={t('activities.col.place')}>{sites.get(s.siteId)?.name ?? ''}</td>
              <td data-label={t('activities.col.seats')}>
                {t('activities.programme.registered', { confirmed: s.confirmed, capacity: s.capacity })}
                {s.waitlisted > 0 && <>, {t('activities.programme.waiting', { count: s.waitlisted })}</>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {survey && <SurveyResultsSection ctx={ctx} results={survey} />}
      {can(actor.role, 'activities.manage') && !activity.archivedAt && (
        <section class="panel">
          <h2>{t('activities.detail.archive')}</h2>
          <p>{t('activities.detail.archiveHint')}</p>
          <Form ctx={ctx} action={`/programme/${activity.id}/archiver`}>
            <button type="submit" class="secondary">{t('activities.detail.archive')}</button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

/** The form values of an existing activity, as the form shows them. */
export function activityFormValues(a: Activity): FormValues {
  const weekly = readWeeklyRule(a.schedule.rrule);
  const fr = (iso: string) => iso.split('-').reverse().join('/');
  const euros = (cents: number | null) => (cents === null || cents === 0 ? '' : (cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: cents % 100 ? 2 : 0 }));
  return {
    title: a.title,
    description: a.description,
    kind: a.kind,
    audience: a.audience,
    minAge: a.minAge?.toString() ?? '',
    maxAge: a.maxAge?.toString() ?? '',
    theme: a.theme,
    level: a.level,
    siteId: a.siteId,
    facilitatorIds: a.facilitators.map((f) => f.userId),
    capacity: a.capacity.toString(),
    price: euros(a.priceCents),
    reducedPrice: euros(a.reducedPriceCents),
    equipment: a.equipment,
    registrationMode: a.registrationMode,
    published: a.published ? 'oui' : '',
    speakers: speakerLines(a.speakers),
    partners: partnerLines(a.partners),
    surveyEnabled: a.surveyEnabled ? 'oui' : '',
    scheduleKind: a.schedule.kind,
    date: a.schedule.kind === 'single' ? (a.schedule.dates[0] ?? '') : '',
    dates: a.schedule.kind === 'dates' ? a.schedule.dates.map(fr).join('\n') : '',
    ...blockValues(a),
    interval: String(weekly?.interval ?? 1),
    sessionCount: weekly?.count?.toString() ?? '',
    startDate: a.schedule.startDate ?? '',
    endDate: a.schedule.endDate ?? '',
    startTime: a.schedule.kind === 'rrule' ? '' : a.schedule.startTime,
    endTime: a.schedule.kind === 'rrule' ? '' : a.schedule.endTime,
    exceptions: a.schedule.exceptions.join('\n'),
  };
}

/** The weekly slots of an activity as form fields; a rule saved before slots existed gives one per weekday. */
function blockValues(a: Activity): FormValues {
  const weekly = readWeeklyRule(a.schedule.rrule);
  const blocks = a.schedule.blocks?.length
    ? a.schedule.blocks
    : (weekly?.weekdays ?? ['']).map((weekday) => ({ weekday, startTime: a.schedule.startTime, endTime: a.schedule.endTime }));
  return Object.fromEntries(blocks.flatMap((b, i) => [[`block${i + 1}Weekday`, b.weekday], [`block${i + 1}Start`, b.startTime], [`block${i + 1}End`, b.endTime]]));
}

/**
 * One weekly slot: a weekday and its times, in a fieldset « Créneau N ». Slots after the first
 * can be removed; the buttons post the whole form so that nothing typed is lost.
 */
function BlockFieldset({ ctx, n, values, errors, action, focus }: { ctx: ViewContext; n: number; values: FormValues; errors: FieldErrors; action: string; focus: boolean }) {
  const { t } = ctx;
  const name = (part: string) => `block${n}${part}`;
  const value = (part: string) => values[name(part)] as string | undefined;
  return (
    <fieldset class="block" id={`creneau-${n}`}>
      <legend>{t('activities.form.blockLegend', { n })}</legend>
      <div class="field-row">
        <SelectField ctx={ctx} name={name('Weekday')} label={t('activities.form.blockWeekday')} value={value('Weekday')} error={errors[name('Weekday')]} autofocus={focus}
          placeholder={t('activities.form.chooseWeekday')} choices={WEEKDAYS.map((d) => ({ value: d, label: label(ctx, 'activities.weekday', d) }))} />
        <TextField ctx={ctx} name={name('Start')} type="time" label={t('activities.form.blockStart')} value={value('Start')} error={errors[name('Start')]} width="short" />
        <TextField ctx={ctx} name={name('End')} type="time" label={t('activities.form.blockEnd')} value={value('End')} error={errors[name('End')]} width="short" />
      </div>
      {n > 1 && (
        <button type="submit" class="secondary small" name="action" value={`remove-block-${n}`} formaction={`${action}#creneaux`} formnovalidate>
          {t('activities.form.removeBlock')}<span class="visually-hidden"> {n}</span>
        </button>
      )}
    </fieldset>
  );
}

export function ActivityFormPage({ ctx, values, errors = {}, sites, staff, activity, focusBlock }: {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors;
  /** After adding or removing a slot: the slot whose weekday takes the focus. */
  focusBlock?: number;
  sites: SiteInfo[];
  staff: { id: string; displayName: string; role: string }[];
  activity?: Activity;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  // Errors of the recurrence rule are about the weekdays in this form.
  if (e.rrule && !e.block1Weekday) e.block1Weekday = e.rrule;
  delete e.rrule;
  const title = activity ? t('activities.form.editTitle', { title: activity.title }) : t('activities.form.newTitle');
  const v = (name: string) => values[name] as string | undefined;
  const kind = v('scheduleKind') ?? 'rrule';
  const action = activity ? `/programme/${activity.id}/modifier` : '/programme/nouvelle';
  const blocks = Math.max(1, blockCount(values));
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={activity ? `/programme/${activity.id}` : '/programme'}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={action}>
        {/* Enter in a field submits the form with its first button: this one, not « Ajouter un autre créneau ». */}
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        <h2>{t('activities.form.about')}</h2>
        <TextField ctx={ctx} name="title" label={t('activities.form.title')} hint={t('activities.form.titleHint')} value={v('title')} error={e.title} />
        <TextArea ctx={ctx} name="description" label={t('activities.form.description')} hint={t('activities.form.descriptionHint')} value={v('description')} error={e.description} optional />
        <SelectField ctx={ctx} name="kind" label={t('activities.form.kind')} value={v('kind')} error={e.kind} choices={ACTIVITY_KINDS.map((k) => ({ value: k, label: label(ctx, 'activities.kind', k) }))} />
        <SelectField ctx={ctx} name="audience" label={t('activities.form.audience')} value={v('audience')} error={e.audience} placeholder={t('activities.form.chooseAudience')} choices={AUDIENCES.map((k) => ({ value: k, label: label(ctx, 'activities.audience', k) }))} />
        <div class="field-row">
          <TextField ctx={ctx} name="minAge" label={t('activities.form.minAge')} value={v('minAge')} error={e.minAge} inputmode="numeric" width="short" optional hint={t('activities.form.agesHint')} />
          <TextField ctx={ctx} name="maxAge" label={t('activities.form.maxAge')} value={v('maxAge')} error={e.maxAge} inputmode="numeric" width="short" optional />
        </div>
        <SelectField ctx={ctx} name="theme" label={t('activities.form.theme')} value={v('theme')} error={e.theme} placeholder={t('activities.form.chooseTheme')} choices={THEMES.map((k) => ({ value: k, label: label(ctx, 'vocab.mediationTheme', k) }))} />
        <SelectField ctx={ctx} name="level" label={t('activities.form.level')} value={v('level')} error={e.level} choices={LEVELS.map((k) => ({ value: k, label: label(ctx, 'activities.level', k) }))} />
        <SelectField ctx={ctx} name="siteId" label={t('activities.form.site')} value={v('siteId')} error={e.siteId} placeholder={t('activities.form.chooseSite')} choices={sites.map((s) => ({ value: s.id, label: s.name }))} />
        <ChoiceGroup ctx={ctx} name="facilitatorIds" type="checkbox" legend={t('activities.form.facilitators')} value={values.facilitatorIds} error={e.facilitatorIds} optional
          choices={staff.map((u) => ({ value: u.id, label: `${u.displayName} (${t(`roles.${u.role}` as 'roles.admin')})` }))} />
        <TextField ctx={ctx} name="capacity" label={t('activities.form.capacity')} value={v('capacity')} error={e.capacity} inputmode="numeric" width="short" />
        <div class="field-row">
          <TextField ctx={ctx} name="price" label={t('activities.form.price')} hint={t('activities.form.priceHint')} value={v('price')} error={e.price} inputmode="numeric" width="short" optional />
          <TextField ctx={ctx} name="reducedPrice" label={t('activities.form.reducedPrice')} value={v('reducedPrice')} error={e.reducedPrice} inputmode="numeric" width="short" optional />
        </div>
        <ChoiceGroup ctx={ctx} name="equipment" type="checkbox" legend={t('activities.form.equipment')} value={values.equipment} error={e.equipment} optional inline
          choices={EQUIPMENT.map((k) => ({ value: k, label: label(ctx, 'vocab.mediationEquipment', k) }))} />
        <ChoiceGroup ctx={ctx} name="registrationMode" type="radio" legend={t('activities.form.mode')} hint={t('activities.form.modeHint')} value={v('registrationMode') ?? 'session'} error={e.registrationMode}
          choices={REGISTRATION_MODES.map((k) => ({ value: k, label: label(ctx, 'activities.mode', k) }))} />
        <h2>{t('activities.form.speakersLegend')}</h2>
        <TextArea ctx={ctx} name="speakers" label={t('activities.form.speakers')} hint={t('activities.form.speakersHint')} value={v('speakers')} error={e.speakers} rows={3} optional />
        <TextArea ctx={ctx} name="partners" label={t('activities.form.partners')} hint={t('activities.form.partnersHint')} value={v('partners')} error={e.partners} rows={3} optional />
        <ChoiceGroup ctx={ctx} name="surveyEnabled" type="checkbox" legend={t('activities.form.surveyLegend')} hint={activity ? t('activities.form.surveyHint') : `${t('activities.form.surveyHint')} ${t('activities.form.surveyNewHint')}`}
          value={v('surveyEnabled')} choices={[{ value: 'oui', label: t('activities.form.survey') }]} />
        {activity ? (
          <ChoiceGroup ctx={ctx} name="published" type="checkbox" legend={t('activities.form.publishedLegend')} value={v('published')}
            choices={[{ value: 'oui', label: t('activities.form.published') }]} />
        ) : (
          <p class="hint">{t('activities.form.publishLater')}</p>
        )}

        <h2>{t('activities.form.when')}</h2>
        <ChoiceGroup ctx={ctx} name="scheduleKind" type="radio" legend={t('activities.form.scheduleKind')} value={kind} error={e.scheduleKind}
          choices={[
            { value: 'rrule', label: t('activities.form.rrule') },
            { value: 'single', label: t('activities.form.single') },
            { value: 'dates', label: t('activities.form.dates') },
          ]} />
        <fieldset class="panel" id="creneaux">
          <legend>{t('activities.form.rrule')}</legend>
          <p class="hint">{t('activities.form.blocksHint')}</p>
          {Array.from({ length: blocks }, (_, i) => (
            <BlockFieldset key={i} ctx={ctx} n={i + 1} values={values} errors={e} action={action} focus={focusBlock === i + 1} />
          ))}
          {blocks < MAX_BLOCKS && (
            <button type="submit" class="secondary" name="action" value="add-block" formaction={`${action}#creneau-${blocks + 1}`} formnovalidate>
              {t('activities.form.addBlock')}
            </button>
          )}
          <ChoiceGroup ctx={ctx} name="interval" type="radio" legend={t('activities.form.interval')} value={v('interval') ?? '1'} inline
            choices={[{ value: '1', label: t('activities.form.everyWeek') }, { value: '2', label: t('activities.form.everyTwoWeeks') }]} />
          <div class="field-row">
            <TextField ctx={ctx} name="startDate" type="date" label={t('activities.form.startDate')} value={v('startDate')} error={e.startDate} width="medium" />
            <TextField ctx={ctx} name="endDate" type="date" label={t('activities.form.endDate')} value={v('endDate')} error={e.endDate} width="medium" optional />
            <TextField ctx={ctx} name="sessionCount" label={t('activities.form.sessionCount')} hint={t('activities.form.sessionCountHint')} value={v('sessionCount')} error={e.sessionCount} inputmode="numeric" width="short" optional />
          </div>
          <TextArea ctx={ctx} name="exceptions" label={t('activities.form.exceptions')} hint={t('activities.form.exceptionsHint')} value={v('exceptions')} error={e.exceptions} rows={3} optional />
        </fieldset>
        <fieldset class="panel">
          <legend>{t('activities.form.datedLegend')}</legend>
          <TextField ctx={ctx} name="date" type="date" label={t('activities.form.date')} hint={t('activities.form.dateHint')} value={v('date')} error={e.date} width="medium" />
          <TextArea ctx={ctx} name="dates" label={t('activities.form.datesList')} hint={t('activities.form.datesHint')} value={v('dates')} error={e.dates} rows={5} />
          <div class="field-row">
            <TextField ctx={ctx} name="startTime" type="time" label={t('activities.form.startTime')} hint={t('activities.form.timeHint')} value={v('startTime')} error={e.startTime} width="short" />
            <TextField ctx={ctx} name="endTime" type="time" label={t('activities.form.endTime')} value={v('endTime')} error={e.endTime} width="short" />
          </div>
        </fieldset>
        <button type="submit">{activity ? t('activities.form.save') : t('activities.form.create')}</button>
      </Form>
    </Layout>
  );
}
