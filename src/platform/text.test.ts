import { describe, expect, it } from 'vitest';
import { cleanText, cleanTextDeep, joinPlace, withDe } from './text.ts';

describe('joinPlace', () => {
  it('does not repeat the commune an address already names', () => {
    expect(joinPlace('12 rue de l’Escaut, 59241 Masnières', 'Masnières')).toBe('12 rue de l’Escaut, 59241 Masnières');
    expect(joinPlace('Salle des fêtes', '2 place de l’Église', 'Estourmel')).toBe('Salle des fêtes, 2 place de l’Église, Estourmel');
    expect(joinPlace('Mairie de Saint-Aubert', 'Place de la mairie', 'Saint-Aubert')).toBe('Mairie de Saint-Aubert, Place de la mairie');
    expect(joinPlace('Salle', 'rue de MASNIERES', 'Masnières')).toBe('Salle, rue de MASNIERES');
    // A commune whose name is only part of a word is still said.
    expect(joinPlace('3 rue des Marcoingeois', 'Marcoing')).toBe('3 rue des Marcoingeois, Marcoing');
    expect(joinPlace(null, 'Masnières')).toBe('Masnières');
    expect(joinPlace(null, undefined)).toBe('');
  });
});

describe('withDe', () => {
  it('elides before a vowel or a mute h', () => {
    expect(withDe('Odette')).toBe('d’Odette');
    expect(withDe('Élise')).toBe('d’Élise');
    expect(withDe('Hugo')).toBe('d’Hugo');
    expect(withDe('Marc')).toBe('de Marc');
  });
});

describe('cleanText', () => {
  it('removes NUL and control characters but keeps tabs and line breaks', () => {
    expect(cleanText('Salle\u0000 des\u0007 fêtes')).toBe('Salle des fêtes');
    expect(cleanText('ligne 1\r\nligne 2\tfin')).toBe('ligne 1\r\nligne 2\tfin');
  });

  it('removes bidi overrides and isolates, zero-width characters and the byte-order mark', () => {
    expect(cleanText('facture\u202Efdp.exe')).toBe('facturefdp.exe');
    expect(cleanText('\uFEFFDu\u200Bpont\u2066\u2069')).toBe('Dupont');
    expect(cleanText('Du\u200Dpont')).toBe('Dupont');
  });

  it('keeps the joiner that builds one emoji', () => {
    expect(cleanText('famille 👨\u200D👩\u200D👧')).toBe('famille 👨\u200D👩\u200D👧');
  });

  it('turns half a surrogate pair into the replacement character', () => {
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
  });

  it('cleans every string of a nested request body', () => {
    const body = { name: 'A\u0000', list: ['b\u202E', { note: 'c\u200B' }], count: 3 };
    expect(cleanTextDeep(body)).toEqual({ name: 'A', list: ['b', { note: 'c' }], count: 3 });
  });
});
