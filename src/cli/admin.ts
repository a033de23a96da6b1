/**
 * Setting up a centre from the terminal: the centre itself, the first accounts, and API
 * tokens for scripts. They go through the same services as the pages, so the same rules hold
 * (valid slug and commune, unique e-mail, 12-character passwords, tokens stored hashed).
 */
import { audit } from '../platform/audit.ts';
import { communeByCode, resolveCommune } from '../platform/communes.ts';
import { CliError } from './errors.ts';
import { readNewPassword } from './prompt.ts';
import { optional, required, requireCentre, requireRole, roleList, terminal, withApp, type Command } from './support.ts';

/** An INSEE code, or a commune name when only one commune has it. */
function communeCode(input: string): string {
  if (communeByCode(input)) return input;
  const resolved = resolveCommune(input);
  if (resolved.kind === 'found') return resolved.commune.code;
  if (resolved.kind === 'ambiguous') {
    const found = resolved.candidates;
    const choices = found.slice(0, 8).map((c) => `${c.code} (${c.name}, ${c.postalCodes[0] ?? c.departement})`).join(', ') + (found.length > 8 ? '…' : '');
    throw new CliError(`Plusieurs communes correspondent à « ${input} » : indiquez son code INSEE avec --commune, parmi ${choices}.`);
  }
  throw new CliError(`Commune inconnue : « ${input} ». Indiquez son code INSEE, par exemple --commune 59122 pour Cambrai.`);
}

const centreAdd: Command = {
  summary: 'Crée un centre.',
  usage: 'centre add --slug SLUG --name NOM --commune INSEE [--address ADRESSE] [--postal-code CP] [--opening-hours HORAIRES]',
  help: [
    'Options :',
    '  --slug SLUG              identifiant court du centre : minuscules, chiffres et tirets (ex. escale)',
    '  --name NOM               nom affiché (ex. « Centre social L’Escale »)',
    '  --commune INSEE          code INSEE de la commune du centre (ex. 59122), ou son nom s’il est unique',
    '  --address ADRESSE        numéro et rue',
    '  --postal-code CP         code postal (sinon celui de la commune)',
    '  --opening-hours HORAIRES horaires au format OpenStreetMap (ex. "Mo-Fr 09:00-12:00,14:00-17:30")',
    '',
    'Exemple :',
    '  lieudit centre add --slug escale --name "Centre social L’Escale" --commune 59122',
  ].join('\n'),
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    commune: { type: 'string' },
    address: { type: 'string' },
    'postal-code': { type: 'string' },
    'opening-hours': { type: 'string' },
  },
  fields: { slug: '--slug', name: '--name', communeInsee: '--commune', address: '--address', postalCode: '--postal-code', openingHours: '--opening-hours' },
  async run(values) {
    const slug = required(values, 'slug', this.usage);
    const name = required(values, 'name', this.usage);
    const communeInsee = communeCode(required(values, 'commune', this.usage));
    return withApp(async (app) => {
      const centre = await app.services.centre.createCentre({
        slug,
        name,
        communeInsee,
        address: optional(values, 'address') ?? null,
        postalCode: optional(values, 'postal-code') ?? null,
        openingHours: optional(values, 'opening-hours') ?? null,
      });
      console.log(`Centre créé : ${centre.name} (${centre.slug}), ${centre.communeName}.`);
      console.log(`Ajoutez un premier compte : lieudit user add --centre ${centre.slug} --email … --role admin`);
      console.log('La validation en deux étapes est exigée des administrateurs : à sa première connexion, le compte la met en place avec une application de son téléphone (réglage : /centre/deux-etapes).');
      return 0;
    });
  },
};

const userAdd: Command = {
  summary: 'Crée un compte de l’équipe (mot de passe : LIEUDIT_PASSWORD ou saisie masquée).',
  usage: 'user add --centre SLUG --email EMAIL --role ROLE [--name NOM] [--commune INSEE] [--federation SLUG]',
  help: [
    'Options :',
    '  --centre SLUG     le centre du compte (pour federation_admin : facultatif, le premier centre de la fédération l’héberge)',
    '  --email EMAIL     adresse e-mail, qui sert d’identifiant de connexion',
    `  --role ROLE       ${roleList()}`,
    '  --name NOM        nom affiché (sinon, la partie de l’adresse avant @)',
    '  --commune INSEE   pour le rôle partner : la commune partenaire',
    '  --federation SLUG pour le rôle federation_admin : la fédération dont le compte voit les chiffres anonymes',
    '',
    'Mot de passe (12 caractères au moins) : la variable LIEUDIT_PASSWORD, sinon il est demandé',
    'deux fois au terminal, sans s’afficher.',
    '',
    'Exemple :',
    '  lieudit user add --centre escale --email direction@escale.fr --role admin --name "Hélène Lefèvre"',
  ].join('\n'),
  options: {
    centre: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    commune: { type: 'string' },
    federation: { type: 'string' },
  },
  fields: { email: '--email', role: '--role', displayName: '--name', password: 'mot de passe', partnerCommuneInsee: '--commune' },
  async run(values) {
    const federationSlug = optional(values, 'federation');
    if (values.role === 'federation_admin') return addFederationAccount(values, federationSlug, this.usage);
    if (federationSlug) throw new CliError('--federation ne sert qu’au rôle federation_admin.');
    const slug = required(values, 'centre', this.usage);
    const email = required(values, 'email', this.usage);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError(`Adresse e-mail invalide : « ${email} ». Exemple : direction@escale.fr`);
    const role = requireRole(required(values, 'role', this.usage));
    const commune = optional(values, 'commune');
    if (role === 'partner' && !commune) throw new CliError('Un compte partner est lié à une commune : indiquez --commune INSEE.');
    const displayName = optional(values, 'name') ?? email.split('@')[0]!;
    return withApp(async (app) => {
      // Check the centre before asking for a password that would be typed for nothing.
      const centre = await requireCentre(app, slug);
      const password = await readNewPassword();
      const user = await app.ctx.auth.createUser({
        centerId: centre.id,
        email,
        displayName,
        role,
        password,
        partnerCommuneInsee: role === 'partner' ? communeCode(commune!) : null,
      });
      await audit(app.ctx.kysely, app.ctx.clock, terminal(centre.id), 'create', 'user', user.id, { role });
      console.log(`Compte créé : ${user.displayName} <${user.email}>, ${role}, centre ${centre.slug}.`);
      return 0;
    });
  },
};

/**
 * A federation's account: it belongs to no centre's team, but its row is hosted by one of the
 * federation's centres (sessions and mails carry a centre), the one named or the first.
 */
async function addFederationAccount(values: Record<string, string | boolean | undefined>, federationSlug: string | undefined, usage: string): Promise<number> {
  if (!federationSlug) throw new CliError('Un compte federation_admin est lié à une fédération : indiquez --federation SLUG.');
  const email = required(values, 'email', usage);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError(`Adresse e-mail invalide : « ${email} ». Exemple : direction@federation.fr`);
  const displayName = optional(values, 'name') ?? email.split('@')[0]!;
  const centreSlug = optional(values, 'centre');
  return withApp(async (app) => {
    const federations = app.services.reports.federation;
    const federation = await federations.findBySlug(federationSlug);
    if (!federation) throw new CliError(`Aucune fédération n’a l’identifiant « ${federationSlug} ». Créez-la avec « lieudit federation add ».`);
    const members = await federations.members(federation.id);
    const host = centreSlug ? await requireCentre(app, centreSlug) : members[0];
    if (!host) throw new CliError(`La fédération ${federation.name} n’a encore aucun centre : rattachez-en un avec « lieudit federation join ».`);
    if (!members.some((m) => m.id === host.id)) throw new CliError(`Le centre « ${centreSlug} » ne fait pas partie de la fédération ${federation.name}.`);
    const password = await readNewPassword();
    const user = await app.ctx.auth.createUser({ centerId: host.id, email, displayName, role: 'federation_admin', password, federationId: federation.id });
    await audit(app.ctx.kysely, app.ctx.clock, terminal(host.id), 'create', 'user', user.id, { role: 'federation_admin' });
    console.log(`Compte créé : ${user.displayName} <${user.email}>, federation_admin, fédération ${federation.name}.`);
    return 0;
  });
}

const tokenCreate: Command = {
  summary: 'Crée un jeton d’API et l’affiche, seul, sur la sortie standard (il est conservé haché).',
  usage: 'token create --centre SLUG --role ROLE --name NOM',
  help: [
    'Options :',
    '  --centre SLUG   le centre dont le jeton lit et écrit les données',
    `  --role ROLE     les droits du jeton : ${roleList()}`,
    '  --name NOM      à quoi sert le jeton (ex. « export tableur »), pour le retrouver et le révoquer',
    '',
    'Le jeton s’affiche une seule fois : gardez-le en lieu sûr. Il s’utilise dans l’en-tête',
    '« Authorization: Bearer <jeton> » des appels à /api/v1/…',
    '',
    'Exemple :',
    '  TOKEN=$(lieudit token create --centre escale --role coordinator --name "export tableur")',
  ].join('\n'),
  options: { centre: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  fields: { role: '--role', name: '--name' },
  async run(values) {
    const slug = required(values, 'centre', this.usage);
    const role = requireRole(required(values, 'role', this.usage));
    const name = required(values, 'name', this.usage);
    if (name.length > 80) throw new CliError('Le nom du jeton est trop long : 80 caractères au plus.');
    return withApp(async (app) => {
      const centre = await requireCentre(app, slug);
      const { id, token } = await app.ctx.auth.createToken(centre.id, role, name);
      await audit(app.ctx.kysely, app.ctx.clock, terminal(centre.id), 'grant', 'api_token', id, { role });
      process.stdout.write(`${token}\n`);
      return 0;
    });
  },
};

export const adminCommands: Record<string, Command> = {
  'centre add': centreAdd,
  'user add': userAdd,
  'token create': tokenCreate,
};
