/**
 * A federation of centres from the terminal: create it, put centres in it, make and revoke its
 * API tokens (through the same service as its account's pages). Its account is made with
 * `lieudit user add --role federation_admin --federation SLUG` (admin.ts).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import type { Federation } from '../modules/reports/federation.repository.ts';
import { formatDateTime } from '../ui/format.ts';
import { CliError } from './errors.ts';
import { required, requireCentre, terminal, withApp, type Command } from './support.ts';

const federationAdd: Command = {
  summary: 'Crée une fédération de centres.',
  usage: 'federation add --slug SLUG --name NOM',
  help: [
    'Options :',
    '  --slug SLUG   identifiant court : minuscules, chiffres et tirets (ex. fcs-nord)',
    '  --name NOM    nom affiché (ex. « Fédération des centres sociaux du Nord »)',
    '',
    'Ensuite : lieudit federation join --federation SLUG --centre SLUG, pour chaque centre ;',
    'puis le compte de la fédération : lieudit user add --role federation_admin --federation SLUG --email …',
  ].join('\n'),
  options: { slug: { type: 'string' }, name: { type: 'string' } },
  fields: { slug: '--slug', name: '--name' },
  async run(values) {
    const slug = required(values, 'slug', this.usage);
    const name = required(values, 'name', this.usage);
    return withApp(async (app) => {
      const federation = await app.services.reports.federation.create({ slug, name });
      console.log(`Fédération créée : ${federation.name} (${federation.slug}).`);
      return 0;
    });
  },
};

const federationJoin: Command = {
  summary: 'Rattache un centre à une fédération (il quitte celle où il était).',
  usage: 'federation join --federation SLUG --centre SLUG',
  help: [
    'Options :',
    '  --federation SLUG   la fédération',
    '  --centre SLUG       le centre qui la rejoint',
    '',
    'La fédération voit alors les chiffres anonymes du centre, jamais ses fiches ni ses pages.',
  ].join('\n'),
  options: { federation: { type: 'string' }, centre: { type: 'string' } },
  async run(values) {
    const federationSlug = required(values, 'federation', this.usage);
    const centreSlug = required(values, 'centre', this.usage);
    return withApp(async (app) => {
      const federation = await app.services.reports.federation.findBySlug(federationSlug);
      if (!federation) throw new CliError(`Aucune fédération n’a l’identifiant « ${federationSlug} ». Créez-la avec « lieudit federation add ».`);
      const centre = await requireCentre(app, centreSlug);
      await app.services.reports.federation.join(federation.id, centre.id);
      console.log(`Le centre ${centre.name} fait partie de la fédération ${federation.name}.`);
      return 0;
    });
  },
};


// — a federation's API tokens, for an operator (the federation's account has its page and API) —

async function requireFederation(app: FastifyInstance, ref: string): Promise<Federation> {
  const federation = await app.services.reports.federation.findByIdOrSlug(ref);
  if (!federation) throw new CliError(`Aucune fédération n’a l’identifiant « ${ref} ». Créez-la avec « lieudit federation add », ou vérifiez --federation.`);
  return federation;
}

const when = (iso: string) => formatDateTime(iso, 'fr');

const federationTokenCreate: Command = {
  summary: 'Crée un jeton d’API d’une fédération et l’affiche, seul, sur la sortie standard (il est conservé haché).',
  usage: 'federation-token create --federation ID|SLUG --name NOM',
  help: [
    'Options :',
    '  --federation ID|SLUG   la fédération (son identifiant court ou son id)',
    '  --name NOM             à quoi sert le jeton (ex. « tableau régional »), 80 caractères au plus',
    '',
    'Le jeton lit seulement les chiffres anonymes de la fédération (GET /api/v1/federation/report).',
    'Il s’affiche une seule fois : gardez-le en lieu sûr. Il s’utilise dans l’en-tête',
    '« Authorization: Bearer <jeton> ». Il est rattaché au premier centre de la fédération (par',
    'nom), dont le journal garde sa création et sa révocation.',
    '',
    'Exemple :',
    '  TOKEN=$(lieudit federation-token create --federation fcs-nord --name "tableau régional")',
  ].join('\n'),
  options: { federation: { type: 'string' }, name: { type: 'string' } },
  fields: { name: '--name' },
  async run(values) {
    const ref = required(values, 'federation', this.usage);
    const name = required(values, 'name', this.usage);
    return withApp(async (app) => {
      const federation = await requireFederation(app, ref);
      const [host] = await app.services.reports.federation.members(federation.id);
      if (!host) throw new CliError(`La fédération ${federation.name} n’a encore aucun centre : rattachez-en un avec « lieudit federation join ».`);
      const created = await app.services.reports.federationTokens.createFor(terminal(host.id), federation.id, { name });
      process.stdout.write(`${created.token}\n`);
      return 0;
    });
  },
};

const federationTokenList: Command = {
  summary: 'Liste les jetons d’API d’une fédération (jamais leur valeur).',
  usage: 'federation-token list --federation ID|SLUG',
  help: [
    'Options :',
    '  --federation ID|SLUG   la fédération (son identifiant court ou son id)',
    '',
    'Une ligne par jeton, les plus récents d’abord : son id (pour « lieudit federation-token revoke »),',
    'son nom, sa création, sa dernière utilisation et son état. Heures de Paris.',
  ].join('\n'),
  options: { federation: { type: 'string' } },
  async run(values) {
    const ref = required(values, 'federation', this.usage);
    return withApp(async (app) => {
      const federation = await requireFederation(app, ref);
      const tokens = await app.services.reports.federationTokens.listFor(federation.id);
      if (tokens.length === 0) {
        console.log(`Aucun jeton pour la fédération ${federation.name}.`);
        return 0;
      }
      console.log(`Jetons de la fédération ${federation.name} :`);
      for (const token of tokens) {
        const used = token.lastUsedAt ? `utilisé le ${when(token.lastUsedAt)}` : 'jamais utilisé';
        const state = token.revokedAt ? `révoqué le ${when(token.revokedAt)}` : 'en service';
        console.log(`${token.id}  « ${token.name} »  créé le ${when(token.createdAt)}, ${used}, ${state}`);
      }
      return 0;
    });
  },
};

const federationTokenRevoke: Command = {
  summary: 'Révoque un jeton d’API d’une fédération : le logiciel qui l’utilise ne lit plus rien.',
  usage: 'federation-token revoke --federation ID|SLUG --id ID',
  help: [
    'Options :',
    '  --federation ID|SLUG   la fédération (son identifiant court ou son id)',
    '  --id ID                le jeton, tel que « lieudit federation-token list » l’affiche',
    '',
    'Ce n’est pas réversible : il faudra créer un autre jeton.',
  ].join('\n'),
  options: { federation: { type: 'string' }, id: { type: 'string' } },
  async run(values) {
    const ref = required(values, 'federation', this.usage);
    const id = required(values, 'id', this.usage);
    return withApp(async (app) => {
      const federation = await requireFederation(app, ref);
      const tokens = app.services.reports.federationTokens;
      const token = await tokens.findFor(federation.id, id).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) {
          throw new CliError(`La fédération ${federation.name} n’a aucun jeton d’id « ${id} ». Voir « lieudit federation-token list --federation ${federation.slug} ».`);
        }
        throw error;
      });
      if (token.revokedAt) throw new CliError(`Le jeton « ${token.name} » est déjà révoqué (le ${when(token.revokedAt)}).`);
      // Audited in the centre hosting the token, where its creation was.
      await tokens.revokeFor(terminal(token.centerId), federation.id, id);
      console.log(t('fr', 'admin.tokens.revokedDone', { name: token.name }));
      return 0;
    });
  },
};

export const federationCommands: Record<string, Command> = {
  'federation add': federationAdd,
  'federation join': federationJoin,
  'federation-token create': federationTokenCreate,
  'federation-token list': federationTokenList,
  'federation-token revoke': federationTokenRevoke,
};
