import { type ExpressionBuilder, type Kysely, sql } from 'kysely';

import type { Database } from '../db/schema.ts';
import type { ProfielSoort } from './fields.ts';

/**
 * What the detail page and the profile pages need to know about a person's profiles: the
 * current consent and the sent versions of both kinds, the location and whether the person is
 * a nareiziger. As columns, so that the statement loading the person brings them along.
 */

export type ToestemmingStatus = 'geen' | 'ja' | 'nee' | 'ingetrokken';

export interface VersieMeta {
  versie: number;
  sentAt: Date;
  verstuurdDoor: string | null;
}

interface ConsentFact {
  gegeven: boolean;
  ingetrokken: boolean;
}
interface VersionFact {
  versie: number;
  sentAt: string;
  verstuurdDoor: string | null;
}

function consentSql(soort: ProfielSoort) {
  return sql<ConsentFact | null>`(
    SELECT json_build_object('gegeven', t.gegeven, 'ingetrokken', t.withdrawn_at IS NOT NULL)
    FROM toestemming t WHERE t.vergunninghouder_id = v.id AND t.soort = ${soort}
    ORDER BY t.created_at DESC, t.id DESC LIMIT 1)`;
}

function versionsSql(soort: ProfielSoort) {
  const table = sql.table(
    soort === 'klantprofiel' ? 'klantprofiel_versie' : 'nareisprofiel_versie',
  );
  return sql<VersionFact[] | null>`(
    SELECT json_agg(json_build_object('versie', pv.versie, 'sentAt', pv.sent_at,
      'verstuurdDoor', a.name) ORDER BY pv.versie DESC)
    FROM ${table} pv LEFT JOIN account a ON a.id = pv.sent_by
    WHERE pv.vergunninghouder_id = v.id)`;
}

/** The columns to select from `vergunninghouder as v`. */
export function profileFactColumns(
  eb: ExpressionBuilder<Database & { v: Database['vergunninghouder'] }, 'v'>,
) {
  return [
    'v.locatie_id',
    eb
      .exists(eb.selectFrom('nareiziger as n').whereRef('n.vergunninghouder_id', '=', 'v.id'))
      .as('is_nareiziger'),
    consentSql('klantprofiel').as('klantprofiel_toestemming'),
    consentSql('nareisprofiel').as('nareisprofiel_toestemming'),
    versionsSql('klantprofiel').as('klantprofiel_versies'),
    versionsSql('nareisprofiel').as('nareisprofiel_versies'),
  ] as const;
}

export interface ProfileFactRow {
  locatie_id: number | null;
  is_nareiziger: unknown;
  klantprofiel_toestemming: ConsentFact | null;
  nareisprofiel_toestemming: ConsentFact | null;
  klantprofiel_versies: VersionFact[] | null;
  nareisprofiel_versies: VersionFact[] | null;
}

export function toProfileFacts(row: ProfileFactRow) {
  const status = (c: ConsentFact | null): ToestemmingStatus =>
    c === null ? 'geen' : !c.gegeven ? 'nee' : c.ingetrokken ? 'ingetrokken' : 'ja';
  const list = (v: VersionFact[] | null): VersieMeta[] =>
    (v ?? []).map((x) => ({
      versie: x.versie,
      sentAt: new Date(x.sentAt),
      verstuurdDoor: x.verstuurdDoor,
    }));
  return {
    locatieId: row.locatie_id,
    nareiziger: Boolean(row.is_nareiziger),
    toestemming: {
      klantprofiel: status(row.klantprofiel_toestemming),
      nareisprofiel: status(row.nareisprofiel_toestemming),
    },
    versies: {
      klantprofiel: list(row.klantprofiel_versies),
      nareisprofiel: list(row.nareisprofiel_versies),
    },
  };
}

export type ProfileFacts = ReturnType<typeof toProfileFacts>;

/**
 * Whether a sent version of this kind may leave COA now: the newest consent is given and not
 * withdrawn. The same SQL function keeps the search facts, so both always agree.
 */
export async function consentHolds(
  db: Kysely<Database>,
  personId: number,
  soort: ProfielSoort,
): Promise<boolean> {
  const result = await sql<{ holds: boolean }>`
    SELECT toestemming_gegeven(${personId}, ${soort}) AS holds`.execute(db);
  return result.rows[0]?.holds === true;
}
