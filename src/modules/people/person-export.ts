/**
 * The persons list as a file (CSV or XLSX): the same search as the page, every page of it, for
 * the same actor — a volunteer's file holds only the persons they may see. Long lists run in
 * the background (platform/exports).
 */
import type { ExportKind } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { MAX_PAGE_SIZE } from './person-helpers.ts';
import type { PeopleService } from './person.service.ts';
import type { PersonListItem } from './person.types.ts';

export function personsExport(service: PeopleService): ExportKind {
  const t = translator('fr');
  return {
    name: 'persons',
    count: async (actor, params) => (await service.search(actor, { q: params.q, pageSize: 1 })).total,
    async produce(actor, params, progress) {
      const items: PersonListItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await service.search(actor, { q: params.q, cursor, pageSize: MAX_PAGE_SIZE });
        items.push(...page.items);
        cursor = page.next ?? undefined;
        await progress(items.length / Math.max(1, page.total));
      } while (cursor);
      const header = ['lastName', 'firstName', 'phone', 'email', 'birthYear', 'ageBracket', 'commune', 'communeCode'].map((k) => t(`exports.persons.${k}` as MessageKey));
      const rows = items.map((p) => [
        p.lastName, p.firstName, p.phone, p.email, p.birthYear, t(`vocab.ageBracket.${p.ageBracket}` as MessageKey), p.communeName, p.communeInsee,
      ]);
      return { tables: { name: t('exports.persons.sheet'), header, rows }, basename: params.q ? `personnes-${params.q}` : 'personnes', personal: true };
    },
  };
}
