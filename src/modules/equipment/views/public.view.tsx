/** The public page: what residents can borrow or use in the studio, and how (no personal data). */
import type { ViewContext } from '../../../ui/view-context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ItemSummary } from '../inventory.service.ts';
import { tk } from './equipment.view.tsx';

export interface PublicEntry {
  item: ItemSummary;
  /** How many items of the same name family are available now (the 6 tablets show once). */
  available: number;
}

export function PublicEquipmentPage({ ctx, entries }: { ctx: ViewContext; entries: PublicEntry[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('equipment.public.title')} audience="public">
      <h1>{t('equipment.public.title')}</h1>
      <p class="lead">{t('equipment.public.lead')}</p>
      <h2>{t('equipment.public.how')}</h2>
      <p>{t('equipment.public.howText')}</p>
      {entries.length === 0 ? (
        <p>{t('equipment.public.none')}</p>
      ) : (
        <ul class="cards">
          {entries.map(({ item, available }) => (
            <li key={item.id}>
              <div class="card">
                <h2>{t(tk('equipment.category', item.category))}</h2>
                <p>{item.publicDescription}</p>
                <p>
                  <strong>{item.lendable ? t('equipment.public.lendable') : t('equipment.public.onSite')}</strong>
                </p>
                {item.lendable && <p>{t('equipment.public.available', { count: available })}</p>}
                {item.requiredModule && <p>{t('equipment.public.training', { module: item.requiredModule.title })}</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
