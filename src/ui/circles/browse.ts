import type { Circle } from '../../core/circles';
import { topicName } from '../../core/categorize/taxonomy';

/**
 * Catalog browsing: by main topic, and a search over both languages' names, descriptions, operator and statement
 * names, and the names of the circle's topics (咖啡 finds every coffee circle, not only those that say 咖啡).
 */
export function mainTopic(circle: Circle): string {
  return Object.entries(circle.topics).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

export function filterCatalog(catalog: Circle[], topic: string, query: string): Circle[] {
  const q = query.trim().toLowerCase();
  return catalog.filter((c) => {
    if (topic && !(topic in c.topics)) return false;
    if (!q) return true;
    const topics = Object.keys(c.topics).flatMap((id) => [topicName(id, 'zh-CN'), topicName(id, 'en')]);
    return [c.name.zh, c.name.en, c.description.zh, c.description.en, c.operator, c.operatorEn ?? '', ...(c.merchants ?? []), ...topics].some((s) => s.toLowerCase().includes(q));
  });
}

/** Circles shown at first and added per "show more": the whole catalog at once was a page 15,000 px long. */
export const BROWSE_PAGE = 12;
