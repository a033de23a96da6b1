import type { MessageKey, Translator } from '../../../platform/i18n/index.ts';
import { formatPhone } from '../../../platform/text.ts';
import type { PersonListItem } from '../person.types.ts';

/** "Hélène Dupont"; an erased file has no name left. */
export function personName(t: Translator, p: { firstName: string | null; lastName: string | null }): string {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return name || t('people.erasedTitle');
}

/** "1956 (70 ans et plus)" or the bracket alone. */
export function ageText(t: Translator, p: Pick<PersonListItem, 'birthYear' | 'ageBracket'>): string {
  const bracket = t(`vocab.ageBracket.${p.ageBracket}` as MessageKey);
  return p.birthYear ? `${p.birthYear} (${bracket})` : bracket;
}

export function phoneText(phone: string | null): string {
  return formatPhone(phone);
}

/** "10 €" or "7,50 €". */
export function eurosText(cents: number | null): string {
  if (cents === null) return '';
  return `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100)} €`;
}

/** "même nom, même téléphone" */
export function reasonsText(t: Translator, reasons: readonly string[]): string {
  return reasons.map((r) => t(`people.duplicate.on.${r}` as MessageKey)).join(', ');
}
