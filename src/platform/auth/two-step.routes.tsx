import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { actorOf, page } from '../http/access.ts';
import { parseForm, refusalOf, safeReturnPath } from '../http/forms.ts';
import { queryString, redirectSeeOther, setFlash } from '../http/request-context.ts';
import { SESSION_COOKIE } from '../http/security.ts';
import { t } from '../i18n/index.ts';
import { qrSvg } from '../qr.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import { codeForm, recoveryCodeForm } from './auth.schemas.ts';
import type { UserRow } from './auth.repository.ts';
import { groupedSecret } from './totp.ts';
import type { SecondStep } from './two-step.service.ts';
import { AccountPage, CodePage, EnrolPage, RecoveryCodesPage, RecoveryPage } from './views/two-step.view.tsx';

/** Between the password and the code: the signed reference to the account (no session yet). */
const PENDING_COOKIE = 'lieudit_deux_etapes';
const PENDING_MAX_AGE_SECONDS = 10 * 60;
const HOME = '/tableau-de-bord';
// As the sign-in form: ten attempts a minute per address (the account's own limit is in the service).
const codeRateLimit = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } } as const;
const REFUSALS = { statuses: [409, 429], fallbackField: 'code' } as const;

/** The session cookies' options: this site only, not readable by scripts, secure in production. */
export function cookieOptions(ctx: AppContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.production } as const;
}

function withReturn(path: string, retour: string): string {
  return retour && retour !== HOME ? `${path}?retour=${encodeURIComponent(retour)}` : path;
}

function returnOf(request: FastifyRequest): string {
  return safeReturnPath(queryString(request, 'retour'), HOME);
}

/**
 * After a right password (the sign-in form, a kiosk handed back) when the account must pass a
 * second step: the browser keeps a signed reference for 10 minutes and goes to the code page,
 * or to the setup page when its role requires two-step sign-in and it has none yet.
 */
export function sendToSecondStep(reply: FastifyReply, ctx: AppContext, step: Exclude<SecondStep, 'none'>, pending: string, retour: string): FastifyReply {
  reply.setCookie(PENDING_COOKIE, pending, { ...cookieOptions(ctx), maxAge: PENDING_MAX_AGE_SECONDS });
  return redirectSeeOther(reply, withReturn(step === 'code' ? '/connexion/code' : '/connexion/mise-en-place', retour));
}

export function registerTwoStepRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerSignInSteps(app, ctx);
  registerAccountPages(app, ctx);
}

/** Opens the session once the second step is passed; the request now acts as the account. */
async function completeSignIn(request: FastifyRequest, reply: FastifyReply, ctx: AppContext, user: UserRow): Promise<void> {
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await ctx.auth.logout(previous);
  const cookie = await ctx.auth.completeSignIn(user);
  reply.setCookie(SESSION_COOKIE, cookie, { ...cookieOptions(ctx), maxAge: 12 * 3600 });
  reply.clearCookie(PENDING_COOKIE, { path: '/' });
  request.actor = await ctx.auth.actorFromSession(cookie);
}

async function qrDataUri(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(text)).toString('base64')}`;
}

async function enrolPage(request: FastifyRequest, reply: FastifyReply, ctx: AppContext, user: UserRow, action: string, options: { errors?: Record<string, string>; status?: number; backHref?: string } = {}) {
  const { secret, uri } = await ctx.twoStep.enrolment(user, request.centre?.name ?? 'Lieudit');
  const required = (await ctx.twoStep.status(user)).required;
  const data = { key: groupedSecret(secret), qr: await qrDataUri(uri), required };
  return sendPage(reply, <EnrolPage ctx={viewContext(request)} action={action} data={data} errors={options.errors} backHref={options.backHref} />, options.status);
}

/** The pages between password and session: the app's code, a recovery code, or the first setup. */
function registerSignInSteps(app: FastifyInstance, ctx: AppContext): void {
  registerCodeStep(app, ctx);
  registerRecoveryStep(app, ctx);
  registerEnrolStep(app, ctx);
}

/** The account between password and code, or null (the page sends the browser back to the sign-in form). */
async function pendingAccount(request: FastifyRequest, reply: FastifyReply, ctx: AppContext, expected: SecondStep): Promise<UserRow | FastifyReply> {
  const user = await ctx.twoStep.pendingAccount(request.cookies[PENDING_COOKIE]);
  if (!user) {
    reply.clearCookie(PENDING_COOKIE, { path: '/' });
    setFlash(reply, t(request.locale, 'twoStep.pendingExpired'));
    return redirectSeeOther(reply, withReturn('/connexion', returnOf(request)));
  }
  const step = await ctx.twoStep.stepAfterPassword(user);
  if (step === expected) return user;
  // The account changed meanwhile (reset by an administrator, set up in another tab).
  if (step === 'none') {
    await completeSignIn(request, reply, ctx, user);
    return redirectSeeOther(reply, returnOf(request));
  }
  return sendToSecondStep(reply, ctx, step, request.cookies[PENDING_COOKIE]!, returnOf(request));
}

function registerCodeStep(app: FastifyInstance, ctx: AppContext): void {
  const codeLinks = (request: FastifyRequest) => [
    { href: withReturn('/connexion/code-de-secours', returnOf(request)), label: t(request.locale, 'twoStep.signIn.useRecovery') },
  ];
  const codePage = (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string> = {}, status = 200) =>
    sendPage(reply, <CodePage ctx={viewContext(request)} action={withReturn('/connexion/code', returnOf(request))} lead={t(request.locale, 'twoStep.signIn.lead')} errors={errors} links={codeLinks(request)} />, status);

  app.get('/connexion/code', page('public'), async (request, reply) => {
    const user = await pendingAccount(request, reply, ctx, 'code');
    return 'id' in user ? codePage(request, reply) : user;
  });

  app.post('/connexion/code', page('public', codeRateLimit), async (request, reply) => {
    const user = await pendingAccount(request, reply, ctx, 'code');
    if (!('id' in user)) return user;
    const parsed = parseForm(codeForm, request.body);
    if (!parsed.ok) return codePage(request, reply, parsed.errors, 422);
    try {
      await ctx.twoStep.checkCode(user, parsed.data.code);
    } catch (error) {
      const refusal = refusalOf(error, REFUSALS);
      return codePage(request, reply, refusal.errors, refusal.status);
    }
    await completeSignIn(request, reply, ctx, user);
    return redirectSeeOther(reply, returnOf(request));
  });
}

function registerRecoveryStep(app: FastifyInstance, ctx: AppContext): void {
  const recoveryPage = (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string> = {}, status = 200) =>
    sendPage(reply, <RecoveryPage ctx={viewContext(request)} action={withReturn('/connexion/code-de-secours', returnOf(request))} errors={errors}
      links={[{ href: withReturn('/connexion/code', returnOf(request)), label: t(request.locale, 'twoStep.recovery.useApp') }]} />, status);

  app.get('/connexion/code-de-secours', page('public'), async (request, reply) => {
    const user = await pendingAccount(request, reply, ctx, 'code');
    return 'id' in user ? recoveryPage(request, reply) : user;
  });

  app.post('/connexion/code-de-secours', page('public', codeRateLimit), async (request, reply) => {
    const user = await pendingAccount(request, reply, ctx, 'code');
    if (!('id' in user)) return user;
    const parsed = parseForm(recoveryCodeForm, request.body);
    if (!parsed.ok) return recoveryPage(request, reply, parsed.errors, 422);
    try {
      await ctx.twoStep.checkRecoveryCode(user, parsed.data.code);
    } catch (error) {
      const refusal = refusalOf(error, REFUSALS);
      return recoveryPage(request, reply, refusal.errors, refusal.status);
    }
    await completeSignIn(request, reply, ctx, user);
    return redirectSeeOther(reply, returnOf(request));
  });
}

function registerEnrolStep(app: FastifyInstance, ctx: AppContext): void {
  app.get('/connexion/mise-en-place', page('public'), async (request, reply) => {
    const user = await pendingAccount(request, reply, ctx, 'enrol');
    return 'id' in user ? enrolPage(request, reply, ctx, user, withReturn('/connexion/mise-en-place', returnOf(request))) : user;
  });

  app.post('/connexion/mise-en-place', page('public', codeRateLimit), async (request, reply) => {
    const user = await pendingAccount(request, reply, ctx, 'enrol');
    if (!('id' in user)) return user;
    const action = withReturn('/connexion/mise-en-place', returnOf(request));
    const parsed = parseForm(codeForm, request.body);
    if (!parsed.ok) return enrolPage(request, reply, ctx, user, action, { errors: parsed.errors, status: 422 });
    let codes: string[];
    try {
      codes = await ctx.twoStep.confirmEnrolment(user, parsed.data.code);
    } catch (error) {
      const refusal = refusalOf(error, REFUSALS);
      return enrolPage(request, reply, ctx, user, action, { errors: refusal.errors, status: refusal.status });
    }
    await completeSignIn(request, reply, ctx, user);
    // Shown in this answer only: the codes are never stored in clear, nor shown again.
    return sendPage(reply, <RecoveryCodesPage ctx={viewContext(request)} codes={codes} next={returnOf(request)} />);
  });
}

function registerAccountPages(app: FastifyInstance, ctx: AppContext): void {
  const staffPage = page('staff');

  /** The signed-in team member's own account (an API token has none). */
  async function accountOf(request: FastifyRequest): Promise<UserRow> {
    const actor = actorOf(request);
    if (!actor.userId) throw new AppError(403, 'forbidden', 'twoStep.account.noAccount');
    return ctx.auth.findOwnAccount(actor.centerId, actor.userId);
  }

  app.get('/compte', staffPage, async (request, reply) => {
    const user = await accountOf(request);
    const data = { displayName: user.displayName, email: user.email, role: user.role, twoStep: await ctx.twoStep.status(user) };
    return sendPage(reply, <AccountPage ctx={viewContext(request)} data={data} />);
  });

  const SETUP = '/compte/deux-etapes/activer';
  app.get(SETUP, staffPage, async (request, reply) => {
    const user = await accountOf(request);
    if ((await ctx.twoStep.status(user)).enabled) return redirectSeeOther(reply, '/compte');
    return enrolPage(request, reply, ctx, user, SETUP, { backHref: '/compte' });
  });

  app.post(SETUP, staffPage, async (request, reply) => {
    const user = await accountOf(request);
    const parsed = parseForm(codeForm, request.body);
    if (!parsed.ok) return enrolPage(request, reply, ctx, user, SETUP, { errors: parsed.errors, status: 422, backHref: '/compte' });
    let codes: string[];
    try {
      codes = await ctx.twoStep.confirmEnrolment(user, parsed.data.code);
    } catch (error) {
      const refusal = refusalOf(error, REFUSALS);
      return enrolPage(request, reply, ctx, user, SETUP, { errors: refusal.errors, status: refusal.status, backHref: '/compte' });
    }
    setFlash(reply, t(request.locale, 'twoStep.account.turnedOn'));
    return sendPage(reply, <RecoveryCodesPage ctx={viewContext(request)} codes={codes} next="/compte" />);
  });

  registerConfirmedChange(app, ctx, accountOf, {
    path: '/compte/deux-etapes/codes-de-secours', title: 'twoStep.account.newCodes', lead: 'twoStep.account.newCodesLead',
    run: async (request, reply, user, code) => {
      const codes = await ctx.twoStep.regenerateRecoveryCodes(user, code);
      return sendPage(reply, <RecoveryCodesPage ctx={viewContext(request)} codes={codes} next="/compte" />);
    },
  });

  registerConfirmedChange(app, ctx, accountOf, {
    path: '/compte/deux-etapes/desactiver', title: 'twoStep.account.turnOff', lead: 'twoStep.account.turnOffLead',
    run: async (request, reply, user, code) => {
      await ctx.twoStep.turnOff(user, code);
      setFlash(reply, t(request.locale, 'twoStep.account.turnedOff'));
      return redirectSeeOther(reply, '/compte');
    },
  });
}

/** A change to one's own setup, confirmed by a code from the app: a question page and its post. */
function registerConfirmedChange(
  app: FastifyInstance,
  ctx: AppContext,
  accountOf: (request: FastifyRequest) => Promise<UserRow>,
  change: {
    path: string;
    title: 'twoStep.account.newCodes' | 'twoStep.account.turnOff';
    lead: 'twoStep.account.newCodesLead' | 'twoStep.account.turnOffLead';
    run: (request: FastifyRequest, reply: FastifyReply, user: UserRow, code: string) => Promise<FastifyReply>;
  },
): void {
  const show = (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string> = {}, status = 200) =>
    sendPage(reply, <CodePage ctx={viewContext(request)} action={change.path} title={t(request.locale, change.title)} lead={t(request.locale, change.lead)} errors={errors} backHref="/compte" />, status);

  app.get(change.path, page('staff'), async (request, reply) => {
    const user = await accountOf(request);
    if (!(await ctx.twoStep.status(user)).enabled) return redirectSeeOther(reply, '/compte');
    return show(request, reply);
  });

  app.post(change.path, page('staff', codeRateLimit), async (request, reply) => {
    const user = await accountOf(request);
    const parsed = parseForm(codeForm, request.body);
    if (!parsed.ok) return show(request, reply, parsed.errors, 422);
    try {
      return await change.run(request, reply, user, parsed.data.code);
    } catch (error) {
      const refusal = refusalOf(error, REFUSALS);
      return show(request, reply, refusal.errors, refusal.status);
    }
  });
}
