import { type Kysely, sql } from 'kysely';

/**
 * Search facts on the vergunninghouder row, kept current by triggers, so that the overview
 * filters and sorts on one table through its indexes instead of aggregating households per
 * query. The facts are derived, never typed: gemeente and fase come from the household's
 * koppeling, huurcontract and housing dates; the profile flags from consent and sent versions.
 *
 * The triggers are per statement with transition tables, so a bulk insert refreshes each
 * household once. The refresh itself updates vergunninghouder; the update trigger ignores
 * those nested updates (pg_trigger_depth) so it never recurses.
 *
 * Also the history of blocking and unblocking, with its reasons.
 */
const statements = [
  `ALTER TABLE vergunninghouder
    ADD COLUMN gemeente_id integer REFERENCES gemeente (id),
    ADD COLUMN fase text NOT NULL DEFAULT 'fase-1'
      CHECK (fase IN ('fase-1', 'fase-2', 'fase-3', 'historisch')),
    ADD COLUMN ple_personen integer NOT NULL DEFAULT 1 CHECK (ple_personen > 0),
    ADD COLUMN klantprofiel_beschikbaar boolean NOT NULL DEFAULT false,
    ADD COLUMN nareisprofiel_beschikbaar boolean NOT NULL DEFAULT false`,

  // The current consent of a kind: the newest row, given and not withdrawn.
  `CREATE FUNCTION toestemming_gegeven(persoon integer, kind text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
      SELECT coalesce((
        SELECT t.gegeven AND t.withdrawn_at IS NULL FROM toestemming t
        WHERE t.vergunninghouder_id = persoon AND t.soort = kind
        ORDER BY t.created_at DESC, t.id DESC LIMIT 1), false)
    $$`,

  `CREATE FUNCTION ple_zoekgegevens_bijwerken(ids integer[]) RETURNS void
    LANGUAGE sql AS $$
      UPDATE vergunninghouder v
      SET gemeente_id = f.gemeente_id, fase = f.fase, ple_personen = f.personen
      FROM (
        SELECT l.plaatsingseenheid_id, l.personen, k.gemeente_id,
          CASE
            WHEN l.personen = l.gehuisvest THEN 'historisch'
            WHEN h.id IS NOT NULL THEN 'fase-3'
            WHEN k.plaatsingseenheid_id IS NOT NULL THEN 'fase-2'
            ELSE 'fase-1'
          END AS fase
        FROM (
          SELECT plaatsingseenheid_id, count(*)::integer AS personen,
            count(gehuisvest_op)::integer AS gehuisvest
          FROM vergunninghouder WHERE plaatsingseenheid_id = ANY (ids)
          GROUP BY plaatsingseenheid_id
        ) l
        LEFT JOIN koppeling k ON k.plaatsingseenheid_id = l.plaatsingseenheid_id
        LEFT JOIN huurcontract h ON h.plaatsingseenheid_id = l.plaatsingseenheid_id
      ) f
      WHERE v.plaatsingseenheid_id = f.plaatsingseenheid_id
        AND (v.gemeente_id IS DISTINCT FROM f.gemeente_id OR v.fase <> f.fase
          OR v.ple_personen <> f.personen)
    $$`,

  `CREATE FUNCTION profiel_beschikbaarheid_bijwerken(ids integer[]) RETURNS void
    LANGUAGE sql AS $$
      UPDATE vergunninghouder v
      SET klantprofiel_beschikbaar = b.klant, nareisprofiel_beschikbaar = b.nareis
      FROM (
        SELECT x.id,
          toestemming_gegeven(x.id, 'klantprofiel') AND EXISTS (
            SELECT 1 FROM klantprofiel_versie k WHERE k.vergunninghouder_id = x.id) AS klant,
          toestemming_gegeven(x.id, 'nareisprofiel') AND EXISTS (
            SELECT 1 FROM nareisprofiel_versie n WHERE n.vergunninghouder_id = x.id) AS nareis
        FROM (SELECT DISTINCT unnest(ids) AS id) x
      ) b
      WHERE v.id = b.id
        AND (v.klantprofiel_beschikbaar <> b.klant OR v.nareisprofiel_beschikbaar <> b.nareis)
    $$`,

  // Rows of koppeling, huurcontract or vergunninghouder arrived, changed or left: refresh
  // their households.
  `CREATE FUNCTION ple_rijen_bijwerken() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM ple_zoekgegevens_bijwerken(ARRAY(SELECT DISTINCT plaatsingseenheid_id FROM rijen));
      RETURN NULL;
    END
  $$`,
  `CREATE FUNCTION vergunninghouder_gewijzigd() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF pg_trigger_depth() > 1 THEN
        RETURN NULL;
      END IF;
      PERFORM ple_zoekgegevens_bijwerken(ARRAY(
        SELECT n.plaatsingseenheid_id FROM nieuw n JOIN oud o ON o.id = n.id
        WHERE n.gehuisvest_op IS DISTINCT FROM o.gehuisvest_op
          OR n.plaatsingseenheid_id <> o.plaatsingseenheid_id
        UNION
        SELECT o.plaatsingseenheid_id FROM nieuw n JOIN oud o ON o.id = n.id
        WHERE n.plaatsingseenheid_id <> o.plaatsingseenheid_id));
      RETURN NULL;
    END
  $$`,
  `CREATE FUNCTION profiel_rijen_bijwerken() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM profiel_beschikbaarheid_bijwerken(
        ARRAY(SELECT DISTINCT vergunninghouder_id FROM rijen));
      RETURN NULL;
    END
  $$`,

  ...['koppeling', 'huurcontract'].flatMap((table) => [
    `CREATE TRIGGER ${table}_ingevoegd AFTER INSERT ON ${table}
      REFERENCING NEW TABLE AS rijen FOR EACH STATEMENT EXECUTE FUNCTION ple_rijen_bijwerken()`,
    `CREATE TRIGGER ${table}_gewijzigd AFTER UPDATE ON ${table}
      REFERENCING NEW TABLE AS rijen FOR EACH STATEMENT EXECUTE FUNCTION ple_rijen_bijwerken()`,
    `CREATE TRIGGER ${table}_verwijderd AFTER DELETE ON ${table}
      REFERENCING OLD TABLE AS rijen FOR EACH STATEMENT EXECUTE FUNCTION ple_rijen_bijwerken()`,
  ]),
  `CREATE TRIGGER vergunninghouder_ingevoegd AFTER INSERT ON vergunninghouder
    REFERENCING NEW TABLE AS rijen FOR EACH STATEMENT EXECUTE FUNCTION ple_rijen_bijwerken()`,
  `CREATE TRIGGER vergunninghouder_verwijderd AFTER DELETE ON vergunninghouder
    REFERENCING OLD TABLE AS rijen FOR EACH STATEMENT EXECUTE FUNCTION ple_rijen_bijwerken()`,
  `CREATE TRIGGER vergunninghouder_gewijzigd AFTER UPDATE ON vergunninghouder
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION vergunninghouder_gewijzigd()`,
  ...['toestemming', 'klantprofiel_versie', 'nareisprofiel_versie'].flatMap((table) => [
    `CREATE TRIGGER ${table}_ingevoegd AFTER INSERT ON ${table}
      REFERENCING NEW TABLE AS rijen FOR EACH STATEMENT
      EXECUTE FUNCTION profiel_rijen_bijwerken()`,
    `CREATE TRIGGER ${table}_gewijzigd AFTER UPDATE ON ${table}
      REFERENCING NEW TABLE AS rijen FOR EACH STATEMENT
      EXECUTE FUNCTION profiel_rijen_bijwerken()`,
    `CREATE TRIGGER ${table}_verwijderd AFTER DELETE ON ${table}
      REFERENCING OLD TABLE AS rijen FOR EACH STATEMENT
      EXECUTE FUNCTION profiel_rijen_bijwerken()`,
  ]),

  // Data that existed before this migration.
  `SELECT ple_zoekgegevens_bijwerken(ARRAY(SELECT id FROM plaatsingseenheid))`,
  `SELECT profiel_beschikbaarheid_bijwerken(ARRAY(SELECT id FROM vergunninghouder))`,

  // A contact person's usual search (own gemeente, a fase, not housed, with or without a
  // klantprofiel) is an equality on the leading columns, so its first page is read in name
  // order and its count is a range of this index alone.
  `CREATE INDEX vergunninghouder_zoeken_gemeente_fase ON vergunninghouder
    (gemeente_id, fase, historisch, klantprofiel_beschikbaar, lower(achternaam), id)`,
  // Other searches within a gemeente, in name order.
  `CREATE INDEX vergunninghouder_zoeken_gemeente ON vergunninghouder
    (gemeente_id, lower(achternaam), id)`,
  // COA's search across all gemeenten.
  `CREATE INDEX vergunninghouder_zoeken_fase ON vergunninghouder (fase, lower(achternaam), id)`,
  `CREATE INDEX vergunninghouder_zoeken_naam ON vergunninghouder (lower(achternaam), id)`,

  `CREATE TABLE blokkade_historie (
    id bigserial PRIMARY KEY,
    vergunninghouder_id integer NOT NULL REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    geblokkeerd boolean NOT NULL,
    reden text NOT NULL CHECK (length(reden) BETWEEN 1 AND 1000),
    actor_id integer REFERENCES account (id),
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX blokkade_historie_vergunninghouder ON blokkade_historie (vergunninghouder_id, at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
