import { describe, expect, it } from 'vitest';
import { loadAmbitiewebTemplates } from '../../../content/ambitieweb/index.js';
import { isDomainError, type DomainError } from '../errors.js';
import type { Principal } from '../identity.js';
import { ambitionWeb, REASON_MAX, type AmbitionWeb } from './model.js';
import { summariseProposals } from './proposals.js';
import {
  closeWeb,
  join,
  openWeb,
  propose,
  settle,
  unsettledAxes,
  withdrawProposal,
  withoutPerson,
} from './web.js';

const mvi = loadAmbitiewebTemplates().defaultTemplate;
const now = new Date('2026-12-03T10:00:00Z');
const later = new Date('2026-12-03T10:05:00Z');

const person = (
  userId: string,
  displayName: string,
  roles: Principal['roles'] = ['employee'],
  municipalityId = 'havendam',
) => ({
  userId,
  displayName,
  roles,
  municipalityId,
});
const anna = person('u-anna', 'Anna de Vries', ['buyer']); // opens the web: its organiser
const bram = person('u-bram', 'Bram Smit');
const chris = person('u-chris', 'Chris Bakker');
const team = person('u-team', 'MVI-team', ['mvi-admin']);
const stranger = person('u-x', 'Elders', ['mvi-admin'], 'zeewolde');

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('not refused');
};

const tenderWeb = () =>
  openWeb({ id: 'w1', owner: { kind: 'tender', reference: 'T-2027-004' } }, mvi, anna, now);

const settleAll = (web: AmbitionWeb, score: 0 | 1 | 2 | 3 = 2) =>
  web.axes.reduce((w, axis) => settle(w, anna, { axisId: axis.id, score }, later), web);

describe('opening a web', () => {
  it('copies the template’s axes and makes the one who opens it organiser and first participant', () => {
    const web = tenderWeb();
    expect(web).toMatchObject({
      municipalityId: 'havendam',
      templateId: 'mvi-themes',
      state: 'open',
      organiserIds: ['u-anna'],
      participants: [{ userId: 'u-anna', displayName: 'Anna de Vries' }],
      scores: {},
    });
    expect(web.axes).toEqual(mvi.axes);
    expect(ambitionWeb.parse(web)).toEqual(web);
  });

  it('leaves the generic web of the policy to the MVI team, and refuses a malformed owner', () => {
    expect(refusal(() => openWeb({ id: 'p1', owner: { kind: 'policy' } }, mvi, anna, now)).code).toBe(
      'forbidden',
    );
    expect(openWeb({ id: 'p1', owner: { kind: 'policy' } }, mvi, team, now).owner).toEqual({
      kind: 'policy',
    });
    const bad = refusal(() => openWeb({ id: 'd1', owner: { kind: 'department', name: '' } }, mvi, anna, now));
    expect(bad.code).toBe('validation');
    expect(bad.details.join('\n')).toContain('owner.name');
  });
});

describe('proposals in a live session', () => {
  it('come from any member of the municipality, who then takes part; a second proposal replaces the first', () => {
    let web = propose(tenderWeb(), bram, { axisId: 'climate', level: 1 }, now);
    web = propose(
      web,
      bram,
      { axisId: 'climate', level: 3, reason: 'Zero-emissie is in deze markt haalbaar.' },
      later,
    );
    expect(web.participants.map((p) => p.userId)).toEqual(['u-anna', 'u-bram']);
    expect(web.proposals).toEqual([
      {
        axisId: 'climate',
        userId: 'u-bram',
        level: 3,
        reason: 'Zero-emissie is in deze markt haalbaar.',
        at: later.toISOString(),
      },
    ]);
    expect(withdrawProposal(web, bram, 'climate').proposals).toEqual([]);
  });

  it('take a level of 0 to 3 only, with a short reason, for an axis of the web', () => {
    const web = tenderWeb();
    for (const level of [4, -1, 1.5, '2', null]) {
      const error = refusal(() => propose(web, bram, { axisId: 'climate', level }, now));
      expect(error.code).toBe('validation');
      expect(error.userMessage.nl).toContain('Het niveau moet een van deze zijn: 0, 1, 2, 3.');
    }
    const long = refusal(() =>
      propose(web, bram, { axisId: 'climate', level: 2, reason: 'x'.repeat(REASON_MAX + 1) }, now),
    );
    expect(long.userMessage).toEqual({
      nl: `Het voorstel klopt niet. De toelichting is langer dan ${REASON_MAX} tekens.`,
      en: `The proposal is not valid. The reason is longer than ${REASON_MAX} characters.`,
    });
    expect(refusal(() => propose(web, bram, { axisId: 'welzijn', level: 2 }, now)).userMessage.en).toBe(
      'The axis welzijn is not in this Ambitieweb.',
    );
    expect(
      propose(web, bram, { axisId: 'climate', level: 0, reason: '   ' }, now).proposals[0],
    ).not.toHaveProperty('reason');
  });

  it('are summarised per axis for the radar: counts per level, median and spread', () => {
    let web = tenderWeb();
    web = propose(web, anna, { axisId: 'climate', level: 3 }, now);
    web = propose(web, bram, { axisId: 'climate', level: 1 }, now);
    web = propose(web, chris, { axisId: 'climate', level: 2 }, now);
    web = propose(web, chris, { axisId: 'climate', level: 3 }, later); // changed their mind
    web = propose(web, bram, { axisId: 'circular', level: 2 }, now);
    web = settle(web, anna, { axisId: 'climate', score: 3 }, later);
    const [climate, environment, circular] = summariseProposals(web);
    expect(climate).toEqual({
      axisId: 'climate',
      name: { nl: 'Klimaat', en: 'Climate' },
      counts: { 0: 0, 1: 1, 2: 0, 3: 2 },
      proposals: 3,
      median: 3,
      min: 1,
      max: 3,
      spread: 2,
      settled: 3,
    });
    expect(environment).toMatchObject({ proposals: 0, median: null, spread: null, min: null });
    expect(environment).not.toHaveProperty('settled');
    expect(circular).toMatchObject({ proposals: 1, median: 2, spread: 0 });
    web = propose(web, anna, { axisId: 'circular', level: 1 }, now);
    expect(summariseProposals(web)[2]?.median).toBe(1.5);
  });

  it('are not taken from another municipality', () => {
    expect(refusal(() => propose(tenderWeb(), stranger, { axisId: 'climate', level: 2 }, now)).code).toBe(
      'forbidden',
    );
  });
});

describe('settling and closing', () => {
  it('is for the organiser and the MVI team; the settled score wins over the proposals', () => {
    let web = propose(tenderWeb(), bram, { axisId: 'environment', level: 3 }, now);
    web = settle(web, anna, { axisId: 'environment', score: 1, reason: 'Eerst de basis goed.' }, later);
    expect(web.scores.environment).toEqual({
      score: 1,
      reason: 'Eerst de basis goed.',
      settledBy: 'u-anna',
      settledAt: later.toISOString(),
    });
    web = settle(web, team, { axisId: 'environment', score: 2 }, later);
    expect(web.scores.environment?.score).toBe(2);
    expect(web.participants.map((p) => p.userId)).toContain('u-team');

    const participant = refusal(() => settle(web, bram, { axisId: 'environment', score: 3 }, later));
    expect(participant.code).toBe('forbidden');
    expect(refusal(() => settle(web, stranger, { axisId: 'environment', score: 3 }, later)).code).toBe(
      'forbidden',
    );
    expect(
      refusal(() => settle(web, anna, { axisId: 'environment', score: 5 }, later)).userMessage.nl,
    ).toContain('De score moet een van deze zijn: 0, 1, 2, 3.');
  });

  it('needs a score for every axis before the web closes; 0 is a score', () => {
    let web = settle(
      tenderWeb(),
      anna,
      { axisId: 'climate', score: 0, reason: 'Geen energie in deze dienst.' },
      later,
    );
    expect(unsettledAxes(web).map((a) => a.id)).toEqual([
      'environment',
      'circular',
      'supply-chain',
      'diversity-inclusion',
      'social-return',
    ]);
    const error = refusal(() => closeWeb(web, anna, later));
    expect(error.code).toBe('validation');
    expect(error.userMessage.nl).toContain('nog open: Milieu, Circulair');
    web = settleAll(web);
    expect(() => closeWeb(web, bram, later)).toThrow();
    expect(closeWeb(web, anna, later).state).toBe('settled');
  });

  it('makes the web read-only, keeps who took part and removes the proposals', () => {
    let web = propose(tenderWeb(), bram, { axisId: 'climate', level: 3 }, now);
    web = closeWeb(settleAll(web), anna, later);
    expect(web).toMatchObject({ state: 'settled', settledAt: later.toISOString(), proposals: [] });
    expect(web.participants.map((p) => p.displayName)).toEqual(['Anna de Vries', 'Bram Smit']);
    for (const attempt of [
      () => propose(web, bram, { axisId: 'climate', level: 1 }, later),
      () => settle(web, anna, { axisId: 'climate', score: 1 }, later),
      () => settle(web, team, { axisId: 'climate', score: 1 }, later),
      () => join(web, chris),
      () => closeWeb(web, anna, later),
    ])
      expect(refusal(attempt).code).toBe('conflict');
    expect(ambitionWeb.parse(web)).toEqual(web);
  });

  it('forgets a person who is erased, and keeps the scores', () => {
    let web = propose(tenderWeb(), bram, { axisId: 'climate', level: 3 }, now);
    web = settle(web, anna, { axisId: 'climate', score: 3 }, later);
    const erased = withoutPerson(web, 'u-anna');
    expect(JSON.stringify(erased)).not.toContain('u-anna');
    expect(JSON.stringify(erased)).not.toContain('Anna');
    expect(erased.scores.climate?.score).toBe(3);
    expect(withoutPerson(web, 'u-bram').proposals).toEqual([]);
  });
});

describe('a stored web', () => {
  it('is refused when it is settled with an axis unscored, or scores an axis it does not have', () => {
    const open = tenderWeb();
    expect(ambitionWeb.safeParse({ ...open, state: 'settled', settledAt: later.toISOString() }).success).toBe(
      false,
    );
    const stray = { ...open, scores: { welzijn: { score: 2, settledAt: later.toISOString() } } };
    expect(ambitionWeb.safeParse(stray).error?.issues[0]?.path).toEqual(['scores', 'welzijn']);
  });
});
