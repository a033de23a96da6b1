/** The team list, a member's profile and the profile form. */
import type { Actor } from '../../../platform/auth/actor.ts';
import { can } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, TextArea, TextField, localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatDateRange, formatDay, formatWallTime } from '../../../ui/format.ts';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { MemberDetail, MemberSummary } from '../profile.service.ts';
import type { AssignmentRow } from '../team.repository.ts';
import { CONTACT_CHANNELS, WEEKDAYS } from '../team.vocab.ts';
import { arr, str, timeRange, tk } from './parts.tsx';

type Competences = { code: string; title: string }[];

const editable = (actor: Actor, id: string) => actor.userId === id || can(actor.role, 'team.manage');

export function TeamPage({ ctx, members, competences }: { ctx: ViewContext; members: MemberSummary[]; competences: Competences }) {
  const { t } = ctx;
  const titles = new Map(competences.map((c) => [c.code, c.title]));
  const manager = can(ctx.actor!.role, 'team.manage');
  return (
    <Layout ctx={ctx} title={t('team.list.title')}>
      <h1>{t('team.list.title')}</h1>
      <p class="lead">{t('team.list.lead')}</p>
      <div class="button-row">
        {manager && <a class="button" href="/equipe/affecter">{t('team.list.assign')}</a>}
        <a href="/ma-semaine">{t('team.list.myWeek')}</a>
        {manager && <a href="/equipe/formations-requises">{t('team.list.requirements')}</a>}
      </div>
      <table>
        <TableHead ctx={ctx} columns={[t('team.col.name'), t('team.col.role'), t('team.col.skills'), t('team.col.trainings')]} />
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={`/equipe/${m.id}`}>{m.displayName}</a>
                {!m.active && <span class="tag warning"> {t('team.inactive')}</span>}
              </td>
              <td>{t(tk('roles', m.role))}</td>
              <td>{[...m.profile.skills.map((s) => titles.get(s) ?? s), ...m.profile.tags].join(', ')}</td>
              <td>{m.completed.map((p) => p.title).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {members.length > 0 && <ExportLinks ctx={ctx} href="/equipe" />}
    </Layout>
  );
}

function Availability({ ctx, member }: { ctx: ViewContext; member: MemberDetail }) {
  const { t } = ctx;
  const windows = member.profile.availability;
  if (windows.length === 0) return <p>{t('team.profile.noAvailability')}</p>;
  return (
    <ul>
      {WEEKDAYS.filter((d) => windows.some((w) => w.weekday === d)).map((d) => (
        <li key={d}>
          {t(tk('team.weekday', d))} :{' '}
          {windows.filter((w) => w.weekday === d).map((w) => `${formatWallTime(w.startTime)} – ${formatWallTime(w.endTime)}`).join(', ')}
        </li>
      ))}
    </ul>
  );
}

function Trainings({ ctx, member }: { ctx: ViewContext; member: MemberDetail }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('team.profile.trainings')}</h2>
      {member.completed.length === 0 ? <p>{t('team.profile.noTraining')}</p> : <ul>{member.completed.map((p) => <li key={p.id}>{p.title}</li>)}</ul>}
      {member.required.length > 0 && (
        <>
          <h3>{t('team.profile.required')}</h3>
          <ul>
            {member.required.map((r, i) => (
              <li key={i}>
                {r.title} ({'role' in r.reason ? t('team.profile.requiredForRole', { role: t(tk('roles', r.reason.role)) }) : t('team.profile.requiredForKind', { kind: t(tk('team.kind', r.reason.kind)) })}) —{' '}
                <strong>{r.done ? t('team.profile.done') : t('team.profile.notDone')}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function MemberPage({ ctx, member, competences, assignments, absenceValues = {}, absenceErrors = {} }: {
  ctx: ViewContext;
  member: MemberDetail;
  competences: Competences;
  assignments: AssignmentRow[];
  absenceValues?: FormValues;
  absenceErrors?: FieldErrors;
}) {
  const { t } = ctx;
  const actor = ctx.actor!;
  const titles = new Map(competences.map((c) => [c.code, c.title]));
  const e = localizeErrors(ctx, absenceErrors);
  const mayEdit = editable(actor, member.id);
  const p = member.profile;
  return (
    <Layout ctx={ctx} title={member.displayName} hasErrors={Object.keys(e).length > 0} backHref="/equipe">
      <ErrorSummary ctx={ctx} errors={e} />
      <h1>{member.displayName}</h1>
      <p class="lead">{t(tk('roles', member.role))}{!member.active && ` — ${t('team.inactive')}`}</p>
      <div class="button-row">
        {mayEdit && <a class="button" href={`/equipe/${member.id}/modifier`}>{t('team.profile.edit')}</a>}
        {can(actor.role, 'team.manage') && member.active && <a href={`/equipe/affecter?personne=${member.id}`}>{t('team.profile.assign')}</a>}
      </div>
      <h2>{t('team.profile.skills')}</h2>
      {p.skills.length + p.tags.length === 0 ? <p>{t('team.profile.noSkill')}</p> : (
        <ul>
          {p.skills.map((s) => <li key={s}>{titles.get(s) ?? s}</li>)}
          {p.tags.map((tag) => <li key={tag}>{tag}</li>)}
        </ul>
      )}
      <Trainings ctx={ctx} member={member} />
      <h2>{t('team.profile.availability')}</h2>
      <Availability ctx={ctx} member={member} />
      <h2>{t('team.profile.contact')}</h2>
      <p>
        {t(tk('team.channel', p.contactChannel))}
        {p.contactChannel === 'email' ? ` : ${member.email}` : p.phone ? ` : ${p.phone}` : ''}
      </p>
      {p.contactNote && <p>{p.contactNote}</p>}
      <h2>{t('team.profile.assignments')}</h2>
      {assignments.length === 0 ? <p>{t('team.profile.noAssignment')}</p> : (
        <ul>
          {assignments.map((a) => (
            <li key={a.id}>
              {formatDay(a.startsAt, ctx.now)}, {timeRange(a.startsAt, a.endsAt)} : {a.title}{a.place ? ` (${a.place})` : ''}
              {a.cancelledAt && <> <span class="tag error">{t('team.assignment.cancelled')}</span></>}
              {a.confirmedConflicts && (
                <span class="hint block">{t('team.assignment.despite', { conflicts: (JSON.parse(a.confirmedConflicts) as string[]).map((k) => t(tk('team.conflict', k)).toLowerCase()).join(', ') })}</span>
              )}
              {can(actor.role, 'team.manage') && (
                <Form ctx={ctx} action={`/equipe/affectations/${a.id}/supprimer`}>
                  <button type="submit" class="secondary">{t('team.assignment.remove', { title: a.title })}</button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('team.profile.absences')}</h2>
      {member.absences.length === 0 ? <p>{t('team.profile.noAbsence')}</p> : (
        <ul>
          {member.absences.map((a) => (
            <li key={a.id}>
              {formatDateRange(a.firstDay, a.lastDay)}{a.reason ? ` : ${a.reason}` : ''}
              {mayEdit && (
                <Form ctx={ctx} action={`/equipe/${member.id}/absences/${a.id}/supprimer`}>
                  <button type="submit" class="secondary">{t('team.absence.remove', { dates: formatDateRange(a.firstDay, a.lastDay) })}</button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayEdit && (
        <Form ctx={ctx} action={`/equipe/${member.id}/absences`}>
          <h3>{t('team.absence.add')}</h3>
          <TextField ctx={ctx} name="firstDay" type="date" width="medium" label={t('team.absence.firstDay')} value={str(absenceValues.firstDay)} error={e.firstDay} />
          <TextField ctx={ctx} name="lastDay" type="date" width="medium" optional hint={t('team.absence.lastDayHint')} label={t('team.absence.lastDay')} value={str(absenceValues.lastDay)} error={e.lastDay} />
          <TextField ctx={ctx} name="reason" optional label={t('team.absence.reason')} value={str(absenceValues.reason)} error={e.reason} />
          <button type="submit">{t('team.absence.submit')}</button>
        </Form>
      )}
    </Layout>
  );
}

export function ProfileFormPage({ ctx, member, competences, values, errors = {} }: {
  ctx: ViewContext;
  member: MemberDetail;
  competences: Competences;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('team.edit.title', { name: member.displayName });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/equipe/${member.id}`}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`/equipe/${member.id}/modifier`}>
        <ChoiceGroup ctx={ctx} name="skills" type="checkbox" optional legend={t('team.edit.skills')} hint={t('team.edit.skillsHint')}
          choices={competences.map((c) => ({ value: c.code, label: `${c.code} ${c.title}` }))} value={arr(values.skills)} error={e.skills} />
        <TextField ctx={ctx} name="tags" optional label={t('team.edit.tags')} hint={t('team.edit.tagsHint')} value={str(values.tags)} error={e.tags} />
        <fieldset>
          <legend>{t('team.edit.availability')}</legend>
          <p class="hint">{t('team.edit.availabilityHint')}</p>
          {WEEKDAYS.map((d) => (
            <TextField key={d} ctx={ctx} name={`day${d}`} optional width="medium" label={t(tk('team.weekday', d))} value={str(values[`day${d}`])} error={e[`day${d}`]} />
          ))}
        </fieldset>
        <ChoiceGroup ctx={ctx} name="contactChannel" type="radio" legend={t('team.edit.channel')}
          choices={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(tk('team.channel', c)) }))} value={str(values.contactChannel)} error={e.contactChannel} />
        <TextField ctx={ctx} name="phone" type="tel" autocomplete="tel" width="medium" optional label={t('team.edit.phone')} hint={t('team.edit.phoneHint')} value={str(values.phone)} error={e.phone} />
        <TextArea ctx={ctx} name="contactNote" optional rows={3} label={t('team.edit.note')} hint={t('team.edit.noteHint')} value={str(values.contactNote)} error={e.contactNote} />
        <button type="submit">{t('team.edit.submit')}</button>
      </Form>
    </Layout>
  );
}
