import { CENTRE_ROLES, type Role } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { ChoiceGroup, CsrfField, ErrorSummary, Form, localizeErrors } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { StaffMember } from '../centre.service.ts';
import { capitalize, CentreNav } from './common.view.tsx';

export interface TeamTwoStepData {
  requiredRoles: Role[];
  staff: StaffMember[];
  enabled: Set<string>;
}

const roleLabel = (ctx: ViewContext, role: string) => capitalize(ctx.t(`roles.${role}` as MessageKey));

/** The administrator's page: which roles must use two-step sign-in, and who has it (with a reset). */
export function TeamTwoStepPage({ ctx, data, errors = {}, values }: { ctx: ViewContext; data: TeamTwoStepData; errors?: FieldErrors; values?: string[] }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const required = new Set<string>(data.requiredRoles);
  return (
    <Layout ctx={ctx} title={t('twoStep.centre.title')} hasErrors={Object.keys(e).length > 0}>
      <h1>{t('twoStep.centre.title')}</h1>
      <CentreNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={e} />
      <p class="lead">{t('twoStep.centre.lead')}</p>
      <Form ctx={ctx} action="/centre/deux-etapes">
        <ChoiceGroup
          ctx={ctx} name="roles" type="checkbox" legend={t('twoStep.centre.rolesLegend')} hint={t('twoStep.centre.rolesHint')} error={e.roles}
          value={values ?? data.requiredRoles} choices={CENTRE_ROLES.map((role) => ({ value: role, label: roleLabel(ctx, role) }))}
        />
        <button type="submit">{t('twoStep.centre.save')}</button>
      </Form>
      <h2>{t('twoStep.centre.team')}</h2>
      <p>{t('twoStep.centre.resetHint')}</p>
      <table class="responsive">
        <TableHead ctx={ctx} columns={[t('admin.team.name'), t('admin.team.role'), t('twoStep.centre.status')]} actions />
        <tbody>
          {data.staff.filter((m) => m.active).map((m) => {
            const on = data.enabled.has(m.id);
            return (
              <tr key={m.id}>
                <td data-label={t('admin.team.name')}>{m.displayName}</td>
                <td data-label={t('admin.team.role')}>{roleLabel(ctx, m.role)}</td>
                <td data-label={t('twoStep.centre.status')}>
                  <span class={`tag nowrap${on ? ' success' : ''}`}>{t(on ? 'twoStep.account.on' : 'twoStep.account.off')}</span>
                  {required.has(m.role) && <> ({t('twoStep.centre.required')})</>}
                </td>
                <td>
                  {on && m.id !== ctx.actor?.userId && (
                    <form method="post" action={`/centre/deux-etapes/${m.id}/reinitialiser`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="link-button" aria-label={t('twoStep.centre.resetFor', { name: m.displayName })}>
                        {t('twoStep.centre.reset')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Layout>
  );
}
