import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { ErrorSummary, fieldId, Form, localizeErrors } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { TwoStepStatus } from '../two-step.service.ts';

/**
 * The one question of a code page, GOV.UK style: the label is the page's heading. `kind`
 * "totp" asks for the 6 digits of the app (numeric keyboard, the phone may offer the code),
 * "recovery" for a recovery code (letters and digits).
 */
function CodeQuestion({ ctx, kind, heading, hint, error }: { ctx: ViewContext; kind: 'totp' | 'recovery'; heading: string; hint: string; error?: string }) {
  const id = fieldId('code');
  const describedBy = [`${id}-aide`, error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <h1>
        <label for={id}>{heading}</label>
      </h1>
      <p class="hint" id={`${id}-aide`}>{hint}</p>
      {error && (
        <p class="field-error" id={`${id}-erreur`}>
          <span class="visually-hidden">{ctx.t('layout.errorPrefix')}</span>
          {error}
        </p>
      )}
      <input
        id={id}
        name="code"
        type="text"
        class={kind === 'totp' ? 'w-short' : 'w-medium'}
        autocomplete={kind === 'totp' ? 'one-time-code' : 'off'}
        inputMode={kind === 'totp' ? 'numeric' : 'text'}
        pattern={kind === 'totp' ? '[0-9 ]*' : undefined}
        spellcheck={false}
        autocapitalize="none"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export interface CodePageProps {
  ctx: ViewContext;
  /** Where the form posts. */
  action: string;
  errors?: FieldErrors;
  /** A paragraph above the question (why the code is asked). */
  lead?: string;
  submit?: MessageKey;
  backHref?: string;
  /** Links under the button (a recovery code instead, start again). */
  links?: { href: string; label: string }[];
  /** The page's title, when it is not the question itself. */
  title?: string;
}

/** "Code à 6 chiffres": after the password, or to confirm a change to one's own setup. */
export function CodePage({ ctx, action, errors = {}, lead, submit = 'twoStep.codeSubmit', backHref, links = [], title }: CodePageProps) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={title ?? t('twoStep.codeLabel')} hasErrors={Object.keys(e).length > 0} backHref={backHref}>
      <ErrorSummary ctx={ctx} errors={e} />
      {lead && <p class="lead">{lead}</p>}
      <Form ctx={ctx} action={action}>
        <CodeQuestion ctx={ctx} kind="totp" heading={t('twoStep.codeLabel')} hint={t('twoStep.codeHint')} error={e.code} />
        <button type="submit">{t(submit)}</button>
      </Form>
      <Links links={links} />
    </Layout>
  );
}

/** A recovery code in place of the app's code, after the password. */
export function RecoveryPage({ ctx, action, errors = {}, links }: { ctx: ViewContext; action: string; errors?: FieldErrors; links: { href: string; label: string }[] }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('twoStep.recovery.title')} hasErrors={Object.keys(e).length > 0}>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={action}>
        <CodeQuestion ctx={ctx} kind="recovery" heading={t('twoStep.recovery.label')} hint={t('twoStep.recovery.hint')} error={e.code} />
        <button type="submit">{t('twoStep.codeSubmit')}</button>
      </Form>
      <p>{t('twoStep.recovery.lost')}</p>
      <Links links={links} />
    </Layout>
  );
}

function Links({ links }: { links: { href: string; label: string }[] }) {
  if (links.length === 0) return null;
  return (
    <ul class="plain-list">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href}>{link.label}</a>
        </li>
      ))}
    </ul>
  );
}

export interface EnrolData {
  /** The secret, grouped by four for typing. */
  key: string;
  /** The QR code (SVG) as a data: address. */
  qr: string;
  required: boolean;
}

/** Setting it up: an app, the QR code (or the key as text), and a first code to confirm. */
export function EnrolPage({ ctx, action, data, errors = {}, backHref }: { ctx: ViewContext; action: string; data: EnrolData; errors?: FieldErrors; backHref?: string }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('twoStep.setup.title')} hasErrors={Object.keys(e).length > 0} backHref={backHref}>
      <h1>{t('twoStep.setup.title')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p class="lead">{t(data.required ? 'twoStep.setup.required' : 'twoStep.setup.optional')}</p>
      <h2>{t('twoStep.setup.step1')}</h2>
      <p>{t('twoStep.setup.step1Text')}</p>
      <h2>{t('twoStep.setup.step2')}</h2>
      <p>{t('twoStep.setup.step2Text')}</p>
      <p>
        <img class="qr-code" src={data.qr} alt={t('twoStep.setup.qrAlt')} width={200} height={200} />
      </p>
      <p>{t('twoStep.setup.keyIntro')}</p>
      <p>
        <code class="secret-key">{data.key}</code>
      </p>
      <h2>{t('twoStep.setup.step3')}</h2>
      <Form ctx={ctx} action={action}>
        <SetupCodeField ctx={ctx} error={e.code} />
        <button type="submit">{t('twoStep.setup.submit')}</button>
      </Form>
    </Layout>
  );
}

/** The first code, on the setup page (where the page's heading is the setup, not the question). */
function SetupCodeField({ ctx, error }: { ctx: ViewContext; error?: string }) {
  const id = fieldId('code');
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{ctx.t('twoStep.codeLabel')}</label>
      {error && (
        <p class="field-error" id={`${id}-erreur`}>
          <span class="visually-hidden">{ctx.t('layout.errorPrefix')}</span>
          {error}
        </p>
      )}
      <input
        id={id} name="code" type="text" class="w-short" autocomplete="one-time-code" inputMode="numeric" pattern="[0-9 ]*"
        aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-erreur` : undefined}
      />
    </div>
  );
}

/** The recovery codes, shown once: right after the setup, or after asking for new ones. */
export function RecoveryCodesPage({ ctx, codes, next }: { ctx: ViewContext; codes: string[]; next: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('twoStep.codes.title')}>
      <h1>{t('twoStep.codes.title')}</h1>
      <p class="lead">{t('twoStep.codes.lead')}</p>
      <div class="notice warning">
        <p>{t('twoStep.codes.warning')}</p>
      </div>
      <ol class="recovery-codes" aria-label={t('twoStep.codes.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href={next}>{t('twoStep.codes.done')}</a>
      </p>
    </Layout>
  );
}

export interface AccountData {
  displayName: string;
  email: string;
  role: string;
  twoStep: TwoStepStatus;
}

/** A team member's own account: who they are, and their two-step sign-in. */
export function AccountPage({ ctx, data }: { ctx: ViewContext; data: AccountData }) {
  const { t } = ctx;
  const { twoStep } = data;
  return (
    <Layout ctx={ctx} title={t('twoStep.account.title')}>
      <h1>{t('twoStep.account.title')}</h1>
      <dl class="summary">
        <dt>{t('twoStep.account.name')}</dt>
        <dd>{data.displayName}</dd>
        <dt>{t('twoStep.account.email')}</dt>
        <dd>{data.email}</dd>
        <dt>{t('twoStep.account.role')}</dt>
        <dd>{t(`roles.${data.role}` as MessageKey)}</dd>
      </dl>
      <h2>
        {t('twoStep.name')}{' '}
        <span class={`tag ${twoStep.enabled ? 'success' : ''}`}>{t(twoStep.enabled ? 'twoStep.account.on' : 'twoStep.account.off')}</span>
      </h2>
      {twoStep.enabled ? <EnabledSection ctx={ctx} status={twoStep} /> : (
        <>
          <p>{t('twoStep.account.offText')}</p>
          <p><a class="button" href="/compte/deux-etapes/activer">{t('twoStep.account.turnOn')}</a></p>
        </>
      )}
    </Layout>
  );
}

function EnabledSection({ ctx, status }: { ctx: ViewContext; status: TwoStepStatus }): ComponentChildren {
  const { t } = ctx;
  return (
    <>
      <p>{t('twoStep.account.onText')}</p>
      <p>{t('twoStep.account.codesLeft', { count: status.recoveryCodesLeft })}</p>
      {status.required && <p>{t('twoStep.account.requiredText')}</p>}
      <div class="button-row">
        <a class="button secondary" href="/compte/deux-etapes/codes-de-secours">{t('twoStep.account.newCodes')}</a>
        {!status.required && <a class="button secondary" href="/compte/deux-etapes/desactiver">{t('twoStep.account.turnOff')}</a>}
      </div>
    </>
  );
}
