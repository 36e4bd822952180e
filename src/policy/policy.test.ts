import { describe, expect, it } from 'vitest';

import type { ContactRole } from '../db/schema.ts';
import { type Actor, can, canSee } from './policy.ts';
import { type Action, actionRights, allRoles, type DataCategory, type Role } from './rights.ts';

/**
 * The data rights of contact persons, written out independently of rights.ts: a change there
 * that is not meant must fail here.
 */
const expectedData: Record<ContactRole, Record<DataCategory, boolean>> = {
  gemeente: {
    basisgegevens: true,
    identificatie: true,
    'beperking-huisvesting': true,
    medisch: true,
    klantprofiel: true,
    formulieren: true,
    huisvesting: true,
    'screening-matching': true,
    'coa-intern': false,
  },
  corporatie: {
    basisgegevens: true,
    identificatie: false,
    'beperking-huisvesting': true,
    medisch: false,
    klantprofiel: false,
    formulieren: false,
    huisvesting: true,
    'screening-matching': false,
    'coa-intern': false,
  },
  'sociale-dienst': {
    basisgegevens: true,
    identificatie: true,
    'beperking-huisvesting': false,
    medisch: false,
    klantprofiel: true,
    formulieren: true,
    huisvesting: false,
    'screening-matching': true,
    'coa-intern': false,
  },
  vluchtelingenwerk: {
    basisgegevens: true,
    identificatie: false,
    'beperking-huisvesting': false,
    medisch: false,
    klantprofiel: true,
    formulieren: false,
    huisvesting: false,
    'screening-matching': true,
    'coa-intern': false,
  },
};

const UTRECHT = 1;
const ZEIST = 2;

function actorWith(role: Role): Actor {
  const contact = !['coa-beheerder', 'regievoerder', 'casemanager', 'col-medewerker'].includes(
    role,
  );
  return {
    id: 1,
    name: 'Test',
    email: 'test@example.nl',
    coaRole: contact ? null : (role as Actor['coaRole']),
    regioCode: role === 'regievoerder' ? 'midden' : null,
    memberships: contact
      ? [{ gemeenteId: UTRECHT, gemeenteNaam: 'Utrecht', role: role as ContactRole }]
      : [],
    locatieIds: [],
  };
}

describe('the rights matrix', () => {
  const categories = Object.keys(expectedData.gemeente) as DataCategory[];

  for (const role of Object.keys(expectedData) as ContactRole[]) {
    for (const category of categories) {
      const allowed = expectedData[role][category];
      it(`${allowed ? 'lets' : 'does not let'} a ${role} see ${category} in their gemeente`, () => {
        expect(canSee(actorWith(role), category, UTRECHT)).toBe(allowed);
      });
    }
  }

  it('lets no contact person see anything about a person of another gemeente', () => {
    for (const role of Object.keys(expectedData) as ContactRole[]) {
      for (const category of categories) {
        expect(canSee(actorWith(role), category, ZEIST)).toBe(false);
        expect(canSee(actorWith(role), category, null)).toBe(false);
      }
    }
  });

  it('lets COA staff see every category', () => {
    for (const role of [
      'coa-beheerder',
      'regievoerder',
      'casemanager',
      'col-medewerker',
    ] as const) {
      for (const category of categories) expect(canSee(actorWith(role), category, null)).toBe(true);
    }
  });

  it('decides every action for every role exactly as the table says', () => {
    for (const action of Object.keys(actionRights) as Action[]) {
      for (const role of allRoles) {
        expect(can(actorWith(role), action)).toBe(actionRights[action].includes(role));
      }
    }
  });

  it('gives only the COA-beheerder functional administration and the welcome text', () => {
    const admins = allRoles.filter((role) => can(actorWith(role), 'beheer.openen'));
    expect(admins).toEqual(['coa-beheerder']);
    const editors = allRoles.filter((role) => can(actorWith(role), 'welkomsttekst.wijzigen'));
    expect(editors).toEqual(['coa-beheerder']);
  });

  it('uses the role a contact person has in the gemeente at hand', () => {
    const mixed: Actor = {
      ...actorWith('gemeente'),
      memberships: [
        { gemeenteId: UTRECHT, gemeenteNaam: 'Utrecht', role: 'gemeente' },
        { gemeenteId: ZEIST, gemeenteNaam: 'Zeist', role: 'corporatie' },
      ],
    };
    expect(canSee(mixed, 'medisch', UTRECHT)).toBe(true);
    expect(canSee(mixed, 'medisch', ZEIST)).toBe(false);
    expect(can(mixed, 'contactpersonen.beheren', ZEIST)).toBe(false);
    expect(can(mixed, 'contactpersonen.beheren', UTRECHT)).toBe(true);
  });
});
