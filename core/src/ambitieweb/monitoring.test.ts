import { describe, expect, it } from 'vitest';
import { loadAmbitiewebTemplates } from '../../../content/ambitieweb/index.js';
import type { AmbitionScore, AmbitionTemplate, WebOwner } from './model.js';
import { ambitionByTheme } from './monitoring.js';
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

describe('monitoring the ambition per theme', () => {
  it('averages and counts the scores of settled webs per theme, leaving open webs out', () => {
    const webs = [
      settledWeb('a', mvi, tender, { climate: 3, 'social-return': 0 }, { rest: 1 }),
      settledWeb('b', mvi, { kind: 'tender', reference: 'T-2027-005' }, { climate: 2 }, { rest: 2 }),
      settledWeb('c', gww, { kind: 'tender', reference: 'T-2027-006' }, { energie: 1 }, { rest: 3 }),
      settledWeb('d', mvi, department, {}, { rest: 3 }),
      settledWeb('e', mvi, tender, {}, { close: false }),
    ];
    const all = ambitionByTheme(webs);
    expect(all).toMatchObject({ counted: 4, skipped: 1 });
    expect(all.themes.map((t) => t.theme)).toEqual([
      'climate',
      'environment',
      'circular',
      'supply-chain',
      'diversity-inclusion',
      'social-return',
    ]);
    expect(all.themes[0]).toEqual({
      theme: 'climate',
      webs: 4,
      histogram: { 0: 0, 1: 1, 2: 1, 3: 2 },
      average: 2.25,
    });
    // The GWW web does not speak for supply chain responsibility.
    expect(all.themes[3]).toMatchObject({ webs: 3, histogram: { 0: 0, 1: 1, 2: 1, 3: 1 }, average: 2 });

    const tenders = ambitionByTheme(webs, { owner: 'tender' });
    expect(tenders).toMatchObject({ counted: 3, skipped: 2 });
    expect(tenders.themes[5]).toEqual({
      theme: 'social-return',
      webs: 3,
      histogram: { 0: 1, 1: 0, 2: 1, 3: 1 },
      average: 1.67,
    });
    expect(ambitionByTheme([]).themes[0]).toEqual({
      theme: 'climate',
      webs: 0,
      histogram: { 0: 0, 1: 0, 2: 0, 3: 0 },
      average: null,
    });
  });
});
