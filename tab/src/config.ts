/** The tab's runtime configuration, served as /config.json next to index.html (one build, many environments). */
import { z } from 'zod';

const runtimeConfig = z.object({
  apiBaseUrl: z.string().min(1),
  auth: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('dev'), idpUrl: z.string().min(1) }),
    z.object({
      mode: z.literal('entra'),
      clientId: z.uuid(),
      /** Tenant id or "organizations". */
      authority: z.url(),
      /** e.g. api://<host>/<client-id>/access_as_user */
      apiScope: z.string().min(1),
    }),
  ]),
});
export type RuntimeConfig = z.infer<typeof runtimeConfig>;

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return runtimeConfig.parse(await response.json());
}
