import { describe, expect, it } from 'vitest';
import { loadAmbitiewebTemplates } from '../../../content/ambitieweb/index.js';
import { isDomainError } from '../errors.js';
import { adviceAmbition, notChosenNote, resolveWeb, themeLevels } from './advice.js';
import {
  ambitionToScore,
  scoreToAmbition,
  type AmbitionScore,
  type AmbitionTemplate,
  type WebOwner,
} from './model.js';
import { closeWeb, openWeb, settle } from './web.js';

const templates = loadAmbitiewebTemplates();
const mvi = templates.defaultTemplate;
const gww = templates.byId.get('duurzaam-gww')!;
const now = new Date('2026-12-03T10:00:00Z');
const team = {
  userId: 'u-team',
  displayName: 'MVI-team',
  roles: ['mvi-admin' as const],
  municipalityId: 'havendam',
};

/** A settled web with the given scores (axes not named get `rest`) and reasons. */
function settledWeb(
  id: string,
  template: AmbitionTemplate,
  owner: WebOwner,
  scores: Record<string, AmbitionScore>,
  options: {
    rest?: AmbitionScore;
    reasons?: Record<string, string>;
    close?: boolean;
    municipalityId?: string;
  } = {},
) {
  const organiser = { ...team, municipalityId: options.municipalityId ?? 'havendam' };
  let web = openWeb({ id, owner }, template, organiser, now);
  for (const axis of template.axes) {
    const reason = options.reasons?.[axis.id];
    web = settle(
      web,
      organiser,
      { axisId: axis.id, score: scores[axis.id] ?? options.rest ?? 1, ...(reason ? { reason } : {}) },
      now,
    );
  }
  return options.close === false ? web : closeWeb(web, organiser, now);
}

const tender: WebOwner = { kind: 'tender', reference: 'T-2027-004' };
const department: WebOwner = { kind: 'department', name: 'Stadsbeheer' };
const policy: WebOwner = { kind: 'policy' };

describe('the ambition per theme from a settled web', () => {
  it('maps scores to the advice’s levels; 0 has none', () => {
    expect([0, 1, 2, 3].map((s) => scoreToAmbition(s as AmbitionScore))).toEqual([
      null,
      'basic',
      'significant',
      'ambitious',
    ]);
    expect(ambitionToScore('significant')).toBe(2);
  });

  it('gives a theme at 3 the ambitious level, and a theme at 0 none, with the reason', () => {
    const web = settledWeb(
      'w1',
      mvi,
      tender,
      { climate: 3, 'supply-chain': 0 },
      {
        rest: 2,
        reasons: {
          climate: 'Zero-emissie kan in deze markt.',
          'supply-chain': 'Een lokale dienst zonder keten.',
        },
      },
    );
    const result = themeLevels(web);
    expect(result.levels).toEqual({
      climate: 3,
      environment: 2,
      circular: 2,
      'supply-chain': 0,
      'diversity-inclusion': 2,
      'social-return': 2,
    });
    expect(result.themes.climate).toMatchObject({
      ambition: 'ambitious',
      reason: 'Zero-emissie kan in deze markt.',
    });
    const chain = result.themes['supply-chain']!;
    expect(chain).toMatchObject({
      score: 0,
      ambition: null,
      axisId: 'supply-chain',
      reason: 'Een lokale dienst zonder keten.',
    });
    expect(
      notChosenNote(chain, { nl: 'Ketenverantwoordelijkheid', en: 'Supply chain responsibility' }),
    ).toEqual({
      nl: 'Ketenverantwoordelijkheid: in het Ambitieweb niet gekozen (as Ketenverantwoordelijkheid), dus geen criteria voor dit thema. Reden: Een lokale dienst zonder keten.',
      en: 'Supply chain responsibility: not chosen in the Ambitieweb (axis Supply chain responsibility), so no criteria for this theme. Reason: Een lokale dienst zonder keten.',
    });
    expect(result).toMatchObject({ webId: 'w1', owner: tender, templateId: 'mvi-themes' });
  });

  it('lets the GWW axes set the MVI themes they map to, the highest when several do', () => {
    const web = settledWeb(
      'g1',
      gww,
      tender,
      { energie: 3, materialen: 2, water: 1, bodem: 2, ecologie: 3, 'sociale-relevantie': 0 },
      { rest: 1, reasons: { ecologie: 'Natuurinclusieve oevers.' } },
    );
    const result = themeLevels(web);
    expect(result.levels).toEqual({ climate: 3, circular: 2, environment: 3, 'social-return': 0 });
    expect(result.themes.environment).toMatchObject({
      ambition: 'ambitious',
      axisId: 'ecologie',
      reason: 'Natuurinclusieve oevers.',
      alsoFrom: [
        { axisId: 'water', score: 1 },
        { axisId: 'bodem', score: 2 },
      ],
    });
    // No GWW axis speaks for these: the advice keeps its single level for them.
    expect(result.levels).not.toHaveProperty('supply-chain');
    expect(result.levels).not.toHaveProperty('diversity-inclusion');
  });

  it('is refused while the session still runs', () => {
    const open = settledWeb('w1', mvi, tender, {}, { close: false });
    try {
      themeLevels(open);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('conflict');
    }
  });
});

describe('which web sets the advice', () => {
  const tenderWeb = settledWeb('t', mvi, tender, { climate: 3 });
  const departmentWeb = settledWeb('d', mvi, department, { climate: 2 });
  const policyWeb = settledWeb('p', mvi, policy, { climate: 1 });

  it('is the tender’s, else the department’s, else the policy’s, else none', () => {
    expect(resolveWeb({ tender: tenderWeb, department: departmentWeb, policy: policyWeb })).toMatchObject({
      source: 'tender',
      web: { id: 't' },
      passedOver: [],
      reason: {
        nl: 'Het Ambitieweb van deze aanbesteding (T-2027-004) bepaalt het ambitieniveau per thema.',
      },
    });
    expect(resolveWeb({ department: departmentWeb, policy: policyWeb })).toMatchObject({
      source: 'department',
      reason: {
        en: 'This tender has no settled Ambitieweb; the one of the department Stadsbeheer sets the ambition level per theme.',
      },
    });
    expect(resolveWeb({ tender: null, policy: policyWeb }).source).toBe('policy');
    const none = resolveWeb({});
    expect(none).toMatchObject({ source: 'none', web: undefined });
    expect(none.reason.nl).toContain('één ambitieniveau geldt voor alle thema’s');
  });

  it('passes over a tender web whose session still runs, and says so', () => {
    const running = settledWeb('t-open', mvi, tender, {}, { close: false });
    const resolved = resolveWeb({ tender: running, department: departmentWeb });
    expect(resolved.source).toBe('department');
    expect(resolved.passedOver).toEqual([
      {
        source: 'tender',
        webId: 't-open',
        reason: expect.objectContaining({ nl: expect.stringContaining('loopt nog') }),
      },
    ]);
  });

  it('passes over a web given in the wrong place or from another municipality', () => {
    const elsewhere = settledWeb('t-z', mvi, tender, {}, { municipalityId: 'zeewolde' });
    expect(resolveWeb({ tender: departmentWeb, policy: policyWeb })).toMatchObject({
      source: 'policy',
      passedOver: [{ source: 'tender', webId: 'd' }],
    });
    expect(resolveWeb({ department: departmentWeb, policy: elsewhere })).toMatchObject({
      source: 'department',
    });
    expect(resolveWeb({ tender: tenderWeb, department: elsewhere })).toMatchObject({ source: 'tender' });
    // With the tender's municipality given, another municipality's web is never used, even alone.
    expect(resolveWeb({ municipalityId: 'havendam', tender: elsewhere, policy: policyWeb })).toMatchObject({
      source: 'policy',
      passedOver: [{ source: 'tender', webId: 't-z' }],
    });
  });

  it('hands the engine the levels of the web that applies in one call', () => {
    const advice = adviceAmbition({ department: departmentWeb, policy: policyWeb });
    expect(advice.source).toBe('department');
    expect(advice.levels?.levels.climate).toBe(2);
    expect(adviceAmbition({}).levels).toBeUndefined();
  });
});
