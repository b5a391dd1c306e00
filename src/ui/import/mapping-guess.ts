/** Picks the first header containing one of the hints (case-insensitive), else the fallback column index. */
export function guessColumn(headers: string[], hints: string[], fallback: number): number {
  const lower = headers.map((h) => h.toLowerCase());
  for (const hint of hints) {
    const i = lower.findIndex((h) => h.includes(hint));
    if (i >= 0) return i;
  }
  return fallback < headers.length ? fallback : -1;
}
