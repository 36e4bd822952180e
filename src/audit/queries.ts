import type { Db } from '../db/database.ts';

export const LOG_PAGE_SIZE = 50;

/** One page of the processing log, newest first, with the actor's name. */
export async function listProcessing(db: Db, page: number) {
  const offset = (Math.max(1, page) - 1) * LOG_PAGE_SIZE;
  const [rows, total] = await Promise.all([
    db
      .selectFrom('processing_log')
      .leftJoin('account', 'account.id', 'processing_log.actor_id')
      .select([
        'processing_log.id',
        'processing_log.at',
        'processing_log.trace_id',
        'processing_log.activity',
        'processing_log.action',
        'processing_log.subject_type',
        'processing_log.subject_id',
        'processing_log.details',
        'account.name as actor_name',
      ])
      .orderBy('processing_log.id', 'desc')
      .limit(LOG_PAGE_SIZE)
      .offset(offset)
      .execute(),
    db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
