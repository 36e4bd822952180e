import { type Kysely, sql } from 'kysely';

/**
 * What delivering notifications and inviting contact persons needs beyond migration 0002:
 * one-time links to set a password, and the record that a koppeling's fase 2 ran over, so
 * that the scheduled check raises the event once per koppeling; and outbox rows, written by
 * triggers, for every recorded field change, a B12 uitschrijfkaart and a woningcheck.
 */
const statements = [
  `CREATE TABLE password_token (
    id serial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- SHA-256 of the token: the token itself is only in the e-mail.
    token_hash text NOT NULL UNIQUE,
    purpose text NOT NULL CHECK (purpose IN ('uitnodiging', 'herstel')),
    created_by integer REFERENCES account (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CHECK (expires_at > created_at)
  )`,
  `CREATE INDEX password_token_account ON password_token (account_id)`,
  `CREATE TABLE fase2_overschrijding (
    plaatsingseenheid_id integer NOT NULL REFERENCES plaatsingseenheid (id) ON DELETE CASCADE,
    koppeldatum date NOT NULL,
    gemeente_id integer NOT NULL REFERENCES gemeente (id),
    gemeld_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plaatsingseenheid_id, koppeldatum)
  )`,
  // The e-mail of a notification is sent by its own outbox row; these find what is left.
  `CREATE INDEX notification_not_emailed ON notification (created_at)
    WHERE emailed_at IS NULL`,
  `CREATE INDEX outbox_topic_status ON outbox (topic, status)`,
  // Every recorded field change queues its field notification in the same transaction,
  // whichever code path recorded it.
  `CREATE FUNCTION change_event_queue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox (topic, payload)
      SELECT 'veld.gewijzigd', json_build_object('versie', 1, 'changeEventId', n.id)
      FROM nieuw n;
      RETURN NULL;
    END
  $$`,
  `CREATE TRIGGER change_event_queue AFTER INSERT ON change_event
    REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION change_event_queue()`,
  // The B12 uitschrijfkaart becoming available, and a woningcheck asked or answered, are
  // events whichever screen, import or command records them.
  `CREATE FUNCTION b12_queue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox (topic, payload)
      SELECT 'b12.beschikbaar', json_build_object('versie', 1, 'vergunninghouderId', n.id)
      FROM nieuw n JOIN oud o ON o.id = n.id
      WHERE n.b12_uitschrijfkaart_op IS NOT NULL AND o.b12_uitschrijfkaart_op IS NULL;
      RETURN NULL;
    END
  $$`,
  `CREATE TRIGGER b12_queue AFTER UPDATE ON vergunninghouder
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION b12_queue()`,
  `CREATE FUNCTION woningcheck_queue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox (topic, payload)
      SELECT CASE WHEN n.woningcheck_resultaat IS DISTINCT FROM o.woningcheck_resultaat
               AND n.woningcheck_resultaat IS NOT NULL
             THEN 'woningcheck.beantwoord' ELSE 'woningcheck.aangevraagd' END,
        json_build_object('versie', 1, 'nareizigerId', n.id, 'referentId', n.referent_id,
          'gemeenteId', v.gemeente_id)
      FROM nieuw n JOIN oud o ON o.id = n.id JOIN vergunninghouder v ON v.id = n.referent_id
      WHERE v.gemeente_id IS NOT NULL AND (
        (n.woningcheck_aangevraagd_op IS NOT NULL AND o.woningcheck_aangevraagd_op IS NULL)
        OR (n.woningcheck_resultaat IS NOT NULL
            AND n.woningcheck_resultaat IS DISTINCT FROM o.woningcheck_resultaat));
      RETURN NULL;
    END
  $$`,
  `CREATE TRIGGER woningcheck_queue AFTER UPDATE ON nareiziger
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION woningcheck_queue()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER woningcheck_queue ON nareiziger`.execute(db);
  await sql`DROP FUNCTION woningcheck_queue()`.execute(db);
  await sql`DROP TRIGGER b12_queue ON vergunninghouder`.execute(db);
  await sql`DROP FUNCTION b12_queue()`.execute(db);
  await sql`DROP TRIGGER change_event_queue ON change_event`.execute(db);
  await sql`DROP FUNCTION change_event_queue()`.execute(db);
  await sql`DROP INDEX outbox_topic_status`.execute(db);
  await sql`DROP INDEX notification_not_emailed`.execute(db);
  await sql`DROP TABLE fase2_overschrijding`.execute(db);
  await sql`DROP TABLE password_token`.execute(db);
}
