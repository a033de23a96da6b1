import { describe, expect, it } from 'vitest';
import { fr } from './fr/index.ts';
import { t, type Message } from './index.ts';

const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : [message.one, message.other]);
const entries = Object.entries(fr as Record<string, Message>).flatMap(([key, message]) => forms(message).map((text) => [key, text] as const));

/** Keys whose text residents read: public pages, their messages, their progress. */
const RESIDENT_FACING = [
  'layout.', 'home.public', 'contact.', 'activities.catalogue.', 'activities.page.', 'activities.register.', 'activities.mine.', 'activities.seats.',
  'activities.mail.', 'activities.sms.', 'helpdesk.public.', 'helpdesk.mail.', 'helpdesk.sms.', 'pathways.progress.', 'pathways.quiz.', 'pathways.self.',
  'pathways.badgePage.', 'pathways.frameworkPublic.', 'auth.loggedOut', 'roles.resident',
];

describe('the French catalogue', () => {
  it('chooses singular or plural from the count, never "séance(s)"', () => {
    expect(t('fr', 'activities.form.created', { count: 6 })).toBe('L’activité est créée avec 6 séances.');
    expect(t('fr', 'activities.form.created', { count: 1 })).toBe('L’activité est créée avec 1 séance.');
    expect(t('fr', 'activities.page.moreSessions', { count: 1 })).toBe('Voir la séance suivante');
    expect(t('fr', 'activities.page.moreSessions', { count: 4 })).toBe('Voir les 4 séances suivantes');
    // French: 0 takes the singular.
    expect(t('fr', 'people.resultCount', { count: 0 })).toBe('0 personne');
    expect(t('en', 'people.resultCount', { count: 2 })).toBe('2 people');
    expect(entries.filter(([, text]) => /\(s\)|\(e\)|\(es\)/.test(text))).toEqual([]);
  });

  it('elides "de" before a name that starts with a vowel sound', () => {
    expect(t('fr', 'people.duplicate.open', { name: 'Odette' })).toBe('Ouvrir la fiche d’Odette');
    expect(t('fr', 'people.duplicate.open', { name: 'Hélène Dupont' })).toBe('Ouvrir la fiche d’Hélène Dupont');
    expect(t('fr', 'people.duplicate.open', { name: 'Yves' })).toBe('Ouvrir la fiche d’Yves');
    expect(t('fr', 'people.duplicate.open', { name: 'Yann' })).toBe('Ouvrir la fiche de Yann');
    expect(t('fr', 'people.duplicate.open', { name: 'Marc' })).toBe('Ouvrir la fiche de Marc');
    expect(t('fr', 'admin.partner.editTitle', { name: 'Avesnes-les-Aubert' })).toBe('Contact de la commune d’Avesnes-les-Aubert');
  });

  it('never glues a name or a role after "de", "que" or "à", where it cannot elide nor agree', () => {
    // "en tant que animateur·rice … à Centre social", "la fiche de Odette".
    expect(entries.filter(([, text]) => /(?:\bde|\bque|\bà) \{(?:name|centre|role|commune)\}|(?:\bpar|\bpour) \{centre\}/.test(text))).toEqual([]);
    expect(t('fr', 'home.roleIntro', { role: 'bénévole', centre: 'Centre social La Passerelle' })).toBe('Centre : Centre social La Passerelle. Votre rôle : bénévole.');
  });

  it('writes the badge criteria in plain words, from the catalogue', () => {
    expect(t('fr', 'pathways.badgePage.criteriaText', { skills: 'envoyer un e-mail' })).toBe(
      'Lors d’un temps d’évaluation validé par l’équipe du centre, la personne a montré qu’elle sait faire ce qui suit : envoyer un e-mail.',
    );
  });

  it('has no point médian in what residents read', () => {
    const glued = entries.filter(([key, text]) => RESIDENT_FACING.some((prefix) => key.startsWith(prefix)) && /\p{L}·\p{L}/u.test(text));
    expect(glued).toEqual([]);
  });
});
