import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TestClient, type TestApp, createTestApp, gemeenteId } from '../testing/app.ts';
import { createHousehold } from '../testing/households.ts';

let t: TestApp;
let coa: TestClient;
let locatieA: number;
let locatieB: number;

/** V-nummers of the fixture households, by a short name. */
let v: Record<string, string> = {};
let pleJansen = 0;

beforeAll(async () => {
  t = await createTestApp();
  const utrecht = await gemeenteId(t.db, 'Utrecht');
  const locaties = await t.db
    .insertInto('locatie')
    .values([
      { naam: 'AZC Testdorp', soort: 'azc', gemeente_id: utrecht },
      { naam: 'AZC Proefstad', soort: 'azc', gemeente_id: utrecht },
    ])
    .returning('id')
    .execute();
  locatieA = locaties[0]?.id ?? 0;
  locatieB = locaties[1]?.id ?? 0;

  const jansen = await createHousehold(t.db, {
    gemeente: 'Utrecht',
    persons: [
      { achternaam: 'Jansen', voornamen: 'Ahmad', etniciteit: 'Arabisch', locatie_id: locatieA },
      {
        achternaam: 'Jansen',
        voornamen: 'Rana',
        geslacht: 'vrouw',
        etniciteit: 'Arabisch',
        sma_aanvraag_datum: '2026-09-20',
        locatie_id: locatieA,
      },
      {
        achternaam: 'Jansen',
        voornamen: 'Omar',
        rol_in_ple: 'kind',
        geboortedatum: '2018-05-05',
        locatie_id: locatieA,
      },
    ],
    klantprofiel: [0],
    gesprek: [0],
  });
  pleJansen = jansen.ple;
  const [ahmad = '', rana = '', omar = ''] = jansen.vNummers;
  v = { ahmad, rana, omar };

  const bakker = await createHousehold(t.db, {
    gemeente: 'Utrecht',
    huurcontract: true,
    persons: [
      {
        achternaam: 'Bakker',
        geslacht: 'vrouw',
        nationaliteit: 'Eritrea',
        geblokkeerd: true,
        blokkade_reden: 'Onderzoek',
        locatie_id: locatieB,
      },
    ],
  });
  v.bakker = bakker.vNummers[0] ?? '';

  const devries = await createHousehold(t.db, {
    gemeente: 'Zeist',
    voordracht: true,
    persons: [
      { achternaam: 'de Vries', nationaliteit: 'Afghanistan' },
      { achternaam: 'de Vries', nationaliteit: 'Afghanistan', geslacht: 'vrouw' },
    ],
    nareisprofiel: [1],
  });
  v.devries1 = devries.vNummers[0] ?? '';
  v.devries2 = devries.vNummers[1] ?? '';

  const yilmaz = await createHousehold(t.db, {
    gemeente: 'Amsterdam',
    persons: [{ achternaam: 'Yılmaz', nationaliteit: 'Turkije' }],
  });
  v.yilmaz = yilmaz.vNummers[0] ?? '';

  const ozturk = await createHousehold(t.db, {
    persons: [
      { achternaam: 'Öztürk', geslacht: 'vrouw', locatie_id: locatieB, etniciteit: 'Koerdisch' },
    ],
  });
  v.ozturk = ozturk.vNummers[0] ?? '';

  const smit = await createHousehold(t.db, {
    gemeente: 'Utrecht',
    gehuisvestOp: '2026-11-10',
    persons: [{ achternaam: 'Smit' }],
  });
  v.smit = smit.vNummers[0] ?? '';

  coa = new TestClient(t.app);
  await coa.logIn('coa-beheerder@test.tvs.local');
});

afterAll(async () => {
  await t.close();
});

interface Found {
  totaal: number;
  resultaten: { vNummer: string; fase: string; personenInPle: number }[];
}

async function search(client: TestClient, query: string): Promise<Found> {
  const response = await client.get(`/api/v1/vergunninghouders?perPagina=100&${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Found>();
}

async function found(query: string, client = coa): Promise<string[]> {
  const result = await search(client, query);
  expect(result.totaal).toBe(result.resultaten.length);
  return result.resultaten.map((r) => r.vNummer).sort();
}

const names = (...keys: string[]) => keys.map((k) => v[k] ?? k).sort();
const everyoneNotHoused = [
  'ahmad',
  'rana',
  'omar',
  'bakker',
  'devries1',
  'devries2',
  'yilmaz',
  'ozturk',
] as const;

describe('search criteria, each alone', () => {
  it('shows everyone not yet housed by default (Historisch Nee)', async () => {
    expect(await found('')).toEqual(names(...everyoneNotHoused));
  });

  it('filters on Historisch: Ja, Nee and Ja + nee', async () => {
    expect(await found('historisch=ja')).toEqual(names('smit'));
    expect(await found('historisch=nee')).toEqual(names(...everyoneNotHoused));
    expect(await found('historisch=beide')).toEqual(names(...everyoneNotHoused, 'smit'));
  });

  it('filters on Fase', async () => {
    expect(await found('fase=fase-1')).toEqual(names('ozturk'));
    expect(await found('fase=fase-2')).toEqual(
      names('ahmad', 'rana', 'omar', 'devries1', 'devries2', 'yilmaz'),
    );
    expect(await found('fase=fase-3')).toEqual(names('bakker'));
  });

  it('filters on V-nummer', async () => {
    expect(await found(`vNummer=${v.rana}`)).toEqual(names('rana'));
  });

  it('filters on BSN', async () => {
    const bsn = await t.db
      .selectFrom('vergunninghouder')
      .select('bsn')
      .where('v_nummer', '=', v.yilmaz ?? '')
      .executeTakeFirstOrThrow();
    expect(await found(`bsn=${bsn.bsn}`)).toEqual(names('yilmaz'));
  });

  it('filters on AZC', async () => {
    expect(await found(`azc=${locatieA}`)).toEqual(names('ahmad', 'rana', 'omar'));
    expect(await found(`azc=${locatieB}`)).toEqual(names('bakker', 'ozturk'));
  });

  it('filters on PLE', async () => {
    expect(await found(`ple=${pleJansen}`)).toEqual(names('ahmad', 'rana', 'omar'));
  });

  it('filters on Nationaliteit', async () => {
    expect(await found('nationaliteit=Afghanistan')).toEqual(names('devries1', 'devries2'));
  });

  it('filters on Gekoppelde Gemeente', async () => {
    const zeist = await gemeenteId(t.db, 'Zeist');
    expect(await found(`gemeente=${zeist}`)).toEqual(names('devries1', 'devries2'));
  });

  it('filters on the start of the Achternaam, ignoring case and keeping diacritics', async () => {
    expect(await found('achternaam=jan')).toEqual(names('ahmad', 'rana', 'omar'));
    expect(await found('achternaam=De%20V')).toEqual(names('devries1', 'devries2'));
    expect(await found(`achternaam=${encodeURIComponent('Öz')}`)).toEqual(names('ozturk'));
    expect(await found('achternaam=%25')).toEqual([]);
  });

  it('filters on Etniciteit', async () => {
    expect(await found('etniciteit=Koerdisch')).toEqual(names('ozturk'));
  });

  it('filters on Geslacht: Man, Vrouw and Beide', async () => {
    expect(await found('geslacht=vrouw')).toEqual(names('rana', 'bakker', 'devries2', 'ozturk'));
    expect(await found('geslacht=man')).toEqual(names('ahmad', 'omar', 'devries1', 'yilmaz'));
    expect(await found('geslacht=beide')).toEqual(names(...everyoneNotHoused));
  });

  it('filters on Klantprofiel', async () => {
    expect(await found('klantprofiel=ja')).toEqual(names('ahmad'));
    expect(await found('klantprofiel=nee')).toHaveLength(everyoneNotHoused.length - 1);
  });

  it('filters on Nareisprofiel', async () => {
    expect(await found('nareisprofiel=ja')).toEqual(names('devries2'));
    expect(await found('nareisprofiel=nee')).not.toContain(v.devries2);
  });

  it('filters on Concreet woningaanbod', async () => {
    expect(await found('woningaanbod=ja')).toEqual(names('devries1', 'devries2'));
    expect(await found('woningaanbod=nee')).not.toContain(v.devries1);
  });

  it('filters on Geblokkeerd', async () => {
    expect(await found('geblokkeerd=ja')).toEqual(names('bakker'));
    expect(await found('geblokkeerd=nee')).not.toContain(v.bakker);
  });

  it('filters on Gesprek Gevoerd', async () => {
    expect(await found('gesprekGevoerd=ja')).toEqual(names('ahmad'));
    expect(await found('gesprekGevoerd=nee')).not.toContain(v.ahmad);
  });

  it('filters on SMA', async () => {
    expect(await found('sma=ja')).toEqual(names('rana'));
    expect(await found('sma=nee')).not.toContain(v.rana);
  });

  it('filters on Personen in PLE, from and up to and including', async () => {
    expect(await found('personenVan=3')).toEqual(names('ahmad', 'rana', 'omar'));
    expect(await found('personenVan=2&personenTot=2')).toEqual(names('devries1', 'devries2'));
    expect(await found('personenTot=1')).toEqual(names('bakker', 'yilmaz', 'ozturk'));
  });
});

describe('search criteria, combined', () => {
  it('requires every criterion to hold', async () => {
    expect(await found('fase=fase-2&geslacht=vrouw')).toEqual(names('rana', 'devries2'));
    expect(await found(`azc=${locatieA}&klantprofiel=nee&geslacht=man`)).toEqual(names('omar'));
    expect(await found('historisch=beide&achternaam=s')).toEqual(names('smit'));
    expect(await found('fase=fase-2&personenTot=2&woningaanbod=nee')).toEqual(names('yilmaz'));
  });

  it('sorts by any column in both directions, and pages through the results', async () => {
    const up = await search(coa, 'sorteer=personen&richting=op');
    const sizes = up.resultaten.map((r) => r.personenInPle);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    const ascending = await search(coa, 'sorteer=vNummer&richting=op');
    const descending = await search(coa, 'sorteer=vNummer&richting=af');
    const order = ascending.resultaten.map((r) => r.vNummer);
    expect(order).toEqual([...order].sort());
    expect(descending.resultaten.map((r) => r.vNummer)).toEqual([...order].reverse());

    const first = await coa.get('/api/v1/vergunninghouders?perPagina=10&pagina=1');
    expect(first.json<Found>().totaal).toBe(everyoneNotHoused.length);
    const second = await coa.get('/api/v1/vergunninghouders?perPagina=10&pagina=2');
    expect(second.json<Found>().resultaten).toEqual([]);
  });

  it('refuses criteria it cannot read with a message per criterion', async () => {
    const response = await coa.get('/api/v1/vergunninghouders?vNummer=123&personenVan=x');
    expect(response.statusCode).toBe(400);
    const problem = response.json<{ errors: Record<string, string> }>();
    expect(Object.keys(problem.errors).sort()).toEqual(['personenVan', 'vNummer']);
  });
});

describe('search scope', () => {
  it('shows a contact person only the people of their gemeenten', async () => {
    const gemeente = new TestClient(t.app);
    await gemeente.logIn('gemeente@test.tvs.local'); // Utrecht and Zeist
    expect(await found('historisch=beide', gemeente)).toEqual(
      names('ahmad', 'rana', 'omar', 'bakker', 'devries1', 'devries2', 'smit'),
    );
    const corporatie = new TestClient(t.app);
    await corporatie.logIn('corporatie@test.tvs.local'); // Utrecht only
    expect(await found('', corporatie)).toEqual(names('ahmad', 'rana', 'omar', 'bakker'));
  });

  it('refuses a contact person a gemeente that is not theirs, and logs it', async () => {
    const corporatie = new TestClient(t.app);
    await corporatie.logIn('corporatie@test.tvs.local');
    const zeist = await gemeenteId(t.db, 'Zeist');
    const response = await corporatie.get(`/api/v1/vergunninghouders?gemeente=${zeist}`);
    expect(response.statusCode).toBe(403);
    const refusal = await t.db
      .selectFrom('processing_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'refuse')
      .where('actor_id', '=', t.accounts.corporatie)
      .executeTakeFirst();
    expect(refusal?.details).toMatchObject({ path: '/api/v1/vergunninghouders' });
  });

  it('refuses a criterion of data the role may not see (BSN for a corporatie)', async () => {
    const corporatie = new TestClient(t.app);
    await corporatie.logIn('corporatie@test.tvs.local');
    const bsn = await corporatie.get('/api/v1/vergunninghouders?bsn=111222333');
    expect(bsn.statusCode).toBe(403);
    const klantprofiel = await corporatie.get('/api/v1/vergunninghouders?klantprofiel=ja');
    expect(klantprofiel.statusCode).toBe(403);
    const page = await corporatie.get('/vergunninghouders');
    expect(page.body).not.toContain('name="bsn"');
    expect(page.body).not.toContain('name="klantprofiel"');
    expect(page.body).toContain('name="woningaanbod"');
  });

  it('puts a regievoerder’s own region first', async () => {
    const regievoerder = new TestClient(t.app); // regio Midden: Utrecht, Zeist, Amsterdam
    await regievoerder.logIn('regievoerder@test.tvs.local');
    const result = await search(regievoerder, 'sorteer=achternaam');
    const firstOutside = result.resultaten.findIndex((r) => r.vNummer === v.ozturk);
    expect(firstOutside).toBe(result.resultaten.length - 1);
  });
});

describe('the processing log of a search', () => {
  it('records each person shown, with the criteria but without identifying values', async () => {
    const client = new TestClient(t.app);
    await client.logIn('gemeente@test.tvs.local');
    const before = await t.db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const response = await client.get('/api/v1/vergunninghouders?achternaam=Jansen&fase=fase-2');
    expect(response.json<Found>().totaal).toBe(3);
    const rows = await t.db
      .selectFrom('processing_log')
      .select(['subject_id', 'details', 'trace_id'])
      .where('actor_id', '=', t.accounts.gemeente)
      .where('activity', '=', 'huisvesting-vergunninghouders')
      .where('id', '>', before.id)
      .execute();
    expect(rows.map((r) => r.subject_id).sort()).toEqual(names('ahmad', 'rana', 'omar'));
    for (const row of rows) {
      expect(row.details).toEqual({
        soort: 'zoeken',
        criteria: { fase: 'fase-2', achternaam: '(opgegeven)' },
        resultaten: 3,
      });
      expect(JSON.stringify(row.details)).not.toContain('Jansen');
    }
  });
});
