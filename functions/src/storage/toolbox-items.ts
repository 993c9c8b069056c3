/**
 * Toolbox items (examples and pages) in Table storage, versioned: the current version per item
 * and every earlier version with who changed it and when. Writes use the entity's ETag, so two
 * editors saving at once cannot silently overwrite each other.
 */
import { RestError } from '@azure/data-tables';
import { conflict, toolboxItem, type ToolboxItem } from '../../../core/src/index.js';
import { encodeKey } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

interface Row {
  partitionKey: string;
  rowKey: string;
  data: string;
  etag?: string;
}

const regionPartition = (regionId: string): string => `region-${regionId}`;
const partitionOf = (item: Pick<ToolboxItem, 'regionWide' | 'regionId' | 'municipalityId'>): string =>
  item.regionWide ? regionPartition(item.regionId) : item.municipalityId;

export interface ToolboxItemStore {
  /** The municipality's own items and the region-wide ones. */
  list(municipalityId: string, regionId: string): Promise<ToolboxItem[]>;
  get(
    municipalityId: string,
    regionId: string,
    id: string,
  ): Promise<{ item: ToolboxItem; etag: string } | undefined>;
  /** Creates version 1; conflict when the id exists. */
  create(item: ToolboxItem): Promise<void>;
  /** Saves a new version if the stored one still has `etag`. */
  update(item: ToolboxItem, etag: string): Promise<void>;
  versions(
    item: Pick<ToolboxItem, 'regionWide' | 'regionId' | 'municipalityId' | 'id'>,
  ): Promise<ToolboxItem[]>;
}

export function createToolboxItemStore(storage: Storage): ToolboxItemStore {
  const items = storage.table(TABLES.toolboxItems);
  const history = storage.table(TABLES.toolboxItemVersions);
  const parse = (row: { data: string }): ToolboxItem => toolboxItem.parse(JSON.parse(row.data));
  const historyPartition = (
    item: Pick<ToolboxItem, 'regionWide' | 'regionId' | 'municipalityId' | 'id'>,
  ): string => `${encodeKey(partitionOf(item))}_${encodeKey(item.id)}`;
  const writeHistory = (item: ToolboxItem): Promise<unknown> =>
    history.upsertEntity(
      {
        partitionKey: historyPartition(item),
        rowKey: String(item.version).padStart(6, '0'),
        data: JSON.stringify(item),
      },
      'Replace',
    );

  async function listPartition(partition: string): Promise<ToolboxItem[]> {
    const out: ToolboxItem[] = [];
    for await (const row of items.listEntities<Row>({
      queryOptions: { filter: `PartitionKey eq '${encodeKey(partition)}'` },
    }))
      out.push(parse(row));
    return out;
  }

  async function getRow(partition: string, id: string): Promise<Row | undefined> {
    try {
      return await items.getEntity<Row>(encodeKey(partition), encodeKey(id));
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  const stale = conflict({
    nl: 'Iemand anders heeft dit intussen gewijzigd. Laad de nieuwste versie en breng uw wijziging opnieuw aan.',
    en: 'Someone else changed this in the meantime. Load the latest version and make your change again.',
  });

  return {
    async list(municipalityId, regionId) {
      const [own, region] = await Promise.all([
        listPartition(municipalityId),
        listPartition(regionPartition(regionId)),
      ]);
      return [...own, ...region].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    async get(municipalityId, regionId, id) {
      const row = (await getRow(municipalityId, id)) ?? (await getRow(regionPartition(regionId), id));
      return row ? { item: parse(row), etag: row.etag ?? '' } : undefined;
    },
    async create(item) {
      try {
        await items.createEntity({
          partitionKey: encodeKey(partitionOf(item)),
          rowKey: encodeKey(item.id),
          data: JSON.stringify(toolboxItem.parse(item)),
        });
      } catch (error) {
        if (error instanceof RestError && error.statusCode === 409) {
          throw conflict({
            nl: 'Er bestaat al een item met deze titel.',
            en: 'An item with this title already exists.',
          });
        }
        throw error;
      }
      await writeHistory(item);
    },
    async update(item, etag) {
      try {
        await items.updateEntity(
          {
            partitionKey: encodeKey(partitionOf(item)),
            rowKey: encodeKey(item.id),
            data: JSON.stringify(toolboxItem.parse(item)),
          },
          'Replace',
          { etag },
        );
      } catch (error) {
        if (error instanceof RestError && (error.statusCode === 412 || error.statusCode === 404)) throw stale;
        throw error;
      }
      await writeHistory(item);
    },
    async versions(item) {
      const out: ToolboxItem[] = [];
      for await (const row of history.listEntities<Row>({
        queryOptions: { filter: `PartitionKey eq '${historyPartition(item)}'` },
      }))
        out.push(parse(row));
      return out.sort((a, b) => b.version - a.version);
    },
  };
}
