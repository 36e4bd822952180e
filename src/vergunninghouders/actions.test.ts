import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../policy/rights.ts';
import { type TestApp, createTestApp, gemeenteId, signedInClient } from '../testing/app.ts';
import { createHousehold } from '../testing/households.ts';

let t: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const naam of ['Utrecht', 'Zeist', 'Groningen']) {
    ids[naam] = await gemeenteId(t.db, naam);
  }
});

afterAll(async () => {
  await t.close();
});

const clientFor = (role: Role) => signedInClient(t.app, role);

async function person(vNummer: string) {
  return t.db
    .selectFrom('vergunninghouder')
    .selectAll()
    .where('v_nummer', '=', vNummer)
    .executeTakeFirstOrThrow();
}

describe('koppeling', () => {
  it('links the whole household to a gemeente of the regievoerder’s region: fase 2', async () => {
    const household = await createHousehold(t.db, {
      persons: [{ achternaam: 'Koppel' }, { achternaam: 'Koppel' }],
    });
    const [first = '', second = ''] = household.vNummers;
    const client = await clientFor('regievoerder');
    const response = await client.json('PUT', `/api/v1/vergunninghouders/${first}/koppeling`, {
      gemeenteId: ids.Utrecht,
      koppeldatum: '2026-11-02',
    });
    expect(response.statusCode, response.body).toBe(204);

    for (const v of [first, second]) {
      const row = await person(v);
      expect(row.fase).toBe('fase-2');
      expect(row.gemeente_id).toBe(ids.Utrecht);
    }
    const history = await t.db
      .selectFrom('koppeling_historie')
      .selectAll()
      .where('plaatsingseenheid_id', '=', household.ple)
      .execute();
    expect(history).toMatchObject([{ actie: 'gekoppeld', gemeente_id: ids.Utrecht }]);
    const outbox = await t.db.selectFrom('outbox').select('payload').execute();
    expect(outbox.map((o) => o.payload)).toContainEqual(
      expect.objectContaining({ plaatsingseenheidId: household.ple, actie: 'gekoppeld' }),
    );
    const logged = await t.db
      .selectFrom('processing_log')
      .select('subject_id')
      .where('action', '=', 'update')
      .where(
        'trace_id',
        'in',
        t.db
          .selectFrom('processing_log')
          .select('trace_id')
          .where('subject_id', '=', first)
          .where('action', '=', 'update'),
      )
      .execute();
    expect(logged.map((l) => l.subject_id).sort()).toEqual([first, second].sort());
  });

  it('changes a koppeling only with a reason, keeping the history', async () => {
    const household = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      persons: [{ achternaam: 'Wissel' }],
    });
    const v = household.vNummers[0] ?? '';
    const client = await clientFor('regievoerder');
    const url = `/api/v1/vergunninghouders/${v}/koppeling`;

    const noReason = await client.json('PUT', url, { gemeenteId: ids.Zeist });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ errors: Record<string, string> }>().errors).toHaveProperty('reden');
    expect((await person(v)).gemeente_id).toBe(ids.Utrecht);

    const same = await client.json('PUT', url, { gemeenteId: ids.Utrecht, reden: 'x' });
    expect(same.statusCode).toBe(409);

    const changed = await client.json('PUT', url, {
      gemeenteId: ids.Zeist,
      reden: 'Grotere woning beschikbaar in Zeist',
    });
    expect(changed.statusCode).toBe(204);
    expect((await person(v)).gemeente_id).toBe(ids.Zeist);

    const undo = await client.json('DELETE', url, { reden: 'Verkeerde plaatsingseenheid' });
    expect(undo.statusCode).toBe(204);
    const after = await person(v);
    expect(after.fase).toBe('fase-1');
    expect(after.gemeente_id).toBeNull();

    const history = await t.db
      .selectFrom('koppeling_historie')
      .select(['actie', 'reden'])
      .where('plaatsingseenheid_id', '=', household.ple)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { actie: 'gewijzigd', reden: 'Grotere woning beschikbaar in Zeist' },
      { actie: 'ongedaan-gemaakt', reden: 'Verkeerde plaatsingseenheid' },
    ]);
  });

  it('refuses a gemeente outside the region, other roles, and a household with a lease', async () => {
    const free = await createHousehold(t.db, { persons: [{ achternaam: 'Vrij' }] });
    const leased = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      huurcontract: true,
      persons: [{ achternaam: 'Gehuurd' }],
    });
    const regievoerder = await clientFor('regievoerder');
    const url = (v: string | undefined) => `/api/v1/vergunninghouders/${v ?? ''}/koppeling`;

    const groningen = await regievoerder.json('PUT', url(free.vNummers[0]), {
      gemeenteId: ids.Groningen,
    });
    expect(groningen.statusCode).toBe(403);
    const lease = await regievoerder.json('PUT', url(leased.vNummers[0]), {
      gemeenteId: ids.Zeist,
      reden: 'Poging',
    });
    expect(lease.statusCode).toBe(409);
    for (const role of ['casemanager', 'gemeente'] as const) {
      const other = await clientFor(role);
      const refused = await other.json('PUT', url(free.vNummers[0]), { gemeenteId: ids.Utrecht });
      expect(refused.statusCode, role).toBe(403);
    }
    expect((await person(free.vNummers[0] ?? '')).fase).toBe('fase-1');
  });

  it('links from the detail page, and shows a refused form again with its message', async () => {
    const household = await createHousehold(t.db, { persons: [{ achternaam: 'Formulier' }] });
    const v = household.vNummers[0] ?? '';
    const client = await clientFor('regievoerder');
    const page = await client.get(`/vergunninghouders/${v}`);
    expect(page.body).toContain('Koppelen aan een gemeente');

    const future = await client.post(`/vergunninghouders/${v}/koppeling`, {
      gemeenteId: String(ids.Zeist),
      koppeldatum: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('De koppeldatum ligt in de toekomst.');
    expect(future.body).toContain('aria-invalid="true"');

    const ok = await client.post(`/vergunninghouders/${v}/koppeling`, {
      gemeenteId: String(ids.Zeist),
      koppeldatum: '2026-11-15',
    });
    expect(ok.statusCode).toBe(303);
    const shown = await client.get(`/vergunninghouders/${v}`);
    expect(shown.body).toContain('De plaatsingseenheid is gekoppeld.');
    expect(shown.body).toContain('Koppeling wijzigen');
  });
});

describe('blokkade', () => {
  it('blocks and unblocks with a reason, kept in the history', async () => {
    const household = await createHousehold(t.db, { persons: [{ achternaam: 'Blok' }] });
    const v = household.vNummers[0] ?? '';
    const client = await clientFor('regievoerder');
    const url = `/api/v1/vergunninghouders/${v}/blokkade`;

    const noReason = await client.json('PUT', url, { geblokkeerd: true, reden: '' });
    expect(noReason.statusCode).toBe(400);
    expect(
      await client.json('PUT', url, { geblokkeerd: true, reden: 'Dossier onvolledig' }),
    ).toHaveProperty('statusCode', 204);
    expect((await person(v)).geblokkeerd).toBe(true);
    expect(
      (await client.json('PUT', url, { geblokkeerd: true, reden: 'Nog eens' })).statusCode,
    ).toBe(409);
    expect(
      await client.json('PUT', url, { geblokkeerd: false, reden: 'Dossier compleet' }),
    ).toHaveProperty('statusCode', 204);
    const after = await person(v);
    expect(after.geblokkeerd).toBe(false);
    expect(after.blokkade_reden).toBeNull();

    const history = await t.db
      .selectFrom('blokkade_historie')
      .select(['geblokkeerd', 'reden'])
      .where('vergunninghouder_id', '=', after.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { geblokkeerd: true, reden: 'Dossier onvolledig' },
      { geblokkeerd: false, reden: 'Dossier compleet' },
    ]);
    const gemeente = await clientFor('gemeente');
    expect((await gemeente.json('PUT', url, { geblokkeerd: true, reden: 'x' })).statusCode).toBe(
      403,
    );
  });
});

describe('correcting data', () => {
  it('records a change event for each field gemeenten can follow, in one go', async () => {
    const household = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      persons: [{ achternaam: 'Correctie', telefoonnummer: '06 11111111' }],
    });
    const v = household.vNummers[0] ?? '';
    const client = await clientFor('casemanager');
    const response = await client.json('PATCH', `/api/v1/vergunninghouders/${v}`, {
      telefoonnummer: '06 22222222',
      voornamen: 'Nieuwe',
      werk: 'Heftruckchauffeur, contract tot 2027',
      iban: 'nl91 abna 0417 1643 00',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ gewijzigd: string[] }>().gewijzigd.sort()).toEqual(
      ['iban', 'telefoonnummer', 'voornamen', 'werk'].sort(),
    );
    const row = await person(v);
    expect(row.iban).toBe('NL91ABNA0417164300');
    const events = await t.db
      .selectFrom('change_event')
      .select(['field', 'old_value', 'new_value', 'actor_id'])
      .where('vergunninghouder_id', '=', row.id)
      .orderBy('field')
      .execute();
    expect(events.map((e) => e.field)).toEqual(['iban', 'telefoonnummer', 'werk']);
    expect(events[1]).toEqual({
      field: 'telefoonnummer',
      old_value: '06 11111111',
      new_value: '06 22222222',
      actor_id: t.accounts.casemanager,
    });
  });

  it('saves nothing when one field is invalid, and names each invalid field', async () => {
    const household = await createHousehold(t.db, { persons: [{ achternaam: 'Fout' }] });
    const v = household.vNummers[0] ?? '';
    const before = await person(v);
    const client = await clientFor('coa-beheerder');
    const response = await client.json('PATCH', `/api/v1/vergunninghouders/${v}`, {
      achternaam: 'Anders',
      bsn: '123456789',
      geboortedatum: '2026-02-30',
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json<{ errors: object }>().errors).sort()).toEqual([
      'bsn',
      'geboortedatum',
    ]);
    expect(await person(v)).toEqual(before);
  });

  it('shows the correction form to COA staff only, with messages at the fields', async () => {
    const household = await createHousehold(t.db, { persons: [{ achternaam: 'Scherm' }] });
    const v = household.vNummers[0] ?? '';
    const gemeente = await clientFor('gemeente');
    expect((await gemeente.get(`/vergunninghouders/${v}/wijzigen`)).statusCode).toBe(403);
    expect(
      (await gemeente.json('PATCH', `/api/v1/vergunninghouders/${v}`, { werk: 'x' })).statusCode,
    ).toBe(403);

    const coa = await clientFor('regievoerder');
    const form = await coa.get(`/vergunninghouders/${v}/wijzigen`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Scherm"');
    const refused = await coa.post(`/vergunninghouders/${v}/wijzigen`, {
      achternaam: '',
      bsn: '999',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Dit veld is verplicht.');
    expect(refused.body).toContain('elfproef');
    const saved = await coa.post(`/vergunninghouders/${v}/wijzigen`, {
      achternaam: 'Scherm-Jansen',
    });
    expect(saved.statusCode).toBe(303);
    expect((await person(v)).achternaam).toBe('Scherm-Jansen');
  });
});
