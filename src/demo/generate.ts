import type { Insertable } from 'kysely';

import type { Database, Fase, RegioCode } from '../db/schema.ts';
import { content } from './generate-content.ts';
import {
  composeHousehold,
  type Household,
  householdSize,
  type PersonRow,
  personRow,
  pickNationality,
  Sequences,
} from './households.ts';
import { nationalities } from './names.ts';
import { type Random, WeightedTable } from './random.ts';

export interface GemeenteRef {
  id: number;
  naam: string;
  provincie: string;
  inwoners: number;
  regio_code: RegioCode;
}

export interface StaffRef {
  id: number;
  naam: string;
  email: string;
}

/** What the generator needs from the database: ids of reference rows and demo accounts. */
export interface DemoContext {
  random: Random;
  refDay: number;
  gemeenten: GemeenteRef[];
  azcIds: number[];
  colId: number;
  casemanagerByLocatie: Map<number, StaffRef>;
  otherCasemanagers: StaffRef[];
  colMedewerker: StaffRef;
  regievoerderByRegio: Record<RegioCode, number>;
  contactAccounts: { gemeente: number; corporatie: number; socialeDienst: number; vwn: number };
  utrechtId: number;
  zeistId: number;
}

type Rows<T extends keyof Database> = Insertable<Database[T]>[];

export interface DemoRows {
  plaatsingseenheid: Rows<'plaatsingseenheid'>;
  vergunninghouder: PersonRow[];
  koppeling: Rows<'koppeling'>;
  koppeling_historie: Rows<'koppeling_historie'>;
  huurcontract: Rows<'huurcontract'>;
  woningaanbod: Rows<'woningaanbod'>;
  voordracht: Rows<'voordracht'>;
  hervestiger: Rows<'hervestiger'>;
  nareiziger: Rows<'nareiziger'>;
  toestemming: Rows<'toestemming'>;
  gesprek: Rows<'gesprek'>;
  klantprofiel: Rows<'klantprofiel'>;
  klantprofiel_versie: Rows<'klantprofiel_versie'>;
  nareisprofiel_versie: Rows<'nareisprofiel_versie'>;
  change_event: Rows<'change_event'>;
  message: Rows<'message'>;
  message_read: Rows<'message_read'>;
  notification_choice: Rows<'notification_choice'>;
  notification: Rows<'notification'>;
}

export function emptyRows(): DemoRows {
  return {
    plaatsingseenheid: [],
    vergunninghouder: [],
    koppeling: [],
    koppeling_historie: [],
    huurcontract: [],
    woningaanbod: [],
    voordracht: [],
    hervestiger: [],
    nareiziger: [],
    toestemming: [],
    gesprek: [],
    klantprofiel: [],
    klantprofiel_versie: [],
    nareisprofiel_versie: [],
    change_event: [],
    message: [],
    message_read: [],
    notification_choice: [],
    notification: [],
  };
}

const faseWeights: readonly (readonly [Fase, number])[] = [
  ['fase-1', 14],
  ['fase-2', 36],
  ['fase-3', 10],
  ['historisch', 40],
];

/** Dates of the housing process that put a household in its fase, some of them overdue. */
function processDays(
  random: Random,
  refDay: number,
  fase: Fase,
): Pick<Household, 'permitDay' | 'koppelDay' | 'huurDay' | 'housedDay'> {
  if (fase === 'fase-1') {
    return {
      permitDay: refDay - random.int(0, 24),
      koppelDay: null,
      huurDay: null,
      housedDay: null,
    };
  }
  if (fase === 'fase-2') {
    const koppelDay = refDay - random.int(0, 110);
    return { permitDay: koppelDay - random.int(7, 21), koppelDay, huurDay: null, housedDay: null };
  }
  const housedDay = fase === 'historisch' ? refDay - random.int(3, 720) : null;
  const huurDay = housedDay === null ? refDay - random.int(0, 20) : housedDay - random.int(0, 14);
  const koppelDay = huurDay - random.int(25, 110);
  return { permitDay: koppelDay - random.int(7, 25), koppelDay, huurDay, housedDay };
}

interface HouseholdPlan {
  fase: Fase;
  gemeenteId: number | null;
  locatieId: number | null;
  hervestiger: boolean;
  nationalityIndex?: number;
}

export function buildHousehold(
  context: DemoContext,
  sequences: Sequences,
  rows: DemoRows,
  plan: HouseholdPlan,
): Household {
  const { random, refDay } = context;
  const nationality =
    plan.nationalityIndex === undefined
      ? pickNationality(random)
      : (nationalities[plan.nationalityIndex] ?? pickNationality(random));
  const days = processDays(random, refDay, plan.fase);
  const id = ++sequences.household;
  const gemeente = context.gemeenten.find((g) => g.id === plan.gemeenteId);
  const facts = {
    householdId: id,
    permitDay: days.permitDay,
    housedDay: days.housedDay,
    locatieId: plan.locatieId,
    refDay,
    fase: plan.fase,
    regio: gemeente?.regio_code ?? null,
    nationality,
  };
  const specs = composeHousehold(random, nationality, householdSize(random));
  const members = specs.map((spec) => personRow(random, sequences, spec, facts));
  rows.plaatsingseenheid.push({ id, created_at: new Date((days.permitDay - 30) * 86_400_000) });
  rows.vergunninghouder.push(...members);
  return { id, nationality, members, ...days, ...plan };
}

/** Households over gemeenten by inhabitants; the first few go to Utrecht and Zeist per fase. */
export function generateHouseholds(
  context: DemoContext,
  sequences: Sequences,
  rows: DemoRows,
  minimumPersons: number,
): Household[] {
  const { random } = context;
  const byInhabitants = new WeightedTable(context.gemeenten, (g) => g.inwoners);
  const fases: Fase[] = ['fase-1', 'fase-2', 'fase-3', 'historisch'];
  const households: Household[] = [];
  while (sequences.person < minimumPersons) {
    const index = households.length;
    const fase = index < 16 ? (fases[index % 4] ?? 'fase-2') : random.weighted(faseWeights);
    const gemeenteId =
      index < 8 ? context.utrechtId : index < 16 ? context.zeistId : byInhabitants.pick(random).id;
    households.push(
      buildHousehold(context, sequences, rows, {
        fase,
        gemeenteId: fase === 'fase-1' ? null : gemeenteId,
        locatieId: random.pick(context.azcIds),
        hervestiger: false,
      }),
    );
  }
  return households;
}

export function generateAll(context: DemoContext, minimumPersons: number): DemoRows {
  const rows = emptyRows();
  const sequences = new Sequences();
  const households = generateHouseholds(context, sequences, rows, minimumPersons);
  content(context, sequences, rows, households);
  return rows;
}
