import { type Kysely, sql } from 'kysely';

/**
 * The domain: vergunninghouders in plaatsingseenheden, koppeling to a gemeente, the housing
 * process, consent and profiles, nareizigers, hervestigers, woningaanbod, messages,
 * notifications, the outbox and taakstelling.
 *
 * ON DELETE rules: rows that only exist for a vergunninghouder (consent, conversations,
 * profiles, field changes) go with it (CASCADE), so purging a person removes their data.
 * References to the acting account are left at NO ACTION: accounts are retired with
 * `removed_at`, never deleted, so who did what stays answerable. A deleted household or home
 * takes its koppeling, voordrachten and huurcontract with it.
 */
const vergunninghouderFields = `'beperking_huisvesting', 'bsn', 'burgerlijke_staat',
  'eerstegraads_familie', 'gezinshereniging', 'iban', 'medische_bijzonderheden',
  'onderwijs_bijzonderheden', 'opleiding', 'opleidingsniveau', 'overige_bijzonderheden',
  'pasnummer', 'sma_aanvraag_datum', 'sma_advies', 'sma_besluit_datum', 'speciaal_onderwijs',
  'telefoonnummer', 'toestemming', 'verblijfsvergunning_datum', 'werk'`;

const eventKeys = `'b12-beschikbaar', 'bericht-regievoerder', 'overschrijding-fase-2',
  'gekoppeld', 'woningcheck', 'klantprofiel', 'nareisprofiel'`;

// Required-text CHECKs use coalesce: a CHECK that evaluates to NULL (length of NULL) passes.
const postcode = `~ '^[1-9][0-9]{3} ?[A-Z]{2}$'`;

const householdTables = [
  `CREATE TABLE plaatsingseenheid (
    id serial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE vergunninghouder (
    id serial PRIMARY KEY,
    v_nummer text NOT NULL UNIQUE CHECK (v_nummer ~ '^[0-9]{10}$'),
    bsn text CHECK (bsn ~ '^[0-9]{9}$'),
    voornamen text NOT NULL CHECK (length(voornamen) BETWEEN 1 AND 200),
    achternaam text NOT NULL CHECK (length(achternaam) BETWEEN 1 AND 200),
    geboortedatum date NOT NULL,
    geslacht text NOT NULL CHECK (geslacht IN ('man', 'vrouw')),
    nationaliteit text NOT NULL,
    etniciteit text,
    burgerlijke_staat text NOT NULL DEFAULT 'onbekend' CHECK (burgerlijke_staat IN (
      'ongehuwd', 'gehuwd', 'geregistreerd-partner', 'gescheiden', 'weduwe-weduwnaar',
      'onbekend')),
    telefoonnummer text,
    iban text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    pasnummer text,
    locatie_id integer REFERENCES locatie (id),
    verblijfsvergunning_datum date NOT NULL,
    plaatsingseenheid_id integer NOT NULL REFERENCES plaatsingseenheid (id),
    rol_in_ple text NOT NULL CHECK (rol_in_ple IN ('hoofdpersoon', 'partner', 'kind',
      'overig')),
    geblokkeerd boolean NOT NULL DEFAULT false,
    blokkade_reden text,
    beperking_huisvesting text,
    medische_bijzonderheden text,
    sma_aanvraag_datum date,
    sma_advies text,
    sma_besluit_datum date,
    onderwijs_bijzonderheden text,
    opleidingsniveau text,
    opleiding text,
    speciaal_onderwijs text,
    werk text,
    eerstegraads_familie text,
    gezinshereniging text,
    overige_bijzonderheden text,
    gehuisvest_op date,
    historisch boolean GENERATED ALWAYS AS (gehuisvest_op IS NOT NULL) STORED,
    b12_uitschrijfkaart_op date,
    screening_datum date,
    screening_beroep text,
    screening_werkervaring text,
    screening_opleiding text,
    screening_talen text,
    matching_regio_code text REFERENCES regio (code),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT geblokkeerd OR coalesce(length(blokkade_reden), 0) > 0),
    CHECK (sma_besluit_datum IS NULL OR sma_aanvraag_datum IS NOT NULL),
    CHECK (b12_uitschrijfkaart_op IS NULL OR gehuisvest_op IS NOT NULL)
  )`,
  // Several people can share a BSN only by mistake; the BSN is unique once known.
  `CREATE UNIQUE INDEX vergunninghouder_bsn ON vergunninghouder (bsn) WHERE bsn IS NOT NULL`,
  `CREATE UNIQUE INDEX vergunninghouder_hoofdpersoon ON vergunninghouder (plaatsingseenheid_id)
    WHERE rol_in_ple = 'hoofdpersoon'`,
  `CREATE INDEX vergunninghouder_ple ON vergunninghouder (plaatsingseenheid_id)`,
  `CREATE INDEX vergunninghouder_locatie ON vergunninghouder (locatie_id)`,
  // Achternaam search is a case-insensitive prefix match.
  `CREATE INDEX vergunninghouder_achternaam
    ON vergunninghouder (lower(achternaam) text_pattern_ops)`,
  `CREATE INDEX vergunninghouder_nationaliteit ON vergunninghouder (nationaliteit)`,
  `CREATE INDEX vergunninghouder_historisch ON vergunninghouder (historisch, plaatsingseenheid_id)`,
  `CREATE TABLE koppeling (
    plaatsingseenheid_id integer PRIMARY KEY
      REFERENCES plaatsingseenheid (id) ON DELETE CASCADE,
    gemeente_id integer NOT NULL REFERENCES gemeente (id),
    koppeldatum date NOT NULL,
    gekoppeld_door integer REFERENCES account (id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX koppeling_gemeente ON koppeling (gemeente_id, koppeldatum)`,
  `CREATE TABLE koppeling_historie (
    id bigserial PRIMARY KEY,
    plaatsingseenheid_id integer NOT NULL REFERENCES plaatsingseenheid (id) ON DELETE CASCADE,
    gemeente_id integer NOT NULL REFERENCES gemeente (id),
    koppeldatum date NOT NULL,
    actie text NOT NULL CHECK (actie IN ('gekoppeld', 'gewijzigd', 'ontkoppeld',
      'ongedaan-gemaakt')),
    reden text,
    actor_id integer REFERENCES account (id),
    at timestamptz NOT NULL DEFAULT now(),
    CHECK (actie = 'gekoppeld' OR coalesce(length(reden), 0) > 0)
  )`,
  `CREATE INDEX koppeling_historie_ple ON koppeling_historie (plaatsingseenheid_id, at)`,
];

const profileTables = [
  `CREATE TABLE toestemming (
    id serial PRIMARY KEY,
    vergunninghouder_id integer NOT NULL REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    soort text NOT NULL CHECK (soort IN ('klantprofiel', 'nareisprofiel')),
    gegeven boolean NOT NULL,
    datum date NOT NULL,
    wijze text NOT NULL CHECK (wijze IN ('verklaring', 'aanwezig')),
    withdrawn_at timestamptz,
    recorded_by integer REFERENCES account (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (withdrawn_at IS NULL OR gegeven)
  )`,
  // The current consent is the newest row per person and kind.
  `CREATE INDEX toestemming_current ON toestemming (vergunninghouder_id, soort, created_at DESC)`,
  `CREATE TABLE gesprek (
    id serial PRIMARY KEY,
    vergunninghouder_id integer NOT NULL REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    casemanager_id integer REFERENCES account (id),
    datum date NOT NULL,
    soort text NOT NULL CHECK (soort IN ('intake', 'vervolg', 'klantprofiel', 'overig')),
    verslag text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX gesprek_vergunninghouder ON gesprek (vergunninghouder_id, datum)`,
  `CREATE TABLE klantprofiel (
    vergunninghouder_id integer PRIMARY KEY REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    inhoud jsonb NOT NULL DEFAULT '{}',
    updated_by integer REFERENCES account (id),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE klantprofiel_versie (
    id serial PRIMARY KEY,
    vergunninghouder_id integer NOT NULL REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    versie integer NOT NULL CHECK (versie > 0),
    inhoud jsonb NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now(),
    sent_by integer REFERENCES account (id),
    UNIQUE (vergunninghouder_id, versie)
  )`,
  `CREATE TABLE nareisprofiel_versie (
    id serial PRIMARY KEY,
    vergunninghouder_id integer NOT NULL REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    versie integer NOT NULL CHECK (versie > 0),
    inhoud jsonb NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now(),
    sent_by integer REFERENCES account (id),
    UNIQUE (vergunninghouder_id, versie)
  )`,
  `CREATE TABLE change_event (
    id bigserial PRIMARY KEY,
    vergunninghouder_id integer NOT NULL REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    field text NOT NULL CHECK (field IN (${vergunninghouderFields})),
    old_value text,
    new_value text,
    actor_id integer REFERENCES account (id),
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX change_event_vergunninghouder ON change_event (vergunninghouder_id, at)`,
  // Sent versions and recorded changes are evidence of what was shared: never rewritten.
  `CREATE FUNCTION forbid_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is onveranderlijk', TG_TABLE_NAME;
    END
  $$`,
  `CREATE TRIGGER klantprofiel_versie_immutable BEFORE UPDATE ON klantprofiel_versie
    FOR EACH ROW EXECUTE FUNCTION forbid_update()`,
  `CREATE TRIGGER nareisprofiel_versie_immutable BEFORE UPDATE ON nareisprofiel_versie
    FOR EACH ROW EXECUTE FUNCTION forbid_update()`,
  `CREATE TRIGGER change_event_immutable BEFORE UPDATE ON change_event
    FOR EACH ROW EXECUTE FUNCTION forbid_update()`,
];

const arrivalTables = [
  `CREATE TABLE nareiziger (
    id serial PRIMARY KEY,
    v_nummer text NOT NULL UNIQUE CHECK (v_nummer ~ '^[0-9]{10}$'),
    referent_id integer NOT NULL REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    voornamen text NOT NULL,
    achternaam text NOT NULL,
    geboortedatum date NOT NULL,
    geslacht text NOT NULL CHECK (geslacht IN ('man', 'vrouw')),
    relatie text NOT NULL CHECK (relatie IN ('partner', 'kind', 'ouder', 'overig')),
    mvv_stap text NOT NULL CHECK (mvv_stap IN ('aanvraag-ingediend', 'in-behandeling',
      'woningcheck', 'mvv-verleend', 'mvv-afgewezen', 'ingereisd')),
    mvv_stap_datum date NOT NULL,
    woningcheck_aangevraagd_op date,
    woningcheck_resultaat text CHECK (woningcheck_resultaat IN ('geschikt',
      'geschikt-na-aanpassing', 'ongeschikt', 'niet-nodig')),
    woningcheck_op date,
    woningcheck_door integer REFERENCES account (id),
    verwachte_aankomst date,
    -- Once arrived and registered, the nareiziger is a vergunninghouder of their own.
    vergunninghouder_id integer UNIQUE REFERENCES vergunninghouder (id) ON DELETE SET NULL,
    historisch boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (woningcheck_resultaat IS NULL OR woningcheck_op IS NOT NULL)
  )`,
  `CREATE INDEX nareiziger_referent ON nareiziger (referent_id)`,
  `CREATE INDEX nareiziger_stap ON nareiziger (mvv_stap, historisch)`,
  `CREATE TABLE hervestiger (
    vergunninghouder_id integer PRIMARY KEY REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    selectiemissie text NOT NULL,
    land_van_verblijf text NOT NULL,
    verwachte_aankomst date NOT NULL,
    aangekomen_op date,
    hervestigingsprofiel jsonb NOT NULL DEFAULT '{}'
  )`,
  `CREATE INDEX hervestiger_aankomst ON hervestiger (verwachte_aankomst)`,
];

const housingTables = [
  `CREATE TABLE woningaanbod (
    id serial PRIMARY KEY,
    gemeente_id integer NOT NULL REFERENCES gemeente (id),
    corporatie text NOT NULL,
    straat text NOT NULL,
    huisnummer text NOT NULL,
    postcode text NOT NULL CHECK (postcode ${postcode}),
    woonplaats text NOT NULL,
    kamers integer NOT NULL CHECK (kamers BETWEEN 1 AND 20),
    huurprijs numeric(8, 2) NOT NULL CHECK (huurprijs >= 0),
    beschikbaar_vanaf date NOT NULL,
    notities text NOT NULL DEFAULT '',
    status text NOT NULL DEFAULT 'beschikbaar' CHECK (status IN ('beschikbaar', 'voorgedragen',
      'verhuurd', 'ingetrokken')),
    created_by integer REFERENCES account (id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX woningaanbod_gemeente ON woningaanbod (gemeente_id, status)`,
  `CREATE TABLE voordracht (
    id serial PRIMARY KEY,
    woningaanbod_id integer NOT NULL REFERENCES woningaanbod (id) ON DELETE CASCADE,
    plaatsingseenheid_id integer NOT NULL REFERENCES plaatsingseenheid (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'voorgesteld' CHECK (status IN ('voorgesteld', 'geaccepteerd',
      'afgewezen', 'ingetrokken')),
    reden text,
    proposed_by integer REFERENCES account (id),
    proposed_at timestamptz NOT NULL DEFAULT now(),
    decided_by integer REFERENCES account (id),
    decided_at timestamptz,
    CHECK (status <> 'afgewezen' OR coalesce(length(reden), 0) > 0),
    CHECK ((status IN ('geaccepteerd', 'afgewezen')) = (decided_at IS NOT NULL))
  )`,
  // A home is offered to one household at a time.
  `CREATE UNIQUE INDEX voordracht_open ON voordracht (woningaanbod_id)
    WHERE status IN ('voorgesteld', 'geaccepteerd')`,
  `CREATE INDEX voordracht_ple ON voordracht (plaatsingseenheid_id, status)`,
  `CREATE TABLE huurcontract (
    id serial PRIMARY KEY,
    plaatsingseenheid_id integer NOT NULL UNIQUE
      REFERENCES plaatsingseenheid (id) ON DELETE CASCADE,
    voordracht_id integer REFERENCES voordracht (id) ON DELETE SET NULL,
    gemeente_id integer NOT NULL REFERENCES gemeente (id),
    corporatie text NOT NULL,
    straat text NOT NULL,
    huisnummer text NOT NULL,
    postcode text NOT NULL CHECK (postcode ${postcode}),
    woonplaats text NOT NULL,
    ingangsdatum date NOT NULL,
    recorded_by integer REFERENCES account (id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX huurcontract_gemeente ON huurcontract (gemeente_id, ingangsdatum)`,
];

const communicationTables = [
  `CREATE TABLE message (
    id serial PRIMARY KEY,
    gemeente_id integer NOT NULL REFERENCES gemeente (id),
    sender_id integer NOT NULL REFERENCES account (id),
    vergunninghouder_id integer REFERENCES vergunninghouder (id) ON DELETE SET NULL,
    parent_id integer REFERENCES message (id) ON DELETE CASCADE,
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    body text NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX message_gemeente ON message (gemeente_id, sent_at DESC)`,
  `CREATE INDEX message_parent ON message (parent_id) WHERE parent_id IS NOT NULL`,
  `CREATE TABLE message_read (
    message_id integer NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    read_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, account_id)
  )`,
  `CREATE TABLE notification_choice (
    id serial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    gemeente_id integer REFERENCES gemeente (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('event', 'field')),
    key text NOT NULL,
    CHECK ((kind = 'event' AND key IN (${eventKeys}))
      OR (kind = 'field' AND key IN (${vergunninghouderFields})))
  )`,
  // gemeente_id NULL means "all my gemeenten"; NULLs are not equal in a plain UNIQUE.
  `CREATE UNIQUE INDEX notification_choice_unique
    ON notification_choice (account_id, coalesce(gemeente_id, 0), kind, key)`,
  `CREATE TABLE notification (
    id bigserial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('event', 'field')),
    key text NOT NULL,
    gemeente_id integer REFERENCES gemeente (id) ON DELETE CASCADE,
    vergunninghouder_id integer REFERENCES vergunninghouder (id) ON DELETE CASCADE,
    title text NOT NULL,
    body text NOT NULL DEFAULT '',
    link text,
    dedupe_key text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz,
    emailed_at timestamptz,
    UNIQUE (account_id, dedupe_key)
  )`,
  `CREATE INDEX notification_unread ON notification (account_id, created_at DESC)
    WHERE read_at IS NULL`,
  `CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    topic text NOT NULL,
    payload jsonb NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done',
      'failed')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    available_at timestamptz NOT NULL DEFAULT now(),
    claimed_at timestamptz,
    processed_at timestamptz
  )`,
  // Workers claim the oldest available rows with FOR UPDATE SKIP LOCKED.
  `CREATE INDEX outbox_claim ON outbox (available_at, id)
    WHERE status IN ('pending', 'processing')`,
];

const planningTables = [
  `CREATE TABLE taakstelling (
    gemeente_id integer NOT NULL REFERENCES gemeente (id),
    halfjaar text NOT NULL CHECK (halfjaar ~ '^[0-9]{4}-H[12]$'),
    aantal integer NOT NULL CHECK (aantal >= 0),
    set_by integer REFERENCES account (id),
    set_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gemeente_id, halfjaar)
  )`,
  `CREATE INDEX taakstelling_halfjaar ON taakstelling (halfjaar)`,
  // Fase durations are configuration; these are the defaults from the work instruction.
  `INSERT INTO setting (key, value) VALUES ('fase1.weken', '2'), ('fase2.weken', '10'),
    ('fase3.weken', '2') ON CONFLICT (key) DO NOTHING`,
  // One place that turns the stored facts into a fase and its deadline, so search,
  // Koppelstatus and rapportage agree. The household moves together: it is in fase 1 from the
  // last member's permit, and historisch once every member is housed.
  `CREATE VIEW plaatsingseenheid_fase AS
    WITH duur AS (
      SELECT
        coalesce((SELECT value::integer FROM setting
          WHERE key = 'fase1.weken' AND value ~ '^[0-9]{1,3}$'), 2) AS fase1,
        coalesce((SELECT value::integer FROM setting
          WHERE key = 'fase2.weken' AND value ~ '^[0-9]{1,3}$'), 10) AS fase2,
        coalesce((SELECT value::integer FROM setting
          WHERE key = 'fase3.weken' AND value ~ '^[0-9]{1,3}$'), 2) AS fase3
    ), leden AS (
      SELECT plaatsingseenheid_id,
        count(*)::integer AS personen,
        max(verblijfsvergunning_datum) AS verblijfsvergunning_datum,
        CASE WHEN count(*) = count(gehuisvest_op) THEN max(gehuisvest_op) END AS gehuisvest_op
      FROM vergunninghouder GROUP BY plaatsingseenheid_id
    ), feiten AS (
      SELECT l.*, k.gemeente_id, k.koppeldatum, h.ingangsdatum AS huurcontract_datum,
        CASE
          WHEN l.gehuisvest_op IS NOT NULL THEN 'historisch'
          WHEN h.ingangsdatum IS NOT NULL THEN 'fase-3'
          WHEN k.koppeldatum IS NOT NULL THEN 'fase-2'
          ELSE 'fase-1'
        END AS fase
      FROM leden l
      LEFT JOIN koppeling k ON k.plaatsingseenheid_id = l.plaatsingseenheid_id
      LEFT JOIN huurcontract h ON h.plaatsingseenheid_id = l.plaatsingseenheid_id
    )
    SELECT f.plaatsingseenheid_id, f.personen, f.verblijfsvergunning_datum, f.gemeente_id,
      f.koppeldatum, f.huurcontract_datum, f.gehuisvest_op, f.fase,
      CASE f.fase
        WHEN 'fase-1' THEN f.verblijfsvergunning_datum + 7 * d.fase1
        WHEN 'fase-2' THEN f.koppeldatum + 7 * d.fase2
        WHEN 'fase-3' THEN f.huurcontract_datum + 7 * d.fase3
      END AS fase_deadline
    FROM feiten f CROSS JOIN duur d`,
];

const statements = [
  ...householdTables,
  ...profileTables,
  ...arrivalTables,
  ...housingTables,
  ...communicationTables,
  ...planningTables,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
