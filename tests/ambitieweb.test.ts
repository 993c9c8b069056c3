import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { useStack } from './support/stack.js';

const user = (prefix: string) => DEMO_USERS.find((u) => u.upn.startsWith(prefix))!;
const ingrid = user('ingrid'); // mvi-admin, Havendam
const mohamed = user('mohamed'); // buyer, Havendam
const pieter = user('pieter'); // employee, Havendam (Openbare Ruimte)
const fatma = user('fatma'); // employee, Rietmond
const AXES = ['climate', 'environment', 'circular', 'supply-chain', 'diversity-inclusion', 'social-return'];

describe('Ambitieweb sessions on Azurite', () => {
  const stack = useStack();
  const call = async (
    method: string,
    path: string,
    upn: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${stack().urls.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await stack().idp.issue(upn)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: text ? JSON.parse(text) : undefined,
    };
  };

  it('loses no proposal when participants propose at once, and the organiser settles on top of them', async () => {
    const opened = await call('POST', '/ambitiewebs', mohamed.upn, {
      owner: { kind: 'tender', reference: 'T-2026-014' },
    });
    expect(opened.status).toBe(201);
    const id = opened.body.web.id as string;
    expect(opened.body.web).toMatchObject({ state: 'open', organiserIds: [expect.any(String)] });
    expect(opened.body.web.axes.map((a: { id: string }) => a.id)).toEqual(AXES);

    // Three people, six axes each, all at once: 18 writes racing on one entity.
    const people = [pieter, ingrid, mohamed];
    const writes = people.flatMap((person, p) =>
      AXES.map((axisId, a) =>
        call('POST', `/ambitiewebs/${id}/proposals`, person.upn, {
          axisId,
          level: (p + a) % 4,
          reason: `${person.displayName} over ${axisId}`,
        }),
      ),
    );
    // The organiser settles while the proposals are still coming in.
    const settleWhileRacing = call('POST', `/ambitiewebs/${id}/scores`, mohamed.upn, {
      axisId: 'social-return',
      score: 3,
      reason: 'Schoonmaak is een kansrijke sector voor social return.',
    });
    const results = await Promise.all([...writes, settleWhileRacing]);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));

    const read = await call('GET', `/ambitiewebs/${id}`, pieter.upn);
    expect(read.status).toBe(200);
    expect(read.body.web.proposals).toHaveLength(18);
    for (const [p, person] of people.entries())
      for (const [a, axisId] of AXES.entries())
        expect(read.body.web.proposals).toContainEqual(
          expect.objectContaining({
            axisId,
            level: (p + a) % 4,
            reason: `${person.displayName} over ${axisId}`,
          }),
        );
    expect(read.body.web.participants.map((x: { displayName: string }) => x.displayName).sort()).toEqual(
      people.map((x) => x.displayName).sort(),
    );
    expect(read.body.web.scores['social-return']).toMatchObject({ score: 3 });
    expect(read.body.summary.find((s: { axisId: string }) => s.axisId === 'climate')).toMatchObject({
      proposals: 3,
      counts: { 0: 1, 1: 1, 2: 1, 3: 0 },
    });

    // Polling: an unchanged web answers 304; a new proposal changes the ETag.
    const unchanged = await call('GET', `/ambitiewebs/${id}`, ingrid.upn, undefined, {
      'if-none-match': read.etag!,
    });
    expect(unchanged.status).toBe(304);
    await call('POST', `/ambitiewebs/${id}/proposals`, ingrid.upn, { axisId: 'climate', level: 3 });
    const changed = await call('GET', `/ambitiewebs/${id}`, pieter.upn, undefined, {
      'if-none-match': read.etag!,
    });
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(read.etag);
    expect(changed.body.web.proposals).toHaveLength(18); // Ingrid's second climate proposal replaced her first
  });

  it('lets only the organiser and the MVI team settle and close, and explains what is missing', async () => {
    const opened = await call('POST', '/ambitiewebs', mohamed.upn, {
      owner: { kind: 'tender', reference: 'T-2026-030' },
    });
    const id = opened.body.web.id as string;
    const bySomeone = await call('POST', `/ambitiewebs/${id}/scores`, pieter.upn, {
      axisId: 'climate',
      score: 2,
    });
    expect(bySomeone.status).toBe(403);
    expect(bySomeone.body.error.message).toMatch(/Alleen de organisator van deze sessie en het MVI-team/);
    const badLevel = await call('POST', `/ambitiewebs/${id}/proposals`, pieter.upn, {
      axisId: 'climate',
      level: 7,
    });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error.message).toMatch(/Het voorstel klopt niet/);
    const unknownAxis = await call('POST', `/ambitiewebs/${id}/proposals`, pieter.upn, {
      axisId: 'ufo',
      level: 1,
    });
    expect(unknownAxis.status).toBe(400);
    expect(unknownAxis.body.error.message).toBe('De as ufo staat niet in dit Ambitieweb.');
    const english = await call('POST', `/ambitiewebs/${id}/proposals`, pieter.upn, 'not json', {
      'accept-language': 'en',
    });
    expect(english.status).toBe(400);
    expect(english.body.error.message).toBe('The request body is not valid JSON.');
    const early = await call('POST', `/ambitiewebs/${id}/close`, mohamed.upn, {});
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(/^Stel eerst elke as vast; nog open: Klimaat, Milieu/);
    for (const axisId of AXES)
      expect((await call('POST', `/ambitiewebs/${id}/scores`, ingrid.upn, { axisId, score: 1 })).status).toBe(
        200,
      );
    const closed = await call('POST', `/ambitiewebs/${id}/close`, mohamed.upn, {});
    expect(closed.status).toBe(200);
    expect(closed.body.web).toMatchObject({ state: 'settled', proposals: [] });
    const late = await call('POST', `/ambitiewebs/${id}/proposals`, pieter.upn, {
      axisId: 'climate',
      level: 2,
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/is vastgesteld en kan alleen nog worden bekeken/);
    // Opening it again leads to the same web, not a second one.
    const again = await call('POST', '/ambitiewebs', pieter.upn, {
      owner: { kind: 'tender', reference: 'T-2026-030' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, web: { id, state: 'settled' } });
  });

  it('keeps municipalities apart: another municipality neither sees nor changes a web', async () => {
    const opened = await call('POST', '/ambitiewebs', mohamed.upn, {
      owner: { kind: 'department', name: 'Inkoop' },
    });
    expect(opened.status).toBe(201);
    const id = opened.body.web.id as string;
    expect((await call('GET', `/ambitiewebs/${id}`, fatma.upn)).status).toBe(404);
    expect(
      (await call('POST', `/ambitiewebs/${id}/proposals`, fatma.upn, { axisId: 'climate', level: 3 })).status,
    ).toBe(404);
    expect((await call('GET', '/ambitiewebs', fatma.upn)).body.webs).toEqual([]);
    // Rietmond's own department of the same name is another web.
    const theirs = await call('POST', '/ambitiewebs', fatma.upn, {
      owner: { kind: 'department', name: 'Inkoop' },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.web.municipalityId).toBe('rietmond');
    expect((await call('GET', `/ambitiewebs/${id}`, pieter.upn)).body.web.participants).toHaveLength(1);
    // A tender of another municipality cannot get a web here.
    const foreign = await call('POST', '/ambitiewebs', fatma.upn, {
      owner: { kind: 'tender', reference: 'T-2026-014' },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe('De aanbesteding T-2026-014 bestaat niet in uw gemeente.');
    // Only the MVI team opens the policy's generic web.
    const policy = await call('POST', '/ambitiewebs', pieter.upn, { owner: { kind: 'policy' } });
    expect(policy.status).toBe(403);
  });

  it('lets the MVI team tailor a template, and refuses what is not a web', async () => {
    const tailoring = {
      basedOn: 'duurzaam-gww',
      id: 'havendam-gww',
      operations: [{ op: 'drop', axisId: 'ruimtegebruik' }],
    };
    expect((await call('POST', '/ambitieweb/templates', pieter.upn, tailoring)).status).toBe(403);
    const made = await call('POST', '/ambitieweb/templates', ingrid.upn, tailoring);
    expect(made.status).toBe(201);
    expect(made.body.axes.map((a: { id: string }) => a.id)).not.toContain('ruimtegebruik');
    const own = await call('GET', '/ambitieweb/templates', pieter.upn);
    expect(own.body.templates.map((t: { id: string }) => t.id)).toEqual([
      'mvi-themes',
      'duurzaam-gww',
      'havendam-gww',
    ]);
    expect((await call('GET', '/ambitieweb/templates', fatma.upn)).body.templates).toHaveLength(2);
    const tooFew = await call('POST', '/ambitieweb/templates', ingrid.upn, {
      basedOn: 'mvi-themes',
      id: 'klein',
      operations: ['climate', 'environment', 'circular', 'supply-chain'].map((axisId) => ({
        op: 'drop',
        axisId,
      })),
    });
    expect(tooFew.status).toBe(400);
    expect(tooFew.body.error.message).toMatch(/minstens 3 assen/);
  });

  it('lets a settled web drive the advice: the tender’s web, else the department’s, else the policy’s', async () => {
    const advise = (tender?: string) =>
      call('POST', '/advice', pieter.upn, {
        title: 'Schoonmaak gemeentehuis',
        estimatedValueEur: 400_000,
        ...(tender ? { tender } : {}),
      });
    const before = await advise('T-2026-021');
    expect(before.body.ambitieweb.source).toBe('none');
    expect(before.body.ambitionByTheme.every((t: { fromWeb: boolean }) => !t.fromWeb)).toBe(true);

    // The policy's generic web: every theme basic.
    const policy = await call('POST', '/ambitiewebs', ingrid.upn, { owner: { kind: 'policy' } });
    for (const axisId of AXES)
      await call('POST', `/ambitiewebs/${policy.body.web.id}/scores`, ingrid.upn, { axisId, score: 1 });
    await call('POST', `/ambitiewebs/${policy.body.web.id}/close`, ingrid.upn, {});
    const fromPolicy = await advise('T-2026-021');
    expect(fromPolicy.body.ambitieweb).toMatchObject({ source: 'policy', webId: 'policy' });
    expect(fromPolicy.body.ambitionByTheme.map((t: { ambition: string }) => t.ambition)).toEqual(
      AXES.map(() => 'basic'),
    );

    // The department of the tender's commissioning manager (Pieter: Openbare Ruimte) comes before the policy.
    const dept = await call('POST', '/ambitiewebs', pieter.upn, {
      owner: { kind: 'department', name: 'Openbare Ruimte' },
    });
    for (const axisId of AXES)
      await call('POST', `/ambitiewebs/${dept.body.web.id}/scores`, pieter.upn, { axisId, score: 2 });
    await call('POST', `/ambitiewebs/${dept.body.web.id}/close`, pieter.upn, {});
    const fromDepartment = await advise('T-2026-021');
    expect(fromDepartment.body.ambitieweb).toMatchObject({
      source: 'department',
      owner: { kind: 'department', name: 'Openbare Ruimte' },
    });
    expect(fromDepartment.body.ambitionByTheme.map((t: { ambition: string }) => t.ambition)).toEqual(
      AXES.map(() => 'significant'),
    );

    // The tender's own web: social return ambitious, climate not chosen.
    const web = await call('POST', '/ambitiewebs', mohamed.upn, {
      owner: { kind: 'tender', reference: 'T-2026-021' },
    });
    const id = web.body.web.id as string;
    const scores: Record<string, number> = { 'social-return': 3, climate: 0 };
    for (const axisId of AXES)
      await call('POST', `/ambitiewebs/${id}/scores`, mohamed.upn, {
        axisId,
        score: scores[axisId] ?? 2,
        reason: axisId === 'climate' ? 'Verlichting is al LED' : undefined,
      });
    const open = await advise('T-2026-021');
    expect(open.body.ambitieweb.source).toBe('department'); // the tender's session still runs
    expect(open.body.ambitieweb.passedOver[0].reason).toMatch(/loopt nog/);
    await call('POST', `/ambitiewebs/${id}/close`, mohamed.upn, {});
    const fromTender = await advise('T-2026-021');
    expect(fromTender.body.ambitieweb).toMatchObject({ source: 'tender', webId: id });
    const level = (theme: string) =>
      fromTender.body.ambitionByTheme.find((t: { theme: string }) => t.theme === theme);
    expect(level('social-return')).toMatchObject({ ambition: 'ambitious', fromWeb: true });
    expect(level('climate')).toMatchObject({ ambition: null, fromWeb: true });
    expect(level('climate').reason).toMatch(/Verlichting is al LED/);
    expect(fromTender.body.notes.join(' ')).toMatch(/niet gekozen in het Ambitieweb van T-2026-021/);

    // The tender's page shows the same.
    const detail = await call('GET', '/tenders/T-2026-021', ingrid.upn);
    expect(detail.body.advice.ambitieweb.source).toBe('tender');
    expect(
      detail.body.advice.ambitionByTheme.find((t: { theme: string }) => t.theme === 'social-return').ambition,
    ).toBe('ambitious');
    // The tender's criteria document holds the web: Word's own radar chart and a table of the scores.
    const docx = await fetch(`${stack().urls.api}/tenders/T-2026-021/criteria.docx`, {
      headers: { authorization: `Bearer ${await stack().idp.issue(ingrid.upn)}` },
    });
    expect(docx.status).toBe(200);
    const files = await JSZip.loadAsync(await docx.arrayBuffer());
    const documentXml = await files.file('word/document.xml')!.async('string');
    const text = documentXml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/Het Ambitieweb van deze aanbesteding \(T-2026-021\) bepaalt/);
    expect(text).toMatch(/Social return 3 · Ambitieus/);
    expect(text).toMatch(/Klimaat 0 · Niet gekozen Verlichting is al LED/);
    const chart = Object.keys(files.files).find((name) => /^word\/charts\/chart\d+\.xml$/.test(name));
    expect(await files.file(chart!)!.async('string')).toMatch(/<c:radarChart>/);
    // Someone who may not see the tender gets no document of it.
    const hidden = await call('GET', '/tenders/T-2026-021/criteria.docx', fatma.upn);
    expect(hidden.status).toBe(404);

    // Monitoring: the year's tender webs per theme, beside what the tenders recorded.
    const year = (detail.body.tender.kickoffDate as string).slice(0, 4);
    const monitoring = await call('GET', `/monitoring?year=${year}`, ingrid.upn);
    expect(monitoring.status).toBe(200);
    expect(monitoring.body.ambitieweb.tenders).toContain('T-2026-021');
    const social = monitoring.body.ambitieweb.themes.find(
      (x: { theme: string }) => x.theme === 'social-return',
    );
    expect(social.histogram['3']).toBeGreaterThanOrEqual(1);
    expect(
      monitoring.body.ambitieweb.themes.find((x: { theme: string }) => x.theme === 'climate').histogram['0'],
    ).toBe(1);
    // The department's and the policy's webs are no tender's: they are not counted.
    expect(monitoring.body.ambitieweb.counted).toBe(monitoring.body.ambitieweb.tenders.length);

    // Another municipality's advice is not touched by Havendam's webs.
    const rietmond = await call('POST', '/advice', fatma.upn, {
      title: 'Schoonmaak',
      estimatedValueEur: 400_000,
    });
    expect(rietmond.body.ambitieweb.source).toBe('none');
  });
});
