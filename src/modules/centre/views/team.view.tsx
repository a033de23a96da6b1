import { CENTRE_ROLES } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { ChoiceGroup, CsrfField, ErrorSummary, fieldId, Form, localizeErrors, SelectField, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { communeName } from '../../../platform/communes.ts';
import type { PartnerCommune, StaffMember } from '../centre.service.ts';
import { capitalize, CentreNav } from './common.view.tsx';

const roleLabel = (ctx: ViewContext, role: string) => ctx.t(`roles.${role}` as MessageKey);

function StatusTag({ ctx, member }: { ctx: ViewContext; member: StaffMember }) {
  const { t } = ctx;
  if (!member.active) return <span class="tag error nowrap">{t('admin.team.inactive')}</span>;
  if (member.invitationPending) return <span class="tag nowrap">{t('admin.team.invitationPending')}</span>;
  return <span class="tag success nowrap">{t('admin.team.active')}</span>;
}

export function TeamPage({ ctx, staff }: { ctx: ViewContext; staff: StaffMember[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.team.title')}>
      <h1>{t('admin.team.title')}</h1>
      <CentreNav ctx={ctx} />
      <p class="lead">{t('admin.team.intro')}</p>
      <p>
        <a class="button" href="/centre/equipe/nouveau">{t('admin.team.add')}</a>
      </p>
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">{t('admin.team.name')}</th>
            <th scope="col">{t('admin.team.email')}</th>
            <th scope="col">{t('admin.team.role')}</th>
            <th scope="col">{t('admin.team.status')}</th>
            <th scope="col">{t('admin.team.lastLogin')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((m) => (
            <tr key={m.id}>
              <td data-label={t('admin.team.name')}>
                <a href={`/centre/equipe/${m.id}`}>{m.displayName}</a>
                {m.id === ctx.actor?.userId && <> {t('admin.team.you')}</>}
              </td>
              <td data-label={t('admin.team.email')}>{m.email}</td>
              <td data-label={t('admin.team.role')}>
                {capitalize(roleLabel(ctx, m.role))}
                {m.partnerCommuneInsee && <> – {communeName(m.partnerCommuneInsee)}</>}
              </td>
              <td data-label={t('admin.team.status')}>
                <StatusTag ctx={ctx} member={m} />
              </td>
              <td data-label={t('admin.team.lastLogin')}>{m.lastLoginAt ? formatDateTime(m.lastLoginAt, ctx.locale) : t('admin.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {staff.length > 0 && <ExportLinks ctx={ctx} href="/centre/equipe" />}
    </Layout>
  );
}

function RoleFields({
  ctx,
  values,
  errors,
  partnerCommunes,
}: {
  ctx: ViewContext;
  values: FormValues;
  errors: FieldErrors;
  partnerCommunes: PartnerCommune[];
}) {
  const { t } = ctx;
  return (
    <>
      <ChoiceGroup
        ctx={ctx}
        name="role"
        legend={t('admin.team.role')}
        type="radio"
        value={values.role}
        error={errors.role}
        choices={CENTRE_ROLES.map((r) => ({ value: r, label: capitalize(roleLabel(ctx, r)), hint: t(`admin.team.roleHint.${r}` as MessageKey) }))}
      />
      <SelectField
        ctx={ctx}
        name="partnerCommuneInsee"
        label={t('admin.team.partnerCommune')}
        hint={t('admin.team.partnerCommuneHint')}
        value={values.partnerCommuneInsee as string | undefined}
        error={errors.partnerCommuneInsee}
        placeholder={t('admin.team.partnerCommuneNone')}
        choices={partnerCommunes.map((c) => ({ value: c.communeInsee, label: c.label }))}
      />
    </>
  );
}

export function StaffNewPage({
  ctx,
  values,
  errors = {},
  partnerCommunes,
}: {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors;
  partnerCommunes: PartnerCommune[];
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return (
    <Layout ctx={ctx} title={t('admin.team.newTitle')} hasErrors={Object.keys(e).length > 0} backHref="/centre/equipe">
      <h1>{t('admin.team.newTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action="/centre/equipe/nouveau">
        <TextField ctx={ctx} name="displayName" label={t('admin.team.name')} value={v('displayName')} error={e.displayName} autocomplete="off" />
        <TextField ctx={ctx} name="email" type="email" label={t('admin.team.email')} hint={t('admin.team.emailHint')} value={v('email')} error={e.email} autocomplete="off" width="medium" />
        <RoleFields ctx={ctx} values={values} errors={e} partnerCommunes={partnerCommunes} />
        <div class="button-row">
          <button type="submit">{t('admin.team.invite')}</button>
          <a href="/centre/equipe">{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function StaffEditPage({
  ctx,
  member,
  values,
  errors = {},
  partnerCommunes,
}: {
  ctx: ViewContext;
  member: StaffMember;
  values: FormValues;
  errors?: FieldErrors;
  partnerCommunes: PartnerCommune[];
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const isSelf = member.id === ctx.actor?.userId;
  const title = t('admin.team.editTitle', { name: member.displayName });
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref="/centre/equipe">
      <h1>
        {title} {isSelf && t('admin.team.you')}
      </h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <dl class="summary">
        <dt>{t('admin.team.email')}</dt>
        <dd>{member.email}</dd>
        <dt>{t('admin.team.status')}</dt>
        <dd>
          <StatusTag ctx={ctx} member={member} />
        </dd>
        <dt>{t('admin.team.lastLogin')}</dt>
        <dd>{member.lastLoginAt ? formatDateTime(member.lastLoginAt, ctx.locale) : t('admin.never')}</dd>
      </dl>
      <Form ctx={ctx} action={`/centre/equipe/${member.id}`}>
        <TextField ctx={ctx} name="displayName" label={t('admin.team.name')} value={v('displayName')} error={e.displayName} autocomplete="off" />
        <RoleFields ctx={ctx} values={values} errors={e} partnerCommunes={partnerCommunes} />
        <div class="button-row">
          <button type="submit">{t('admin.team.save')}</button>
          <a href="/centre/equipe">{t('common.cancel')}</a>
        </div>
      </Form>
      <h2>{t('admin.team.access')}</h2>
      {member.active && member.invitationPending && (
        <form method="post" action={`/centre/equipe/${member.id}/invitation`} class="no-print">
          <CsrfField ctx={ctx} />
          <div class="button-row">
            <button type="submit" class="secondary">{t('admin.team.resend')}</button>
          </div>
        </form>
      )}
      {isSelf ? (
        <p id={fieldId('active')}>{t('admin.team.cannotDeactivateSelf')}</p>
      ) : member.active ? (
        <form method="post" action={`/centre/equipe/${member.id}/desactiver`} class="no-print">
          <CsrfField ctx={ctx} />
          <p class="hint">{t('admin.team.deactivateHint')}</p>
          <div class="button-row">
            <button type="submit" class="danger" id={fieldId('active')}>{t('admin.team.deactivate')}</button>
          </div>
        </form>
      ) : (
        <form method="post" action={`/centre/equipe/${member.id}/reactiver`} class="no-print">
          <CsrfField ctx={ctx} />
          <div class="button-row">
            <button type="submit" class="secondary" id={fieldId('active')}>{t('admin.team.reactivate')}</button>
          </div>
        </form>
      )}
    </Layout>
  );
}
