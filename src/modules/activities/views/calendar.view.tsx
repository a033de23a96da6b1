/** A staff member's calendar feed: the address to subscribe to, and the public programme's. */
import { Form } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';

export function CalendarPage({ ctx, url, publicUrl }: { ctx: ViewContext; url: string | null; publicUrl: string }) {
  const { t } = ctx;
  const role = ctx.actor?.role;
  return (
    <Layout ctx={ctx} title={t('activities.calendar.title')} backHref="/programme">
      <h1>{t('activities.calendar.title')}</h1>
      <p class="lead">{t('activities.calendar.intro')}</p>
      {(role === 'admin' || role === 'coordinator') && <p>{t('activities.calendar.coordinatorIntro')}</p>}
      {url ? (
        <div class="field">
          <label for="champ-agenda">{t('activities.calendar.url')}</label>
          <input id="champ-agenda" type="text" readOnly value={url} class="w-full" />
        </div>
      ) : (
        <p>{t('activities.calendar.none')}</p>
      )}
      <Form ctx={ctx} action="/agenda">
        <button type="submit" class={url ? 'secondary' : undefined}>{url ? t('activities.calendar.renew') : t('activities.calendar.create')}</button>
      </Form>
      <p>{t('activities.calendar.public', { url: `${publicUrl}/agenda.ics` })}</p>
    </Layout>
  );
}
