// The indicator catalog, loaded once and shared by every page that lets a person pick an indicator.
import { getJson, type CatalogIndicator, type Page } from './api';

let cached: Promise<CatalogIndicator[]> | null = null;

export function loadCatalog(): Promise<CatalogIndicator[]> {
  cached ??= getJson<Page<CatalogIndicator>>('/api/catalog', { limit: 1000 }).then((p) => p.items);
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

/** Options for a searchable select: the name, and the synonyms so 研发投入强度 finds 研发经费投入强度. */
export function catalogOptions(catalog: readonly CatalogIndicator[]) {
  return catalog.map((c) => ({
    value: c.id,
    label: `${c.name}${c.unit ? `（${c.unit}）` : ''}`,
    search: [c.name, c.id, ...c.synonyms].join(' '),
  }));
}
