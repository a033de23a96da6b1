import { Form } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { PersonFile } from '../person.types.ts';
import { personName } from './helpers.ts';

/** GOV.UK-style confirmation: says what goes and what stays before the irreversible step. */
export function ErasePage({ ctx, file, canExport }: { ctx: ViewContext; file: PersonFile; canExport: boolean }) {
  const { t } = ctx;
  const title = t('people.eraseTitle', { name: personName(t, file) });
  return (
    <Layout ctx={ctx} title={title} backHref={`/personnes/${file.id}`}>
      <h1>{title}</h1>
      <div class="notice warning">
        <p>
          <strong>{t('people.eraseWarning')}</strong>
        </p>
      </div>
      <h2>{t('people.eraseRemoved')}</h2>
      <ul>
        {t('people.eraseRemovedList')
          .split('|')
          .map((item) => (
            <li key={item}>{item}</li>
          ))}
      </ul>
      <h2>{t('people.eraseKept')}</h2>
      <ul>
        {t('people.eraseKeptList')
          .split('|')
          .map((item) => (
            <li key={item}>{item}</li>
          ))}
      </ul>
      {canExport && (
        <p>
          {t('people.eraseExportFirst')}{' '}
          <a href={`/personnes/${file.id}/export`} download>
            {t('people.exportAction')}
          </a>
        </p>
      )}
      <Form ctx={ctx} action={`/personnes/${file.id}/effacer`}>
        <div class="button-row">
          <button type="submit" class="danger">
            {t('people.eraseConfirm')}
          </button>
          <a href={`/personnes/${file.id}`}>{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}
