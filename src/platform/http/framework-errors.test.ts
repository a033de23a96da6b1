import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, titleOf, type TestApp } from '../../../tests/support/app.ts';

/** One raw HTTP/1.1 exchange, through Node's parser (which `inject` skips). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers: { accept: 'text/html', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function expectFrenchPage(response: { headers: Record<string, unknown>; body: string }) {
  expect(String(response.headers['content-type'])).toMatch(/^text\/html/);
  expect(response.body).toContain('<html lang="fr"');
  expect(titleOf(response.body)).toMatch(/^Une erreur est survenue/);
  expect(response.body).not.toMatch(/Bad Request|URI Too Long|Header Fields Too Large|not a valid url|max param length|Exceeded maximum/);
}

function expectFrenchJson(response: { headers: Record<string, unknown>; body: string }, error: string) {
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as { error: string; message: string; fields: object };
  expect(body.error).toBe(error);
  expect(body.fields).toEqual({});
  expect(body.message).toMatch(/demande|adresse|en-têtes/i);
  expect(body.message).not.toMatch(/Bad Request|Too Long|Too Large|valid url|param length|Exceeded/);
}

describe('errors raised before our routes are French (review: raw English Fastify errors)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('a badly percent-encoded page address gives a French 400 page with our security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/activites/%E0%A4%A', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(400);
    expectFrenchPage(response);
    expect(response.body).toContain('L’adresse de la page est mal écrite');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a badly percent-encoded API address gives a French JSON 400', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/activities/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expectFrenchJson(response, 'bad_url');
  });

  it('a page address with an over-long segment gives a French 414 page', async () => {
    const response = await rawGet(port, `/activites/${'a'.repeat(300)}`);
    expect(response.status).toBe(414);
    expectFrenchPage(response);
    expect(response.body).toContain('L’adresse de la page est trop longue');
  });

  it('an over-long API address gives a French JSON 414', async () => {
    const response = await rawGet(port, `/api/v1/activities/${'a'.repeat(300)}`);
    expect(response.status).toBe(414);
    expectFrenchJson(response, 'uri_too_long');
  });

  it('an address longer than any of ours (but under Node’s header limit) gives a French 414 page', async () => {
    const response = await rawGet(port, `/activites?q=${'a'.repeat(9000)}`);
    expect(response.status).toBe(414);
    expectFrenchPage(response);
  });

  it('headers larger than Node accepts give a complete small French 431 page with our security headers', async () => {
    const response = await rawGet(port, '/activites', { 'x-filler': 'a'.repeat(20_000) });
    expect(response.status).toBe(431);
    expect(String(response.headers['content-type'])).toMatch(/^text\/html; charset=utf-8/);
    expect(response.body).toContain('<html lang="fr"');
    expect(response.body).toContain('<title>Une erreur est survenue');
    expect(response.body).toContain('trop volumineux');
    expect(response.body).not.toMatch(/Header Fields Too Large|Exceeded maximum/);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  });

  it('headers larger than Node accepts on an API address give a French JSON 431', async () => {
    const response = await rawGet(port, '/api/v1/activities', { accept: 'application/json', 'x-filler': 'a'.repeat(20_000) });
    expect(response.status).toBe(431);
    expectFrenchJson(response, 'headers_too_large');
  });
});
