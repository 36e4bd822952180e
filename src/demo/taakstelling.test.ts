import { describe, expect, it } from 'vitest';

import { loadGemeenten } from '../organisatie/reference-data.ts';
import {
  halfjaarOf,
  landelijkeTaakstelling,
  recentHalfjaren,
  spreadByInhabitants,
} from './taakstelling.ts';

describe('taakstelling spreading', () => {
  it('spreads a national total over all gemeenten so the parts add up exactly', () => {
    const gemeenten = loadGemeenten();
    for (const total of [15_000, 13_000, 1, 341, 343]) {
      const parts = spreadByInhabitants(total, gemeenten);
      expect(parts.reduce((sum, p) => sum + p.aantal, 0)).toBe(total);
    }
  });

  it('gives a larger gemeente at least as many people as a smaller one', () => {
    const parts = spreadByInhabitants(15_000, loadGemeenten());
    const of = (naam: string) => parts.find((p) => p.gemeente.naam === naam)?.aantal ?? -1;
    expect(of('Amsterdam')).toBeGreaterThan(of('Utrecht'));
    expect(of('Utrecht')).toBeGreaterThan(of('Zeist'));
    expect(of('Amsterdam')).toBeGreaterThan(700);
  });

  it('lists the last four half years up to the reference date', () => {
    expect(recentHalfjaren(new Date('2026-12-10T12:00:00Z'), 4)).toEqual([
      '2025-H1',
      '2025-H2',
      '2026-H1',
      '2026-H2',
    ]);
    expect(halfjaarOf(new Date('2026-06-30T12:00:00Z'))).toBe('2026-H1');
    expect(landelijkeTaakstelling('2025-H1')).toBe(15_000);
    expect(landelijkeTaakstelling('2025-H2')).toBe(13_000);
  });
});
