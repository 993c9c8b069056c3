/**
 * Monitoring's region view: per product group, how many of the region's recorded tenders
 * applied MVI and which criteria, and per municipality where it shares its details (one's own
 * always). Municipalities that share counts only are in the totals, not named; what a viewer
 * sees follows the same reciprocity as the advice.
 */
import {
  DEFAULT_SHARING,
  visibleLevel,
  type NeighbourRecord,
  type SharingLevel,
  type SharingSettings,
} from './neighbours.js';

export interface CriterionUse {
  id: string;
  title: string;
  tenders: number;
}

export interface RegionGroupFigures {
  tenders: number;
  withMvi: number;
  /** Share of tenders with at least one MVI criterion, 0..1 (null without tenders). */
  share: number | null;
  criteria: CriterionUse[];
}

export interface RegionMonitoring {
  since: number;
  sharing: SharingLevel;
  groups: (RegionGroupFigures & {
    productGroupId: string;
    name: string;
    municipalities: (RegionGroupFigures & { municipalityId: string; name: string })[];
    /** Tenders of municipalities that share counts only (not named). */
    unnamed: number;
  })[];
}

const TOP = 5;

function figures(records: readonly NeighbourRecord[], title: (id: string) => string): RegionGroupFigures {
  const counts = new Map<string, number>();
  for (const r of records)
    for (const id of new Set(r.appliedCriteria)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const withMvi = records.filter((r) => r.appliedCriteria.length > 0).length;
  return {
    tenders: records.length,
    withMvi,
    share: records.length ? withMvi / records.length : null,
    criteria: [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP)
      .map(([id, tenders]) => ({ id, title: title(id), tenders })),
  };
}

export function regionMonitoring(input: {
  records: readonly NeighbourRecord[];
  sharing: ReadonlyMap<string, SharingSettings>;
  viewerMunicipalityId: string;
  since: number;
  municipalityName: (id: string) => string;
  groupName: (id: string) => string;
  criterionTitle: (id: string) => string;
}): RegionMonitoring {
  const viewer = {
    municipalityId: input.viewerMunicipalityId,
    sharing: input.sharing.get(input.viewerMunicipalityId)?.level ?? DEFAULT_SHARING,
  };
  const levelOf = (municipalityId: string): SharingLevel =>
    visibleLevel(viewer, {
      municipalityId,
      sharing: input.sharing.get(municipalityId)?.level ?? DEFAULT_SHARING,
    });
  const visible = input.records.filter((r) => r.year >= input.since && levelOf(r.municipalityId) !== 'none');
  const byGroup = new Map<string, NeighbourRecord[]>();
  for (const r of visible)
    for (const g of new Set(r.productGroupIds)) byGroup.set(g, [...(byGroup.get(g) ?? []), r]);
  const groups = [...byGroup].map(([productGroupId, records]) => {
    const named = new Map<string, NeighbourRecord[]>();
    let unnamed = 0;
    for (const r of records) {
      if (levelOf(r.municipalityId) === 'details')
        named.set(r.municipalityId, [...(named.get(r.municipalityId) ?? []), r]);
      else unnamed += 1;
    }
    return {
      productGroupId,
      name: input.groupName(productGroupId),
      ...figures(records, input.criterionTitle),
      municipalities: [...named]
        .map(([municipalityId, own]) => ({
          municipalityId,
          name: input.municipalityName(municipalityId),
          ...figures(own, input.criterionTitle),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
      unnamed,
    };
  });
  groups.sort((a, b) => b.tenders - a.tenders || a.name.localeCompare(b.name, 'nl'));
  return { since: input.since, sharing: viewer.sharing, groups };
}
