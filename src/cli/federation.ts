/**
 * A federation of centres from the terminal: create it, put centres in it. Its account is
 * made with `lieudit user add --role federation_admin --federation SLUG` (admin.ts).
 */
import { CliError } from './errors.ts';
import { required, requireCentre, withApp, type Command } from './support.ts';

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

export const federationCommands: Record<string, Command> = {
  'federation add': federationAdd,
  'federation join': federationJoin,
};
