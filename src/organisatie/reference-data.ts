import { readFileSync } from 'node:fs';

import type { Db } from '../db/database.ts';
import type { RegioCode } from '../db/schema.ts';

export const regios: readonly { code: RegioCode; naam: string }[] = [
  { code: 'noord', naam: 'Noord' },
  { code: 'oost', naam: 'Oost' },
  { code: 'midden', naam: 'Midden' },
  { code: 'zuidwest', naam: 'Zuidwest' },
  { code: 'zuid', naam: 'Zuid' },
];

/** COA's uitplaatsingsregio per province, spelled as the gemeente.provincie CHECK has it. */
export const regioByProvincie: Readonly<Record<string, RegioCode>> = {
  Groningen: 'noord',
  Fryslân: 'noord',
  Drenthe: 'noord',
  Overijssel: 'oost',
  Gelderland: 'oost',
  Flevoland: 'midden',
  Utrecht: 'midden',
  'Noord-Holland': 'midden',
  'Zuid-Holland': 'zuidwest',
  Zeeland: 'zuidwest',
  'Noord-Brabant': 'zuid',
  Limburg: 'zuid',
};

/** The CBS list writes the Frisian province in Dutch; the province's official name is Fryslân. */
const provincieSpelling: Readonly<Record<string, string>> = { Friesland: 'Fryslân' };

export interface GemeenteRecord {
  naam: string;
  provincie: string;
  inwoners: number;
  regioCode: RegioCode;
}

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** The 342 gemeenten of 2025 with province, inhabitants and region, read from the CSV. */
export function loadGemeenten(): GemeenteRecord[] {
  const text = readFileSync(new URL('./gemeenten-2025.csv', import.meta.url), 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(1).map((line) => {
    const [naam = '', csvProvincie = '', inwoners = ''] = parseCsvLine(line);
    const provincie = provincieSpelling[csvProvincie] ?? csvProvincie;
    const regioCode = regioByProvincie[provincie];
    if (!regioCode || !/^[0-9]+$/.test(inwoners)) {
      throw new Error(`Ongeldige regel in gemeenten-2025.csv: ${line}`);
    }
    return { naam, provincie, inwoners: Number(inwoners), regioCode };
  });
}

/**
 * Inserts the regions and gemeenten that are missing. Safe at every start: existing rows are
 * left as they are, so changes made by a COA-beheerder survive.
 */
export async function seedReferenceData(db: Db): Promise<void> {
  const gemeenten = loadGemeenten();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('regio')
      .values([...regios])
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    await trx
      .insertInto('gemeente')
      .values(
        gemeenten.map((g) => ({
          naam: g.naam,
          provincie: g.provincie,
          inwoners: g.inwoners,
          regio_code: g.regioCode,
        })),
      )
      .onConflict((oc) => oc.column('naam').doNothing())
      .execute();
  });
}
