/**
 * A person's department for the reach per department: from Graph (GET /users/{id}?$select=
 * department, up to 20 per JSON batch, remembered for an hour) when Graph is configured for
 * the tenant, and from the membership register otherwise or when Graph does not know.
 */
import { z } from 'zod';
import type { MemberDirectory } from '../../../core/src/index.js';
import { BATCH_LIMIT, sendBatch } from '../graph/batch.js';
import type { GraphApi } from '../graph/client.js';
import { GraphCallError } from '../graph/errors.js';

export interface DepartmentDirectory {
  departments(tenantId: string, userIds: readonly string[]): Promise<Map<string, string | undefined>>;
}

const graphUser = z.object({ department: z.string().nullable().optional() });
const TTL_MS = 60 * 60 * 1000;

export function createDepartmentDirectory(options: {
  graphFor: (tenantId: string) => GraphApi | undefined;
  members: MemberDirectory;
  log?: (message: string) => void;
}): DepartmentDirectory {
  const cache = new Map<string, { department: string | undefined; until: number }>();
  const log = options.log ?? (() => undefined);

  async function fromGraph(
    api: GraphApi,
    tenantId: string,
    ids: string[],
    out: Map<string, string | undefined>,
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
      const chunk = ids.slice(i, i + BATCH_LIMIT);
      try {
        const results = await sendBatch(
          api,
          chunk.map((id, n) => ({
            id: String(n + 1),
            method: 'GET' as const,
            url: `/users/${encodeURIComponent(id)}?$select=id,department`,
          })),
        );
        chunk.forEach((id, n) => {
          const result = results.get(String(n + 1));
          const parsed = result?.status === 200 ? graphUser.safeParse(result.body) : undefined;
          if (parsed?.success) {
            const department = parsed.data.department?.trim() || undefined;
            out.set(id, department);
            cache.set(`${tenantId}/${id}`, { department, until: Date.now() + TTL_MS });
          }
        });
      } catch (error) {
        if (!(error instanceof GraphCallError)) throw error;
        log(`departments: Graph unavailable (${error.kind}); using the membership register`);
      }
    }
  }

  return {
    async departments(tenantId, userIds) {
      const out = new Map<string, string | undefined>();
      const wanted = [...new Set(userIds)];
      const missing: string[] = [];
      for (const id of wanted) {
        const hit = cache.get(`${tenantId}/${id}`);
        if (hit && hit.until > Date.now()) out.set(id, hit.department);
        else missing.push(id);
      }
      const api = options.graphFor(tenantId);
      if (api && missing.length) await fromGraph(api, tenantId, missing, out);
      await Promise.all(
        wanted
          .filter((id) => out.get(id) === undefined)
          .map(async (id) => {
            const member = await options.members.get(tenantId, id);
            if (member?.department) out.set(id, member.department);
          }),
      );
      return out;
    },
  };
}
