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

interface PendingRead {
  entries: ProcessingEntry[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface ReadBatch {
  pending: PendingRead[];
  flushing: boolean;
}

const MAX_ROWS_PER_INSERT = 1000;
const readBatches = new WeakMap<Db, ReadBatch>();

async function flushReads(db: Db, batch: ReadBatch): Promise<void> {
  batch.flushing = true;
  while (batch.pending.length > 0) {
    const taken = batch.pending.splice(0, batch.pending.length);
    const rows = taken.flatMap((p) => p.entries);
    try {
      for (let start = 0; start < rows.length; start += MAX_ROWS_PER_INSERT) {
        await recordProcessingMany(db, rows.slice(start, start + MAX_ROWS_PER_INSERT));
      }
      for (const p of taken) p.resolve();
    } catch (error) {
      for (const p of taken) p.reject(error);
    }
  }
  batch.flushing = false;
}

/**
 * Records reads of personal data that happen outside a transaction. Requests that read at the
 * same time share one INSERT (group commit): rows that arrive while a write is under way go
 * together in the next one. The promise settles once the rows are stored, so a caller shows
 * nothing before it is logged.
 */
export function recordReads(db: Db, entries: ProcessingEntry[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  let batch = readBatches.get(db);
  if (!batch) {
    batch = { pending: [], flushing: false };
    readBatches.set(db, batch);
  }
  const open = batch;
  const stored = new Promise<void>((resolve, reject) => {
    open.pending.push({ entries, resolve, reject });
  });
  if (!open.flushing) void flushReads(db, open);
  return stored;
}
