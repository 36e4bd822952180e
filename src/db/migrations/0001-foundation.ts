import { type Kysely, sql } from 'kysely';

/**
 * Organisation, accounts, sessions, settings and the processing log: what login and the
 * Startpagina stand on.
 */
const statements = [
  `CREATE TABLE regio (
    code text PRIMARY KEY CHECK (code IN ('noord', 'oost', 'midden', 'zuidwest', 'zuid')),
    naam text NOT NULL UNIQUE
  )`,
  `CREATE TABLE gemeente (
    id serial PRIMARY KEY,
    naam text NOT NULL UNIQUE,
    provincie text NOT NULL CHECK (provincie IN ('Groningen', 'Fryslân', 'Drenthe', 'Overijssel',
      'Gelderland', 'Flevoland', 'Utrecht', 'Noord-Holland', 'Zuid-Holland', 'Zeeland',
      'Noord-Brabant', 'Limburg')),
    inwoners integer NOT NULL CHECK (inwoners > 0),
    regio_code text NOT NULL REFERENCES regio (code)
  )`,
  `CREATE INDEX gemeente_regio ON gemeente (regio_code)`,
  `CREATE TABLE locatie (
    id serial PRIMARY KEY,
    naam text NOT NULL UNIQUE,
    soort text NOT NULL CHECK (soort IN ('azc', 'col')),
    gemeente_id integer NOT NULL REFERENCES gemeente (id)
  )`,
  `CREATE TABLE account (
    id serial PRIMARY KEY,
    email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    phone text,
    organisation text NOT NULL,
    coa_role text CHECK (coa_role IN ('coa-beheerder', 'regievoerder', 'casemanager',
      'col-medewerker')),
    regio_code text REFERENCES regio (code),
    password_hash text,
    totp_secret text,
    totp_enabled boolean NOT NULL DEFAULT false,
    demo boolean NOT NULL DEFAULT false,
    failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    removed_at timestamptz,
    CHECK (coa_role IS DISTINCT FROM 'regievoerder' OR regio_code IS NOT NULL),
    CHECK (NOT totp_enabled OR totp_secret IS NOT NULL)
  )`,
  `CREATE UNIQUE INDEX account_email ON account (lower(email)) WHERE removed_at IS NULL`,
  `CREATE INDEX account_regio ON account (regio_code) WHERE coa_role = 'regievoerder'`,
  `CREATE TABLE account_locatie (
    account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    locatie_id integer NOT NULL REFERENCES locatie (id),
    PRIMARY KEY (account_id, locatie_id)
  )`,
  `CREATE TABLE membership (
    account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    gemeente_id integer NOT NULL REFERENCES gemeente (id),
    role text NOT NULL CHECK (role IN ('gemeente', 'corporatie', 'sociale-dienst',
      'vluchtelingenwerk')),
    rechtsgrond text,
    added_by integer REFERENCES account (id),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, gemeente_id),
    CHECK (role = 'gemeente' OR length(rechtsgrond) > 0)
  )`,
  `CREATE INDEX membership_gemeente ON membership (gemeente_id)`,
  `CREATE TABLE session (
    id text PRIMARY KEY,
    account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    pending_second_factor boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  `CREATE INDEX session_account ON session (account_id)`,
  `CREATE TABLE setting (
    key text PRIMARY KEY,
    value text NOT NULL,
    changed_by integer REFERENCES account (id),
    changed_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE processing_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    trace_id text NOT NULL,
    actor_id integer REFERENCES account (id),
    activity text NOT NULL,
    action text NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'refuse',
      'export', 'login')),
    subject_type text,
    subject_id text,
    details jsonb NOT NULL DEFAULT '{}'
  )`,
  `CREATE INDEX processing_log_subject ON processing_log (subject_type, subject_id, at)`,
  `CREATE INDEX processing_log_actor ON processing_log (actor_id, at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
