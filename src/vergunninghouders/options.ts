import type { Db } from '../db/database.ts';
import { searchOptions } from './search-repository.ts';

type Options = Awaited<ReturnType<typeof searchOptions>>;

/** The choices change rarely and reading them scans the table, so they are kept a while. */
const MAX_AGE_MS = 5 * 60 * 1000;
const cache = new WeakMap<Db, { at: number; options: Promise<Options> }>();

export function cachedSearchOptions(db: Db, now = Date.now()): Promise<Options> {
  const hit = cache.get(db);
  if (hit && now - hit.at < MAX_AGE_MS) return hit.options;
  const options = searchOptions(db);
  cache.set(db, { at: now, options });
  options.catch(() => cache.delete(db));
  return options;
}
