/**
 * Signing Open Badges credentials with a W3C Data Integrity proof (Ed25519, node:crypto).
 *
 * - "eddsa-rdfc-2022", what 1EdTech's conformance suite accepts and what badges are signed
 *   with: the document and the proof options are canonicalised as RDF (RDFC-1.0, by jsonld /
 *   rdf-canonize) with the JSON-LD contexts given by the caller's document loader, so that
 *   no context is ever fetched from the network.
 * - "eddsa-jcs-2022" (RFC 8785 JSON canonicalisation): still verified, for badges issued
 *   before the switch.
 *
 * Proof = Ed25519( SHA-256(canon(proof options)) ‖ SHA-256(canon(document without proof)) ),
 * written as multibase base58btc ("z…"). The proof options carry the document's @context.
 * Pure functions: keys and contexts come in as parameters. Checked against the W3C vectors.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type jsonld from 'jsonld';

// ---------------------------------------------------------------- JCS (RFC 8785)

/**
 * JSON Canonicalization Scheme: no whitespace, object keys sorted by UTF-16 code units,
 * numbers in their shortest ECMAScript form, strings escaped as JSON.stringify does (which is
 * exactly RFC 8785's rule set). Refuses values JSON cannot represent.
 */
export function canonicalize(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('JCS: non-finite number');
      // ECMAScript Number.prototype.toString is the serialisation RFC 8785 prescribes; -0 is 0.
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'string':
      // With the u flag a well-formed pair is one code point; only a lone half matches Cs.
      if (/\p{Cs}/u.test(value)) {
        throw new TypeError('JCS: lone surrogate in string');
      }
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalize(v === undefined ? null : v)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 requires.
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalize(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`JCS: cannot serialise a ${typeof value}`);
  }
}

// ---------------------------------------------------------------- base58btc and multikey

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

export function base58btcDecode(text: string): Uint8Array {
  let n = 0n;
  for (const ch of text) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new TypeError('base58btc: invalid character');
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

// Multicodec prefixes (varint-encoded): ed25519-pub 0xed, ed25519-priv 0x1300.
const ED25519_PUB = [0xed, 0x01];
const ED25519_PRIV = [0x80, 0x26];

export function publicKeyMultibase(raw: Uint8Array): string {
  return `z${base58btcEncode(Uint8Array.from([...ED25519_PUB, ...raw]))}`;
}

function fromMultibase(text: string, prefix: number[]): Uint8Array {
  if (!text.startsWith('z')) throw new TypeError('multibase: only base58btc (z…) is supported');
  const bytes = base58btcDecode(text.slice(1));
  if (bytes.length !== 34 || bytes[0] !== prefix[0] || bytes[1] !== prefix[1]) throw new TypeError('multikey: not an Ed25519 key');
  return bytes.slice(2);
}

export const publicKeyFromMultibase = (text: string) => fromMultibase(text, ED25519_PUB);
export const seedFromMultibase = (text: string) => fromMultibase(text, ED25519_PRIV);

// ---------------------------------------------------------------- Ed25519 keys

export interface Ed25519KeyPair {
  /** 32-byte public key. */
  publicKey: Uint8Array;
  /** 32-byte private seed. */
  seed: Uint8Array;
}

export function generateEd25519(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'),
    seed: Buffer.from(jwk.d!, 'base64url'),
  };
}

function privateKeyObject(pair: Ed25519KeyPair): KeyObject {
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(pair.seed).toString('base64url'), x: Buffer.from(pair.publicKey).toString('base64url') },
    format: 'jwk',
  });
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

// ---------------------------------------------------------------- eddsa-jcs-2022

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-jcs-2022' | 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  '@context'?: unknown;
  proofValue?: string;
}

type JsonObject = Record<string, unknown>;

function hashData(document: JsonObject, proofOptions: JsonObject): Buffer {
  const proofHash = createHash('sha256').update(canonicalize(proofOptions), 'utf8').digest();
  const docHash = createHash('sha256').update(canonicalize(document), 'utf8').digest();
  return Buffer.concat([proofHash, docHash]);
}

/** The bytes that get signed, for tests against published vectors. */
export function proofHashData(document: JsonObject, proofOptions: JsonObject): Buffer {
  return hashData(document, proofOptions);
}

/** Adds an eddsa-jcs-2022 proof to a document that has none. */
export function signDocument<T extends JsonObject>(
  document: T,
  key: Ed25519KeyPair,
  options: { verificationMethod: string; created: string },
): T & { proof: DataIntegrityProof } {
  if ('proof' in document) throw new TypeError('document already has a proof');
  const proof: DataIntegrityProof = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-jcs-2022',
    created: options.created,
    verificationMethod: options.verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  if (document['@context'] !== undefined) proof['@context'] = document['@context'];
  const signature = sign(null, hashData(document, proof as unknown as JsonObject), privateKeyObject(key));
  return { ...document, proof: { ...proof, proofValue: `z${base58btcEncode(signature)}` } };
}

/** Checks an eddsa-jcs-2022 proof against a public key (raw 32 bytes). */
export function verifyDocument(secured: JsonObject, publicKey: Uint8Array): boolean {
  const proof = secured.proof as JsonObject | undefined;
  if (!proof || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-jcs-2022') return false;
  if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) return false;
  const { proofValue, ...options } = proof;
  const { proof: _ignored, ...document } = secured;
  // The proof's @context must be the document's: a proof cannot be moved to another context.
  if (options['@context'] !== undefined && canonicalize(options['@context']) !== canonicalize(document['@context'])) return false;
  try {
    const signature = base58btcDecode((proofValue as string).slice(1));
    if (signature.length !== 64) return false;
    return verify(null, hashData(document, options), publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- eddsa-rdfc-2022

/** Answers a JSON-LD context document for a URL, or throws: never goes to the network. */
export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

/**
 * RDFC-1.0 canonical N-Quads. Safe mode makes a term no context defines an error instead of
 * silently dropping it from what gets signed.
 */
export async function canonizeRdf(document: JsonObject, documentLoader: DocumentLoader): Promise<string> {
  // Loaded on first use, not at start (memory, QUALITY.md B6): only badges need it.
  const { default: jsonldLib } = await import('jsonld');
  return (await jsonldLib.canonize(document as jsonld.JsonLdDocument, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  } as unknown as jsonld.Options.Normalize)) as string;
}

async function rdfcHashData(document: JsonObject, proofOptions: JsonObject, loader: DocumentLoader): Promise<Buffer> {
  const proofHash = createHash('sha256').update(await canonizeRdf(proofOptions, loader), 'utf8').digest();
  const docHash = createHash('sha256').update(await canonizeRdf(document, loader), 'utf8').digest();
  return Buffer.concat([proofHash, docHash]);
}

/** Adds an eddsa-rdfc-2022 proof to a document that has none. */
export async function signDocumentRdfc<T extends JsonObject>(
  document: T,
  key: Ed25519KeyPair,
  options: { verificationMethod: string; created: string },
  documentLoader: DocumentLoader,
): Promise<T & { proof: DataIntegrityProof }> {
  if ('proof' in document) throw new TypeError('document already has a proof');
  const proof: DataIntegrityProof = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: options.created,
    verificationMethod: options.verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  // The proof options are canonicalised in the document's context; the secured document's
  // proof then inherits that context, as in the W3C vectors (no @context of its own).
  const hash = await rdfcHashData(document, { ...proof, '@context': document['@context'] }, documentLoader);
  const signature = sign(null, hash, privateKeyObject(key));
  return { ...document, proof: { ...proof, proofValue: `z${base58btcEncode(signature)}` } };
}

/** Checks an eddsa-rdfc-2022 proof against a public key (raw 32 bytes). */
export async function verifyDocumentRdfc(secured: JsonObject, publicKey: Uint8Array, documentLoader: DocumentLoader): Promise<boolean> {
  const proof = secured.proof as JsonObject | undefined;
  if (!proof || Array.isArray(proof) || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') return false;
  if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) return false;
  const { proofValue, ...options } = proof;
  const { proof: _ignored, ...document } = secured;
  if (options['@context'] !== undefined && canonicalize(options['@context']) !== canonicalize(document['@context'])) return false;
  try {
    const signature = base58btcDecode((proofValue as string).slice(1));
    if (signature.length !== 64) return false;
    const hash = await rdfcHashData(document, { ...options, '@context': document['@context'] }, documentLoader);
    return verify(null, hash, publicKeyObject(publicKey), signature);
  } catch {
    // A document that does not canonicalise (unknown context, undefined term) is not verified.
    return false;
  }
}

/** Verifies whichever of the two cryptosuites the proof declares. */
export async function verifyAnyProof(secured: JsonObject, publicKey: Uint8Array, documentLoader: DocumentLoader): Promise<boolean> {
  const suite = (secured.proof as JsonObject | undefined)?.cryptosuite;
  if (suite === 'eddsa-rdfc-2022') return verifyDocumentRdfc(secured, publicKey, documentLoader);
  return verifyDocument(secured, publicKey);
}
