import { describe, expect, it } from 'vitest';
import { joinPlace, withDe } from './text.ts';

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
