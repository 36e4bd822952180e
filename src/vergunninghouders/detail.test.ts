import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../policy/rights.ts';
import { type TestApp, createTestApp, gemeenteId, signedInClient } from '../testing/app.ts';
import { createHousehold } from '../testing/households.ts';
import { faseDeadline } from './fase.ts';
import { fieldSpecs } from './fields.ts';

let t: TestApp;
let main = '';
let partner = '';
let zeistPerson = '';
let bsn = '';
let iban = '';

/**
 * Who may see what, written out from the rights table independently of the code: the fields
 * of each protected category, and the roles that see it. All other fields are for everyone.
 */
const protectedFields: Record<string, { fields: string[]; roles: Role[] }> = {
  identificatie: {
    fields: ['bsn', 'iban', 'pasnummer', 'telefoonnummer'],
    roles: ['gemeente', 'sociale-dienst'],
  },
  beperking: { fields: ['beperkingHuisvesting'], roles: ['gemeente', 'corporatie'] },
  medisch: {
    fields: ['medischeBijzonderheden', 'smaAanvraagDatum', 'smaAdvies', 'smaBesluitDatum'],
    roles: ['gemeente'],
  },
  huisvesting: {
    fields: ['concreetWoningaanbod', 'huurcontract'],
    roles: ['gemeente', 'corporatie'],
  },
  screening: {
    fields: [
      'screeningDatum',
      'screeningBeroep',
      'screeningWerkervaring',
      'screeningOpleiding',
      'screeningTalen',
      'matchingRegio',
    ],
    roles: ['gemeente', 'sociale-dienst', 'vluchtelingenwerk'],
  },
  coaIntern: { fields: ['blokkadeReden', 'koppelingHistorie', 'blokkadeHistorie'], roles: [] },
};

const coaRoles: Role[] = ['coa-beheerder', 'regievoerder', 'casemanager', 'col-medewerker'];
const contactRoles: Role[] = ['gemeente', 'corporatie', 'sociale-dienst', 'vluchtelingenwerk'];

function maySee(role: Role, field: string): boolean {
  if (coaRoles.includes(role)) return true;
  const group = Object.values(protectedFields).find((g) => g.fields.includes(field));
  return group ? group.roles.includes(role) : true;
}

/** Distinctive values of the protected fields, to look for in the markup. */
const secrets: Record<string, string> = {
  pasnummer: 'PAS-UNIEK-4471',
  telefoonnummer: '06 99887766',
  beperkingHuisvesting: 'Rolstoel-UNIEK',
  medischeBijzonderheden: 'Medisch-UNIEK',
  smaAdvies: 'SMA-advies-UNIEK',
  smaAanvraagDatum: '13-02-2025',
  smaBesluitDatum: '17-03-2025',
  screeningBeroep: 'Beroep-UNIEK',
  screeningWerkervaring: 'Werkervaring-UNIEK',
  screeningOpleiding: 'Opleiding-UNIEK',
  screeningTalen: 'Talen-UNIEK',
  screeningDatum: '19-04-2025',
  blokkadeReden: 'Blokkade-UNIEK',
  huurcontract: 'Corporatie-UNIEK',
  concreetWoningaanbod: 'Aanbodlaan',
};

beforeAll(async () => {
  t = await createTestApp();
  const household = await createHousehold(t.db, {
    gemeente: 'Utrecht',
    voordracht: true,
    persons: [
      {
        achternaam: 'Haddad',
        voornamen: 'Samir',
        telefoonnummer: '06 99887766',
        pasnummer: 'PAS-UNIEK-4471',
        beperking_huisvesting: 'Rolstoel-UNIEK',
        medische_bijzonderheden: 'Medisch-UNIEK',
        sma_aanvraag_datum: '2025-02-13',
        sma_advies: 'SMA-advies-UNIEK',
        sma_besluit_datum: '2025-03-17',
        screening_datum: '2025-04-19',
        screening_beroep: 'Beroep-UNIEK',
        screening_werkervaring: 'Werkervaring-UNIEK',
        screening_opleiding: 'Opleiding-UNIEK',
        screening_talen: 'Talen-UNIEK',
        matching_regio_code: 'zuid',
        geblokkeerd: true,
        blokkade_reden: 'Blokkade-UNIEK',
      },
      { achternaam: 'Haddad', voornamen: 'Lina', geslacht: 'vrouw' },
    ],
  });
  [main = '', partner = ''] = household.vNummers;
  await t.db
    .insertInto('huurcontract')
    .values({
      plaatsingseenheid_id: household.ple,
      voordracht_id: null,
      gemeente_id: await gemeenteId(t.db, 'Utrecht'),
      corporatie: 'Corporatie-UNIEK',
      straat: 'Huurweg',
      huisnummer: '3',
      postcode: '3521 AB',
      woonplaats: 'Utrecht',
      ingangsdatum: '2026-11-20',
      recorded_by: null,
    })
    .execute();
  const identity = await t.db
    .selectFrom('vergunninghouder')
    .select(['bsn', 'iban'])
    .where('v_nummer', '=', main)
    .executeTakeFirstOrThrow();
  bsn = identity.bsn ?? '';
  iban = identity.iban ?? '';
  const zeist = await createHousehold(t.db, { gemeente: 'Zeist', persons: [{ achternaam: 'Z' }] });
  zeistPerson = zeist.vNummers[0] ?? '';
});

afterAll(async () => {
  await t.close();
});

const clientFor = (role: Role) => signedInClient(t.app, role);

describe('the detail of a vergunninghouder, per role and field', () => {
  const allFields = [
    ...fieldSpecs.map((s) => s.key),
    'huurcontract',
    'anderePersonen',
    'koppelingHistorie',
    'blokkadeHistorie',
  ];

  for (const role of [...coaRoles, ...contactRoles]) {
    it(`sends a ${role} exactly the fields the role may see, in JSON and HTML`, async () => {
      const client = await clientFor(role);
      const api = await client.get(`/api/v1/vergunninghouders/${main}`);
      expect(api.statusCode).toBe(200);
      const json = api.json<Record<string, unknown>>();
      const page = await client.get(`/vergunninghouders/${main}`);
      expect(page.statusCode).toBe(200);

      for (const field of allFields) {
        const allowed = maySee(role, field);
        expect(field in json, `${role} ${field} in JSON`).toBe(allowed);
        if (fieldSpecs.some((s) => s.key === field)) {
          expect(page.body.includes(`data-veld="${field}"`), `${role} ${field} in HTML`).toBe(
            allowed,
          );
        }
        const secret = secrets[field];
        if (secret) {
          expect(page.body.includes(secret), `${role} value of ${field} in HTML`).toBe(allowed);
          expect(api.body.includes(secret.replace(/^(\d\d)-(\d\d)-(\d{4})$/, '$3-$2-$1'))).toBe(
            allowed,
          );
        }
      }
      const identity = maySee(role, 'bsn');
      expect(page.body.includes(bsn), `${role} BSN in HTML`).toBe(identity);
      expect(page.body.includes(iban), `${role} IBAN in HTML`).toBe(identity);
      expect(api.body.includes(bsn)).toBe(identity);
    });
  }

  it('shows the sections, the other person, the lease and the fase with its deadline', async () => {
    const client = await clientFor('gemeente');
    const page = await client.get(`/vergunninghouders/${main}`);
    for (const heading of [
      'Basisgegevens',
      'Koppelinggegevens',
      'Overige gegevens',
      'Plaatsingskenmerken',
      'Plaatsingseenheid + downloads',
      'Huurcontract',
      'Screening &amp; Matching',
      'Andere personen in deze plaatsingseenheid',
    ]) {
      expect(page.body).toContain(`>${heading}</h2>`);
      expect(page.body).toContain(`>${heading}</a>`);
    }
    expect(page.body).toContain(`href="/vergunninghouders/${partner}"`);
    expect(page.body).toContain('Huurweg 3, 3521 AB Utrecht');
    const json = (await client.get(`/api/v1/vergunninghouders/${main}`)).json<{
      fase: string;
      faseDeadline: string;
    }>();
    expect(json.fase).toBe('fase-3');
    expect(json.faseDeadline).toBe('2026-12-04');

    await t.db
      .updateTable('setting')
      .set({ value: '3' })
      .where('key', '=', 'fase3.weken')
      .execute();
    const longer = await client.get(`/api/v1/vergunninghouders/${main}`);
    expect(longer.json<{ faseDeadline: string }>().faseDeadline).toBe('2026-12-11');
    await t.db
      .updateTable('setting')
      .set({ value: '2' })
      .where('key', '=', 'fase3.weken')
      .execute();
  });

  it('says so when nobody else is in the household', async () => {
    const client = await clientFor('gemeente');
    const page = await client.get(`/vergunninghouders/${zeistPerson}`);
    expect(page.body).toContain('Geen andere personen in deze plaatsingseenheid.');
    expect(page.body).toContain('Geen huurcontract bekend');
  });

  it('refuses a person outside the contact person’s gemeenten on page and API, logged', async () => {
    const client = await clientFor('corporatie'); // Utrecht only
    const page = await client.get(`/vergunninghouders/${zeistPerson}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('>Z<');
    const api = await client.get(`/api/v1/vergunninghouders/${zeistPerson}`);
    expect(api.statusCode).toBe(403);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const refusals = await t.db
      .selectFrom('processing_log')
      .select('details')
      .where('action', '=', 'refuse')
      .where('actor_id', '=', t.accounts.corporatie)
      .execute();
    expect(refusals.map((r) => r.details.path)).toEqual([
      `/vergunninghouders/${zeistPerson}`,
      `/api/v1/vergunninghouders/${zeistPerson}`,
    ]);
  });

  it('answers 404 for an unknown V-nummer', async () => {
    const client = await clientFor('coa-beheerder');
    expect((await client.get('/api/v1/vergunninghouders/1234567890')).statusCode).toBe(404);
    expect((await client.get('/vergunninghouders/1234567890')).statusCode).toBe(404);
  });

  it('logs the view of the person and of each other person shown', async () => {
    const client = await clientFor('sociale-dienst');
    const before = await t.db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await client.get(`/vergunninghouders/${main}`);
    const rows = await t.db
      .selectFrom('processing_log')
      .select(['subject_id', 'details', 'activity'])
      .where('actor_id', '=', t.accounts['sociale-dienst'])
      .where('action', '=', 'read')
      .where('subject_type', '=', 'vergunninghouder')
      .where('id', '>', before.id)
      .execute();
    expect(rows.map((r) => r.subject_id).sort()).toEqual([main, partner].sort());
    expect(rows.every((r) => r.activity === 'huisvesting-vergunninghouders')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Haddad');
  });
});

describe('faseDeadline', () => {
  const durations = { 'fase-1': 2, 'fase-2': 10, 'fase-3': 2 };
  const facts = {
    verblijfsvergunningDatum: '2026-09-01',
    koppeldatum: '2026-10-01',
    huurcontractDatum: '2026-11-20',
  };

  it('counts each fase from its own start and the configured weeks', () => {
    expect(faseDeadline({ ...facts, fase: 'fase-1' }, durations, '2026-09-10')).toEqual({
      deadline: '2026-09-15',
      dagenOver: 5,
    });
    expect(faseDeadline({ ...facts, fase: 'fase-2' }, durations, '2026-12-20')).toEqual({
      deadline: '2026-12-10',
      dagenOver: -10,
    });
    expect(
      faseDeadline({ ...facts, fase: 'fase-2' }, { ...durations, 'fase-2': 12 }, '2026-12-20'),
    ).toEqual({ deadline: '2026-12-24', dagenOver: 4 });
    expect(faseDeadline({ ...facts, fase: 'historisch' }, durations, '2026-12-20')).toEqual({
      deadline: null,
      dagenOver: null,
    });
  });
});
