import type { ExportJobView } from '../../../platform/exports/exports.service.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { Layout, PROGRESS_SCRIPT } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';

const KIND_TITLES: Record<string, MessageKey> = {
  persons: 'exports.kind.persons',
  'coop-activities': 'exports.kind.coopActivities',
  'funder-report': 'exports.kind.funderReport',
  enrolments: 'exports.kind.enrolments',
};

/** A long export's progress while the file is being made (updated in place by the progress script, or by the person's « Mettre à jour »), then the file. */
export function ExportJobPage({ ctx, job }: { ctx: ViewContext; job: ExportJobView }) {
  const { t } = ctx;
  const working = job.status === 'pending' || job.status === 'running';
  return (
    <Layout ctx={ctx} title={t('exports.job.title')}>
      <h1>{t('exports.job.title')}</h1>
      <p class="lead">{t(KIND_TITLES[job.kind] ?? 'exports.kind.other')} ({job.format.toUpperCase()})</p>
      {working && (
        <>
          <section data-progress data-progress-seconds="2" data-progress-done={t('exports.job.ready')} data-progress-done-link={t('exports.job.show')}>
            <p role="status">{job.status === 'pending' ? t('exports.job.pending') : t('exports.job.running', { progress: job.progress })}</p>
            <label for="avancement">{t('exports.job.progress')}</label>
            <progress id="avancement" max={100} value={job.progress}>{job.progress} %</progress>
            <p data-progress-hint>{t('exports.job.wait')}</p>
            <p><a data-progress-link href={`/exports/${job.id}`}>{t('exports.job.refresh')}</a></p>
          </section>
          <script src={PROGRESS_SCRIPT} defer />
        </>
      )}
      {job.status === 'done' && job.filename && (
        <>
          <p role="status">{t('exports.job.done', { rows: job.rowCount ?? 0 })}</p>
          <p><a role="button" href={`/exports/${job.id}/fichier`}>{t('exports.job.download', { filename: job.filename })}</a></p>
          <p class="hint">{t('exports.job.expires', { day: formatDateTime(job.expiresAt, ctx.locale) })}</p>
        </>
      )}
      {job.status === 'failed' && <p role="alert">{t('exports.job.failed')}</p>}
    </Layout>
  );
}
