import { describe, expect, it } from 'vitest';
import { en } from './en/index.ts';
import { fr } from './fr/index.ts';
import { t, type Message } from './index.ts';

const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : [message.one, message.other]);
const entries = Object.entries(fr as Record<string, Message>).flatMap(([key, message]) => forms(message).map((text) => [key, text] as const));

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

  it('has no point médian anywhere, staff pages included: screen readers spell it out', () => {
    // " · " between two figures is a separator, not a gender mark.
    const glued = entries.filter(([, text]) => /\p{L}·\p{L}/u.test(text));
    expect(glued).toEqual([]);
  });

  it('makes each status agree with the thing it describes', () => {
    // An enrolment (« inscription ») is feminine; a module is masculine.
    expect(['active', 'withdrawn', 'completed'].map((s) => t('fr', `pathways.enrolmentStatus.${s}` as 'pathways.enrolmentStatus.active'))).toEqual(['En cours', 'Arrêtée', 'Terminée']);
    expect(t('fr', 'pathways.moduleState.termine')).toBe('Terminé');
    expect(t('fr', 'activities.status.confirmed')).toBe('Inscription confirmée');
    expect(t('fr', 'activities.status.cancelled')).toBe('Annulée');
  });

  it('names roles by their function, so that one label reads right in a list, after « Votre rôle : » and in parentheses', () => {
    expect(t('fr', 'home.roleIntro', { role: t('fr', 'roles.coordinator'), centre: 'Centre social La Passerelle' })).toBe('Centre : Centre social La Passerelle. Votre rôle : coordination.');
    expect(['admin', 'coordinator', 'facilitator'].map((r) => t('fr', `roles.${r}` as 'roles.admin'))).toEqual(['administration', 'coordination', 'animation numérique']);
  });
});

/**
 * The resident-facing pages translated into English so far: the public activities (catalogue,
 * an activity's page, signing up and its answers to correct, one's booking) and booking help
 * with online procedures. Other areas still fall back to French.
 */
const TRANSLATED_FOR_RESIDENTS = [
  'activities.catalogue.', 'activities.page.', 'activities.register.', 'activities.mine.', 'activities.seats.', 'helpdesk.public.',
  'activities.text.tooLong', 'activities.session.cancelled', 'activities.session.past', 'activities.firstName.', 'activities.lastName.',
  'activities.birthYear.', 'activities.phone.', 'activities.email.', 'activities.contact.', 'activities.commune.', 'activities.guardian.',
  'activities.dataProcessing.', 'activities.registration.', 'activities.link.invalid', 'helpdesk.tooLong', 'helpdesk.booking.motif.',
  'helpdesk.booking.site.', 'helpdesk.booking.slot.', 'helpdesk.booking.firstName.', 'helpdesk.booking.lastName.', 'helpdesk.booking.phone.',
  'helpdesk.booking.email.', 'helpdesk.booking.contact.', 'helpdesk.booking.reminder.', 'helpdesk.booking.consent.required',
];

describe('the English catalogue', () => {
  const frKeys = Object.keys(fr);
  const english = en as Record<string, Message | undefined>;
  const placeholders = (message: Message) => forms(message).map((text) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort().join(','));

  it('has every key of the public activity and booking pages', () => {
    // An entry ending with a dot is a namespace; any other is one key.
    const inScope = frKeys.filter((key) => TRANSLATED_FOR_RESIDENTS.some((entry) => (entry.endsWith('.') ? key.startsWith(entry) : key === entry)));
    expect(inScope.length).toBeGreaterThan(150);
    expect(inScope.filter((key) => english[key] === undefined)).toEqual([]);
  });

  it('has no key that French lacks, and keeps the same placeholders and plural forms', () => {
    expect(Object.keys(en).filter((key) => !Object.hasOwn(fr, key))).toEqual([]);
    const differing = Object.entries(english).filter(([key, message]) => {
      const french = (fr as Record<string, Message>)[key]!;
      return typeof message !== typeof french || placeholders(message!).join('|') !== placeholders(french).join('|');
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('reads the booking and sign-up pages in English', () => {
    expect(t('en', 'activities.catalogue.count', { count: 1 })).toBe('1 activity');
    expect(t('en', 'activities.page.moreSessions', { count: 3 })).toBe('See the next 3 sessions');
    expect(t('en', 'helpdesk.public.slotLabel', { day: 'Monday 7 December', time: '14:00' })).toBe('Monday 7 December at 14:00');
  });
});
