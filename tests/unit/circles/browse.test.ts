import { describe, expect, it } from 'vitest';
import type { Circle } from '../../../src/core/circles';
import catalogJson from '../../../src/hub/seed/catalog.json';
import { filterCatalog } from '../../../src/ui/circles/browse';

const catalog = catalogJson as unknown as Circle[];
const ids = (found: Circle[]) => found.map((c) => c._id).sort();

describe('searching the circle catalog', () => {
  it("finds circles by their topics' names in either language, not only by the words in their names", () => {
    const coffee = ids(catalog.filter((c) => 'coffee' in c.topics));
    expect(coffee.length).toBeGreaterThanOrEqual(4);
    expect(ids(filterCatalog(catalog, '', '咖啡'))).toEqual(expect.arrayContaining(coffee));
    expect(ids(filterCatalog(catalog, '', 'Coffee'))).toEqual(expect.arrayContaining(coffee));
  });

  it('still finds by name, operator and statement name, and narrows by main topic', () => {
    expect(ids(filterCatalog(catalog, '', 'luckin'))).toContain('coffee-luckin-sh');
    expect(filterCatalog(catalog, '', 'zzzz-nothing')).toEqual([]);
    expect(filterCatalog(catalog, 'coffee', '').every((c) => 'coffee' in c.topics)).toBe(true);
  });
});
