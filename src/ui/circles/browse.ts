import type { Circle } from '../../core/circles';

/** Catalog browsing: by main topic, and a search over both languages' names, descriptions, operator and statement names. */
export function mainTopic(circle: Circle): string {
  return Object.entries(circle.topics).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

export function filterCatalog(catalog: Circle[], topic: string, query: string): Circle[] {
  const q = query.trim().toLowerCase();
  return catalog.filter((c) => {
    if (topic && !(topic in c.topics)) return false;
    if (!q) return true;
    return [c.name.zh, c.name.en, c.description.zh, c.description.en, c.operator, ...(c.merchants ?? [])].some((s) => s.toLowerCase().includes(q));
  });
}

/** Circles shown at first and added per "show more": the whole catalog at once was a page 15,000 px long. */
export const BROWSE_PAGE = 12;
