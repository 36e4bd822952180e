import { CompiledQuery, type Kysely, sql } from 'kysely';

import type { Db } from '../src/db/database.ts';
import { corporatiesByRegio, demoLocaties, straatnamen } from '../src/demo/locations.ts';
import { nationalities } from '../src/demo/names.ts';

/**
 * Fills a freshly migrated database (reference data loaded, no people yet) with a synthetic
 * population of vergunninghouders, set-based: every table is one INSERT … SELECT over
 * generate_series, so a million people load in minutes on PostgreSQL.
 *
 * Deterministic: every choice is a hash of the row number and a salt (no random()), so the
 * same size gives the same data on PGlite and PostgreSQL, run after run.
 *
 * The shape follows the real process: households (plaatsingseenheden) of 1–6 persons; 15 % in
 * fase 1 (no koppeling), 15 % in fase 2 (koppeling), 10 % in fase 3 (koppeling and
 * huurcontract) and 60 % historisch (every member housed); gemeenten drawn by inhabitants.
 * Consent for the klantprofiel is recorded for 90 % of people and given by 60 % of those; a
 * klantprofiel is sent for most of the consenting people whose household is gekoppeld.
 *
 * The search columns of migration 0003 are written with the insert (their values follow from
 * the same facts); the statement triggers still run and would correct any difference.
 */

/** Base date of the generated history, fixed so that the data does not depend on the day. */
const BASE_DATE = '2025-10-01';
const GEMEENTE_BUCKETS = 100_000;
const NATIONALITY_BUCKETS = 1_000;

export interface Population {
  persons: number;
  households: number;
  perFase: Record<string, number>;
  klantprofielBeschikbaar: number;
  seconds: number;
}

/** 32-bit integer mixing (xor-shift-multiply); every operator parenthesised for PostgreSQL. */
function mix(x: string): string {
  return `((((${x}) # ((${x}) >> 16)) * 73244475) % 4294967296)`;
}

/** A deterministic number in [0, 1) from an integer expression and a salt. */
function u(n: string, salt: number): string {
  const seeded = `((((${n})::bigint * 2654435761) + ${salt * 374_761_393}) % 4294967296)`;
  return `(${mix(mix(seeded))}::double precision / 4294967296)`;
}

/** Element of a PostgreSQL array chosen by a [0, 1) expression. */
function pick(array: string, fraction: string): string {
  return `(${array})[1 + floor(${fraction} * cardinality(${array}))::int]`;
}

/** A valid BSN for each person number below 9,000,000 (the demo data's scheme, in SQL). */
function bsn(pid: string): string {
  const head = `(1000000 + ${pid})`;
  const sum = [0, 1, 2, 3, 4, 5, 6]
    .map((i) => `${9 - i} * ((${head} / ${10 ** (6 - i)}) % 10)`)
    .join(' + ');
  const eighth = `(CASE WHEN (${sum}) % 11 = 10 THEN 1 ELSE 0 END)`;
  return `(${head}::text || ${eighth}::text || (((${sum}) + 2 * ${eighth}) % 11)::text)`;
}

type Conn = Kysely<unknown>;

async function run(conn: Conn, text: string, parameters: unknown[] = []): Promise<void> {
  await conn.executeQuery(CompiledQuery.raw(text, parameters));
}

async function loadLookups(conn: Conn): Promise<void> {
  // Gemeenten by inhabitants: bucket b of GEMEENTE_BUCKETS belongs to one gemeente.
  await run(
    conn,
    `CREATE TEMP TABLE bench_gemeente_bucket AS
    WITH cdf AS (
      SELECT id, regio_code, naam,
        sum(inwoners) OVER (ORDER BY id)::double precision
          / sum(inwoners) OVER () AS hi,
        (sum(inwoners) OVER (ORDER BY id) - inwoners)::double precision
          / sum(inwoners) OVER () AS lo
      FROM gemeente
    )
    SELECT b, c.id AS gemeente_id, c.regio_code, c.naam
    FROM cdf c,
      generate_series(floor(c.lo * ${GEMEENTE_BUCKETS})::int,
        floor(c.hi * ${GEMEENTE_BUCKETS})::int - 1) b`,
  );
  await run(conn, `CREATE UNIQUE INDEX ON bench_gemeente_bucket (b)`);

  const total = nationalities.reduce((sum, n) => sum + n.weight, 0);
  let cumulative = 0;
  const nats = nationalities.map((n, i) => {
    const lo = Math.round((cumulative / total) * NATIONALITY_BUCKETS);
    cumulative += n.weight;
    const hi = Math.round((cumulative / total) * NATIONALITY_BUCKETS);
    return { ...n, idx: i + 1, lo, hi };
  });
  await run(
    conn,
    `CREATE TEMP TABLE bench_nat AS
    SELECT (x->>'idx')::int AS idx, x->>'nationaliteit' AS nationaliteit,
      (x->>'lo')::int AS lo, (x->>'hi')::int AS hi,
      ARRAY(SELECT jsonb_array_elements_text(x->'mannen')) AS mannen,
      ARRAY(SELECT jsonb_array_elements_text(x->'vrouwen')) AS vrouwen,
      ARRAY(SELECT jsonb_array_elements_text(x->'achternamen')) AS achternamen,
      ARRAY(SELECT jsonb_array_elements_text(x->'etniciteiten')) AS etniciteiten
    FROM jsonb_array_elements($1::jsonb) x`,
    [JSON.stringify(nats)],
  );
  await run(
    conn,
    `CREATE TEMP TABLE bench_nat_bucket AS
    SELECT b, n.idx FROM bench_nat n, generate_series(n.lo, n.hi - 1) b`,
  );

  await run(
    conn,
    `INSERT INTO locatie (naam, soort, gemeente_id)
    SELECT x->>'naam', x->>'soort', g.id
    FROM jsonb_array_elements($1::jsonb) x JOIN gemeente g ON g.naam = x->>'gemeente'
    ON CONFLICT (naam) DO NOTHING`,
    [JSON.stringify(demoLocaties)],
  );
  await run(
    conn,
    `CREATE TEMP TABLE bench_locatie AS
    SELECT row_number() OVER (ORDER BY id)::int AS nr, id FROM locatie WHERE soort = 'azc'`,
  );
}

/** One row per household: size, fase, gemeente, nationality and the dates of its process. */
async function planHouseholds(conn: Conn, persons: number): Promise<void> {
  const maxHouseholds = Math.ceil(persons / 2) + 100;
  await run(
    conn,
    `CREATE TEMP TABLE bench_ple_plan AS
    WITH h AS (
      SELECT n, CASE WHEN s < 0.40 THEN 1 WHEN s < 0.55 THEN 2 WHEN s < 0.70 THEN 3
        WHEN s < 0.85 THEN 4 WHEN s < 0.95 THEN 5 ELSE 6 END AS size
      FROM (SELECT n, ${u('n', 1)} AS s FROM generate_series(1, ${maxHouseholds}) n) x
    ), c AS (
      SELECT n, size, sum(size) OVER (ORDER BY n) - size AS start FROM h
    )
    SELECT n AS id, least(size, ${persons} - start)::int AS size, start::int AS start,
      CASE WHEN ${u('n', 2)} < 0.60 THEN 'historisch' WHEN ${u('n', 2)} < 0.75 THEN 'fase-1'
        WHEN ${u('n', 2)} < 0.90 THEN 'fase-2' ELSE 'fase-3' END AS fase,
      floor(${u('n', 3)} * ${GEMEENTE_BUCKETS})::int AS gemeente_bucket,
      floor(${u('n', 4)} * ${NATIONALITY_BUCKETS})::int AS nat_bucket,
      floor(${u('n', 5)} * 2000)::int AS d1, floor(${u('n', 6)} * 56)::int AS d2,
      floor(${u('n', 7)} * 21)::int AS d3, floor(${u('n', 8)} * 14)::int AS d4
    FROM c WHERE start < ${persons}`,
  );
  const base = `date '${BASE_DATE}'`;
  await run(
    conn,
    `CREATE TEMP TABLE bench_ple AS
    SELECT p.id, p.size, p.start, p.fase, nb.idx AS nat,
      CASE WHEN p.fase = 'fase-1' THEN NULL ELSE gb.gemeente_id END AS gemeente_id,
      gb.naam AS gemeente_naam, gb.regio_code,
      CASE WHEN p.fase <> 'historisch' THEN l.id END AS locatie_id,
      d.koppel, d.huur, d.housed,
      CASE WHEN p.fase = 'fase-1' THEN ${base} - p.d1 % 28
        ELSE d.koppel - 7 - p.d3 END AS permit,
      ${u('p.id', 9)} < 0.65 AND p.size >= 2 AS partner,
      CASE WHEN ${u('p.id', 10)} < CASE WHEN p.size = 1 THEN 0.72 ELSE 0.6 END
        THEN 'man' ELSE 'vrouw' END AS hoofd_geslacht,
      ${u('p.id', 11)} AS naam_u, ${u('p.id', 12)} AS etniciteit_u
    FROM bench_ple_plan p
    JOIN bench_gemeente_bucket gb ON gb.b = p.gemeente_bucket
    JOIN bench_nat_bucket nb ON nb.b = p.nat_bucket
    CROSS JOIN (SELECT count(*)::int AS n FROM bench_locatie) lc
    JOIN bench_locatie l ON l.nr = 1 + p.id % lc.n
    CROSS JOIN LATERAL (
      SELECT CASE p.fase
          WHEN 'fase-2' THEN ${base} - p.d1 % 84
          WHEN 'fase-3' THEN ${base} - p.d4 - 28 - p.d2
          WHEN 'historisch' THEN ${base} - 30 - p.d1 - p.d4 - 28 - p.d2
        END AS koppel,
        CASE p.fase
          WHEN 'fase-3' THEN ${base} - p.d4
          WHEN 'historisch' THEN ${base} - 30 - p.d1 - p.d4
        END AS huur,
        CASE WHEN p.fase = 'historisch' THEN ${base} - 30 - p.d1 END AS housed
    ) d`,
  );
  await run(conn, `CREATE UNIQUE INDEX ON bench_ple (id)`);
}

async function insertHouseholds(conn: Conn): Promise<void> {
  await run(conn, `INSERT INTO plaatsingseenheid (id) SELECT id FROM bench_ple ORDER BY id`);
  await run(
    conn,
    `INSERT INTO koppeling (plaatsingseenheid_id, gemeente_id, koppeldatum, created_at)
    SELECT id, gemeente_id, koppel, koppel::timestamptz FROM bench_ple
    WHERE gemeente_id IS NOT NULL ORDER BY id`,
  );
  await run(
    conn,
    `INSERT INTO koppeling_historie (plaatsingseenheid_id, gemeente_id, koppeldatum, actie, at)
    SELECT id, gemeente_id, koppel, 'gekoppeld', koppel::timestamptz FROM bench_ple
    WHERE gemeente_id IS NOT NULL ORDER BY id`,
  );
  const corporaties = [...new Set(Object.values(corporatiesByRegio).flat())];
  await run(
    conn,
    `INSERT INTO huurcontract (plaatsingseenheid_id, gemeente_id, corporatie, straat, huisnummer,
      postcode, woonplaats, ingangsdatum)
    SELECT id, gemeente_id, ${pick('$1::text[]', u('id', 13))}, ${pick('$2::text[]', u('id', 14))},
      (1 + floor(${u('id', 15)} * 200))::text,
      (1000 + floor(${u('id', 16)} * 9000))::text || ' '
        || chr(65 + floor(${u('id', 17)} * 26)::int) || chr(65 + floor(${u('id', 18)} * 26)::int),
      gemeente_naam, huur
    FROM bench_ple WHERE huur IS NOT NULL ORDER BY id`,
    [corporaties, straatnamen],
  );
}

async function insertPersons(conn: Conn): Promise<void> {
  const pid = 'x.pid';
  await run(
    conn,
    `INSERT INTO vergunninghouder (id, v_nummer, bsn, voornamen, achternaam, geboortedatum,
      geslacht, nationaliteit, etniciteit, burgerlijke_staat, telefoonnummer, locatie_id,
      verblijfsvergunning_datum, plaatsingseenheid_id, rol_in_ple, geblokkeerd, blokkade_reden,
      gehuisvest_op, b12_uitschrijfkaart_op, gemeente_id, fase, ple_personen)
    SELECT ${pid},
      (2000000000 + (${pid}::bigint * 7919 + 1234567) % 1000000000)::text,
      ${bsn(pid)},
      CASE WHEN x.geslacht = 'man' THEN ${pick('n.mannen', u(pid, 20))}
        ELSE ${pick('n.vrouwen', u(pid, 20))} END,
      ${pick('n.achternamen', 'x.naam_u')},
      x.permit - CASE WHEN x.rol = 'kind' THEN floor(${u(pid, 21)} * 6570)::int
        ELSE 6570 + floor(${u(pid, 21)} * 14600)::int END,
      x.geslacht, n.nationaliteit, ${pick('n.etniciteiten', 'x.etniciteit_u')},
      CASE WHEN x.rol = 'kind' THEN 'ongehuwd' WHEN x.partner THEN 'gehuwd'
        WHEN ${u(pid, 22)} < 0.5 THEN 'ongehuwd' ELSE 'onbekend' END,
      CASE WHEN x.rol <> 'kind' THEN '06' || lpad(floor(${u(pid, 23)} * 1e8)::text, 8, '0') END,
      x.locatie_id, x.permit, x.id, x.rol,
      ${u(pid, 24)} < 0.01,
      CASE WHEN ${u(pid, 24)} < 0.01 THEN 'Onderzoek naar de identiteit loopt nog' END,
      x.housed,
      CASE WHEN x.housed IS NOT NULL AND ${u(pid, 25)} < 0.5 THEN x.housed + 3 END,
      x.gemeente_id, x.fase, x.size
    FROM (
      SELECT p.*, p.start + k AS pid,
        CASE WHEN k = 1 THEN 'hoofdpersoon' WHEN k = 2 AND p.partner THEN 'partner'
          WHEN ${u('p.start + k', 26)} < 0.05 THEN 'overig' ELSE 'kind' END AS rol,
        CASE WHEN k = 1 THEN p.hoofd_geslacht
          WHEN k = 2 AND p.partner THEN
            CASE WHEN p.hoofd_geslacht = 'man' THEN 'vrouw' ELSE 'man' END
          WHEN ${u('p.start + k', 27)} < 0.5 THEN 'man' ELSE 'vrouw' END AS geslacht
      FROM bench_ple p CROSS JOIN LATERAL generate_series(1, p.size) k
    ) x
    JOIN bench_nat n ON n.idx = x.nat
    ORDER BY ${pid}`,
  );
}

/** Consent, given by 60 %; sent klantprofielen for most consenting people once gekoppeld. */
async function insertProfiles(conn: Conn): Promise<void> {
  const hasConsent = u('v.id', 30);
  const given = `${u('v.id', 31)} < 0.6`;
  await run(
    conn,
    `INSERT INTO klantprofiel_versie (vergunninghouder_id, versie, inhoud, sent_at)
    SELECT v.id, r.versie,
      jsonb_build_object('versie', r.versie, 'samenvatting', 'Gegenereerd profiel (benchmark)'),
      (v.verblijfsvergunning_datum + 10 * r.versie)::timestamptz
    FROM vergunninghouder v
    CROSS JOIN LATERAL (SELECT 1 AS versie UNION ALL
      SELECT 2 WHERE ${u('v.id', 32)} < 0.2) r
    WHERE v.fase <> 'fase-1' AND ${hasConsent} < 0.9 AND ${given} AND ${u('v.id', 33)} < 0.85
    ORDER BY v.id, r.versie`,
  );
  await run(
    conn,
    `INSERT INTO toestemming (vergunninghouder_id, soort, gegeven, datum, wijze, withdrawn_at,
      created_at)
    SELECT v.id, 'klantprofiel', ${given}, v.verblijfsvergunning_datum + 3,
      CASE WHEN ${u('v.id', 34)} < 0.7 THEN 'verklaring' ELSE 'aanwezig' END,
      CASE WHEN ${given} AND ${u('v.id', 35)} < 0.03 THEN date '${BASE_DATE}'::timestamptz END,
      (v.verblijfsvergunning_datum + 3)::timestamptz
    FROM vergunninghouder v WHERE ${hasConsent} < 0.9 ORDER BY v.id`,
  );
}

async function summarise(db: Db, started: number): Promise<Population> {
  const fasen = await sql<{ fase: string; n: number }>`
    SELECT fase, count(*)::int AS n FROM vergunninghouder GROUP BY fase ORDER BY fase`.execute(db);
  const totals = await sql<{ persons: number; households: number; klant: number }>`
    SELECT (SELECT count(*)::int FROM vergunninghouder) AS persons,
      (SELECT count(*)::int FROM plaatsingseenheid) AS households,
      (SELECT count(*)::int FROM vergunninghouder WHERE klantprofiel_beschikbaar) AS klant
  `.execute(db);
  const row = totals.rows[0];
  if (!row) throw new Error('geen telling');
  return {
    persons: row.persons,
    households: row.households,
    perFase: Object.fromEntries(fasen.rows.map((r) => [r.fase, r.n])),
    klantprofielBeschikbaar: row.klant,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Generates `persons` vergunninghouders into an empty, migrated database with gemeenten. */
export async function generatePopulation(db: Db, persons: number): Promise<Population> {
  const started = Date.now();
  const existing = await db
    .selectFrom('vergunninghouder')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (existing.n > 0) throw new Error('De database bevat al vergunninghouders.');

  await db.connection().execute(async (conn) => {
    const c = conn as unknown as Conn;
    await loadLookups(c);
    await planHouseholds(c, persons);
    await insertHouseholds(c);
    await insertPersons(c);
    await insertProfiles(c);
    for (const table of ['plaatsingseenheid', 'vergunninghouder']) {
      await run(
        c,
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`,
      );
    }
    await run(
      c,
      `DROP TABLE bench_gemeente_bucket, bench_nat, bench_nat_bucket, bench_locatie,
        bench_ple_plan, bench_ple`,
    );
  });
  await sql`VACUUM ANALYZE`.execute(db);
  // Finish the checkpoint that the load started now, not spread over the measurements.
  await sql`CHECKPOINT`.execute(db).catch(() => undefined);

  const population = await summarise(db, started);
  if (population.persons !== persons) {
    throw new Error(`${population.persons} personen gemaakt in plaats van ${persons}`);
  }
  return population;
}
