/** Assigning a member (with the conflicts to confirm) and the trainings required per kind of assignment. */
import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, Form, SelectField, localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { formatDay } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Slot, SlotChoice } from '../assignment.service.ts';
import type { KindRequirementView, MemberSummary } from '../profile.service.ts';
import type { PathwayChoice } from '../ports.ts';
import type { Conflict } from '../schedule.ts';
import { ASSIGNMENT_KINDS } from '../team.vocab.ts';
import { ConflictList, str, timeRange, tk } from './parts.tsx';

export function AssignPage({ ctx, members, choices, values, errors = {} }: {
  ctx: ViewContext;
  members: MemberSummary[];
  choices: SlotChoice[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const label = (c: SlotChoice) => `${formatDay(c.startsAt, ctx.now)}, ${timeRange(c.startsAt, c.endsAt)} — ${c.title}${c.place ? ` (${c.place})` : ''}`;
  return (
    <Layout ctx={ctx} title={t('team.assign.title')} hasErrors={Object.keys(e).length > 0} backHref="/equipe">
      <h1>{t('team.assign.title')}</h1>
      <p class="lead">{t('team.assign.lead')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action="/equipe/affecter">
        <SelectField ctx={ctx} name="userId" label={t('team.assign.member')} placeholder={t('team.assign.choose')} value={str(values.userId)} error={e.userId}
          choices={members.filter((m) => m.active).map((m) => ({ value: m.id, label: `${m.displayName} (${t(tk('roles', m.role))})` }))} />
        <SelectField ctx={ctx} name="slot" label={t('team.assign.slot')} hint={t('team.assign.slotHint')} placeholder={t('team.assign.choose')} value={str(values.slot)} error={e.slot}
          choices={choices.map((c) => ({ value: c.value, label: label(c) }))} />
        <button type="submit">{t('team.assign.submit')}</button>
      </Form>
    </Layout>
  );
}

export function ConfirmAssignPage({ ctx, member, slot, slotValue, conflicts }: {
  ctx: ViewContext;
  member: { id: string; displayName: string };
  slot: Slot;
  slotValue: string;
  conflicts: Conflict[];
}) {
  const { t } = ctx;
  const title = t('team.confirm.title');
  return (
    <Layout ctx={ctx} title={title} backHref="/equipe/affecter">
      <h1>{title}</h1>
      <div class="warning-text" role="alert">
        <p>
          <strong>{t('team.confirm.lead', { name: member.displayName, slot: `${slot.title}, ${formatDay(slot.startsAt, ctx.now)}, ${timeRange(slot.startsAt, slot.endsAt)}` })}</strong>
        </p>
        <ConflictList ctx={ctx} conflicts={conflicts} />
      </div>
      <Form ctx={ctx} action="/equipe/affecter">
        <input type="hidden" name="userId" value={member.id} />
        <input type="hidden" name="slot" value={slotValue} />
        <input type="hidden" name="confirm" value="oui" />
        <div class="button-row">
          <button type="submit">{t('team.confirm.anyway')}</button>
          <a href={`/equipe/${member.id}`}>{t('team.confirm.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function RequirementsPage({ ctx, requirements, pathways, values = {}, errors = {} }: {
  ctx: ViewContext;
  requirements: KindRequirementView[];
  pathways: PathwayChoice[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('team.requirement.title')} hasErrors={Object.keys(e).length > 0} backHref="/equipe">
      <h1>{t('team.requirement.title')}</h1>
      <p class="lead">{t('team.requirement.lead')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      {requirements.length === 0 ? <p>{t('team.requirement.none')}</p> : (
        <ul>
          {requirements.map((r) => (
            <li key={r.id}>
              {t(tk('team.kind', r.kind))} : {r.title}
              <Form ctx={ctx} action={`/equipe/formations-requises/${r.id}/supprimer`}>
                <button type="submit" class="secondary">{t('team.requirement.remove', { title: r.title })}</button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('team.requirement.add')}</h2>
      <Form ctx={ctx} action="/equipe/formations-requises">
        <SelectField ctx={ctx} name="kind" label={t('team.requirement.kind')} placeholder={t('team.assign.choose')} value={str(values.kind)} error={e.kind}
          choices={ASSIGNMENT_KINDS.map((k) => ({ value: k, label: t(tk('team.kind', k)) }))} />
        <SelectField ctx={ctx} name="pathwayId" label={t('team.requirement.pathway')} placeholder={t('team.assign.choose')} value={str(values.pathwayId)} error={e.pathwayId}
          choices={pathways.map((p) => ({ value: p.id, label: p.title }))} />
        <button type="submit">{t('team.requirement.submit')}</button>
      </Form>
    </Layout>
  );
}
