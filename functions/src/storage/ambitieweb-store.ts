/**
 * Ambitiewebs and tailored templates in Table storage. A web is one entity per owner (the
 * tender, a department, the policy) in the municipality's partition; every change is a
 * read-modify-write guarded by the entity's ETag. When two participants propose at once, the
 * second write meets a changed ETag, reads the web again and re-applies its own change, so
 * nothing is lost; the organiser's settle does the same and so always lands on the newest
 * proposals. The JSON is split over several columns: one string column holds at most 64 KiB.
 */
import { RestError, type TableClient } from '@azure/data-tables';
import {
  ambitionTemplate,
  ambitionWeb,
  type AmbitionTemplate,
  type AmbitionWeb,
} from '../../../core/src/ambitieweb/index.js';
import { conflict, notFound, validationError } from '../../../core/src/index.js';
import { encodeKey } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

/** Characters per column: 30 000 UTF-16 code units stay below the 64 KiB a string column holds. */
const CHUNK = 30_000;
/** Columns per entity: with the 1 MiB entity limit, at most 15 full columns fit. */
const CHUNKS_MAX = 15;
/** How often a change is re-applied after meeting a newer version before giving up (409). */
const ATTEMPTS = 10;
/** A short random pause before re-applying, so writers that collided do not collide again in step. */
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt));

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string; etag?: string };

function toColumns(json: string): Record<string, string> {
  const count = Math.ceil(json.length / CHUNK);
  if (count > CHUNKS_MAX)
    throw validationError({
      nl: 'Dit Ambitieweb is te groot geworden om op te slaan; maak de toelichtingen korter.',
      en: 'This Ambitieweb has grown too large to store; shorten the reasons.',
    });
  const columns: Record<string, string> = {};
  for (let i = 0; i < count; i++) columns[`data${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return columns;
}

function fromColumns(row: Row): string {
  let json = '';
  for (let i = 0; i < CHUNKS_MAX; i++) {
    const part = row[`data${i}`];
    if (typeof part !== 'string') break;
    json += part;
  }
  return json;
}

export interface StoredWeb {
  web: AmbitionWeb;
  /** The storage ETag of this version; it changes with every write. */
  etag: string;
}

export interface AmbitionWebStore {
  get(municipalityId: string, id: string): Promise<StoredWeb | undefined>;
  list(municipalityId: string): Promise<AmbitionWeb[]>;
  /** Stores a new web; conflict when the owner has one already. */
  create(web: AmbitionWeb): Promise<StoredWeb>;
  /**
   * Applies `change` to the newest version and stores it if nobody wrote in between; otherwise
   * reads again and re-applies it (a proposal or a settle is never lost, and never overwrites
   * another's). `change` may throw a DomainError to refuse.
   */
  mutate(municipalityId: string, id: string, change: (web: AmbitionWeb) => AmbitionWeb): Promise<StoredWeb>;
}

export function createAmbitionWebStore(storage: Storage): AmbitionWebStore {
  const table = storage.table(TABLES.ambitionWebs);
  const missing = () =>
    notFound({ nl: 'Dit Ambitieweb bestaat niet.', en: 'This Ambitieweb does not exist.' });
  const parse = (row: Row): StoredWeb => ({
    web: ambitionWeb.parse(JSON.parse(fromColumns(row))),
    etag: row.etag ?? '',
  });
  const entity = (web: AmbitionWeb) => ({
    partitionKey: encodeKey(web.municipalityId),
    rowKey: encodeKey(web.id),
    ...toColumns(JSON.stringify(ambitionWeb.parse(web))),
  });

  async function read(municipalityId: string, id: string): Promise<StoredWeb | undefined> {
    try {
      return parse(await table.getEntity<Row>(encodeKey(municipalityId), encodeKey(id)));
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  return {
    get: read,
    async list(municipalityId) {
      const out: AmbitionWeb[] = [];
      const filter = `PartitionKey eq '${encodeKey(municipalityId).replace(/'/g, "''")}'`;
      for await (const row of table.listEntities<Row>({ queryOptions: { filter } })) out.push(parse(row).web);
      return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async create(web) {
      try {
        const response = await table.createEntity(entity(web));
        return { web, etag: response.etag ?? '' };
      } catch (error) {
        if (error instanceof RestError && error.statusCode === 409)
          throw conflict({
            nl: 'Hiervoor is al een Ambitieweb geopend.',
            en: 'An Ambitieweb has been opened for this already.',
          });
        throw error;
      }
    },
    async mutate(municipalityId, id, change) {
      for (let attempt = 1; ; attempt++) {
        const current = await read(municipalityId, id);
        if (!current) throw missing();
        const next = change(current.web);
        try {
          const response = await table.updateEntity(entity(next), 'Replace', { etag: current.etag });
          return { web: next, etag: response.etag ?? '' };
        } catch (error) {
          const stale = error instanceof RestError && error.statusCode === 412;
          if (!stale) throw error;
          if (attempt >= ATTEMPTS)
            throw conflict({
              nl: 'Er wordt nu veel tegelijk aan dit Ambitieweb gewijzigd. Probeer het zo nog eens.',
              en: 'Many changes are being made to this Ambitieweb at once. Please try again shortly.',
            });
          await pause(attempt);
        }
      }
    },
  };
}

export interface TailoredTemplateStore {
  list(municipalityId: string): Promise<AmbitionTemplate[]>;
  get(municipalityId: string, id: string): Promise<AmbitionTemplate | undefined>;
  /** Stores a municipality's tailored template; conflict when the id is taken. */
  create(template: AmbitionTemplate & { municipalityId: string }): Promise<void>;
}

export function createTailoredTemplateStore(storage: Storage): TailoredTemplateStore {
  const table: TableClient = storage.table(TABLES.ambitionTemplates);
  const parse = (row: Row): AmbitionTemplate => ambitionTemplate.parse(JSON.parse(fromColumns(row)));
  return {
    async list(municipalityId) {
      const out: AmbitionTemplate[] = [];
      const filter = `PartitionKey eq '${encodeKey(municipalityId).replace(/'/g, "''")}'`;
      for await (const row of table.listEntities<Row>({ queryOptions: { filter } })) out.push(parse(row));
      return out.sort((a, b) => a.id.localeCompare(b.id));
    },
    async get(municipalityId, id) {
      try {
        return parse(await table.getEntity<Row>(encodeKey(municipalityId), encodeKey(id)));
      } catch (error) {
        if (error instanceof RestError && error.statusCode === 404) return undefined;
        throw error;
      }
    },
    async create(template) {
      try {
        await table.createEntity({
          partitionKey: encodeKey(template.municipalityId),
          rowKey: encodeKey(template.id),
          ...toColumns(JSON.stringify(ambitionTemplate.parse(template))),
        });
      } catch (error) {
        if (error instanceof RestError && error.statusCode === 409)
          throw conflict({
            nl: `Er is al een sjabloon met het id ${template.id}.`,
            en: `There is a template with the id ${template.id} already.`,
          });
        throw error;
      }
    },
  };
}
