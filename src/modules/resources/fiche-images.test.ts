import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { Client, createCentre, createTestApp, errorSummaryTargets, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { testPng } from '../../../tests/support/png.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { sniffImage } from './image-type.ts';

/** A browser's multipart form post: the CSRF token, text fields, and one file. */
async function postFile(client: Client, url: string, fields: Record<string, string>, file: { name: string; type: string; data: Buffer } | null): Promise<LightMyRequestResponse> {
  if (!client.csrf) await client.get('/connexion');
  const boundary = '----lieudit-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: client.csrf, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  const f = file ?? { name: '', type: 'application/octet-stream', data: Buffer.alloc(0) };
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return client.app.inject({
    method: 'POST', url, payload: Buffer.concat(parts),
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe('resources: images of the fiches', () => {
  let t: TestApp;
  let centreA: string;
  let ficheId: string;
  let slug: string;
  const png = testPng(40, 20);

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.app, 'images-a', 'Centre social des images');
    const fiche = await t.app.services.resources.fiches.create(systemActor(centreA), {
      title: 'Se connecter au Wi-Fi', summary: 'Le réseau de la maison.', body: 'Ouvrez les réglages.', level: 'debutant', themes: ['securite_numerique'], competences: [], activityIds: [],
    });
    ficheId = fiche.id;
    slug = fiche.slug;
  });
  afterAll(() => t.close());

  it('reads the kind of image from the bytes, not from the name', () => {
    expect(sniffImage(png)).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
  });

  it('shows only our own image addresses; any other image becomes its text', () => {
    const own = '/ressources/images/0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
    expect(renderMarkdown(`![Le bouton Wi-Fi](${own})`)).toContain(`<img src="${own}" alt="Le bouton Wi-Fi" loading="lazy">`);
    for (const src of ['https://exemple.fr/a.png', '//exemple.fr/a.png', '/ressources/images/../../admin', 'data:image/png;base64,AAAA', '/static/x.png']) {
      const html = renderMarkdown(`![Une <image>](${src})`);
      expect(html, src).not.toContain('<img');
      expect(html).toContain('Une &lt;image&gt;');
    }
  });

  it('adds an image without JavaScript, refuses what is not one, serves it from our origin and deletes it once unused', async () => {
    const coordinator = await signIn(t.app, centreA, 'coordinator');
    const edit = `/fiches-pratiques/${ficheId}`;
    const page = await coordinator.get(edit);
    expect(page.body).toContain('enctype="multipart/form-data"');

    // Refusals: each with the GOV.UK error summary, nothing saved.
    const none = await postFile(coordinator, `${edit}/images`, { altText: '' }, null);
    expect(none.statusCode).toBe(422);
    expect(titleOf(none.body)).toMatch(/^Erreur/);
    expect(none.body).toContain('Choisissez une image à ajouter');
    expect(none.body).toContain('Décrivez ce que montre l’image');
    expect(Object.values(errorSummaryTargets(none.body))).not.toContain(null);
    const html = await postFile(coordinator, `${edit}/images`, { altText: 'Une page' }, { name: 'photo.png', type: 'image/png', data: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('n’est pas une image PNG, JPEG ou WebP');
    const big = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await postFile(coordinator, `${edit}/images`, { altText: 'Trop grande' }, { name: 'grande.png', type: 'image/png', data: big });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.body).toContain('L’image dépasse 2 Mo');
    expect(await t.app.ctx.kysely.selectFrom('ficheImages').select('id').execute()).toEqual([]);

    // A PNG sent under a misleading name and type: kept as what its bytes say.
    const added = await postFile(coordinator, `${edit}/images`, { altText: 'Le bouton [Wi-Fi] des réglages' }, { name: 'capture.jpg', type: 'image/jpeg', data: png });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${edit}#images`);
    const [row] = await t.app.ctx.kysely.selectFrom('ficheImages').select(['id', 'mime', 'size', 'centerId']).execute();
    expect(row).toMatchObject({ mime: 'image/png', size: png.length, centerId: centreA });
    const path = `/ressources/images/${row!.id}`;
    const listed = await coordinator.get(edit);
    expect(listed.body).toContain(`![Le bouton \\[Wi-Fi\\] des réglages](${path})`);
    // The same image again is kept once.
    expect((await postFile(coordinator, `${edit}/images`, { altText: 'Encore' }, { name: 'a.png', type: 'image/png', data: png })).statusCode).toBe(303);
    expect(await t.app.ctx.kysely.selectFrom('ficheImages').select('id').execute()).toHaveLength(1);

    // A draft's image: for the team only.
    const anonymous = new Client(t.app);
    expect((await anonymous.get(path)).statusCode).toBe(404);
    const forTeam = await coordinator.get(path);
    expect(forTeam.statusCode).toBe(200);
    expect(forTeam.headers['cache-control']).toBe('private, no-cache');

    // Shown in the fiche, then published: anyone, with long caching and the sniffed type.
    await t.app.services.resources.fiches.update(systemActor(centreA), ficheId, { body: `Ouvrez les réglages.\n\n![Le bouton Wi-Fi des réglages](${path})`, status: 'published' });
    const served = await anonymous.get(path);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.rawPayload.equals(png)).toBe(true);
    for (const url of [`/ressources/${slug}`, `/ressources/${slug}/gros-caracteres`]) {
      expect((await anonymous.get(url)).body).toContain(`<img src="${path}" alt="Le bouton Wi-Fi des réglages"`);
    }

    // Shown: it cannot be deleted. Out of the text: it can.
    const inUse = await coordinator.post(`${path.replace('/ressources/images/', `${edit}/images/`)}/supprimer`, {});
    expect(inUse.statusCode).toBe(409);
    expect(inUse.body).toContain('retirez-la du texte');
    await t.app.services.resources.fiches.update(systemActor(centreA), ficheId, { body: 'Ouvrez les réglages.' });
    const deleted = await coordinator.post(`${edit}/images/${row!.id}/supprimer`, {});
    expect(deleted.statusCode).toBe(303);
    expect((await anonymous.get(path)).statusCode).toBe(404);
  });

  it('keeps each centre to its own images, and the volunteers out of the editor', async () => {
    const other = await createCentre(t.app, 'images-b', 'Centre social voisin');
    const theirs = await t.app.services.resources.fiches.create(systemActor(other), {
      title: 'Une fiche voisine', summary: 'Ailleurs.', body: 'Texte.', level: 'debutant', themes: ['email'], competences: [], activityIds: [],
    });
    const image = await t.app.services.resources.images.add(systemActor(other), theirs.id, { data: testPng(8, 8), tooLarge: false, altText: 'Un carré' });
    await t.app.services.resources.fiches.update(systemActor(other), theirs.id, { status: 'published' });
    const coordinator = await signIn(t.app, centreA, 'coordinator');
    expect((await coordinator.get(image.path)).statusCode).toBe(404);
    expect((await postFile(coordinator, `/fiches-pratiques/${theirs.id}/images`, { altText: 'x' }, { name: 'a.png', type: 'image/png', data: png })).statusCode).toBe(404);
    const volunteer = await signIn(t.app, centreA, 'volunteer');
    expect((await postFile(volunteer, `/fiches-pratiques/${ficheId}/images`, { altText: 'x' }, { name: 'a.png', type: 'image/png', data: png })).statusCode).toBe(403);
  });
});
