/**
 * The reports' SQL. Reports are the one module that reads the records of the modules before it
 * directly (ARCHITECTURE.md: "the report queries"): counting a year of attendance through the
 * services, session by session, would not hold at the scale of a federation. Read-only. The
 * database does the counting: a report asks for the breakdowns it shows and gets one row per
 * centre, breakdown and key, never the records themselves.
 *
 * A contact is a workshop session attended (attendance "present", walk-ins included) or an
 * accompaniment recorded at the help desk, between two UTC instants (from inclusive, to
 * exclusive). A person's age bracket, gender, social status, commune and household are those of
 * their file today; a contact whose person has no file of the centre has none of them.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ContactCount, CountDimension } from './figures.ts';

type Q = Kysely<Database>;

const NOT_GIVEN = 'non_communique';

export interface ContactCountQuery {
  /** The centres counted (one for a centre's report, a federation's members for its report). */
  centerIds: readonly string[];
  from: string;
  to: string;
  /** The breakdowns asked for; 'all' is the totals (key ''). */
  dimensions: readonly CountDimension[];
  /** For 'month': the UTC instant each Paris month of the period starts at, in order. */
  months?: readonly { key: string; from: string }[];
  /** For 'ageGroup': the age brackets of the group (key 'in'; every other contact 'out'). */
  ageGroup?: readonly string[];
  /** Only the contacts of the residents of a commune (their file's). */
  communeInsee?: string;
  /** Only the workshops held at some sites. */
  workshopsAt?: readonly string[];
  /**
   * false: households are not counted (households and householdsInWorkshops are 0), so the
   * persons' files are read once per person rather than once per contact (the federation's
   * figures have no households).
   */
  households?: boolean;
}

/** The key of a contact for each breakdown but the themes (several for one accompaniment). */
function keyOf(dimension: Exclude<CountDimension, 'theme'>, q: ContactCountQuery): RawBuilder<string> {
  switch (dimension) {
    case 'all':
      return sql`''`;
    case 'month':
      // Computed once per contact, in c (monthOf).
      return sql`c.mk`;
    case 'activityKind':
      return sql`c.activity_kind`;
    case 'ageBracket':
      return sql`coalesce(c.age_bracket, ${sql.lit(NOT_GIVEN)})`;
    case 'gender':
      return sql`coalesce(c.gender, ${sql.lit(NOT_GIVEN)})`;
    case 'socialStatus':
      return sql`coalesce(c.social_status, ${sql.lit(NOT_GIVEN)})`;
    case 'commune':
      return sql`coalesce(c.commune_insee, ${sql.lit(NOT_GIVEN)})`;
    case 'site':
      return sql`c.site`;
    case 'placeType':
      return sql`c.place_type`;
    case 'procedure':
      return sql`c.procedure_category`;
    case 'ageGroup': {
      const group = q.ageGroup ?? [];
      if (group.length === 0) return sql`'out'`;
      return sql`case when c.age_bracket in (${sql.join(group.map((g) => sql.lit(g)))}) then 'in' else 'out' end`;
    }
  }
}

/**
 * The Paris month of an instant of the period (the contacts' are all in it), as the key of its
 * month: the months are ranges of UTC instants, the same in both dialects, and the comparisons
 * halve the months left (4 for a year, not up to 11).
 */
function monthOf(at: RawBuilder<unknown>, months: readonly { key: string; from: string }[]): RawBuilder<string> {
  if (months.length === 0) return sql`''`;
  const within = (lo: number, hi: number): RawBuilder<string> => {
    if (hi - lo === 1) return sql`${sql.lit(months[lo]!.key)}`;
    const mid = (lo + hi) >> 1;
    return sql`case when ${at} < ${months[mid]!.from} then ${within(lo, mid)} else ${within(mid, hi)} end`;
  };
  return within(0, months.length);
}

/** The breakdowns whose key is a trait of the person (the same for all of a person's contacts). */
const PERSON_TRAITS = new Set<CountDimension>(['all', 'ageBracket', 'gender', 'socialStatus', 'commune', 'ageGroup']);

/** The breakdowns whose rows count sessions and their hours (a person's trait has none). */
const WITH_SESSIONS = new Set<CountDimension>(['all', 'month', 'activityKind', 'theme', 'site', 'ageGroup']);

/** The themes the period's accompaniments were recorded under (they are stored as "a|b"). */
async function accompanimentThemes(db: Q, q: ContactCountQuery): Promise<string[]> {
  const rows = await db
    .selectFrom('helpdeskAccompaniments')
    .select('themes')
    .distinct()
    .where('centerId', 'in', q.centerIds)
    .where('occurredAt', '>=', q.from)
    .where('occurredAt', '<', q.to)
    .execute();
  return [...new Set(rows.flatMap((r) => (r.themes ? r.themes.split('|') : [])))].sort();
}

interface CountRowOut {
  dim: string;
  cid: string;
  k: string | null;
  persons: number | string;
  pw: number | string;
  pa: number | string;
  acc: number | string | null;
  part: number | string | null;
  accmins: number | string | null;
  presmins: number | string | null;
  households: number | string;
  hhw: number | string;
  sessions: number | string;
  sessmins: number | string | null;
}

/**
 * The centres' contacts over a period, counted in the database: for each centre, breakdown and
 * key, persons once (in all, in workshops, accompanied), households once, accompaniments and
 * their minutes, participations and their minutes, sessions held once and their minutes.
 */
export async function countContacts(db: Q, q: ContactCountQuery): Promise<ContactCount[]> {
  if (q.centerIds.length === 0 || q.dimensions.length === 0) return [];
  const themes = q.dimensions.includes('theme') ? await accompanimentThemes(db, q) : [];
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const centres = sql.join(q.centerIds.map((id) => sql`${id}`));
  // The persons are those of the centres counted (said again on the join: PostgreSQL otherwise
  // hashes the persons of every centre, once per part of the union).
  // The contacts carry only the columns the breakdowns asked for read (null for the others):
  // narrower rows for a federation's batch of centres, and no join to the activities without
  // the breakdown by kind of activity.
  const asked = (d: CountDimension) => q.dimensions.includes(d);
  const byKind = asked('activityKind');
  const bySite = asked('site') || q.workshopsAt !== undefined;
  const text = (wanted: boolean, value: RawBuilder<unknown>) => (wanted ? value : sql`cast(null as text)`);
  // Without households, nothing reads a person's file per contact (their household): the files
  // are joined to the contacts grouped by person (cp), a person once instead of each contact.
  const households = q.households !== false;
  const perContact = households || q.communeInsee !== undefined;
  const trait = (column: string) => text(perContact, sql.ref(`p.${column}`));
  const joinPersons = (alias: string) => (perContact
    ? sql`left join persons p on p.id = ${sql.ref(`${alias}.person_id`)} and p.center_id = ${sql.ref(`${alias}.center_id`)} and p.center_id in (${centres})`
    : sql``);
  // Each contact carries its kind twice: as 'w' / 'a', and as flags and minutes per kind (w, a,
  // wmins, amins) that the groupings add up as they are (no CASE per contact and measure); and its
  // month's key (mk), worked out once.
  const byMonth = asked('month');
  const contacts = sql`
    select a.center_id as cid, 'w' as kind, a.person_id as pid, a.session_id as sid, a.duration_minutes as mins,
      1 as w, 0 as a, a.duration_minutes as wmins, 0 as amins, ${byMonth ? monthOf(sql.ref('a.session_starts_at'), q.months ?? []) : sql`cast(null as text)`} as mk,
      ${text(byKind, sql`coalesce(act.kind, ${sql.lit(NOT_GIVEN)})`)} as activity_kind, ${text(asked('theme'), sql`a.theme`)} as theme, cast(null as text) as themes,
      ${text(bySite, sql`coalesce(a.site_id, 'aucun')`)} as site,
      ${trait('age_bracket')} as age_bracket, ${trait('gender')} as gender, ${trait('social_status')} as social_status, ${trait('commune_insee')} as commune_insee, ${trait('household_id')} as household_id,
      cast(null as text) as place_type, cast(null as text) as procedure_category
    from activity_attendance a
    ${byKind ? sql`left join activities act on act.id = a.activity_id and act.center_id = a.center_id` : sql``}
    ${joinPersons('a')}
    where a.center_id in (${centres}) and a.status = 'present' and a.session_starts_at >= ${q.from} and a.session_starts_at < ${q.to}
    union all
    select h.center_id, 'a', h.person_id, null, h.duration_minutes,
      0, 1, 0, h.duration_minutes, ${byMonth ? monthOf(sql.ref('h.occurred_at'), q.months ?? []) : sql`cast(null as text)`},
      ${text(byKind, sql`'permanence'`)}, null, ${text(asked('theme'), sql`h.themes`)}, ${text(bySite, sql`coalesce(h.site_id, 'aucun')`)},
      ${trait('age_bracket')}, ${trait('gender')}, ${trait('social_status')}, ${trait('commune_insee')}, ${trait('household_id')},
      ${text(asked('placeType'), sql`h.place_type`)}, ${text(asked('procedure'), sql`h.procedure_category`)}
    from helpdesk_accompaniments h
    ${joinPersons('h')}
    where h.center_id in (${centres}) and h.occurred_at >= ${q.from} and h.occurred_at < ${q.to}`;
  // Theme rows: a workshop under its activity's theme, an accompaniment under each of its themes.
  const themeList = themes.length
    ? sql.join(themes.map((theme) => sql`select cast(${theme} as text) as theme, cast(${`%|${theme.replace(/[\\%_]/g, (ch) => `\\${ch}`)}|%`} as text) as pattern`), sql` union all `)
    : null;
  // Each distinct list of themes is matched once against the themes (tm; the lists outside, read
  // once: SQLite keeps the order of a cross join), then the accompaniments are joined to their
  // list's themes on equality.
  const themeMatches = themeList
    ? sql`select d.themes as themes, t.theme as theme from (select distinct c.themes as themes from c where c.kind = 'a') d cross join (${themeList}) t where ('|' || d.themes || '|') like t.pattern escape '\\'`
    : null;
  const byTheme = sql`
    select c.*, coalesce(nullif(c.theme, ''), ${sql.lit(NOT_GIVEN)}) as tk from c where c.kind = 'w'
    union all
    select c.*, ${sql.lit(NOT_GIVEN)} from c where c.kind = 'a' and (c.themes is null or c.themes = '')
    ${themeMatches ? sql`union all select c.*, tm.theme from c join tm on tm.themes = c.themes where c.kind = 'a'` : sql``}`;

  // One statement: the contacts are read once. Each breakdown groups them by (centre, key,
  // person) first, then by household, then by key: plain sums and counts of rows at every step
  // (hash aggregates), no COUNT(DISTINCT …), each step over fewer rows. A person's traits are
  // those of the person, so the breakdowns by trait start from the contacts grouped once by
  // (centre, person). A row of sessions (persons -1) comes beside the row of counts with the same key.
  const parts: RawBuilder<unknown>[] = [];
  const filters: RawBuilder<unknown>[] = [];
  if (q.communeInsee !== undefined) filters.push(sql`c.commune_insee = ${q.communeInsee}`);
  if (q.workshopsAt !== undefined) {
    if (q.workshopsAt.length === 0) return [];
    filters.push(sql`c.kind = 'w' and c.site in (${sql.join(q.workshopsAt.map((id) => sql`${id}`))})`);
  }
  const where = (conditions: RawBuilder<unknown>[]) => (conditions.length ? sql` where ${sql.join(conditions, sql` and `)}` : sql``);
  // Four sums a contact (its kind from the number of contacts and of accompaniments, once a group).
  const measures = sql`
    case when count(*) > sum(c.a) then 1 else 0 end as w, case when sum(c.a) > 0 then 1 else 0 end as a,
    sum(c.a) as acc, count(*) - sum(c.a) as part, sum(c.amins) as accmins, sum(c.wmins) as presmins`;
  const usesPersons = q.dimensions.some((d) => PERSON_TRAITS.has(d));
  // SQLite, with the months and a person's trait both asked: the contacts are grouped once by
  // (centre, person, month) (g); the breakdown by month reads those rows as they are, and the
  // contacts grouped by person (cp) are those rows grouped again. SQLite sorts for every grouping
  // (no hash aggregate): one sort of every contact instead of two (5 % fewer instructions for a
  // federation's centre, 236,000 contacts of 20 centres giving 168,000 rows). PostgreSQL hashes
  // the contacts twice faster than it keeps those rows and reads them twice (10 % slower).
  const grain = usesPersons && byMonth && !postgres;
  for (const dimension of q.dimensions) {
    let byPerson: RawBuilder<unknown>;
    if (dimension === 'month' && grain) {
      byPerson = sql`select c.cid as cid, c.mk as k, c.pid as pid, c.household_id as hh, c.w, c.a, c.acc, c.part, c.accmins, c.presmins from g c`;
    } else if (PERSON_TRAITS.has(dimension)) {
      byPerson = sql`select c.cid as cid, ${keyOf(dimension as Exclude<CountDimension, 'theme'>, q)} as k, c.pid as pid, c.hh as hh, c.w, c.a, c.acc, c.part, c.accmins, c.presmins from cp c`;
    } else {
      const source = dimension === 'theme' ? sql`ct c` : sql`c`;
      const key = dimension === 'theme' ? sql`c.tk` : keyOf(dimension as Exclude<CountDimension, 'theme'>, q);
      const conditions = [...filters, ...(dimension === 'placeType' || dimension === 'procedure' ? [sql`c.kind = 'a'`] : [])];
      byPerson = sql`select c.cid as cid, ${key} as k, c.pid as pid, c.household_id as hh, ${measures} from ${source}${where(conditions)} group by 1, 2, 3, 4`;
    }
    if (!households) {
      parts.push(sql`
        select ${sql.lit(dimension)} as dim, p.cid as cid, p.k as k, count(p.pid) as persons,
          sum(case when p.pid is not null then p.w else 0 end) as pw, sum(case when p.pid is not null then p.a else 0 end) as pa,
          sum(p.acc) as acc, sum(p.part) as part, sum(p.accmins) as accmins, sum(p.presmins) as presmins,
          0 as households, 0 as hhw, 0 as sessions, 0 as sessmins
        from (${byPerson}) p group by p.cid, p.k`);
    }
    // Households: a household once, and once in workshops when one of its persons came to one.
    const byHousehold = sql`
      select p.cid as cid, p.k as k, p.hh as hh, count(p.pid) as persons,
        sum(case when p.pid is not null then p.w else 0 end) as pw, sum(case when p.pid is not null then p.a else 0 end) as pa,
        sum(p.acc) as acc, sum(p.part) as part, sum(p.accmins) as accmins, sum(p.presmins) as presmins, max(p.w) as hw
      from (${byPerson}) p group by p.cid, p.k, p.hh`;
    if (households) parts.push(sql`
      select ${sql.lit(dimension)} as dim, h.cid as cid, h.k as k, sum(h.persons) as persons, sum(h.pw) as pw, sum(h.pa) as pa,
        sum(h.acc) as acc, sum(h.part) as part, sum(h.accmins) as accmins, sum(h.presmins) as presmins,
        count(h.hh) as households, sum(case when h.hh is not null then h.hw else 0 end) as hhw, 0 as sessions, 0 as sessmins
      from (${byHousehold}) h group by h.cid, h.k`);
    if (WITH_SESSIONS.has(dimension)) {
      // A session's hours count once per row, whatever the number of its participants.
      const key = dimension === 'all' ? sql`''` : sql.ref(`cs.k_${dimension}`);
      parts.push(sql`
        select ${sql.lit(dimension)} as dim, s.cid as cid, s.k as k, -1, 0, 0, 0, 0, 0, 0, 0, 0, count(*), sum(s.mins)
        from (select cs.cid as cid, ${key} as k, cs.sid as sid, max(cs.mins) as mins from cs group by 1, 2, 3) s
        group by s.cid, s.k`);
    }
  }
  // The sessions attended, once per key of each breakdown with sessions (a session has one
  // month, activity and site, but the participants of one session may fall under two age groups).
  const sessionKeys = q.dimensions.filter((d) => WITH_SESSIONS.has(d) && d !== 'all');
  const keyColumns = sessionKeys.map((d) => sql`${d === 'theme' ? sql`coalesce(nullif(c.theme, ''), ${sql.lit(NOT_GIVEN)})` : keyOf(d as Exclude<CountDimension, 'theme'>, q)} as ${sql.ref(`k_${d}`)}`);
  const bySession = sql`
    select c.cid as cid, c.sid as sid, ${sql.join([...keyColumns, sql`max(c.mins) as mins`])}
    from c where ${sql.join([sql`c.kind = 'w'`, ...filters], sql` and `)} group by ${sql.join(['cid', 'sid', ...sessionKeys.map((d) => `k_${d}`)].map((_, i) => sql.lit(i + 1)))}`;
  // The contacts grouped by (centre, person), with the person's traits (the same on each of the
  // person's contacts: max() only carries them through a grouping on two columns); from the
  // contacts grouped by (centre, person, month) when there are (g).
  const traits = sql`max(c.household_id) as household_id, max(c.age_bracket) as age_bracket, max(c.gender) as gender,
      max(c.social_status) as social_status, max(c.commune_insee) as commune_insee`;
  const byGrain = perContact
    ? sql`select c.cid as cid, c.pid as pid, c.mk as mk, ${traits}, ${measures} from c${where(filters)} group by c.cid, c.pid, c.mk`
    : sql`select c.cid as cid, c.pid as pid, c.mk as mk, cast(null as text) as household_id, ${measures} from c${where(filters)} group by c.cid, c.pid, c.mk`;
  const addedUp = sql`max(c.w) as w, max(c.a) as a, sum(c.acc) as acc, sum(c.part) as part, sum(c.accmins) as accmins, sum(c.presmins) as presmins`;
  const [personSource, personMeasures] = grain ? [sql`g c`, addedUp] : [sql`c${where(filters)}`, measures];
  const byPersonOnce = perContact
    ? sql`
    select c.cid as cid, c.pid as pid, max(c.household_id) as hh, max(c.age_bracket) as age_bracket, max(c.gender) as gender,
      max(c.social_status) as social_status, max(c.commune_insee) as commune_insee, ${personMeasures}
    from ${personSource} group by c.cid, c.pid`
    : sql`
    select g.cid as cid, g.pid as pid, p.household_id as hh, p.age_bracket as age_bracket, p.gender as gender,
      p.social_status as social_status, p.commune_insee as commune_insee, g.w, g.a, g.acc, g.part, g.accmins, g.presmins
    from (select c.cid as cid, c.pid as pid, ${personMeasures} from ${personSource} group by c.cid, c.pid) g
    left join persons p on p.id = g.pid and p.center_id = g.cid and p.center_id in (${centres})`;
  const ctes = sql.join([
    sql`with c as (${contacts})`,
    ...(themeMatches ? [sql`tm as materialized (${themeMatches})`] : []),
    ...(q.dimensions.includes('theme') ? [sql`ct as (${byTheme})`] : []),
    // Read by the breakdown by month and by cp: grouped once.
    ...(grain ? [sql`g as materialized (${byGrain})`] : []),
    // Read by each breakdown by trait: counted once (SQLite would otherwise run it again for each).
    ...(usesPersons ? [sql`cp as materialized (${byPersonOnce})`] : []),
    ...(q.dimensions.some((d) => WITH_SESSIONS.has(d)) ? [sql`cs as (${bySession})`] : []),
  ], sql`, `);
  const query = sql<CountRowOut>`${ctes} ${sql.join(parts, sql` union all `)}`;
  // PostgreSQL: the contacts and the groupings of a federation's batch of centres fit in memory
  // (the default 4 MB sends them to temporary files and the planner to sorts).
  const { rows } = postgres
    ? await db.transaction().execute(async (trx) => {
      await sql`set local work_mem = '64MB'`.execute(trx);
      return query.execute(trx);
    })
    : await query.execute(db);
  const out = new Map<string, ContactCount>();
  const held = new Map<string, CountRowOut>();
  for (const r of rows) {
    const id = `${r.dim}\u0000${r.cid}\u0000${r.k}`;
    if (Number(r.persons) < 0) {
      held.set(id, r);
      continue;
    }
    out.set(id, {
      centerId: r.cid,
      dimension: r.dim as CountDimension,
      key: r.k,
      persons: Number(r.persons),
      personsInWorkshops: Number(r.pw),
      personsAccompanied: Number(r.pa),
      accompaniments: Number(r.acc ?? 0),
      participations: Number(r.part ?? 0),
      accompanimentMinutes: Number(r.accmins ?? 0),
      presenceMinutes: Number(r.presmins ?? 0),
      households: Number(r.households),
      householdsInWorkshops: Number(r.hhw),
      sessions: 0,
      sessionMinutes: 0,
    });
  }
  for (const [id, r] of held) {
    const row = out.get(id)!;
    row.sessions = Number(r.sessions);
    row.sessionMinutes = Number(r.sessmins ?? 0);
  }
  return [...out.values()];
}

/** Sessions held (not cancelled) at some sites between two UTC instants: the partner's village. */
export async function countSessionsAt(db: Q, centerId: string, siteIds: string[], from: string, to: string): Promise<number> {
  if (siteIds.length === 0) return 0;
  const row = await db
    .selectFrom('activitySessions as s')
    .innerJoin('activities as a', 'a.id', 's.activityId')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('s.centerId', '=', centerId)
    .where((eb) => eb.or([eb('s.siteId', 'in', siteIds), eb.and([eb('s.siteId', 'is', null), eb('a.siteId', 'in', siteIds)])]))
    .where('s.status', '=', 'scheduled')
    .where('s.startsAt', '>=', from)
    .where('s.startsAt', '<', to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
