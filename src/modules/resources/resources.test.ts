import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TMP_DIR } from '../../../tests/support/databases.ts';
import { writeBackup } from '../../platform/backup/backup.ts';
import { restoreBackup } from '../../platform/backup/restore.ts';
import { FicheService } from './fiche.service.ts';
import { apiToken, Client, createCentre, createTestApp, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { activityInput, setupProgramme } from '../activities/activities.fixtures.ts';
import { seedDemoResources } from './demo.ts';
import type { FicheInput } from './resources.schemas.ts';

type Api = Awaited<ReturnType<typeof apiToken>>;

const SMS: FicheInput = {
  title: 'Reconnaître un SMS frauduleux',
  summary: 'Un faux message de livraison, de l’Assurance maladie ou de la banque ? Voici comment repérer une arnaque par SMS.',
  body: '## Les signes\n\n1. On vous presse : « dernier délai ».\n2. Un lien étrange.\n\n**Ne cliquez pas.** Signalez au 33700.',
  level: 'debutant',
  themes: ['securite_numerique'],
  competences: ['4.1', '4.2'],
  activityIds: [],
};
const AMELI: FicheInput = {
  title: 'Créer son compte ameli',
  summary: 'Votre espace santé en ligne, pour suivre vos remboursements.',
  body: 'Munissez-vous de votre carte Vitale et de votre relevé d’identité bancaire.',
  level: 'debutant',
  themes: ['sante', 'aide_aux_demarches_administratives'],
  competences: [],
  activityIds: [],
};

describe('resources: practical guides (fiches)', () => {
  let t: TestApp;
  let centreA: string;
  let centreB: string;
  let system: Actor;
  let admin: Api;
  let volunteer: Api;
  let adminB: Api;
  let smsId: string;
  let smsSlug: string;

  beforeAll(async () => {
    t = await createTestApp();
    // A first: the public site's centre.
    centreA = await createCentre(t.app, 'ressources-a', 'Centre social Les Tilleuls');
    centreB = await createCentre(t.app, 'ressources-b', 'Centre social du Val');
    system = systemActor(centreA);
    admin = await apiToken(t.app, centreA, 'admin');
    volunteer = await apiToken(t.app, centreA, 'volunteer');
    adminB = await apiToken(t.app, centreB, 'admin');
    const fiches = t.app.services.resources.fiches;
    const sms = await fiches.create(system, SMS);
    await fiches.setPublished(system, sms.id, true);
    smsId = sms.id;
    smsSlug = sms.slug;
    const ameli = await fiches.create(system, AMELI);
    await fiches.setPublished(system, ameli.id, true);
    // A draft that mentions the same words, never public.
    await fiches.create(system, { ...SMS, title: 'Brouillon sur les arnaques par SMS' });
  });
  afterAll(() => t.close());

  const searchTitles = async (q: string) => {
    const r = await new Client(t.app).api('GET', `/api/v1/resources/fiches?q=${encodeURIComponent(q)}`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: { title: string }[] }).items.map((i) => i.title);
  };

  describe('search', () => {
    it('"arnaque sms" finds "Reconnaître un SMS frauduleux", and not the draft', async () => {
      expect(await searchTitles('arnaque sms')).toEqual(['Reconnaître un SMS frauduleux']);
    });

    it('ignores accents, case and small words both ways', async () => {
      expect(await searchTitles('reconnaitre')).toEqual(['Reconnaître un SMS frauduleux']);
      expect(await searchTitles('RECONNAÎTRE')).toEqual(['Reconnaître un SMS frauduleux']);
      expect(await searchTitles('délai')).toEqual(['Reconnaître un SMS frauduleux']);
      expect(await searchTitles('delai')).toEqual(['Reconnaître un SMS frauduleux']);
      expect(await searchTitles('Améli')).toEqual(['Créer son compte ameli']);
      expect(await searchTitles('comment créer un compte')).toEqual(['Créer son compte ameli']);
    });

    it('matches word beginnings ("arnaq", "rembours") and ranks the title first', async () => {
      expect(await searchTitles('arnaq')).toEqual(['Reconnaître un SMS frauduleux']);
      expect(await searchTitles('rembours')).toEqual(['Créer son compte ameli']);
    });

    it('falls back to fiches holding some of the words, and says so', async () => {
      const r = await new Client(t.app).api('GET', `/api/v1/resources/fiches?q=${encodeURIComponent('vitale sms')}`);
      const body = r.json() as { items: { title: string }[]; partial: boolean };
      expect(body.partial).toBe(true);
      expect(body.items.map((i) => i.title).sort()).toEqual(['Créer son compte ameli', 'Reconnaître un SMS frauduleux']);
      expect(await searchTitles('xylophone')).toEqual([]);
    });

    it('treats search syntax as words (no FTS5 or tsquery injection, no 500)', async () => {
      for (const q of ['"', 'sms AND', 'NEAR(a b)', 'sms:*', "' or 1=1 --", '!&|()', '*', 'a'.repeat(200)]) {
        const r = await new Client(t.app).api('GET', `/api/v1/resources/fiches?q=${encodeURIComponent(q)}`);
        expect(r.statusCode, q).toBe(200);
      }
    });

    it('searches one centre only', async () => {
      await t.app.services.resources.fiches.create(systemActor(centreB), { ...SMS, title: 'Arnaques au SMS du Val' });
      expect(await searchTitles('arnaque')).toEqual(['Reconnaître un SMS frauduleux']);
    });
  });

  describe('public pages', () => {
    it('lists the fiches by theme and searches without JavaScript (GET form)', async () => {
      const client = new Client(t.app);
      const list = await client.get('/ressources');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Sécurité numérique');
      expect(list.body).toContain(`href="/ressources/${smsSlug}"`);
      expect(list.body).not.toContain('Brouillon sur les arnaques');
      const found = await client.get('/ressources?q=arnaque+sms');
      expect(found.body).toContain('1 fiche trouvée pour « arnaque sms »');
      expect(found.body).toContain('Reconnaître un SMS frauduleux');
      expect(found.body).not.toContain('Créer son compte ameli');
      const byTheme = await client.get('/ressources?theme=sante');
      expect(byTheme.body).toContain('Créer son compte ameli');
      expect(byTheme.body).not.toContain(`href="/ressources/${smsSlug}"`);
    });

    it('shows a fiche with its Markdown rendered, and a large-print version', async () => {
      const client = new Client(t.app);
      const page = await client.get(`/ressources/${smsSlug}`);
      expect(page.statusCode).toBe(200);
      expect(titleOf(page.body)).toContain('Reconnaître un SMS frauduleux');
      expect(page.body).toContain('<strong>Ne cliquez pas.</strong>');
      expect(page.body).toContain('<h2>Les signes</h2>');
      expect(page.body).toContain(`href="/ressources/${smsSlug}/gros-caracteres"`);
      const large = await client.get(`/ressources/${smsSlug}/gros-caracteres`);
      expect(large.statusCode).toBe(200);
      expect(large.body).toContain('class="large-print"');
      expect(large.body).toContain('<strong>Ne cliquez pas.</strong>');
      expect((await client.get('/static/resources.css')).body).toContain('@media print');
    });

    it('answers 404 for a draft, an unknown address and another centre’s fiche', async () => {
      const client = new Client(t.app);
      expect((await client.get('/ressources/brouillon-sur-les-arnaques-par-sms')).statusCode).toBe(404);
      expect((await client.get('/ressources/nexiste-pas')).statusCode).toBe(404);
      expect((await client.get('/ressources/arnaques-au-sms-du-val')).statusCode).toBe(404);
      expect((await adminB('GET', `/api/v1/resources/fiches/${smsId}`)).statusCode).toBe(404);
    });
  });

  describe('stored XSS is impossible', () => {
    it('renders raw HTML as text and drops javascript: links, in the page and the API', async () => {
      const r = await admin('POST', '/api/v1/resources/fiches', {
        title: 'Fiche <script>alert(1)</script>',
        summary: '<img src=x onerror=alert(1)>',
        body: '<script>alert("x")</script>\n\n[Cliquez](javascript:alert(1)) <iframe src="https://evil.example"></iframe>\n\n<a href="javascript:alert(2)">lien</a>',
        level: 'debutant',
        themes: ['securite_numerique'],
      });
      expect(r.statusCode, r.body).toBe(201);
      const created = r.json() as { id: string; slug: string; html: string };
      expect(created.slug).toBe('fiche-script-alert-1-script');
      expect(created.html).not.toMatch(/<script|<iframe|<a href="javascript|onerror=|<img/i);
      expect(created.html).toContain('&lt;script&gt;');
      await admin('PATCH', `/api/v1/resources/fiches/${created.id}`, { status: 'published' });
      const page = await new Client(t.app).get(`/ressources/${created.slug}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/<script>alert|<iframe|href="javascript|<img src="?x/i);
      expect(page.body).toContain('&lt;img src=x onerror=alert(1)>');
    });
  });

  describe('API', () => {
    it('refuses invalid fiches with the 422 contract, in French, and changes nothing', async () => {
      const before = (await admin('GET', '/api/v1/resources/fiches')).json() as { items: unknown[] };
      const r = await admin('POST', '/api/v1/resources/fiches', { title: '', summary: 'x', body: 'y', level: 'expert', themes: [] });
      expect(r.statusCode).toBe(422);
      const error = r.json() as { error: string; message: string; fields: Record<string, string> };
      expect(error.fields.title).toMatch(/titre/);
      expect(error.fields.level).toMatch(/niveau/);
      const after = (await admin('GET', '/api/v1/resources/fiches')).json() as { items: unknown[] };
      expect(after.items.length).toBe(before.items.length);
    });

    it('publishes, unpublishes and keeps the address when the title changes', async () => {
      const r = await admin('POST', '/api/v1/resources/fiches', { title: 'Se connecter au Wi-Fi', summary: 'Chez soi ou à la médiathèque.', body: 'Ouvrez les réglages.', level: 'debutant', themes: ['prendre_en_main_du_materiel'] });
      const fiche = r.json() as { id: string; slug: string; status: string };
      expect(fiche.status).toBe('draft');
      expect(fiche.slug).toBe('se-connecter-au-wi-fi');
      const anonymous = new Client(t.app);
      expect((await anonymous.api('GET', `/api/v1/resources/fiches/${fiche.id}`)).statusCode).toBe(404);
      t.clock.advance(60_000);
      const before = t.clock.nowIso();
      const published = await admin('PATCH', `/api/v1/resources/fiches/${fiche.id}`, { status: 'published', title: 'Se connecter à un réseau Wi-Fi' });
      const body = published.json() as { slug: string; publishedAt: string; title: string };
      expect(body.slug).toBe('se-connecter-au-wi-fi');
      expect(body.publishedAt >= before && body.publishedAt <= t.clock.nowIso()).toBe(true);
      expect((await anonymous.api('GET', `/api/v1/resources/fiches/${fiche.id}`)).statusCode).toBe(200);
      // A second fiche of the same title gets an address of its own.
      const twin = await admin('POST', '/api/v1/resources/fiches', { title: 'Se connecter au Wi-Fi', summary: 'Bis.', body: 'Bis.', level: 'debutant', themes: ['prendre_en_main_du_materiel'] });
      expect((twin.json() as { slug: string }).slug).toBe('se-connecter-au-wi-fi-2');
      await admin('PATCH', `/api/v1/resources/fiches/${fiche.id}`, { status: 'draft' });
      expect((await anonymous.api('GET', `/api/v1/resources/fiches/${fiche.id}`)).statusCode).toBe(404);
    });

    it('lets only the team that writes fiches change them', async () => {
      expect((await volunteer('POST', '/api/v1/resources/fiches', { ...SMS, activityIds: undefined })).statusCode).toBe(403);
      expect((await volunteer('PATCH', `/api/v1/resources/fiches/${smsId}`, { status: 'draft' })).statusCode).toBe(403);
      expect((await adminB('PATCH', `/api/v1/resources/fiches/${smsId}`, { status: 'draft' })).statusCode).toBe(404);
    });
  });

  describe('links from activities', () => {
    it('shows the published fiches linked to an activity as "Fiches utiles" on its public page', async () => {
      const { studioId } = await setupProgramme(t.app, centreA);
      const activity = await t.app.services.activities.programme.create(system, activityInput(t.clock, studioId, { title: 'Les arnaques en ligne', theme: 'securite_numerique' }));
      const client = new Client(t.app);
      expect((await client.get(`/activites/${activity.id}`)).body).not.toContain('Fiches utiles');
      // Linked through the API; an activity of another centre is refused.
      expect((await admin('PATCH', `/api/v1/resources/fiches/${smsId}`, { activityIds: [activity.id] })).statusCode).toBe(200);
      expect((await adminB('POST', '/api/v1/resources/fiches', { ...SMS, activityIds: [activity.id] })).statusCode).toBe(422);
      const page = await client.get(`/activites/${activity.id}`);
      expect(page.body).toContain('Fiches utiles');
      expect(page.body).toContain(`<a href="/ressources/${smsSlug}">Reconnaître un SMS frauduleux</a>`);
      // The editor offers the programme's activities, the link checked.
      const coordinator = await signIn(t.app, centreA, 'coordinator');
      const edit = await coordinator.get(`/fiches-pratiques/${smsId}`);
      expect(edit.body).toMatch(new RegExp(`value="${activity.id}" checked`));
      // A fiche taken off publication leaves the activity's page.
      await admin('PATCH', `/api/v1/resources/fiches/${smsId}`, { status: 'draft' });
      expect((await client.get(`/activites/${activity.id}`)).body).not.toContain('Fiches utiles');
      await admin('PATCH', `/api/v1/resources/fiches/${smsId}`, { status: 'published' });
    });
  });

  describe('backup', () => {
    it('restores the fiches and their search index: the index is rebuilt, not saved', async () => {
      const dir = join(TMP_DIR, `fiches-${Date.now()}`);
      mkdirSync(dir, { recursive: true });
      const target = await createTestDb();
      try {
        await writeBackup(t.db, join(dir, 'fiches.lieudit.gz'), t.clock);
        await restoreBackup(target, join(dir, 'fiches.lieudit.gz'));
        const restored = new FicheService({ ...t.app.ctx, db: target, kysely: target.kysely });
        expect((await restored.search(centreA, 'arnaque sms')).fiches.map((f) => f.title)).toEqual(['Reconnaître un SMS frauduleux']);
      } finally {
        await target.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('demo', () => {
    it('publishes a dozen fiches once, and "arnaque sms" finds the SMS one first', async () => {
      const centre = await createCentre(t.app, 'ressources-demo', 'Centre social de démonstration');
      expect(await seedDemoResources(t.app.ctx, t.app.services, centre)).toEqual({ fiches: 12 });
      expect(await seedDemoResources(t.app.ctx, t.app.services, centre)).toEqual({ fiches: 0 });
      const fiches = t.app.services.resources.fiches;
      expect((await fiches.listPublished(centre)).map((f) => f.title)).toEqual(expect.arrayContaining(['Reconnaître un SMS frauduleux', 'Créer son compte ameli', 'Envoyer une photo par e-mail', 'Se connecter au Wi-Fi']));
      expect((await fiches.listPublished(centre)).length).toBe(12);
      expect((await fiches.search(centre, 'arnaque sms')).fiches[0]?.title).toBe('Reconnaître un SMS frauduleux');
    });
  });

  describe('the team’s editor', () => {
    it('previews without saving, refuses with the error summary, creates a draft and publishes it', async () => {
      const coordinator = await signIn(t.app, centreA, 'coordinator');
      const form = { title: 'Envoyer une photo par e-mail', summary: 'Joindre une photo à un message.', body: '1. Ouvrez **Gmail**.\n\n<b>gras</b>', level: 'debutant', themes: ['email'], competences: ['2.1'] };
      const preview = await coordinator.post('/fiches-pratiques/nouvelle', { ...form, action: 'preview' });
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('<strong>Gmail</strong>');
      expect(preview.body).toContain('&lt;b&gt;gras&lt;/b&gt;');
      expect(await searchTitles('gmail')).toEqual([]);

      const refused = await coordinator.post('/fiches-pratiques/nouvelle', { ...form, title: '', themes: [], action: 'save' });
      expect(refused.statusCode).toBe(422);
      expect(titleOf(refused.body)).toMatch(/^Erreur/);
      expect(refused.body.indexOf('href="#champ-title"')).toBeLessThan(refused.body.indexOf('href="#champ-themes"'));

      const saved = await coordinator.post('/fiches-pratiques/nouvelle', { ...form, action: 'save' });
      expect(saved.statusCode).toBe(303);
      const editUrl = String(saved.headers.location);
      const id = editUrl.split('/').pop()!;
      const edit = await coordinator.get(editUrl);
      expect(edit.body).toContain('Brouillon');
      expect(await searchTitles('gmail')).toEqual([]);
      expect((await coordinator.post(`/fiches-pratiques/${id}/publier`, {})).statusCode).toBe(303);
      expect(await searchTitles('gmail')).toEqual(['Envoyer une photo par e-mail']);
      const list = await coordinator.get('/fiches-pratiques');
      expect(list.body).toContain('Envoyer une photo par e-mail');
      expect(list.body).toContain('Brouillon sur les arnaques par SMS');
    });
  });
});
