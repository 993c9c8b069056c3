/**
 * The token is checked before the body is read, and bodies are capped per route: through the
 * real local host and API.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { useStack } from '../support/stack.js';
import { checkBodyLimits, post, postEndless } from './support/body-limits.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;

describe('bodies and tokens', () => {
  const stack = useStack();

  it('refuses an unauthenticated endless body with 401 without reading it', async () => {
    const answer = await postEndless(`${stack().urls.api}/tenders`, {});
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error.code).toBe('unauthenticated');
    // The server is still there and answers the next request.
    expect((await fetch(`${stack().urls.api}/health`)).status).toBe(200);
  });

  it('refuses an authenticated body over the cap with 413, in the caller language', async () => {
    const token = await stack().idp.issue(ingrid.upn);
    const big = JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) });
    const dutch = await post(`${stack().urls.api}/tenders`, { authorization: `Bearer ${token}` }, big);
    expect(dutch.status).toBe(413);
    expect(dutch.body.error.message).toBe('Wat u stuurt is te groot: hooguit 1 MB.');
    const english = await post(
      `${stack().urls.api}/sessions`,
      { authorization: `Bearer ${token}`, 'accept-language': 'en' },
      big,
    );
    expect(english.status).toBe(413);
    expect(english.body.error.message).toBe('What you sent is too large: at most 1 MB.');
    // An endless body with a token is cut off at the cap, not read to the end.
    const endless = await postEndless(`${stack().urls.api}/toolbox-items`, {
      authorization: `Bearer ${token}`,
    });
    expect(endless.status).toBe(413);
  });

  it('allows a plan import larger than the default cap, up to its own', async () => {
    const token = await stack().idp.issue(ingrid.upn);
    const header = 'Referentie;Titel;CPV;Geraamde waarde;Startdatum;Opdrachtgever;Status\n';
    const line = `X-1;${'Titel '.repeat(30)};90910000;100;03-05-2027;iemand@havendam.example;gepland\n`;
    const csv = header + line.repeat(Math.ceil((1.5 * 1024 * 1024) / line.length));
    const answer = await post(
      `${stack().urls.api}/tenders/import?dryRun=true`,
      { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      csv,
    );
    expect(answer.status).not.toBe(413);
    expect(answer.status).toBeLessThan(500);
  });

  it('holds for every write route of the registry', async () => {
    const token = await stack().idp.issue(ingrid.upn);
    const routes = ['tenders', 'sessions', 'toolbox-items', 'advice', 'exports/criteria', 'tenders/import'];
    expect(await checkBodyLimits(stack().urls.api, token, routes)).toEqual({
      family: 'body-limits',
      tried: routes.length,
      correct: routes.length,
      failures: [],
    });
  });
});
