import type { Population } from './generate.ts';

/** Messages between bench/run.ts and its server process (bench/server.ts). */

export interface Ready {
  type: 'ready';
  appUrl: string;
  baselineUrl: string;
  cookie: string;
  searchPath: string;
  gemeente: { id: number; naam: string };
  detailVNummers: string[];
  population: Population;
  databaseVersion: string;
  searchSql: { sql: string; parameters: readonly unknown[] }[];
}

export type Request =
  { type: 'explain'; id: number } | { type: 'query'; id: number; sql: string } | { type: 'stop' };

export interface Reply {
  type: 'reply';
  id: number;
  rows?: unknown[];
  plans?: string[];
  error?: string;
}

/** What the API does beyond the baseline, in steps, so the difference can be taken apart. */
export const baselineSteps = {
  '/zoeken': 'baseline: the two search statements',
  '/zoeken/sessie': '+ session and actor (loadSession)',
  '/zoeken/sessie/logboek': '+ processing log (recordReads, 25 rows): the same SQL as the API',
} as const;
