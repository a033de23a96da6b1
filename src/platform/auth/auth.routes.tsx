import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { page } from '../http/access.ts';
import { formValues, parseForm, safeReturnPath } from '../http/forms.ts';
import { redirectSeeOther, setFlash } from '../http/request-context.ts';
import { SESSION_COOKIE } from '../http/security.ts';
import { t } from '../i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import { forgotForm, loginForm, resetForm } from './auth.schemas.ts';
import { ForgotPage, ForgotSentPage, LoginPage, ResetPage } from './views/auth.view.tsx';
import { AppError } from '../errors.ts';
import { cookieOptions, registerTwoStepRoutes, sendToSecondStep } from './two-step.routes.tsx';

const publicPage = page('public');
// Ten attempts a minute per address: enough for a typo, too few for guessing.
const loginRateLimit = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } } as const;

export async function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerSignIn(app, ctx);
  registerTwoStepRoutes(app, ctx);
  registerSignOut(app, ctx);
  registerPasswordReset(app, ctx);
  registerPreferences(app, ctx);
}

/** The sign-in form: a right password opens a session, or leads to the second step. */
function registerSignIn(app: FastifyInstance, ctx: AppContext): void {
  app.get('/connexion', publicPage, async (request, reply) => {
    if (request.actor) return redirectSeeOther(reply, '/tableau-de-bord');
    const retour = (request.query as Record<string, unknown>).retour;
    return sendPage(reply, <LoginPage ctx={viewContext(request)} values={{ retour: safeReturnPath(retour, '') }} />);
  });

  app.post('/connexion', page('public', loginRateLimit), async (request, reply) => {
    const parsed = parseForm(loginForm, request.body);
    const values = formValues(request.body);
    delete values.password;
    if (!parsed.ok) return sendPage(reply, <LoginPage ctx={viewContext(request)} values={values} errors={parsed.errors} />, 422);
    const result = await ctx.auth.login(parsed.data.email, parsed.data.password);
    if (!result) {
      return sendPage(reply, <LoginPage ctx={viewContext(request)} values={values} errors={{ email: 'auth.invalid' }} />, 422);
    }
    if (result.secondStep) return sendToSecondStep(reply, ctx, result.secondStep, result.pending, safeReturnPath(parsed.data.retour, ''));
    // Rotate: whatever session the browser had before is ended.
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await ctx.auth.logout(previous);
    reply.setCookie(SESSION_COOKIE, result.cookie, { ...cookieOptions(ctx), maxAge: 12 * 3600 });
    return redirectSeeOther(reply, safeReturnPath(parsed.data.retour, '/tableau-de-bord'));
  });
}

function registerSignOut(app: FastifyInstance, ctx: AppContext): void {
  app.post('/deconnexion', publicPage, async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) await ctx.auth.logout(sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // A shared device keeps nothing of the session: the navette's visit pages kept for offline
    // use (names, phones, health notes) and any report not yet sent are wiped with it. The
    // navette pages warn before signing out when reports are still waiting to be sent.
    reply.header('clear-site-data', '"cache", "storage"');
    setFlash(reply, t(request.locale, 'auth.loggedOut'));
    return redirectSeeOther(reply, '/connexion');
  });
}

/** A forgotten password: the request by e-mail, then the new password from the link. */
function registerPasswordReset(app: FastifyInstance, ctx: AppContext): void {
  app.get('/mot-de-passe/oublie', publicPage, async (request, reply) => sendPage(reply, <ForgotPage ctx={viewContext(request)} />));

  app.post('/mot-de-passe/oublie', page('public', loginRateLimit), async (request, reply) => {
    const parsed = parseForm(forgotForm, request.body);
    if (!parsed.ok) {
      return sendPage(reply, <ForgotPage ctx={viewContext(request)} values={formValues(request.body)} errors={parsed.errors} />, 422);
    }
    await ctx.auth.requestPasswordReset(parsed.data.email, request.locale);
    return redirectSeeOther(reply, '/mot-de-passe/envoye');
  });

  app.get('/mot-de-passe/envoye', publicPage, async (request, reply) => sendPage(reply, <ForgotSentPage ctx={viewContext(request)} />));

  app.get('/mot-de-passe/nouveau', publicPage, async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).jeton ?? '');
    const usable = token.length > 0 && token.length < 200 && (await ctx.auth.isResetTokenUsable(token));
    return sendPage(reply, <ResetPage ctx={viewContext(request)} token={token} usable={usable} />, usable ? 200 : 400);
  });

  app.post('/mot-de-passe/nouveau', page('public', loginRateLimit), async (request, reply) => {
    const token = String((request.body as Record<string, unknown> | undefined)?.jeton ?? '');
    const parsed = parseForm(resetForm, request.body);
    if (!parsed.ok) {
      const usable = parsed.errors.jeton === undefined;
      return sendPage(reply, <ResetPage ctx={viewContext(request)} token={token} usable={usable} errors={parsed.errors} />, 422);
    }
    try {
      await ctx.auth.resetPassword(parsed.data.jeton, parsed.data.password);
    } catch (error) {
      if (error instanceof AppError && error.code === 'reset_invalid') {
        return sendPage(reply, <ResetPage ctx={viewContext(request)} token={token} usable={false} />, 400);
      }
      throw error;
    }
    setFlash(reply, t(request.locale, 'auth.resetDone'));
    return redirectSeeOther(reply, '/connexion');
  });
}

/** The reader's preferences, kept in cookies: easy-read display and language. */
function registerPreferences(app: FastifyInstance, ctx: AppContext): void {
  app.post('/preferences/lisible', publicPage, async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    reply.setCookie('lieudit_lisible', request.lisible ? '0' : '1', { ...cookieOptions(ctx), maxAge: 365 * 86400 });
    return redirectSeeOther(reply, safeReturnPath(body?.retour, '/'));
  });

  app.get('/preferences/langue/:locale', publicPage, async (request, reply) => {
    const { locale } = request.params as { locale: string };
    reply.setCookie('lieudit_lang', locale === 'en' ? 'en' : 'fr', { ...cookieOptions(ctx), maxAge: 365 * 86400 });
    const referer = request.headers.referer;
    const back = referer ? new URL(referer, 'http://x').pathname : '/';
    return redirectSeeOther(reply, safeReturnPath(back, '/'));
  });
}
