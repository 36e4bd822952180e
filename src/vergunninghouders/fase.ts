import type { Fase } from '../db/schema.ts';

export const faseLabels: Record<Fase, string> = {
  'fase-1': 'Fase 1 – koppeling',
  'fase-2': 'Fase 2 – huisvesting zoeken',
  'fase-3': 'Fase 3 – verhuizen',
  historisch: 'Historisch – gehuisvest',
};

/** Weeks each fase may take; configuration in the setting table, these are the defaults. */
export interface FaseDurations {
  'fase-1': number;
  'fase-2': number;
  'fase-3': number;
}

const defaults: FaseDurations = { 'fase-1': 2, 'fase-2': 10, 'fase-3': 2 };

/** The settings that hold the durations, in weeks. */
export const faseSettingKeys = ['fase1.weken', 'fase2.weken', 'fase3.weken'];

/** The durations from the settings' values by key; a missing or odd value keeps its default. */
export function faseDurationsFrom(values: Record<string, string> | null): FaseDurations {
  const durations = { ...defaults };
  for (const [key, value] of Object.entries(values ?? {})) {
    const weeks = Number(value);
    if (!faseSettingKeys.includes(key) || !Number.isInteger(weeks) || weeks < 0) continue;
    const fase = `fase-${key.charAt(4)}` as keyof FaseDurations;
    durations[fase] = weeks;
  }
  return durations;
}

/** The facts of a household that its fase deadline counts from. */
export interface FaseFacts {
  fase: Fase;
  /** The newest residence permit in the household: fase 1 starts there. */
  verblijfsvergunningDatum: string;
  koppeldatum: string | null;
  huurcontractDatum: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The deadline of the current fase and the days left until it (negative once it has passed);
 * both null for a household that is housed.
 */
export function faseDeadline(
  facts: FaseFacts,
  durations: FaseDurations,
  today: string,
): { deadline: string | null; dagenOver: number | null } {
  const start =
    facts.fase === 'fase-1'
      ? facts.verblijfsvergunningDatum
      : facts.fase === 'fase-2'
        ? facts.koppeldatum
        : facts.fase === 'fase-3'
          ? facts.huurcontractDatum
          : null;
  if (facts.fase === 'historisch' || start === null) return { deadline: null, dagenOver: null };
  const deadline = addDays(start, 7 * durations[facts.fase]);
  const dagenOver = Math.round((Date.parse(deadline) - Date.parse(today)) / DAY_MS);
  return { deadline, dagenOver };
}

const dutchDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** Today's date in the Netherlands, as YYYY-MM-DD. */
export function todayText(now: Date = new Date()): string {
  return dutchDate.format(now);
}
