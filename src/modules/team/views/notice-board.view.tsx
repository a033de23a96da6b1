/** Pages of the team notice board: the list, writing a post, a post with who read it. */
import { can } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors, TextArea, TextField, textValue, type FormValues } from '../../../ui/components/form.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { NoticeDetail, NoticeSummary } from '../notice-board.service.ts';
import { DIGEST_FREQUENCIES, type DigestFrequency } from '../notice-board.vocab.ts';

const BASE = '/equipe/annonces';
const dayOf = (ctx: ViewContext, date: string) => formatDay(`${date}T12:00:00Z`, ctx.now, ctx.locale);

function Byline({ ctx, notice }: { ctx: ViewContext; notice: NoticeSummary }) {
  const { t } = ctx;
  return (
    <p class="hint">
      {t('board.notice.byline', { author: notice.authorName ?? t('board.notice.unknownAuthor'), date: formatDay(notice.createdAt, ctx.now, ctx.locale) })}
      {notice.expiresOn && <> · {t('board.notice.until', { date: dayOf(ctx, notice.expiresOn) })}</>}
    </p>
  );
}

function NoticeItem({ ctx, notice }: { ctx: ViewContext; notice: NoticeSummary }) {
  const { t } = ctx;
  return (
    <li class="card">
      {(notice.pinned || !notice.read) && (
        <p class="tags">
          {notice.pinned && <span class="tag warning">{t('board.notice.pinned')}</span>}
          {!notice.read && <span class="tag success">{t('board.notice.unread')}</span>}
        </p>
      )}
      <h2>
        <a href={`${BASE}/${notice.id}`}>{notice.title}</a>
      </h2>
      <Byline ctx={ctx} notice={notice} />
    </li>
  );
}

function DigestSetting({ ctx, frequency, errors }: { ctx: ViewContext; frequency: DigestFrequency; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <section>
      <h2>{t('board.digest.title')}</h2>
      <Form ctx={ctx} action={`${BASE}/resume`}>
        <ChoiceGroup
          ctx={ctx} name="frequency" type="radio" legend={t('board.digest.legend')} hint={t('board.digest.hint')} value={frequency} error={errors.frequency}
          choices={DIGEST_FREQUENCIES.map((f) => ({ value: f, label: t(`board.digest.frequency.${f}` as MessageKey) }))}
        />
        <button type="submit" class="secondary">{t('common.save')}</button>
      </Form>
    </section>
  );
}

export function NoticeBoardPage({ ctx, notices, frequency, digestErrors }: { ctx: ViewContext; notices: NoticeSummary[]; frequency: DigestFrequency; digestErrors?: FieldErrors }) {
  const { t } = ctx;
  const errors = localizeErrors(ctx, digestErrors ?? {});
  const unread = notices.filter((n) => !n.read).length;
  return (
    <Layout ctx={ctx} title={t('board.title')} hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('board.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="lead">{t('board.lead')}</p>
      {notices.length > 0 && <p>{t('board.unreadCount', { count: unread })}</p>}
      <div class="button-row">
        <a class="button" href={`${BASE}/nouvelle`}>{t('board.notice.write')}</a>
        {can(ctx.actor!.role, 'team.hours') && <a href="/equipe/benevolat">{t('volunteerHours.title')}</a>}
      </div>
      {notices.length === 0 ? (
        <p>{t('board.empty')}</p>
      ) : (
        <ul class="cards board-cards">
          {notices.map((n) => (
            <NoticeItem key={n.id} ctx={ctx} notice={n} />
          ))}
        </ul>
      )}
      {can(ctx.actor!.role, 'team.notices.manage') && <DigestSetting ctx={ctx} frequency={frequency} errors={errors} />}
    </Layout>
  );
}

export function NewNoticePage({ ctx, values, errors: raw }: { ctx: ViewContext; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const errors = localizeErrors(ctx, raw ?? {});
  return (
    <Layout ctx={ctx} title={t('board.notice.new')} hasErrors={Object.keys(errors).length > 0} backHref={BASE}>
      <h1>{t('board.notice.new')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={`${BASE}/nouvelle`}>
        <TextField ctx={ctx} name="title" label={t('board.field.title')} hint={t('board.field.titleHint')} value={textValue(values, 'title')} error={errors.title} />
        <TextArea ctx={ctx} name="body" label={t('board.field.body')} hint={t('board.field.bodyHint')} rows={8} value={textValue(values, 'body')} error={errors.body} />
        <TextField
          ctx={ctx} name="expiresOn" type="date" width="medium" optional label={t('board.field.expiresOn')} hint={t('board.field.expiresOnHint')}
          value={textValue(values, 'expiresOn')} error={errors.expiresOn}
        />
        {can(ctx.actor!.role, 'team.notices.manage') && (
          <ChoiceGroup
            ctx={ctx} name="pinned" type="checkbox" legend={t('board.field.pinned')} optional value={textValue(values, 'pinned')} error={errors.pinned}
            choices={[{ value: 'oui', label: t('board.field.pinnedLabel') }]}
          />
        )}
        <button type="submit">{t('board.notice.publish')}</button>
      </Form>
    </Layout>
  );
}

function Receipts({ ctx, notice }: { ctx: ViewContext; notice: NoticeDetail }) {
  const { t } = ctx;
  const receipts = notice.receipts!;
  return (
    <section>
      <h2>{t('board.receipts.title')}</h2>
      <h3>{t('board.receipts.read', { count: receipts.read.length })}</h3>
      <ul>
        {receipts.read.map((r) => (
          <li key={r.userId}>{t('board.receipts.readAt', { name: r.name, date: formatDateTime(r.readAt, ctx.locale) })}</li>
        ))}
      </ul>
      <h3>{t('board.receipts.unread', { count: receipts.unread.length })}</h3>
      {receipts.unread.length === 0 ? (
        <p>{t('board.receipts.everyone')}</p>
      ) : (
        <ul>
          {receipts.unread.map((r) => (
            <li key={r.userId}>{r.name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function NoticePage({ ctx, notice }: { ctx: ViewContext; notice: NoticeDetail }) {
  return (
    <Layout ctx={ctx} title={notice.title} backHref={BASE}>
      <h1>{notice.title}</h1>
      {notice.pinned && (
        <p class="tags">
          <span class="tag warning">{ctx.t('board.notice.pinned')}</span>
        </p>
      )}
      <Byline ctx={ctx} notice={notice} />
      {/* Sanitised by platform/markdown.ts: raw HTML is escaped, unsafe link schemes dropped. */}
      <div class="notice-body" dangerouslySetInnerHTML={{ __html: notice.html }} />
      {notice.receipts && <Receipts ctx={ctx} notice={notice} />}
    </Layout>
  );
}
