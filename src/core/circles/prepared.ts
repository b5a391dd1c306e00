import { isSensitive } from '../categorize/taxonomy';
import { checkStatementNames } from './statement-names';
import type { Circle } from './types';

/**
 * What matching needs of one catalog circle, worked out once: its topics with weight (and their norm), the sensitive
 * ones among them, and its statement names when they read as such. The suggestions and "why not" read the same.
 */
export interface Prepared { circle: Circle; entries: [string, number][]; norm: number; sensitive: string[]; statementNames: string[] }

export function prepareCircle(circle: Circle): Prepared {
  const entries = Object.entries(circle.topics ?? {}).filter(([, w]) => w > 0);
  const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
  const names = circle.merchants === undefined ? undefined : checkStatementNames(circle.merchants);
  return { circle, entries, norm, sensitive: entries.map(([t]) => t).filter(isSensitive), statementNames: names?.ok ? names.names : [] };
}
