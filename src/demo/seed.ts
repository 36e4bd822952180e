import { hash } from '@node-rs/argon2';
import { type Insertable, sql, type Transaction } from 'kysely';

import type { Db } from '../db/database.ts';
import type { Database, RegioCode } from '../db/schema.ts';
import { checkFase2Overschrijdingen } from '../jobs/scheduler.ts';
import { seedReferenceData } from '../organisatie/reference-data.ts';
import { demoAccounts, demoPassword, otherCasemanagers, otherRegievoerders } from './accounts.ts';
import { type DemoContext, type DemoRows, generateAll, type StaffRef } from './generate.ts';
import { demoLocaties } from './locations.ts';
import { dayText, Random, toDay } from './random.ts';
import { landelijkeTaakstelling, recentHalfjaren, spreadByInhabitants } from './taakstelling.ts';

export interface SeedDemoOptions {
  /** "Today" for the demo data; the same date gives the same data. Defaults to now. */
  referenceDate?: Date;
  /** Minimum number of vergunninghouders in households (nareizigers and hervestigers extra). */
  persons?: number;
  onProgress?: (message: string) => void;
}

export interface SeedDemoSummary {
  accounts: number;
  vergunninghouders: number;
  plaatsingseenheden: number;
  seconds: number;
}

const batchSize = 500;
const seed = 20_260_101;

export async function hasAccounts(db: Db): Promise<boolean> {
  const row = await db.selectFrom('account').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function hasDemoData(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('account')
    .select('id')
    .where('demo', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function insertBatches<T extends keyof Database>(
  trx: Transaction<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    const chunk = rows.slice(start, start + batchSize);
    await trx.insertInto(table).values(chunk).execute();
  }
}

async function insertLocaties(trx: Transaction<Database>) {
  const gemeenten = await trx.selectFrom('gemeente').select(['id', 'naam']).execute();
  const idByNaam = new Map(gemeenten.map((g) => [g.naam, g.id]));
  return trx
    .insertInto('locatie')
    .values(
      demoLocaties.map((l) => {
        const gemeenteId = idByNaam.get(l.gemeente);
        if (gemeenteId === undefined) throw new Error(`Onbekende gemeente ${l.gemeente}`);
        return { naam: l.naam, soort: l.soort, gemeente_id: gemeenteId };
      }),
    )
    .returning(['id', 'naam', 'soort'])
    .execute();
}

async function insertAccounts(trx: Transaction<Database>) {
  const passwordHash = await hash(demoPassword);
  const rows: Insertable<Database['account']>[] = demoAccounts.map((a) => {
    const coa = a.organisation === 'COA';
    return {
      email: a.email,
      name: a.name,
      phone: a.phone,
      organisation: a.organisation,
      coa_role: coa ? (a.role as Insertable<Database['account']>['coa_role']) : null,
      regio_code: a.role === 'regievoerder' ? 'midden' : null,
      password_hash: passwordHash,
      demo: true,
    };
  });
  for (const r of otherRegievoerders) {
    rows.push({
      email: `regievoerder.${r.regio}@demo.tvs.local`,
      name: r.name,
      phone: r.phone,
      organisation: 'COA',
      coa_role: 'regievoerder',
      regio_code: r.regio,
      password_hash: passwordHash,
      demo: true,
    });
  }
  // Authors of conversations and profiles only: without a password they cannot log in.
  otherCasemanagers.forEach((name, index) => {
    rows.push({
      email: `casemanager.${index + 2}@demo.tvs.local`,
      name,
      phone: `088-715 ${7460 + index}`,
      organisation: 'COA',
      coa_role: 'casemanager',
      regio_code: null,
      password_hash: null,
      demo: true,
    });
  });
  return trx
    .insertInto('account')
    .values(rows)
    .returning(['id', 'email', 'name', 'coa_role', 'regio_code'])
    .execute();
}

type AccountRows = Awaited<ReturnType<typeof insertAccounts>>;

function accountId(accounts: AccountRows, email: string): number {
  const account = accounts.find((a) => a.email === email);
  if (!account) throw new Error(`Demo-account ${email} ontbreekt`);
  return account.id;
}

const rechtsgronden: Record<string, string> = {
  corporatie:
    'Woningtoewijzing voor de taakstelling huisvesting vergunninghouders (Huisvestingswet ' +
    '2014, art. 28), in opdracht van de gemeente Utrecht.',
  'sociale-dienst':
    'Beoordeling van het recht op bijstand (Participatiewet) en de inburgering (Wet ' +
    'inburgering 2021), taken van de gemeente Utrecht.',
  vluchtelingenwerk:
    'Maatschappelijke begeleiding van statushouders in opdracht van de gemeente Utrecht ' +
    '(Wet inburgering 2021, art. 17).',
};

async function linkAccounts(
  trx: Transaction<Database>,
  accounts: AccountRows,
  locaties: { id: number; naam: string; soort: string }[],
  gemeenteIds: { utrecht: number; zeist: number },
): Promise<Map<number, StaffRef>> {
  const casemanagerByLocatie = new Map<number, StaffRef>();
  const demoCasemanager = accounts.find((a) => a.email === 'casemanager@demo.tvs.local');
  const others = accounts.filter((a) => a.coa_role === 'casemanager' && a !== demoCasemanager);
  const links: { account_id: number; locatie_id: number }[] = [];
  const own = ['AZC Utrecht', 'AZC Zeist', 'AZC Amersfoort'];
  locaties
    .filter((l) => l.soort === 'azc')
    .forEach((locatie, index) => {
      const staff = own.includes(locatie.naam) ? demoCasemanager : others[index % others.length];
      if (!staff) return;
      links.push({ account_id: staff.id, locatie_id: locatie.id });
      casemanagerByLocatie.set(locatie.id, { id: staff.id, naam: staff.name, email: staff.email });
    });
  const col = locaties.find((l) => l.soort === 'col');
  if (col) {
    links.push({
      account_id: accountId(accounts, 'col-medewerker@demo.tvs.local'),
      locatie_id: col.id,
    });
  }
  await trx.insertInto('account_locatie').values(links).execute();

  const gemeenteAccount = accountId(accounts, 'gemeente@demo.tvs.local');
  const memberships: Insertable<Database['membership']>[] = [
    {
      account_id: gemeenteAccount,
      gemeente_id: gemeenteIds.utrecht,
      role: 'gemeente',
      rechtsgrond: null,
      added_by: null,
    },
    {
      account_id: gemeenteAccount,
      gemeente_id: gemeenteIds.zeist,
      role: 'gemeente',
      rechtsgrond: null,
      added_by: null,
    },
  ];
  for (const role of ['corporatie', 'sociale-dienst', 'vluchtelingenwerk'] as const) {
    memberships.push({
      account_id: accountId(accounts, `${role}@demo.tvs.local`),
      gemeente_id: gemeenteIds.utrecht,
      role,
      rechtsgrond: rechtsgronden[role] ?? null,
      added_by: gemeenteAccount,
    });
  }
  await trx.insertInto('membership').values(memberships).execute();
  return casemanagerByLocatie;
}

async function insertTaakstelling(trx: Transaction<Database>, referenceDate: Date): Promise<void> {
  const gemeenten = await trx.selectFrom('gemeente').select(['id', 'naam', 'inwoners']).execute();
  const rows: Insertable<Database['taakstelling']>[] = [];
  for (const halfjaar of recentHalfjaren(referenceDate, 4)) {
    for (const { gemeente, aantal } of spreadByInhabitants(
      landelijkeTaakstelling(halfjaar),
      gemeenten,
    )) {
      rows.push({ gemeente_id: gemeente.id, halfjaar, aantal, set_by: null });
    }
  }
  await insertBatches(trx, 'taakstelling', rows);
}

/** Inserting in this order satisfies every foreign key. */
const insertOrder: readonly (keyof DemoRows)[] = [
  'plaatsingseenheid',
  'vergunninghouder',
  'koppeling',
  'koppeling_historie',
  'woningaanbod',
  'voordracht',
  'huurcontract',
  'hervestiger',
  'nareiziger',
  'toestemming',
  'gesprek',
  'klantprofiel',
  'klantprofiel_versie',
  'nareisprofiel_versie',
  'change_event',
  'message',
  'message_read',
  'notification_choice',
  'notification',
];

/** Tables whose ids the generator chose; their sequences must continue after the demo rows. */
const explicitIdTables = [
  'plaatsingseenheid',
  'vergunninghouder',
  'woningaanbod',
  'voordracht',
  'message',
];

/**
 * Fills an empty database with fictitious demo data: reference data, demo accounts, locations,
 * thousands of vergunninghouders in every fase and everything around them. Deterministic for a
 * given reference date. Refuses a database that already has accounts.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<SeedDemoSummary> {
  const started = performance.now();
  const referenceDate = options.referenceDate ?? new Date();
  const progress = options.onProgress ?? (() => undefined);

  await seedReferenceData(db);
  if (await hasAccounts(db)) {
    throw new Error('Demodata kan alleen in een database zonder accounts worden geladen.');
  }

  const summary = await db.transaction().execute(async (trx) => {
    progress('Accounts en locaties');
    const locaties = await insertLocaties(trx);
    const accounts = await insertAccounts(trx);
    const gemeenten = await trx
      .selectFrom('gemeente')
      .select(['id', 'naam', 'provincie', 'inwoners', 'regio_code'])
      .orderBy('id')
      .execute();
    const gemeenteId = (naam: string) => gemeenten.find((g) => g.naam === naam)?.id ?? 0;
    const gemeenteIds = { utrecht: gemeenteId('Utrecht'), zeist: gemeenteId('Zeist') };
    const casemanagerByLocatie = await linkAccounts(trx, accounts, locaties, gemeenteIds);
    progress('Taakstelling');
    await insertTaakstelling(trx, referenceDate);

    progress('Vergunninghouders genereren');
    const staff = (email: string): StaffRef => {
      const a = accounts.find((x) => x.email === email);
      if (!a) throw new Error(`Demo-account ${email} ontbreekt`);
      return { id: a.id, naam: a.name, email: a.email };
    };
    const regievoerderByRegio = Object.fromEntries(
      accounts
        .filter((a) => a.coa_role === 'regievoerder' && a.regio_code !== null)
        .map((a) => [a.regio_code, a.id]),
    ) as Record<RegioCode, number>;
    const context: DemoContext = {
      random: new Random(seed ^ toDay(referenceDate)),
      refDay: toDay(referenceDate),
      gemeenten,
      azcIds: locaties.filter((l) => l.soort === 'azc').map((l) => l.id),
      colId: locaties.find((l) => l.soort === 'col')?.id ?? 0,
      casemanagerByLocatie,
      otherCasemanagers: accounts
        .filter((a) => a.coa_role === 'casemanager')
        .map((a) => staff(a.email)),
      colMedewerker: staff('col-medewerker@demo.tvs.local'),
      regievoerderByRegio,
      contactAccounts: {
        gemeente: accountId(accounts, 'gemeente@demo.tvs.local'),
        corporatie: accountId(accounts, 'corporatie@demo.tvs.local'),
        socialeDienst: accountId(accounts, 'sociale-dienst@demo.tvs.local'),
        vwn: accountId(accounts, 'vluchtelingenwerk@demo.tvs.local'),
      },
      utrechtId: gemeenteIds.utrecht,
      zeistId: gemeenteIds.zeist,
    };
    const rows = generateAll(context, options.persons ?? 5_200);

    for (const table of insertOrder) {
      progress(`${table}: ${rows[table].length} rijen`);
      await insertBatches(trx, table, rows[table] as Insertable<Database[typeof table]>[]);
    }
    // The demo's field changes are history, already shown as its notifications: the events
    // their rows queued are not to be delivered again.
    await trx
      .updateTable('outbox')
      .set({ status: 'done', processed_at: new Date() })
      .where('status', '=', 'pending')
      .execute();
    await checkFase2Overschrijdingen(trx, dayText(context.refDay), { queue: false });
    for (const table of explicitIdTables) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'),
        (SELECT coalesce(max(id), 0) + 1 FROM ${sql.table(table)}), false)`.execute(trx);
    }
    return {
      accounts: accounts.length,
      vergunninghouders: rows.vergunninghouder.length,
      plaatsingseenheden: rows.plaatsingseenheid.length,
    };
  });

  return { ...summary, seconds: (performance.now() - started) / 1000 };
}
