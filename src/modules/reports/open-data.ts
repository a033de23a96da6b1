/**
 * The centre's public listing in the national "standard des lieux de médiation numérique"
 * (LaMednum/standard-mediation-num, v1.0.2): one row per site of the centre that is not
 * archived, the navette as an itinerant place. No I/O; the values below are the standard's own
 * words — never translate or reword them, programs match them exactly. Multiple values are
 * joined by "|".
 */
import { communeByCode } from '../../platform/communes.ts';

export const FIELDS = [
  'id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'complement_adresse', 'latitude', 'longitude',
  'typologie', 'telephone', 'courriels', 'site_web', 'horaires', 'presentation_resume', 'presentation_detail', 'source',
  'itinerance', 'structure_parente', 'date_maj', 'services', 'publics_specifiquement_adresses', 'prise_en_charge_specifique',
  'frais_a_charge', 'dispositif_programmes_nationaux', 'formations_labels', 'autres_formations_labels', 'modalites_acces',
  'modalites_accompagnement', 'fiche_acces_libre', 'prise_rdv',
] as const;
export type Field = (typeof FIELDS)[number];
export type Place = Record<Field, string | number | null>;

/** The standard's closed vocabularies, for the fields this listing fills. */
export const VOCABULARY = {
  services: [
    'Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien', 'Insertion professionnelle via le numérique',
    'Utilisation sécurisée du numérique', 'Parentalité et éducation avec le numérique', 'Loisirs et créations numériques',
    'Compréhension du monde numérique', 'Accès internet et matériel informatique', 'Acquisition de matériel informatique à prix solidaire',
  ],
  itinerance: ['Itinérant', 'Fixe'],
  publics_specifiquement_adresses: ['Jeunes', 'Étudiants', 'Familles et/ou enfants', 'Seniors', 'Femmes'],
  modalites_acces: ['Se présenter', 'Téléphoner', 'Contacter par mail', 'Prendre un RDV en ligne', 'Ce lieu n\'accueille pas de public', 'Envoyer un mail avec une fiche de prescription'],
  // The values as the national cartography reads them (its library, @gouvfr-anct/lieux-de-mediation-numerique,
  // refuses the long wording of the schema's description, "Dans un atelier collectif : j'apprends…").
  modalites_accompagnement: ['En autonomie', 'Accompagnement individuel', 'Dans un atelier collectif', 'À distance'],
} as const satisfies Partial<Record<Field, readonly string[]>>;

/**
 * The pivot is required; a place whose SIRET is not known is published with fourteen zeros,
 * the placeholder the national cartography's imports use for it.
 */
export const UNKNOWN_PIVOT = '00000000000000';

export const REQUIRED: readonly Field[] = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'adresse', 'date_maj', 'services'];

export interface ListingCentre {
  name: string;
  address: string | null;
  postalCode: string | null;
  communeInsee: string;
  openingHours: string | null;
  email: string | null;
  phone: string | null;
  siret?: string | null;
}

export interface ListingSite {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  communeInsee: string | null;
  accessibility: string | null;
  updatedAt: string;
}

/** "03 27 00 00 00" → "+33327000000"; anything else → null (the field is optional). */
export function internationalPhone(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/[\s.-]/g, '');
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  if (/^\+33[1-9]\d{8}$/.test(digits)) return digits;
  return null;
}

/** The street part of an address written "12 rue de l’Escaut, 59241 Masnières". */
function street(address: string | null): string | null {
  if (!address) return null;
  return address.replace(/,?\s*\d{5}\s+.*$/, '').trim() || null;
}

const join = (values: readonly string[]) => values.join('|');

export function buildListing(centre: ListingCentre, sites: readonly ListingSite[], options: { publicUrl: string }): Place[] {
  return sites.map((site) => {
    const mobile = site.kind === 'mobile';
    // The navette has no address of its own: it leaves from the centre.
    const insee = (mobile ? centre.communeInsee : site.communeInsee) ?? centre.communeInsee;
    const commune = communeByCode(insee);
    const sameCommuneAsCentre = insee === centre.communeInsee;
    const postalCode = (sameCommuneAsCentre && centre.postalCode) || commune?.postalCodes[0] || '';
    const services = site.kind === 'studio'
      ? ['Maîtrise des outils numériques du quotidien', 'Loisirs et créations numériques']
      : ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'];
    return {
      id: site.id,
      pivot: centre.siret ?? UNKNOWN_PIVOT,
      nom: mobile || site.name === centre.name ? site.name : `${centre.name} – ${site.name}`,
      commune: commune?.name ?? '',
      code_postal: postalCode,
      code_insee: insee,
      adresse: street(mobile ? centre.address : site.address) ?? street(centre.address) ?? '',
      complement_adresse: null,
      latitude: null,
      longitude: null,
      typologie: null,
      telephone: internationalPhone(centre.phone),
      courriels: centre.email,
      site_web: options.publicUrl,
      // The centre's own hours (OSM opening_hours) for its buildings; village halls and the navette by appointment.
      horaires: site.kind === 'centre' || site.kind === 'studio' ? centre.openingHours : null,
      presentation_resume: null,
      presentation_detail: site.accessibility,
      source: centre.name,
      itinerance: mobile ? 'Itinérant' : 'Fixe',
      structure_parente: centre.name,
      date_maj: site.updatedAt.slice(0, 10),
      services: join(services),
      publics_specifiquement_adresses: null,
      prise_en_charge_specifique: null,
      frais_a_charge: null,
      dispositif_programmes_nationaux: null,
      formations_labels: null,
      autres_formations_labels: null,
      modalites_acces: join(mobile ? ['Téléphoner'] : ['Se présenter', 'Téléphoner', 'Prendre un RDV en ligne']),
      modalites_accompagnement: join(mobile ? ['Accompagnement individuel'] : ['Accompagnement individuel', 'Dans un atelier collectif']),
      fiche_acces_libre: null,
      prise_rdv: mobile ? null : `${options.publicUrl}/rendez-vous`,
    };
  });
}
