import { type Expression, type ExpressionBuilder, sql, type SqlBool } from 'kysely';

import type { Db } from '../db/database.ts';
import type { Database, Fase, Geslacht, RegioCode } from '../db/schema.ts';
import type { Criteria, JaNee, SortKey } from './criteria.ts';

/**
 * Which gemeenten a search may reach: `null` is every person (COA), a list restricts to people
 * linked to those gemeenten. Criteria of a protected category carry their own, narrower list.
 */
export interface SearchScope {
  gemeenten: readonly number[] | null;
  /** Per protected criterion, the gemeenten in which the actor may use it. */
  criterionGemeenten: Partial<Record<keyof Criteria, readonly number[] | null>>;
  /** A regievoerder's region, whose people come first. */
  ownRegion: RegioCode | null;
}

export interface SearchRow {
  id: number;
  vNummer: string;
  voornamen: string;
  achternaam: string;
  geboortedatum: string;
  geslacht: Geslacht;
  nationaliteit: string;
  fase: Fase;
  historisch: boolean;
  geblokkeerd: boolean;
  gemeenteId: number | null;
  gemeente: string | null;
  pleId: number;
  personen: number;
  azc: string | null;
}

type Eb = ExpressionBuilder<Database & { v: Database['vergunninghouder'] }, 'v'>;
type Condition = Expression<SqlBool>;

const sortColumns: Record<SortKey, string> = {
  achternaam: 'lower(v.achternaam)',
  vNummer: 'v.v_nummer',
  geboortedatum: 'v.geboortedatum',
  nationaliteit: 'v.nationaliteit',
  fase: 'v.fase',
  gemeente: 'g.naam',
  personen: 'v.ple_personen',
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A yes/no criterion: on a stored flag it compares with true or false, so that both answers
 * can use an index; otherwise it negates the condition.
 */
function jaNee(value: JaNee, yes: Condition, no: Condition): Condition | undefined {
  if (value === 'beide') return undefined;
  return value === 'ja' ? yes : no;
}

function inGemeenten(eb: Eb, ids: readonly number[] | null | undefined): Condition | undefined {
  if (ids === null || ids === undefined) return undefined;
  if (ids.length === 0) return sql<SqlBool>`false`;
  return eb('v.gemeente_id', 'in', ids);
}

/** The conditions of a search: scope, then each criterion that is set. */
function conditions(eb: Eb, c: Criteria, scope: SearchScope): Condition[] {
  const list: (Condition | undefined)[] = [inGemeenten(eb, scope.gemeenten)];
  const add = (condition: unknown) => list.push(condition as Condition);

  if (c.fase) add(eb('v.fase', '=', c.fase));
  if (c.vNummer) add(eb('v.v_nummer', '=', c.vNummer));
  if (c.bsn) {
    add(eb('v.bsn', '=', c.bsn));
    list.push(inGemeenten(eb, scope.criterionGemeenten.bsn));
  }
  if (c.azc !== undefined) add(eb('v.locatie_id', '=', c.azc));
  if (c.ple !== undefined) add(eb('v.plaatsingseenheid_id', '=', c.ple));
  if (c.nationaliteit) add(eb('v.nationaliteit', '=', c.nationaliteit));
  if (c.gemeente !== undefined) add(eb('v.gemeente_id', '=', c.gemeente));
  if (c.achternaam) {
    // Both sides lowered by the database, so they agree whatever its locale.
    const prefix = `${escapeLike(c.achternaam)}%`;
    add(sql<SqlBool>`lower(v.achternaam) like lower(${prefix})`);
  }
  if (c.etniciteit) add(eb('v.etniciteit', '=', c.etniciteit));
  if (c.geslacht !== 'beide') add(eb('v.geslacht', '=', c.geslacht));
  if (c.personenVan !== undefined) add(eb('v.ple_personen', '>=', c.personenVan));
  if (c.personenTot !== undefined) add(eb('v.ple_personen', '<=', c.personenTot));

  const flags: [keyof Criteria & keyof typeof flagConditions, JaNee][] = [
    ['klantprofiel', c.klantprofiel],
    ['historisch', c.historisch],
    ['nareisprofiel', c.nareisprofiel],
    ['woningaanbod', c.woningaanbod],
    ['geblokkeerd', c.geblokkeerd],
    ['gesprekGevoerd', c.gesprekGevoerd],
    ['sma', c.sma],
  ];
  for (const [name, value] of flags) {
    const [yes, no] = flagConditions[name](eb);
    const condition = jaNee(value, yes, no);
    if (!condition) continue;
    list.push(condition, inGemeenten(eb, scope.criterionGemeenten[name]));
  }
  return list.filter((x): x is Condition => x !== undefined);
}

type FlagCondition = (eb: Eb) => [yes: Condition, no: Condition];

const storedFlag =
  (
    column: 'klantprofiel_beschikbaar' | 'nareisprofiel_beschikbaar' | 'historisch' | 'geblokkeerd',
  ) =>
  (eb: Eb): [Condition, Condition] => [eb(`v.${column}`, '=', true), eb(`v.${column}`, '=', false)];

function negated(condition: (eb: Eb) => Condition): FlagCondition {
  return (eb) => {
    const yes = condition(eb);
    return [yes, eb.not(yes)];
  };
}

const flagConditions: Record<
  | 'klantprofiel'
  | 'historisch'
  | 'nareisprofiel'
  | 'geblokkeerd'
  | 'sma'
  | 'gesprekGevoerd'
  | 'woningaanbod',
  FlagCondition
> = {
  klantprofiel: storedFlag('klantprofiel_beschikbaar'),
  historisch: storedFlag('historisch'),
  nareisprofiel: storedFlag('nareisprofiel_beschikbaar'),
  geblokkeerd: storedFlag('geblokkeerd'),
  sma: (eb) => [eb('v.sma_aanvraag_datum', 'is not', null), eb('v.sma_aanvraag_datum', 'is', null)],
  gesprekGevoerd: negated((eb) =>
    eb.exists(
      eb
        .selectFrom('gesprek')
        .select(sql`1`.as('x'))
        .whereRef('gesprek.vergunninghouder_id', '=', 'v.id'),
    ),
  ),
  // A concrete offer: a home proposed to or accepted for the household.
  woningaanbod: negated((eb) =>
    eb.exists(
      eb
        .selectFrom('voordracht')
        .select(sql`1`.as('x'))
        .whereRef('voordracht.plaatsingseenheid_id', '=', 'v.plaatsingseenheid_id')
        .where('voordracht.status', 'in', ['voorgesteld', 'geaccepteerd']),
    ),
  ),
};

function matching(db: Db, criteria: Criteria, scope: SearchScope) {
  return db
    .selectFrom('vergunninghouder as v')
    .where((eb) => eb.and(conditions(eb, criteria, scope)));
}

/** One page of matching people and the number of matches in all. */
export async function searchVergunninghouders(
  db: Db,
  criteria: Criteria,
  scope: SearchScope,
): Promise<{ rows: SearchRow[]; total: number }> {
  const direction = criteria.richting === 'af' ? sql`desc` : sql`asc`;
  let query = matching(db, criteria, scope)
    .leftJoin('gemeente as g', 'g.id', 'v.gemeente_id')
    .leftJoin('locatie as l', 'l.id', 'v.locatie_id')
    .select([
      'v.id',
      'v.v_nummer as vNummer',
      'v.voornamen',
      'v.achternaam',
      'v.geboortedatum',
      'v.geslacht',
      'v.nationaliteit',
      'v.fase',
      'v.historisch',
      'v.geblokkeerd',
      'v.gemeente_id as gemeenteId',
      'g.naam as gemeente',
      'v.plaatsingseenheid_id as pleId',
      'v.ple_personen as personen',
      'l.naam as azc',
    ]);
  if (scope.ownRegion && criteria.gemeente === undefined) {
    query = query.orderBy(sql`g.regio_code = ${scope.ownRegion} desc nulls last`);
  }
  const column = sql.raw(sortColumns[criteria.sorteer]);
  query = query.orderBy(sql`${column} ${direction}`);
  if (criteria.sorteer !== 'achternaam') {
    query = query.orderBy(sql`lower(v.achternaam) asc`);
  }
  query = query.orderBy(sql`v.id ${direction}`);

  const [rows, count] = await Promise.all([
    query
      .limit(criteria.perPagina)
      .offset((criteria.pagina - 1) * criteria.perPagina)
      .execute(),
    // Counted without the joins, which cannot change the number, so the count can run on an
    // index alone.
    matching(db, criteria, scope)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** The choices of the select criteria: locations, nationalities and ethnicities in use. */
export async function searchOptions(db: Db) {
  const [locaties, nationaliteiten, etniciteiten] = await Promise.all([
    db.selectFrom('locatie').select(['id', 'naam', 'soort']).orderBy('naam').execute(),
    db
      .selectFrom('vergunninghouder')
      .select('nationaliteit')
      .distinct()
      .orderBy('nationaliteit')
      .execute(),
    db
      .selectFrom('vergunninghouder')
      .select('etniciteit')
      .distinct()
      .where('etniciteit', 'is not', null)
      .orderBy('etniciteit')
      .execute(),
  ]);
  return {
    locaties,
    nationaliteiten: nationaliteiten.map((r) => r.nationaliteit),
    etniciteiten: etniciteiten.map((r) => r.etniciteit).filter((e): e is string => e !== null),
  };
}
