import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string; format?: string } }> }>;
}

/** The OpenAPI document as a client generator reads it. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let centerId: string;
  let operations: { method: string; path: string; op: Operation }[];
  let doc: { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'openapi');
    doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));
  });
  afterAll(() => t.close());

  it('names every operation with a unique operationId and says where the API is served', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter(({ op }) => !op.operationId).map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.servers?.[0]?.url).toBe('http://lieudit.test');
  });

  it('declares the 4xx answers of every operation with the one shared error body', () => {
    expect(Object.keys(doc.components.schemas.ApiError?.properties ?? {}).sort()).toEqual(['error', 'fields', 'message']);
    const missing: string[] = [];
    for (const { method, path, op } of operations) {
      const expected: string[] = [];
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) expected.push('401', '403');
      if (path.includes('{')) expected.push('404');
      if (op.requestBody || (op.parameters ?? []).length > 0) expected.push('422');
      for (const status of expected) {
        const schema = op.responses[status]?.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/ApiError') missing.push(`${method} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('types the sign-in sheet as a PDF and the badge as an Open Badges credential', () => {
    const sheet = doc.paths['/api/v1/sessions/{id}/sign-in-sheet.pdf']!.get!.responses['200']!;
    expect(sheet.content?.['application/pdf']?.schema.format).toBe('binary');
    const badge = doc.paths['/api/v1/badges/{id}']!.get!.responses['200']!;
    expect(badge.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/OpenBadgeCredential');
    expect(Object.keys(doc.components.schemas.OpenBadgeCredential?.properties ?? {})).toEqual(expect.arrayContaining(['issuer', 'credentialSubject', 'proof', 'validFrom']));
  });

  it('refuses invalid input with a 422 { error, message, fields } in French, like the pages', async () => {
    const api = await apiToken(t.app, centerId, 'coordinator');
    const response = await api('POST', '/api/v1/activities', { title: '', capacity: 0 });
    expect(response.statusCode).toBe(422);
    const body = response.json() as { error: string; message: string; fields: Record<string, string> };
    expect(body.error).toBe('invalid');
    expect(body.message).toBe('Certaines informations sont à corriger.');
    expect(Object.keys(body.fields)).toEqual(expect.arrayContaining(['title', 'capacity']));
  });
});
