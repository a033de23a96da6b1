import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import {
  base58btcDecode,
  base58btcEncode,
  canonicalize,
  generateEd25519,
  proofHashData,
  publicKeyFromMultibase,
  publicKeyMultibase,
  seedFromMultibase,
  signDocument,
  signDocumentRdfc,
  verifyAnyProof,
  verifyDocument,
  verifyDocumentRdfc,
} from './data-integrity.ts';
import { localDocumentLoader } from './jsonld-contexts.ts';

describe('JSON canonicalisation (RFC 8785)', () => {
  it('serialises the RFC 8785 §3.2.2 example exactly', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the keys in the order written (Object.keys would put "1" first).
    const keys = [...canonicalize(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('handles nesting, -0, and French text; refuses what JSON cannot say', () => {
    expect(canonicalize({ b: [1, { d: 'é', c: -0 }], a: 'Premiers pas' })).toBe('{"a":"Premiers pas","b":[1,{"c":0,"d":"é"}]}');
    expect(() => canonicalize({ x: Number.NaN })).toThrow();
    expect(() => canonicalize({ x: '\ud800' })).toThrow();
  });
});

describe('base58btc and multikeys', () => {
  it('round-trips, leading zeros included', () => {
    const bytes = Uint8Array.from([0, 0, 1, 2, 3, 250, 251]);
    expect(base58btcDecode(base58btcEncode(bytes))).toEqual(bytes);
    expect(base58btcEncode(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
  });
});

// W3C vc-di-eddsa test vectors for eddsa-jcs-2022 (key pair and the Alumni credential).
const W3C_PUBLIC = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const W3C_PRIVATE = 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq';
const alumni = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
  type: ['VerifiableCredential', 'AlumniCredential'],
  name: 'Alumni Credential',
  description: 'A minimum viable example of an Alumni Credential.',
  issuer: 'https://vc.example/issuers/5678',
  validFrom: '2023-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
};

describe('eddsa-jcs-2022 Data Integrity proof', () => {
  const pair = { publicKey: publicKeyFromMultibase(W3C_PUBLIC), seed: seedFromMultibase(W3C_PRIVATE) };

  it('decodes the published key pair consistently', () => {
    expect(publicKeyMultibase(pair.publicKey)).toBe(W3C_PUBLIC);
  });

  it('canonicalises the document and hashes it as published', () => {
    expect(canonicalize(alumni)).toBe(
      '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},"description":"A minimum viable example of an Alumni Credential.","id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678","name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],"validFrom":"2023-01-01T00:00:00Z"}',
    );
    const options = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2023-02-24T23:36:38Z',
      verificationMethod: `https://vc.example/issuers/5678#${W3C_PUBLIC}`,
      proofPurpose: 'assertionMethod',
      '@context': alumni['@context'],
    };
    expect(proofHashData(alumni, options).subarray(32).toString('hex')).toBe('59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19');
  });

  it('reproduces the published proof value byte for byte', () => {
    const signed = signDocument(alumni, pair, { verificationMethod: `https://vc.example/issuers/5678#${W3C_PUBLIC}`, created: '2023-02-24T23:36:38Z' });
    expect(signed.proof.proofValue).toBe('z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4');
    expect(verifyDocument(signed, pair.publicKey)).toBe(true);
  });

  it('rejects a tampered document, a moved proof and a wrong key', () => {
    const key = generateEd25519();
    const signed = signDocument({ '@context': ['a'], name: 'Premiers pas' }, key, { verificationMethod: 'https://x/#k', created: '2026-01-01T00:00:00Z' });
    expect(verifyDocument(signed, key.publicKey)).toBe(true);
    expect(verifyDocument({ ...signed, name: 'Autre chose' }, key.publicKey)).toBe(false);
    expect(verifyDocument({ ...signed, '@context': ['b'] }, key.publicKey)).toBe(false);
    expect(verifyDocument(signed, generateEd25519().publicKey)).toBe(false);
    expect(verifyDocument({ ...signed, proof: { ...signed.proof, proofValue: 'znotbase58!' } }, key.publicKey)).toBe(false);
  });
});

// W3C vc-di-eddsa test vectors for eddsa-rdfc-2022 (w3c/vc-di-eddsa, TestVectors/eddsa-rdfc-2022/
// signedDataInt.json, copied to tests/fixtures/open-badges/): same key pair and Alumni credential.
describe('eddsa-rdfc-2022 Data Integrity proof', () => {
  const pair = { publicKey: publicKeyFromMultibase(W3C_PUBLIC), seed: seedFromMultibase(W3C_PRIVATE) };
  const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../tests/fixtures/open-badges/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const vector = fixture('eddsa-rdfc-2022-signed.json') as typeof alumni & { proof: Record<string, string> };
  const loader = localDocumentLoader({ 'https://www.w3.org/ns/credentials/examples/v2': fixture('credentials-examples-v2.jsonld') });

  it('signs the vector’s document with the vector’s key and gets the vector’s proof value', async () => {
    const { proof: published, ...unsigned } = vector;
    const signed = await signDocumentRdfc(unsigned, pair, { verificationMethod: published.verificationMethod!, created: published.created! }, loader);
    expect(signed.proof).toEqual(published);
    expect(await verifyDocumentRdfc(vector, pair.publicKey, loader)).toBe(true);
  });

  it('rejects a tampered document, a wrong key, a JCS-signed copy and an unknown context', async () => {
    expect(await verifyDocumentRdfc({ ...vector, name: 'Autre diplôme' }, pair.publicKey, loader)).toBe(false);
    expect(await verifyDocumentRdfc(vector, generateEd25519().publicKey, loader)).toBe(false);
    expect(await verifyDocumentRdfc({ ...vector, proof: { ...vector.proof, cryptosuite: 'eddsa-jcs-2022' } }, pair.publicKey, loader)).toBe(false);
    // Without the examples context the credential's terms are undefined: refused, not dropped.
    expect(await verifyDocumentRdfc(vector, pair.publicKey, localDocumentLoader())).toBe(false);
  });

  it('still verifies badges signed before with eddsa-jcs-2022, whichever suite the proof names', async () => {
    const { proof: _published, ...unsigned } = vector;
    const jcs = signDocument(unsigned, pair, { verificationMethod: vector.proof.verificationMethod!, created: vector.proof.created! });
    expect(await verifyAnyProof(jcs, pair.publicKey, loader)).toBe(true);
    expect(await verifyAnyProof(vector, pair.publicKey, loader)).toBe(true);
    expect(await verifyAnyProof({ ...jcs, name: 'Autre' }, pair.publicKey, loader)).toBe(false);
  });

  it('never uses the network to sign or verify', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network used'));
    const connectSpy = vi.spyOn(Socket.prototype, 'connect');
    try {
      const { proof: _published, ...unsigned } = vector;
      const signed = await signDocumentRdfc(unsigned, pair, { verificationMethod: vector.proof.verificationMethod!, created: vector.proof.created! }, loader);
      expect(await verifyDocumentRdfc(signed, pair.publicKey, loader)).toBe(true);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(connectSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
      connectSpy.mockRestore();
    }
  });
});
