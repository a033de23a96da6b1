import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import * as searchTermsMigration from '../../db/migrations/2026_11_26_0500_person_search_terms.ts';
import * as sortNameMigration from '../../db/migrations/2026_12_04_0800_person_sort_name.ts';
import * as searchSortMigration from '../../db/migrations/2026_12_06_0100_person_search_sort.ts';
import * as searchPrefixesMigration from '../../db/migrations/2026_12_07_1120_person_search_prefixes.ts';
import { newId } from '../../platform/ids.ts';
import { SEARCH_PREFIX_LENGTH, searchPrefixesOf, searchTermsOf, searchTextOf, sortNameOf } from './search-text.ts';

describe('search text and words', () => {
  it('folds the searchable fields and keeps each word once', () => {
    const text = searchTextOf({ firstName: 'Jean-Marc', lastName: "D'Hondt", phone: '0612345678', email: 'Jean.Marc+asso@Exemple.fr', communeInsee: '59122' });
    expect(text).toBe('jean marc d hondt 0612345678 jean.marc+asso@exemple.fr cambrai');
    expect(searchTermsOf(text)).toEqual(['jean', 'marc', 'd', 'hondt', '0612345678', 'jean.marc+asso@exemple.fr', 'cambrai']);
    expect(searchTermsOf('marie marie  lou')).toEqual(['marie', 'lou']);
    expect(searchTermsOf('')).toEqual([]);
  });

  it('keeps each beginning of a word once, up to SEARCH_PREFIX_LENGTH characters', () => {
    expect(SEARCH_PREFIX_LENGTH).toBe(5);
    expect(searchPrefixesOf('lea lefevre lea 06123')).toEqual(['l', 'le', 'lea', 'lef', 'lefe', 'lefev', '0', '06', '061', '0612', '06123']);
    expect(searchPrefixesOf('')).toEqual([]);
  });

  it('sorts by folded last name, then first name: accents and case ignored, every Dupont before Dupont-Aignan', () => {
    expect(sortNameOf({ firstName: 'Émile', lastName: 'Zola' })).toBe(sortNameOf({ firstName: 'emile', lastName: 'ZOLA' }));
    const keys = [
      ['Bruno', 'Dupont-Aignan'],
      ['Zoé', 'Dupont'],
      ['Anne', 'Écrin'],
      ['Luc', 'Ebert'],
    ].map(([firstName, lastName]) => sortNameOf({ firstName: firstName!, lastName: lastName! }));
    expect([...keys].sort()).toEqual([keys[1], keys[0], keys[3], keys[2]]);
    expect(sortNameOf({ firstName: null, lastName: null })).toBe('');
  });

  describe('in the database', () => {
    let t: TestApp;
    let centerId: string;
    beforeAll(async () => {
      t = await createTestApp();
      centerId = await createCentre(t.app);
    });
    afterAll(() => t.close());

    function person(searchText: string, extra: { mergedIntoId?: string; erasedAt?: string } = {}) {
      const now = t.clock.nowIso();
      return {
        id: newId(),
        centerId,
        firstName: 'X',
        lastName: 'Y',
        searchText,
        phone: null,
        email: null,
        birthYear: null,
        ageBracket: 'non_communique',
        communeInsee: null,
        householdId: null,
        socialStatus: 'non_communique',
        gender: 'non_communique',
        accessibilityNeeds: null,
        mergedIntoId: extra.mergedIntoId ?? null,
        erasedAt: extra.erasedAt ?? null,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      };
    }

    it('the migrations give existing live persons their words and beginnings, each with its sort key, none to merged or erased files', async () => {
      const k = t.db.kysely;
      // The words' sort key existed between two migrations only: read through an untyped handle.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const raw = k as Kysely<any>;
      await searchPrefixesMigration.down(k);
      await searchSortMigration.down(k);
      await searchTermsMigration.down(k);
      const live = { ...person('lea lefevre lea 0612345678 lea.l@exemple.fr'), sortName: sortNameOf({ firstName: 'Léa', lastName: 'Lefèvre' }) };
      const merged = { ...person('lea doublon', { mergedIntoId: live.id }), sortName: '' };
      const erased = { ...person('', { erasedAt: t.clock.nowIso() }), sortName: '' };
      await k.insertInto('persons').values([live, merged, erased]).execute();
      await searchTermsMigration.up(k);
      const rows = await k.selectFrom('personSearchTerms').selectAll().where('centerId', '=', centerId).orderBy('term').execute();
      expect(rows).toEqual(['0612345678', 'lea', 'lea.l@exemple.fr', 'lefevre'].map((term) => ({ centerId, personId: live.id, term })));
      await searchSortMigration.up(k);
      const sorted = await raw.selectFrom('personSearchTerms').select(['term', 'sortName']).where('centerId', '=', centerId).orderBy('term').execute();
      expect(sorted).toEqual(['0612345678', 'lea', 'lea.l@exemple.fr', 'lefevre'].map((term) => ({ term, sortName: 'lefevre\u0001lea' })));
      await searchPrefixesMigration.up(k);
      const prefixes = await k.selectFrom('personSearchPrefixes').selectAll().where('centerId', '=', centerId).orderBy('prefix').execute();
      // The migration's frozen copy of the rule gives what the application writes.
      expect(prefixes).toEqual(searchPrefixesOf(live.searchText).sort().map((prefix) => ({ centerId, prefix, sortName: 'lefevre\u0001lea', personId: live.id })));
      expect(prefixes.map((p) => p.prefix)).toEqual(['0', '06', '061', '0612', '06123', 'l', 'le', 'lea', 'lea.', 'lea.l', 'lef', 'lefe', 'lefev']);
      expect(Object.keys((await k.selectFrom('personSearchTerms').selectAll().limit(1).executeTakeFirst()) ?? {}).sort()).toEqual(['centerId', 'personId', 'term']);
    });

    it('the sort-key migration gives every existing file its key, on both dialects', async () => {
      const k = t.db.kysely;
      await sortNameMigration.down(k);
      const named = { ...person('x'), firstName: 'Émile', lastName: 'Dupré-Séverin' };
      const erased = { ...person('', { erasedAt: t.clock.nowIso() }), firstName: null, lastName: null };
      await k.insertInto('persons').values([named, erased]).execute();
      await sortNameMigration.up(k);
      const keys = await k.selectFrom('persons').select(['id', 'sortName']).where('id', 'in', [named.id, erased.id]).execute();
      expect(Object.fromEntries(keys.map((r) => [r.id, r.sortName]))).toEqual({ [named.id]: 'dupre severin\u0001emile', [erased.id]: '' });
    });

    it("compares words byte by byte, so [token, token + '{') holds exactly the words starting with it", async () => {
      const k = t.db.kysely;
      const words = ['a', 'a+b', 'a.b', 'a0', 'a9', 'a@b', 'ab', 'az', 'aaz', 'b', 'zz', '0a', '9'];
      const owner = person(words.join(' '));
      await k.insertInto('persons').values(owner).execute();
      await k.insertInto('personSearchTerms').values(words.map((term) => ({ centerId, personId: owner.id, term }))).execute();
      const starting = async (token: string) =>
        (
          await k
            .selectFrom('personSearchTerms')
            .select('term')
            .where('personId', '=', owner.id)
            .where('term', '>=', token)
            .where('term', '<', `${token}{`)
            .orderBy('term')
            .execute()
        ).map((r) => r.term);
      // Byte order, the same on both dialects: '+' < '.' < digits < '@' < letters < '{'.
      expect(await starting('a')).toEqual(['a', 'a+b', 'a.b', 'a0', 'a9', 'a@b', 'aaz', 'ab', 'az']);
      expect(await starting('a.')).toEqual(['a.b']);
      expect(await starting('a@')).toEqual(['a@b']);
      expect(await starting('z')).toEqual(['zz']);
      expect(await starting('9')).toEqual(['9']);
    });
  });
});
