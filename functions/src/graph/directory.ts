/** The user directory through Graph: GET /users/{id | userPrincipalName}, up to 20 per JSON batch. */
import { z } from 'zod';
import type { DirectoryLookup, UserDirectory } from '../../../core/src/nudges/index.js';
import { BATCH_LIMIT, sendBatch, type BatchPart } from './batch.js';
import type { GraphApi } from './client.js';
import { GraphCallError, graphErrorOf } from './errors.js';
import { RETRYABLE_STATUS, sleep, type RetryPolicy } from './retry.js';

const graphUser = z.object({
  id: z.string().min(1),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string().min(1),
  mail: z.string().nullable().optional(),
});

export const USER_SELECT = '$select=id,displayName,userPrincipalName,mail';

export function createUserDirectory(
  graphFor: (tenantId: string) => GraphApi | undefined,
  retry: RetryPolicy,
): UserDirectory {
  return {
    available: true,
    async lookup(tenantId, idsOrUpns) {
      const out = new Map<string, DirectoryLookup>();
      const api = graphFor(tenantId);
      const keys = [...new Set(idsOrUpns.map((k) => k.trim()).filter(Boolean))];
      if (!api) {
        for (const key of keys)
          out.set(key, {
            found: false,
            reason: 'unavailable',
            detail: 'Microsoft Graph is not configured for this tenant.',
          });
        return out;
      }
      for (let i = 0; i < keys.length; i += BATCH_LIMIT) {
        let pending = keys.slice(i, i + BATCH_LIMIT);
        for (let attempt = 1; pending.length > 0; attempt++) {
          const parts: BatchPart[] = pending.map((key, n) => ({
            id: String(n + 1),
            method: 'GET',
            url: `/users/${encodeURIComponent(key)}?${USER_SELECT}`,
          }));
          let results;
          try {
            results = await sendBatch(api, parts);
          } catch (error) {
            if (!(error instanceof GraphCallError)) throw error;
            for (const key of pending)
              out.set(key, { found: false, reason: 'unavailable', detail: error.message });
            break;
          }
          const again: string[] = [];
          let wait = 0;
          parts.forEach((part, n) => {
            const key = pending[n]!;
            const result = results.get(part.id)!;
            if (result.status === 200) {
              const user = graphUser.safeParse(result.body);
              out.set(
                key,
                user.success
                  ? {
                      found: true,
                      user: {
                        id: user.data.id,
                        userPrincipalName: user.data.userPrincipalName,
                        displayName: user.data.displayName ?? user.data.userPrincipalName,
                        mail: user.data.mail ?? undefined,
                      },
                    }
                  : {
                      found: false,
                      reason: 'unavailable',
                      detail: 'Microsoft Graph sent a user without id or userPrincipalName.',
                    },
              );
            } else if (result.status === 404) {
              out.set(key, { found: false, reason: 'not-found' });
            } else if (RETRYABLE_STATUS.has(result.status) && attempt < retry.maxAttempts) {
              again.push(key);
              wait = Math.max(wait, retry.delayMs(attempt, result.retryAfterMs));
            } else {
              out.set(key, {
                found: false,
                reason: 'unavailable',
                detail: graphErrorOf(result.body).message || `HTTP ${result.status}`,
              });
            }
          });
          pending = again;
          if (pending.length && wait > 0) await sleep(Math.min(wait, retry.maxDelayMs));
        }
      }
      return out;
    },
  };
}
