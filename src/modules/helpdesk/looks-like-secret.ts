/**
 * The help desk never keeps a resident's password, code or credentials (PRODUCT.md): a note
 * that looks like one is refused on save, with an explanation. This is the pure detector.
 * It aims at what people actually type ("mdp : Soleil2024", "identifiant 1234… code 5678",
 * a pasted token) and tries hard not to fire on ordinary notes about passwords ("a oublié
 * son mot de passe, réinitialisation faite"), which are the bread and butter of the desk.
 */

export type SecretKind = 'password' | 'credentials' | 'token';

export interface SecretFinding {
  kind: SecretKind;
  /** The suspicious part with the secret itself masked, to show where to look. */
  excerpt: string;
}

// "mdp", "mot de passe", "password"… — the words that announce a password.
const PASSWORD_WORD = String.raw`(?:mots?[\s-]+de[\s-]+passe|m\.?d\.?p\.?|passw(?:or)?d|pwd|code\s+(?:secret|confidentiel|pin|d['’]acc[eè]s|provisoire|d['’]activation|de\s+connexion|re[cç]u(?:\s+par)?\s+sms)|pin)`;
// What may sit between the word and the secret: ":", "=", "->", "est", "c'est", "is"…
const EXPLICIT_SEPARATOR = String.raw`\s*(?::|=|->|=>|→)\s*`;
const WORD_SEPARATOR = String.raw`\s+(?:(?:est|c['’]est|is|:)\s+)?`;
const TOKEN = String.raw`([^\s,;]{3,})`;

// "mot de passe provisoire : …", "mdp de la CAF = …": a few words may come before the separator.
const explicitPattern = new RegExp(String.raw`(?<![\p{L}\p{N}])${PASSWORD_WORD}((?:\s+[\p{L}.'’]+){0,3})${EXPLICIT_SEPARATOR}${TOKEN}`, 'iu');
const loosePattern = new RegExp(String.raw`(?<![\p{L}\p{N}])${PASSWORD_WORD}${WORD_SEPARATOR}${TOKEN}`, 'iu');
// "identifiant : 1234567890123 code 4567", "login jean.d / code 1234", "n° fiscal … mot de passe …"
const credentialsPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:identifiants?|login|num[eé]ro\s+fiscal|n°\s*fiscal|num[eé]ro\s+(?:de\s+)?s[eé]cu(?:rit[eé]\s+sociale)?)\s*(?::|=)?\s*([^\s,;]{3,})[^\n]{0,60}?(?<![\p{L}\p{N}])(?:codes?|mdp|mot\s+de\s+passe|pass(?:word)?)\s*(?::|=)?\s*([^\s,;]{3,})`,
  'iu',
);

// Words that commonly follow "mot de passe" in a legitimate note.
const ORDINARY_FOLLOWERS = new Set(
  [
    'oublié', 'oublie', 'oubliée', 'perdu', 'perdue', 'bloqué', 'bloque', 'expiré', 'expire', 'changé', 'change', 'modifié',
    'réinitialisé', 'reinitialise', 'réinitialisation', 'reinitialisation', 'renouvelé', 'créé', 'cree', 'provisoire', 'incorrect',
    'faux', 'erroné', 'trop', 'pas', 'non', 'à', 'a', 'au', 'aux', 'de', 'du', 'des', 'le', 'la', 'les', 'un', 'une', 'sur', 'pour',
    'par', 'avec', 'sans', 'dans', 'et', 'ou', 'en', 'reçu', 'recu', 'envoyé', 'envoye', 'noté', 'note', 'sécurisé', 'securise',
    'fort', 'robuste', 'simple', 'complexe', 'valide', 'invalide', 'correct', 'enregistré', 'enregistre', 'personnel', 'gestionnaire',
    'ok', 'fait', 'faite', 'refait', 'saisi', 'saisie', 'manquant', 'inconnu', 'retrouvé', 'retrouve', 'mis', 'mise', 'qui', 'que',
    'dont', 'ne', 'n’est', "n'est", 'était', 'etait', 'sera', 'doit', 'peut', 'reset', 'forgotten', 'expired', 'changed',
  ].map((w) => w.toLowerCase()),
);

export function looksLikeSecret(text: string | null | undefined): SecretFinding | null {
  if (!text) return null;
  const normalized = text.normalize('NFC');

  for (const match of matchAll(explicitPattern, normalized)) {
    const [whole, qualifier, value] = match as unknown as [string, string, string];
    // "mdp : soleil" is a password; after a few words ("bloqué sur ameli : accompagnée")
    // the colon may belong to the sentence, so the value must look like a password.
    if (isOrdinaryWord(value)) continue;
    if (!qualifier.trim() || looksLikePasswordValue(value)) return finding('password', whole, value);
  }

  // Without ":" or "=", only a value that looks like a password counts: "mdp Soleil2024"
  // yes, "mot de passe oublié" no.
  for (const match of matchAll(loosePattern, normalized)) {
    const value = match[1]!;
    if (!isOrdinaryWord(value) && looksLikePasswordValue(value)) return finding('password', match[0], value);
  }

  const credentials = credentialsPattern.exec(normalized);
  if (credentials && /\d/.test(credentials[2]!)) return finding('credentials', credentials[0], credentials[2]!);

  for (const raw of normalized.split(/\s+/)) {
    const token = raw.replace(/^[("'«“‘[]+|[)"'»”’\].,;:!?]+$/g, '');
    if (looksRandom(token)) return finding('token', token, token);
  }
  return null;
}

function* matchAll(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  const global = new RegExp(pattern.source, `${pattern.flags}g`);
  for (let m = global.exec(text); m; m = global.exec(text)) yield m;
}

function isOrdinaryWord(value: string): boolean {
  const word = value.toLowerCase().replace(/[.,;:!?)»"]+$/, '');
  return ORDINARY_FOLLOWERS.has(word) || /^(?:[.…]+|\?+|x+|\*+|—|-)$/.test(word);
}

/** A value a person would choose as a password: a digit, mixed case or a symbol in a word. */
function looksLikePasswordValue(value: string): boolean {
  const v = value.replace(/[.,;:!?)»"]+$/, '');
  if (v.length < 4) return false;
  if (/^[\p{L}-]+(?:\.[\p{L}-]+)+$/u.test(v)) return false; // a site name: impots.gouv, ameli.fr
  const hasDigit = /\d/.test(v);
  const hasLetter = /\p{L}/u.test(v);
  const mixedCase = /\p{Lu}/u.test(v.slice(1)) && /\p{Ll}/u.test(v);
  const symbol = /[^\p{L}\p{N}'’-]/u.test(v);
  return (hasDigit && hasLetter) || mixedCase || (symbol && hasLetter) || /^\d{4,8}$/.test(v);
}

/**
 * A long token that looks machine-made (an access token, a generated password, a recovery
 * key): 12+ characters mixing letters and digits, with mixed case or symbols, and not one of
 * the long things notes do contain (links, e-mail addresses, IBANs, dates, phone numbers).
 */
export function looksRandom(token: string): boolean {
  if (token.length < 12) return false;
  if (/^(?:https?:|www\.)/i.test(token) || token.includes('/') || token.includes('@')) return false;
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(token)) return false; // IBAN
  if (/^[\d\s.+()-]+$/.test(token)) return false; // numbers, phones, dates
  if (!/\d/.test(token) || !/\p{L}/u.test(token)) return false;
  if (/^[\p{L}]+(?:[-'’][\p{L}]+)+$/u.test(token)) return false; // Saint-Amand-les-Eaux
  const upper = /\p{Lu}/u.test(token);
  const lower = /\p{Ll}/u.test(token);
  const symbol = /[^\p{L}\p{N}-]/u.test(token);
  const classes = [upper, lower, symbol].filter(Boolean).length + 1; // + digits
  if (classes >= 3) return entropyPerChar(token) >= 3;
  // Two classes (letters of one case + digits): only long ones, like a hex key.
  return token.length >= 20 && entropyPerChar(token) >= 3.2;
}

function entropyPerChar(token: string): number {
  const counts = new Map<string, number>();
  for (const c of token) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / token.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function finding(kind: SecretKind, excerpt: string, secret: string): SecretFinding {
  const masked = secret.length <= 2 ? '••••' : `${secret.slice(0, 2)}${'•'.repeat(Math.min(8, secret.length - 2))}`;
  const shown = excerpt.replace(secret, masked).trim();
  return { kind, excerpt: shown.length > 80 ? `${shown.slice(0, 77)}…` : shown };
}
