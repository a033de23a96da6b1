import type { FieldErrors } from '../../errors.ts';
import { ErrorSummary, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';

export function LoginPage({ ctx, values = {}, errors = {} }: { ctx: ViewContext; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('auth.loginTitle')} hasErrors={Object.keys(e).length > 0}>
      <h1>{t('auth.loginTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action="/connexion">
        <input type="hidden" name="retour" value={(values.retour as string) ?? ''} />
        <TextField ctx={ctx} name="email" type="email" label={t('auth.email')} value={values.email as string} autocomplete="username" error={e.email} width="medium" />
        <TextField ctx={ctx} name="password" type="password" label={t('auth.password')} autocomplete="current-password" error={e.password} width="medium" />
        <div class="button-row">
          <button type="submit">{t('auth.submit')}</button>
          <a href="/mot-de-passe/oublie">{t('auth.forgot')}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function ForgotPage({ ctx, values = {}, errors = {} }: { ctx: ViewContext; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('auth.forgotTitle')} hasErrors={Object.keys(e).length > 0} backHref="/connexion">
      <h1>{t('auth.forgotTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p>{t('auth.forgotIntro')}</p>
      <Form ctx={ctx} action="/mot-de-passe/oublie">
        <TextField ctx={ctx} name="email" type="email" label={t('auth.email')} value={values.email as string} autocomplete="username" error={e.email} width="medium" />
        <button type="submit">{t('auth.forgotSubmit')}</button>
      </Form>
    </Layout>
  );
}

export function ForgotSentPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.forgotSentTitle')}>
      <h1>{t('auth.forgotSentTitle')}</h1>
      <p class="lead">{t('auth.forgotSent')}</p>
      <p><a href="/connexion">{t('auth.loginTitle')}</a></p>
    </Layout>
  );
}

export function ResetPage({ ctx, token, errors = {}, usable }: { ctx: ViewContext; token: string; errors?: FieldErrors; usable: boolean }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('auth.resetTitle')} hasErrors={Object.keys(e).length > 0}>
      <h1>{t('auth.resetTitle')}</h1>
      {usable ? (
        <>
          <ErrorSummary ctx={ctx} errors={e} />
          <Form ctx={ctx} action="/mot-de-passe/nouveau">
            <input type="hidden" name="jeton" value={token} />
            <TextField ctx={ctx} name="password" type="password" label={t('auth.newPassword')} hint={t('auth.newPasswordHint')} autocomplete="new-password" error={e.password} width="medium" />
            <button type="submit">{t('auth.resetSubmit')}</button>
          </Form>
        </>
      ) : (
        <>
          <p class="lead">{t('auth.resetInvalid')}</p>
          <p><a href="/mot-de-passe/oublie">{t('auth.forgotSubmit')}</a></p>
        </>
      )}
    </Layout>
  );
}
