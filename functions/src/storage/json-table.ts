/**
 * A table of JSON documents: each entity keeps the whole value in a `data` column and is
 * validated with its schema when read back, so a bad row never reaches the domain.
 */
import { RestError, type TableClient } from '@azure/data-tables';
import type { z } from 'zod';

/** Row and partition keys may not hold / \ # ? or control characters. */
export function encodeKey(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export class JsonTable<T> {
  constructor(
    private readonly client: TableClient,
    private readonly schema: z.ZodType<T>,
  ) {}

  async get(partitionKey: string, rowKey: string): Promise<T | undefined> {
    try {
      const entity = await this.client.getEntity<{ data: string }>(
        encodeKey(partitionKey),
        encodeKey(rowKey),
      );
      return this.schema.parse(JSON.parse(entity.data));
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async list(partitionKey?: string): Promise<T[]> {
    const filter =
      partitionKey === undefined
        ? undefined
        : `PartitionKey eq '${encodeKey(partitionKey).replace(/'/g, "''")}'`;
    const out: T[] = [];
    const iterator = this.client.listEntities<{ data: string }>(filter ? { queryOptions: { filter } } : {});
    for await (const entity of iterator) {
      out.push(this.schema.parse(JSON.parse(entity.data)));
    }
    return out;
  }

  async upsert(partitionKey: string, rowKey: string, value: T): Promise<void> {
    const data = JSON.stringify(this.schema.parse(value));
    await this.client.upsertEntity(
      { partitionKey: encodeKey(partitionKey), rowKey: encodeKey(rowKey), data },
      'Replace',
    );
  }

  async delete(partitionKey: string, rowKey: string): Promise<boolean> {
    try {
      await this.client.deleteEntity(encodeKey(partitionKey), encodeKey(rowKey));
      return true;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return false;
      throw error;
    }
  }
}
