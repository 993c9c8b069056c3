import { describe, expect, it } from 'vitest';
import { fatma, ingrid, pieter, sanne, useSessionWorld } from '../support/sessions.js';

const session = (extra: Record<string, unknown> = {}) => ({
  type: 'workshop',
  title: 'Workshop circulair inkopen in Polderveen',
  start: '2027-03-10T12:00:00+01:00',
  end: '2027-03-10T15:00:00+01:00',
  location: 'Gemeentehuis Polderveen',
  ...extra,
});

describe("attendance only for people of the session's audience", () => {
  const world = useSessionWorld({ start: '2027-03-02T09:30:00Z' });

  it("an organiser of Polderveen cannot write attendance for someone of Havendam into Polderveen's own session", async () => {
    const own = await world.plan(sanne, session());
    world.clock.set('2027-03-10T11:30:00Z');
    const written = await world.api('PUT', `/sessions/${own.id}/attendance/${pieter.id}`, sanne, {
      status: 'present',
    });
    expect(written.status).toBe(403);
    expect(written.body.error.message).toMatch(/Deze persoon hoort niet bij het publiek van deze sessie/);
    const list = await world.api('GET', `/sessions/${own.id}/attendance`, sanne);
    expect(JSON.stringify(list.body)).not.toContain(pieter.id);
    // Havendam's privacy export of the person holds nothing of it.
    const exported = await world.api('GET', `/privacy/people/${pieter.id}/export`, ingrid);
    expect(JSON.stringify(exported.body)).not.toContain(own.id);
  });

  it('a region-wide session is open to the whole region, so its organiser may mark anyone of it', async () => {
    world.clock.set('2027-03-02T09:30:00Z');
    const regional = await world.plan(
      sanne,
      session({
        title: 'Regionale kennissessie',
        regionWide: true,
        start: '2027-03-11T12:00:00+01:00',
        end: '2027-03-11T15:00:00+01:00',
      }),
    );
    world.clock.set('2027-03-11T11:30:00Z');
    const marked = await world.api('PUT', `/sessions/${regional.id}/attendance/${fatma.id}`, sanne, {
      status: 'present',
    });
    expect(marked.status).toBe(200);
  });
});
