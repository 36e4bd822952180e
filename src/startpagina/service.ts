import { recordProcessing } from '../audit/processing-log.ts';
import type { Db } from '../db/database.ts';
import type { RegioCode } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { type Actor, assertCan } from '../policy/policy.ts';

const WELCOME_KEY = 'welkomsttekst';
export const WELCOME_MAX_LENGTH = 5000;

export const defaultWelcomeText = [
  'Welkom in het Taakstellingvolgsysteem (TVS).',
  'In TVS deelt het COA gegevens over vergunninghouders met gemeenten, zodat zij hen kunnen ' +
    'huisvesten en hun inburgering vanaf de eerste dag kan beginnen. U ziet alleen de gegevens ' +
    'die voor uw rol nodig zijn, en het klantprofiel alleen als de vergunninghouder daarvoor ' +
    'toestemming heeft gegeven.',
  'Heeft u een vraag over een koppeling of de huisvesting? Neem dan contact op met de ' +
    'regievoerder van uw regio hieronder.',
].join('\n\n');

export async function getWelcomeText(db: Db): Promise<string> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', WELCOME_KEY)
    .executeTakeFirst();
  return row?.value ?? defaultWelcomeText;
}

/** Replaces the welcome text of the Startpagina (COA-beheerder only). */
export async function setWelcomeText(
  db: Db,
  actor: Actor,
  text: string,
  traceId: string,
): Promise<void> {
  const cleaned = text.replace(/\r\n/g, '\n').trim();
  if (cleaned.length === 0) throw errors.invalid({ welkomsttekst: 'Vul een welkomsttekst in.' });
  if (cleaned.length > WELCOME_MAX_LENGTH) {
    throw errors.invalid({
      welkomsttekst: `De welkomsttekst mag hoogstens ${WELCOME_MAX_LENGTH} tekens lang zijn.`,
    });
  }

  assertCan(actor, 'welkomsttekst.wijzigen');

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('setting')
      .values({ key: WELCOME_KEY, value: cleaned, changed_by: actor.id })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ value: cleaned, changed_by: actor.id, changed_at: new Date() }),
      )
      .execute();
    await recordProcessing(trx, {
      traceId,
      actorId: actor.id,
      activity: 'functioneel-beheer',
      action: 'update',
      subjectType: 'instelling',
      subjectId: WELCOME_KEY,
    });
  });
}

export interface RegionOverview {
  code: RegioCode;
  naam: string;
  gemeenten: { id: number; naam: string }[];
  regievoerders: { name: string; phone: string | null; email: string }[];
}

/** The five uitplaatsingsregio's with their gemeenten and regievoerders. */
export async function listRegions(db: Db): Promise<RegionOverview[]> {
  const [regions, gemeenten, regievoerders] = await Promise.all([
    db.selectFrom('regio').select(['code', 'naam']).execute(),
    db.selectFrom('gemeente').select(['id', 'naam', 'regio_code']).orderBy('naam').execute(),
    db
      .selectFrom('account')
      .select(['name', 'phone', 'email', 'regio_code'])
      .where('coa_role', '=', 'regievoerder')
      .where('removed_at', 'is', null)
      .orderBy('name')
      .execute(),
  ]);
  const order: RegioCode[] = ['noord', 'oost', 'midden', 'zuidwest', 'zuid'];
  return regions
    .sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))
    .map((region) => ({
      code: region.code,
      naam: region.naam,
      gemeenten: gemeenten
        .filter((g) => g.regio_code === region.code)
        .map((g) => ({ id: g.id, naam: g.naam })),
      regievoerders: regievoerders
        .filter((r) => r.regio_code === region.code)
        .map((r) => ({ name: r.name, phone: r.phone, email: r.email })),
    }));
}
