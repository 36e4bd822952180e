import { sql } from 'kysely';

import type { Db } from '../db/database.ts';
import { faseDurationsFrom, faseSettingKeys, todayText } from '../vergunninghouders/fase.ts';

/**
 * Scheduled checks. Overschrijding fase 2: a household linked to a gemeente whose fase 2 has
 * lasted longer than its configured weeks without a lease. Each koppeling raises the event
 * once (`fase2_overschrijding` remembers it, in the same statement that queues it), however
 * often the check runs and however many instances run it. With `queue: false` the overruns
 * are only recorded, as history (the demo data).
 */
export async function checkFase2Overschrijdingen(
  db: Db,
  today = todayText(),
  options: { queue: boolean } = { queue: true },
): Promise<number> {
  const settings = await db
    .selectFrom('setting')
    .select(['key', 'value'])
    .where('key', 'in', faseSettingKeys)
    .execute();
  const weeks = faseDurationsFrom(Object.fromEntries(settings.map((s) => [s.key, s.value])))[
    'fase-2'
  ];
  const result = await sql<{ n: number }>`
    WITH te_laat AS (
      INSERT INTO fase2_overschrijding (plaatsingseenheid_id, koppeldatum, gemeente_id)
      SELECT k.plaatsingseenheid_id, k.koppeldatum, k.gemeente_id
      FROM koppeling k
      WHERE k.koppeldatum + make_interval(weeks => ${weeks}) < ${today}::date
        AND NOT EXISTS (
          SELECT 1 FROM huurcontract h WHERE h.plaatsingseenheid_id = k.plaatsingseenheid_id)
        AND EXISTS (
          SELECT 1 FROM vergunninghouder v
          WHERE v.plaatsingseenheid_id = k.plaatsingseenheid_id AND v.fase = 'fase-2')
      ON CONFLICT DO NOTHING
      RETURNING plaatsingseenheid_id, koppeldatum, gemeente_id
    ), queued AS (
      INSERT INTO outbox (topic, payload)
      SELECT 'fase2.overschreden', json_build_object('versie', 1,
        'plaatsingseenheidId', plaatsingseenheid_id, 'gemeenteId', gemeente_id,
        'koppeldatum', koppeldatum)
      FROM te_laat
      WHERE ${options.queue}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM te_laat)::integer AS n`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Runs the checks now and then every `intervalMs`; `stop` ends the schedule. */
export function startScheduler(
  db: Db,
  onError: (error: unknown) => void,
  intervalMs = 15 * 60_000,
): { stop: () => void } {
  const run = () => {
    checkFase2Overschrijdingen(db).catch(onError);
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
    },
  };
}
