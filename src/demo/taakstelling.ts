/** Half years as 'YYYY-H1' / 'YYYY-H2'. */
export function halfjaarOf(date: Date): string {
  return `${date.getUTCFullYear()}-H${date.getUTCMonth() < 6 ? 1 : 2}`;
}

export function previousHalfjaar(halfjaar: string): string {
  const year = Number(halfjaar.slice(0, 4));
  return halfjaar.endsWith('H2') ? `${year}-H1` : `${year - 1}-H2`;
}

/** The given number of half years up to and including the one the date falls in, oldest first. */
export function recentHalfjaren(date: Date, count: number): string[] {
  const result = [halfjaarOf(date)];
  while (result.length < count) result.unshift(previousHalfjaar(result[0] ?? ''));
  return result;
}

/**
 * National taakstelling totals. 2025 are the published totals; 2026-H1 and 2026-H2 (and any
 * other half year) are demo assumptions, as no circular was at hand when this was written.
 */
const landelijkeTotalen: Readonly<Record<string, number>> = {
  '2025-H1': 15_000,
  '2025-H2': 13_000,
  '2026-H1': 13_000,
  '2026-H2': 13_000,
};

export function landelijkeTaakstelling(halfjaar: string): number {
  return landelijkeTotalen[halfjaar] ?? 13_000;
}

/**
 * Spreads a total over gemeenten in proportion to inhabitants by the largest-remainder method,
 * so the parts add up to the total exactly. Ties go to the larger gemeente, then by name, so the
 * outcome does not depend on input order.
 */
export function spreadByInhabitants<T extends { naam: string; inwoners: number }>(
  total: number,
  gemeenten: readonly T[],
): { gemeente: T; aantal: number }[] {
  const inwoners = gemeenten.reduce((sum, g) => sum + g.inwoners, 0);
  const parts = gemeenten.map((gemeente) => {
    const exact = (total * gemeente.inwoners) / inwoners;
    return { gemeente, aantal: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = total - parts.reduce((sum, p) => sum + p.aantal, 0);
  const order = [...parts].sort(
    (a, b) =>
      b.remainder - a.remainder ||
      b.gemeente.inwoners - a.gemeente.inwoners ||
      a.gemeente.naam.localeCompare(b.gemeente.naam),
  );
  for (const part of order) {
    if (left <= 0) break;
    part.aantal++;
    left--;
  }
  return parts.map(({ gemeente, aantal }) => ({ gemeente, aantal }));
}
