/**
 * The isolation matrix: every municipality × every role × every route of the registry that
 * takes an id, called with the ids of another municipality (its tenders, sessions, toolbox
 * pages and people). Each call must be refused (403 or 404, or 400/409 for a write whose body
 * is refused first) and never succeed. Ids come from the running stack, read by the owning
 * municipality's MVI team, and a control checks that the owner can read them.
 */
import { ROLES } from '../../../core/src/index.js';
import type { DemoUser } from '../../../scripts/dev/demo-data.js';
import type { DevIdentityProvider } from '../../../scripts/dev/identity-provider.js';
import { Tally, inBatches, type FamilyResult } from './family.js';
import { call, protectedRoutes, urlOf, type Route } from './routes.js';

export interface IsolationTarget {
  api: string;
  idp: DevIdentityProvider;
  municipalities: readonly string[];
  users: readonly DemoUser[];
}

type Ids = Record<string, string>;

const REFUSED = [400, 403, 404, 409];

/**
 * Routes that act on a person of any municipality by design, within the caller's own data:
 * the MVI team erases whoever's data its own sessions hold (GDPR), and for someone of another
 * municipality without any it must erase nothing. A 200 there is correct only when it says so.
 */
const CROSS_MUNICIPALITY_BY_DESIGN: Record<string, (body: string) => boolean> = {
  'privacy-person-erase': (body) => {
    const erased = (JSON.parse(body) as { erased?: Record<string, number> }).erased;
    return erased !== undefined && Object.values(erased).every((n) => n === 0);
  },
};

/** A municipality's own ids, as its MVI team sees them; `id` depends on the route's resource. */
async function idsOf(target: IsolationTarget, municipality: string): Promise<{ user: DemoUser; ids: Ids }> {
  const user = target.users.find((u) => u.municipalityId === municipality);
  if (!user) throw new Error(`no demo user in ${municipality}`);
  const token = `Bearer ${await target.idp.issue(user.id, { roles: ['mvi-admin'] })}`;
  const get = async (path: string): Promise<any> => {
    const { status, text } = await call(`${target.api}/${path}`, 'GET', token);
    if (status !== 200) throw new Error(`GET /${path} as ${municipality}'s MVI team: ${status}`);
    return JSON.parse(text);
  };
  const own = (items: any[]): any[] =>
    items.filter((x) => x.municipalityId === municipality && !x.regionWide);
  const post = async (path: string, body: unknown): Promise<any> => {
    const { status, text } = await call(`${target.api}/${path}`, 'POST', token, body);
    if (status !== 201) throw new Error(`POST /${path} as ${municipality}'s MVI team: ${status} ${text}`);
    return JSON.parse(text);
  };
  const tender = ((await get('tenders')).tenders as any[])[0];
  // A municipality without a session or page of its own gets one, so every route has a real id.
  const start = new Date(Date.now() + 7 * 86_400_000);
  const session =
    own((await get('sessions')).sessions as any[])[0] ??
    (await post('sessions', {
      type: 'lunch-lecture',
      title: `Lunchlezing MVI in ${municipality}`,
      location: 'Raadzaal',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
    }));
  const listed = await get('toolbox-items');
  const item =
    own((listed.items ?? listed.toolboxItems ?? listed) as any[])[0] ??
    (await post('toolbox-items', {
      kind: 'example',
      title: `Voorbeeld uit ${municipality}`,
      body: 'Een voorbeeld van deze gemeente.',
    }));
  return {
    user,
    ids: {
      reference: tender?.reference ?? `missing-tender-of-${municipality}`,
      session: session?.id ?? `missing-session-of-${municipality}`,
      toolbox: item?.id ?? `missing-page-of-${municipality}`,
      userId: user.id,
      stage: 'prepare',
    },
  };
}

/** The value for each parameter of a route: `{id}` is the id of the route's resource. */
function valuesFor(route: Route, ids: Ids): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of route.params) {
    if (p === 'id') {
      values[p] = route.route.startsWith('toolbox-items')
        ? ids['toolbox']!
        : route.route.startsWith('sessions')
          ? ids['session']!
          : 'not-yours';
    } else values[p] = ids[p] ?? 'not-yours';
  }
  return values;
}

export async function checkIsolation(target: IsolationTarget): Promise<FamilyResult> {
  const tally = new Tally('isolation');
  const owners = new Map<string, { user: DemoUser; ids: Ids }>();
  for (const m of target.municipalities) owners.set(m, await idsOf(target, m));

  const routes = protectedRoutes().filter((r) => r.params.length > 0 && !r.name.startsWith('integrations'));
  // Controls: the owner reads its own resources, so the ids are real.
  for (const [m, owner] of owners) {
    const token = `Bearer ${await target.idp.issue(owner.user.id, { roles: ['mvi-admin'] })}`;
    for (const route of routes.filter(
      (r) => r.method === 'GET' && /^(tenders|sessions|toolbox-items)-get$/.test(r.name),
    )) {
      const { status } = await call(urlOf(target.api, route, valuesFor(route, owner.ids)), 'GET', token);
      tally.check(status === 200, `${m}'s MVI team reads its own ${route.route}`, String(status));
    }
  }

  const tasks: (() => Promise<void>)[] = [];
  target.municipalities.forEach((m, i) => {
    const caller = owners.get(m)!.user;
    const other = target.municipalities[(i + 1) % target.municipalities.length]!;
    const foreign = owners.get(other)!.ids;
    for (const role of ROLES) {
      for (const route of routes) {
        tasks.push(async () => {
          const token = `Bearer ${await target.idp.issue(caller.id, { roles: [role] })}`;
          const { status, text } = await call(
            urlOf(target.api, route, valuesFor(route, foreign)),
            route.method,
            token,
            {},
          );
          const what = `${role} of ${m}: ${route.method} /${route.route} with ${other}'s ids`;
          const allowed = CROSS_MUNICIPALITY_BY_DESIGN[route.name];
          if (allowed && status === 200) tally.check(allowed(text), what, `200 ${text.slice(0, 200)}`);
          else tally.expectStatus(status, REFUSED, what);
        });
      }
    }
  });
  await inBatches(tasks, 8);
  return tally.result();
}
