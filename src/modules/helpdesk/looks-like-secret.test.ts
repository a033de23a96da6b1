import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeSecret, looksRandom } from './looks-like-secret.ts';

describe('credential detector', () => {
  it.each([
    'mdp: Soleil2024',
    'MDP Soleil2024',
    'son mdp = soleil',
    'mot de passe : Marcel1952!',
    'Mot de passe provisoire : abc123',
    'mot de passe de la CAF : Lapin45',
    'le mot de passe est Chaton*88',
    'password: hunter2',
    'm.d.p. : azerty12',
    'code secret : 4821',
    'code PIN 1234',
    'identifiant : 1234567890123 code 456789',
    'identifiant jean.dupont59 mot de passe Rose2020',
    'numéro fiscal 1234567890123, mot de passe : Tulipe!7',
    'Jeton de récupération collé ici : Xk9fP2mQ7vLr4TzB',
    'clé : 9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  ])('refuses %j', (text) => {
    expect(looksLikeSecret(text)).not.toBeNull();
  });

  it.each([
    'A oublié son mot de passe impots.gouv, réinitialisation faite avec elle.',
    'Mot de passe bloqué sur ameli : accompagnée pour le débloquer par courrier.',
    'mot de passe oublié : réinitialisé',
    'Création de l’adresse e-mail et du mot de passe, notés par la personne sur son carnet.',
    'Pré-demande ANTS faite, numéro 2A3B4C5D6E à apporter en mairie.',
    'Rendez-vous en mairie de Saint-Amand-les-Eaux le 13/01/2026 à 14 h.',
    'Appeler la CAF au 32 30 ; code postal 59230 ; dossier 1234567.',
    'Voir https://www.service-public.fr/particuliers/vosdroits/F1234 pour la suite.',
    'IBAN à transmettre : FR7630006000011234567890189 (sur son RIB).',
    'Courriel : jean-pierre.dupont2024@exemple.fr',
    'Pass Culture activé pour son fils.',
    'Déclaration de revenus 2025 en ligne, avis reçu par e-mail.',
    '',
  ])('accepts %j', (text) => {
    expect(looksLikeSecret(text)).toBeNull();
  });

  it('says what kind of secret it found and masks it in the excerpt', () => {
    const found = looksLikeSecret('RDV CAF. mdp: Soleil2024 (noté sur post-it)');
    expect(found?.kind).toBe('password');
    expect(found?.excerpt).toContain('mdp: So');
    expect(found?.excerpt).not.toContain('Soleil2024');
    expect(looksLikeSecret('identifiant : 1234567890123 code 456789')?.kind).toBe('credentials');
    expect(looksLikeSecret('voici : Xk9fP2mQ7vLr4TzB')?.kind).toBe('token');
  });

  it('recognises generated tokens but not long ordinary words', () => {
    expect(looksRandom('aB3$dE6^gH9&')).toBe(true);
    expect(looksRandom('anticonstitutionnellement')).toBe(false);
    expect(looksRandom('Saint-Pierre-et-Miquelon')).toBe(false);
    expect(looksRandom('0612345678')).toBe(false);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        const result = looksLikeSecret(text);
        expect(result === null || typeof result.excerpt === 'string').toBe(true);
      }),
    );
  });

  it('refuses any "mdp:" followed by a word with a digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{3,8}[0-9]{1,4}$/), fc.constantFrom('mdp', 'MDP', 'mot de passe', 'password'), fc.constantFrom(':', ' :', ' =', ''), (secret, word, sep) => {
        expect(looksLikeSecret(`${word}${sep} ${secret}`)).not.toBeNull();
      }),
    );
  });
});
