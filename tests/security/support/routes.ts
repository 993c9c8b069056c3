/**
 * The HTTP routes of the registry (functions/src/registry.ts), read from the same table the
 * Azure Functions registration and the local host read, so a new route is in every matrix
 * without editing the suite.
 */
import type { HttpMethod } from '@azure/functions';
import { buildFunctions } from '../../../functions/src/registry.js';

export interface Route {
  name: string;
  method: HttpMethod;
  /** The route template, e.g. `tenders/{reference}`. */
  route: string;
  params: string[];
}

/** Routes with their own rules, not the user API's bearer tokens. */
export const PUBLIC_ROUTES = new Set(['health']);
export const BOT_ROUTES = new Set(['messages']);

export function registryRoutes(): Route[] {
  const definitions = buildFunctions(() => {
    throw new Error('the route table needs no services');
  });
  return definitions.flatMap((d) =>
    d.kind === 'http'
      ? d.methods.map((method) => ({
          name: d.name,
          method,
          route: d.route,
          params: [...d.route.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\??\}/g)].map((m) => m[1]!),
        }))
      : [],
  );
}

/** The routes every API token must be checked on. */
export function protectedRoutes(): Route[] {
  return registryRoutes().filter((r) => !PUBLIC_ROUTES.has(r.name) && !BOT_ROUTES.has(r.name));
}

/** Fills a route's parameters (unknown ones with a placeholder) into an URL under `api`. */
export function urlOf(api: string, route: Route, values: Record<string, string> = {}): string {
  const path = route.route.replace(/\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\??\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? 'x-unknown'),
  );
  return `${api}/${path}`;
}

export async function call(
  url: string,
  method: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: token }),
      ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
    },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  return { status: response.status, text: await response.text() };
}
