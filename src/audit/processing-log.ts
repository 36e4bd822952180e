import type { Db } from '../db/database.ts';
import type { ProcessingAction } from '../db/schema.ts';

/** Processing activities (verwerkingsactiviteiten) under which personal data is handled. */
export type ProcessingActivity =
  | 'authenticatie'
  | 'accountbeheer'
  | 'contactpersonenbeheer'
  | 'startpagina'
  | 'huisvesting-vergunninghouders'
  | 'overdracht-klantprofiel'
  | 'nareizigers'
  | 'hervestiging'
  | 'toegangscontrole'
  | 'functioneel-beheer';

export interface ProcessingEntry {
  traceId: string;
  actorId: number | null;
  activity: ProcessingActivity;
  action: ProcessingAction;
  subjectType?: string;
  subjectId?: string | number;
  /** Ids, counts and field names only: never names, BSNs or free text about people. */
  details?: Record<string, unknown>;
}

/**
 * Writes one row of the Logboek Dataverwerkingen. Pass the transaction of the change so the
 * row commits or rolls back with it.
 */
export async function recordProcessing(db: Db, entry: ProcessingEntry): Promise<void> {
  await recordProcessingMany(db, [entry]);
}

export async function recordProcessingMany(db: Db, entries: ProcessingEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('processing_log')
    .values(
      entries.map((e) => ({
        trace_id: e.traceId,
        actor_id: e.actorId,
        activity: e.activity,
        action: e.action,
        subject_type: e.subjectType ?? null,
        subject_id: e.subjectId === undefined ? null : String(e.subjectId),
        details: JSON.stringify(e.details ?? {}),
      })),
    )
    .execute();
}
