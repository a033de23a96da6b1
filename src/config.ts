import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname } from 'node:path';

/** Everything Lieudit reads from the environment, read once at start-up. */
export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  secret: string;
  production: boolean;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Slug of the centre that public pages (catalogue, booking) belong to when none is given. */
  defaultCentre: string | undefined;
  logLevel: string;
  /**
   * Which proxies may say who the client is (X-Forwarded-For): none (false), the number of
   * proxies in front of Lieudit, or their addresses. Passed to Fastify's `trustProxy`.
   */
  trustProxy: false | number | string[];
  /** Where `lieudit serve` writes a daily backup (LIEUDIT_BACKUP_DIR); none when unset. */
  backupDir: string | undefined;
  /** How many daily backups to keep (LIEUDIT_BACKUP_KEEP, default 14). */
  backupKeep: number;
  /** Redis shared by every instance for rate limits (REDIS_URL); in memory when absent. */
  redisUrl: string | undefined;
  /** Bearer token that opens /metrics to Prometheus from anywhere (METRICS_TOKEN); without it, loopback only. */
  metricsToken: string | undefined;
  /** The navette's address search, BAN format (GEOCODER_URL, e.g. https://data.geopf.fr/geocodage); manual pins only when absent. */
  geocoderUrl: string | undefined;
  /** An OSRM server whose table service gives road travel times (OSRM_URL); straight line × detour when absent. */
  osrmUrl: string | undefined;
  /** Map tiles for the navette's maps, `{z}/{x}/{y}` template (MAP_TILES_URL), and their credit (MAP_TILES_ATTRIBUTION); no tiled map when absent. */
  mapTiles: { url: string; attribution: string } | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT invalide : ${env.PORT}`);
  if (production && !env.LIEUDIT_SECRET) {
    throw new Error('LIEUDIT_SECRET est obligatoire en production (au moins 32 caractères aléatoires).');
  }
  return {
    databaseUrl: env.DATABASE_URL ?? 'sqlite:data/lieudit.db',
    port,
    host: env.HOST ?? '0.0.0.0',
    secret: env.LIEUDIT_SECRET ?? localSecret(env),
    production,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Lieudit <no-reply@lieudit.local>',
    defaultCentre: env.LIEUDIT_CENTRE || undefined,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    backupDir: env.LIEUDIT_BACKUP_DIR || undefined,
    backupKeep: parseBackupKeep(env.LIEUDIT_BACKUP_KEEP),
    redisUrl: env.REDIS_URL || undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    geocoderUrl: serviceUrl('GEOCODER_URL', env.GEOCODER_URL),
    osrmUrl: serviceUrl('OSRM_URL', env.OSRM_URL),
    mapTiles: parseMapTiles(env.MAP_TILES_URL, env.MAP_TILES_ATTRIBUTION),
  };
}

/** An http(s) base address without its trailing slash, or undefined when unset. */
function serviceUrl(name: string, value: string | undefined): string | undefined {
  const text = (value ?? '').trim();
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} invalide : « ${text} » (une adresse http:// ou https://).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} invalide : « ${text} » (une adresse http:// ou https://).`);
  return text.replace(/\/+$/, '');
}

/**
 * MAP_TILES_URL: a tile template such as `https://tile.openstreetmap.org/{z}/{x}/{y}.png`
 * (`{s}` for subdomains allowed); its host is the only one added to the pages' img-src.
 */
export function parseMapTiles(url: string | undefined, attribution: string | undefined): Config['mapTiles'] {
  const text = (url ?? '').trim();
  if (text === '') return undefined;
  const refused = `MAP_TILES_URL invalide : « ${text} » (une adresse http:// ou https:// avec {z}, {x} et {y}, par exemple https://tile.openstreetmap.org/{z}/{x}/{y}.png).`;
  if (!['{z}', '{x}', '{y}'].every((part) => text.includes(part))) throw new Error(refused);
  try {
    const parsed = new URL(text.replaceAll('{s}', 'a'));
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(refused);
  } catch {
    throw new Error(refused);
  }
  // OpenStreetMap's tile servers ask for their credit; other providers say theirs in MAP_TILES_ATTRIBUTION.
  const osm = /openstreetmap/i.test(text) ? '© les contributeurs d’OpenStreetMap' : '';
  return { url: text, attribution: (attribution ?? '').trim() || osm };
}

/** The origin the tiles come from, for the Content-Security-Policy (`{s}.` becomes `*.`). */
export function tilesOrigin(template: string): string {
  const [scheme, rest] = template.split('://') as [string, string];
  const host = rest.split('/')[0]!.replace('{s}', '*');
  return `${scheme}://${host}`;
}

function parseBackupKeep(value: string | undefined): number {
  if (value === undefined || value === '') return 14;
  const keep = Number(value);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`LIEUDIT_BACKUP_KEEP invalide : « ${value} » (un nombre entier, au moins 1).`);
  return keep;
}

// The names proxy-addr (Fastify's trustProxy) knows for address ranges.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: `false` (the default), a hop count, or a comma-separated list of addresses and
 * CIDR ranges. `true` is refused: trusting every hop lets any client choose its address with
 * X-Forwarded-For, and every limit per address falls with it.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true') {
    throw new Error(
      'TRUST_PROXY=true ferait croire n’importe quelle adresse envoyée par un client. Indiquez le nombre de relais (1) ou leurs adresses (10.0.0.1, 10.0.0.0/8).',
    );
  }
  const entries = text.split(',').map((part) => part.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const version = isIP(address ?? '');
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32));
    if (!RANGE_NAMES.has(entry) && (version === 0 || !validBits || extra !== undefined)) {
      throw new Error(`TRUST_PROXY invalide : « ${entry} » n’est ni une adresse IP, ni une plage CIDR, ni un nombre de relais.`);
    }
  }
  return entries;
}

/**
 * Outside production, without LIEUDIT_SECRET, a secret is made once and kept in data/, so that
 * sessions, printed links and QR codes survive a restart of the demo. Tests use a fresh one.
 */
function localSecret(env: NodeJS.ProcessEnv): string {
  if (env.NODE_ENV === 'test') return randomBytes(32).toString('hex');
  const file = env.LIEUDIT_SECRET_FILE ?? 'data/secret.key';
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  } catch {
    return randomBytes(32).toString('hex');
  }
}
