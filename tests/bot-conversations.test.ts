import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS } from '../scripts/dev/demo-data.js';
import { cardProblems, cardText } from './support/adaptive-cards.js';
import { startConnector, type Connector } from './support/connector.js';
import { useStack } from './support/stack.js';

const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
let counter = 0;

describe('conversations with the bot', () => {
  const stack = useStack();
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  const activity = (
    conversationId: string,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    type: 'message',
    id: `act-${++counter}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:pieter', name: pieter.displayName, aadObjectId: pieter.id },
    recipient: { id: '28:bot', name: 'MVI Companion' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    locale: 'nl-NL',
    ...extra,
  });
  const post = async (body: Record<string, unknown>): Promise<{ status: number; body: any }> => {
    const response = await fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const say = async (conversationId: string, text: string, extra: Record<string, unknown> = {}) => {
    const before = connector.replies.filter((r) => r.conversationId === conversationId).length;
    const response = await post(activity(conversationId, { text, ...extra }));
    expect(response.status).toBe(200);
    const replies = await connector.waitFor(conversationId, before + 1);
    return replies[replies.length - 1]!.activity;
  };
  const cardOf = (reply: any): any => {
    const attachment = reply.attachments?.[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(attachment.content)).toEqual([]);
    return attachment.content;
  };
  const invoke = (conversationId: string, verb: string, data: unknown) =>
    post(
      activity(conversationId, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );
  const adviceIdOf = (card: any): string => JSON.stringify(card).match(/"adviceId":"([^"]+)"/)![1]!;
  const feedbackCount = async (): Promise<number> => {
    const keys: string[] = [];
    for await (const entity of stack().services.storage.table('Feedback').listEntities())
      keys.push(entity.rowKey ?? '');
    return keys.length;
  };

  it('answers a free-text question with an advice card: group and why, criteria, threshold, social return', async () => {
    const reply = await say(
      'c-free',
      'Welke MVI-criteria voor de aanbesteding schoonmaak gemeentehuis, ca. €400.000?',
    );
    const card = cardOf(reply);
    const text = cardText(card);
    expect(text).toContain('Schoonmaak en glasbewassing');
    expect(text).toContain('“schoonmaak”');
    expect(text).toMatch(/Met €\s400\.000 ligt deze opdracht boven de Europese drempel/);
    expect(text).toMatch(/Social return is van toepassing: 5% van €\s400\.000 is €\s20\.000/);
    const cleaning = stack().services.catalogue.productGroupsById.get('cleaning')!;
    // Havendam's policy: ambitious by default, so ambitious criteria are shown first.
    expect(text).toContain('Criteria bij ambitieniveau “Ambitieus”');
    const ambitious = cleaning.criteria.filter((c) => c.ambition === 'ambitious').map((c) => c.title.nl);
    expect(ambitious.some((title) => text.includes(title))).toBe(true);
    expect(text).toContain('Download selectie (.docx)');
  });

  it('updates the card in place when the user switches the ambition level', async () => {
    const card = cardOf(await say('c-ambition', 'schoonmaak kantoren €300.000'));
    const id = adviceIdOf(card);
    const basic = await invoke('c-ambition', 'setAmbition', { adviceId: id, ambition: 'basic' });
    expect(basic.status).toBe(200);
    expect(basic.body.statusCode).toBe(200);
    expect(basic.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(basic.body.value)).toEqual([]);
    expect(cardText(basic.body.value)).toContain('Criteria bij ambitieniveau “Basis”');
    const basicCount = (cardText(basic.body.value).match(/ · Basis$/gm) ?? []).length;
    const ambitious = await invoke('c-ambition', 'setAmbition', { adviceId: id, ambition: 'ambitious' });
    expect(cardText(ambitious.body.value)).toContain('Criteria bij ambitieniveau “Ambitieus”');
    expect(cardText(ambitious.body.value)).toMatch(/ · Ambitieus$/m);
    expect(basicCount).toBeGreaterThan(0);
  });

  it('stores "was this helpful?" feedback for the MVI team and thanks the user', async () => {
    const card = cardOf(await say('c-feedback', 'Inzameling huishoudelijk afval'));
    const before = await feedbackCount();
    const response = await invoke('c-feedback', 'feedback', { adviceId: adviceIdOf(card), helpful: true });
    expect(cardText(response.body.value)).toContain('Dank voor uw feedback');
    expect(await feedbackCount()).toBe(before + 1);
    const stored = [];
    for await (const e of stack().services.storage.table('Feedback').listEntities<{ data: string }>())
      stored.push(JSON.parse(e.data));
    expect(stored).toContainEqual(
      expect.objectContaining({
        helpful: true,
        userId: pieter.id,
        municipalityId: 'havendam',
        productGroupIds: ['waste-collection'],
      }),
    );
  });

  it('refuses a forged card action and stores nothing from it', async () => {
    const card = cardOf(await say('c-forged', 'Laptops €200.000'));
    const before = await feedbackCount();
    const forged = [
      { adviceId: 'AAAAAAAAAAAAAAAAAAAAAAAA', helpful: true },
      { adviceId: adviceIdOf(card), helpful: 'yes' },
      { adviceId: adviceIdOf(card), helpful: true, userId: 'someone-else' },
      'not even an object',
    ];
    for (const data of forged) {
      const response = await invoke('c-forged', 'feedback', data);
      expect(response.status).toBe(200);
      expect(response.body.value).toMatch(/kan ik niet verwerken/);
    }
    // The right advice id from another conversation is refused too.
    const other = await invoke('c-other', 'feedback', { adviceId: adviceIdOf(card), helpful: false });
    expect(other.body.value).toMatch(/kan ik niet verwerken/);
    expect(await feedbackCount()).toBe(before);
  });

  it('advises on a registered tender by its reference, using the stored tender data', async () => {
    const text = cardText(cardOf(await say('c-tender', 'criteria voor T-2026-021')));
    expect(text).toContain('T-2026-021 · Vervanging openbare verlichting door LED');
    expect(text).toContain('Openbare verlichting');
    expect(text).toMatch(/€\s1\.250\.000/);
  });

  it('shows a tender only to whom it belongs: another manager’s reference gets no advice', async () => {
    // T-2026-030 is Ingrid's; Pieter is an employee, as everyone is to the bot.
    const reply = await say('c-not-mine', 'criteria voor T-2026-030');
    expect(reply.attachments ?? []).toHaveLength(0);
    expect(reply.text).toBe(
      'Ik vind aanbesteding T-2026-030 niet bij uw aanbestedingen. Typ **mijn aanbestedingen** om ze te zien.',
    );
    expect(reply.text).not.toContain('Laptops');
  });

  it('lets the commissioning manager record the MVI of their tender in a card, and keeps what they typed when something is missing', async () => {
    const form = cardOf(await say('c-record', 'MVI vastleggen voor T-2026-014'));
    expect(cardText(form)).toMatch(
      /^MVI in deze aanbesteding: \nT-2026-014 · Schoonmaak gemeentehuis en wijkkantoren\n/,
    );
    const criteria = form.body.find((b: any) => b.id === 'criteria-cleaning');
    expect(criteria).toMatchObject({
      type: 'Input.ChoiceSet',
      isMultiSelect: true,
      label: 'Schoonmaak en glasbewassing',
    });
    expect(criteria.choices.map((c: any) => c.value)).toContain('cleaning.ecolabel-products');
    expect(form.actions[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'mviRecord',
      data: { reference: 'T-2026-014' },
    });

    // Nothing ticked and no reason: the form comes back with the problem on top and the typed results kept.
    const incomplete = await invoke('c-record', 'mviRecord', {
      reference: 'T-2026-014',
      'criteria-cleaning': '',
      socialReturn: 'false',
      realisation: 'not-yet',
      results: 'Nog in voorbereiding',
    });
    expect(incomplete.status).toBe(200);
    expect(cardProblems(incomplete.body.value)).toEqual([]);
    expect(incomplete.body.value.body[0]).toMatchObject({
      color: 'Attention',
      text: expect.stringMatching(/waarom MVI in deze aanbesteding ontbreekt/),
    });
    expect(incomplete.body.value.body.find((b: any) => b.id === 'results').value).toBe(
      'Nog in voorbereiding',
    );
    expect((await stack().services.nudges.tenders.get('havendam', 'T-2026-014'))!.value.mvi).toBeUndefined();

    const saved = await invoke('c-record', 'mviRecord', {
      reference: 'T-2026-014',
      'criteria-cleaning': 'cleaning.ecolabel-products,cleaning.good-employment',
      socialReturn: 'true',
      percentage: '5',
      realisation: 'not-yet',
    });
    expect(cardText(saved.body.value)).toContain('MVI-registratie opgeslagen.');
    expect(cardText(saved.body.value)).toContain('2 criteria vastgelegd; social return 5 %.');
    const stored = (await stack().services.nudges.tenders.get('havendam', 'T-2026-014'))!.value.mvi;
    expect(stored).toMatchObject({
      appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.good-employment'],
      socialReturn: { applied: true, percentage: 5 },
      realisation: 'not-yet',
    });

    // Opening the form again shows what is stored.
    const again = await invoke('c-record', 'mviRecordForm', { reference: 'T-2026-014' });
    expect(again.body.value.body.find((b: any) => b.id === 'criteria-cleaning').value).toBe(
      'cleaning.ecolabel-products,cleaning.good-employment',
    );

    // Someone else's tender, or a forged criterion, stores nothing.
    expect(
      (
        await invoke('c-record', 'mviRecord', {
          reference: 'T-2026-030',
          'criteria-computers': 'computers.ecolabel',
          socialReturn: 'false',
        })
      ).body.value,
    ).toBe(
      'Ik vind aanbesteding T-2026-030 niet bij uw aanbestedingen. Typ **mijn aanbestedingen** om ze te zien.',
    );
    expect((await stack().services.nudges.tenders.get('havendam', 'T-2026-030'))!.value.mvi).toBeUndefined();
    const noPercentage = await invoke('c-record', 'mviRecord', {
      reference: 'T-2026-014',
      'criteria-cleaning': 'cleaning.ecolabel-products',
      socialReturn: 'true',
      percentage: 'vijf',
    });
    expect(noPercentage.body.value.body[0].text).toMatch(/percentage/);
    const forged = await invoke('c-record', 'mviRecord', {
      reference: 'T-2026-014',
      'criteria-cleaning': 'cleaning.bestaat-niet',
      socialReturn: 'false',
    });
    expect(forged.body.value.body[0].text).toBe(
      'Deze criteria bestaan niet in de MVI-catalogus: cleaning.bestaat-niet.',
    );
    expect(
      (await stack().services.nudges.tenders.get('havendam', 'T-2026-014'))!.value.mvi!.appliedCriteria,
    ).toHaveLength(2);
  });

  it('offers the MVI form from the advice on a registered tender', async () => {
    const card = cardOf(await say('c-offer', 'criteria voor T-2026-021'));
    expect(card.actions).toContainEqual({
      type: 'Action.Execute',
      title: 'MVI in deze aanbesteding',
      verb: 'mviRecordForm',
      data: { reference: 'T-2026-021' },
    });
    // Free-text advice is about no tender: no form.
    const free = cardOf(await say('c-offer-free', 'Laptops €200.000'));
    expect(free.actions.some((a: any) => a.verb === 'mviRecordForm')).toBe(false);
  });

  it('lists "mijn aanbestedingen" of the commissioning manager', async () => {
    const card = cardOf(await say('c-mine', 'mijn aanbestedingen'));
    const text = cardText(card);
    expect(JSON.stringify(card)).toContain(
      '{"type":"Action.Execute","title":"MVI in deze aanbesteding","verb":"mviRecordForm","data":{"reference":"T-2026-014"}}',
    );
    expect(text).toContain('T-2026-014');
    expect(text).toContain('T-2026-021');
    expect(text).not.toContain('T-2026-030');
  });

  it('keeps the tender in mind for a follow-up question', async () => {
    await say('c-follow', 'Schoonmaak gemeentehuis, ca. €400.000');
    const text = cardText(cardOf(await say('c-follow', 'en als het €150.000 is?')));
    expect(text).toContain('Schoonmaak en glasbewassing');
    expect(text).toMatch(/Met €\s150\.000 ligt deze opdracht onder de Europese drempel/);
  });

  it('says honestly when it does not know, asks what is bought, and still gives criteria that suit any tender', async () => {
    const text = cardText(cardOf(await say('c-unsure', 'xyzzy frobnicate')));
    expect(text).toContain('Ik weet niet zeker wat u inkoopt');
    expect(text).toMatch(/Wat koopt u precies in/);
    expect(text).toContain('Geen specifieke productgroep; deze criteria passen bij elke opdracht.');
    expect(text).toContain('Algemene MVI-criteria');
  });

  it('shows the CPV codes to copy into the notice with their names, and names each criterion’s group', async () => {
    const card = cardOf(await say('c-cpv', 'Welke MVI-criteria voor de schoonmaak van het gemeentehuis?'));
    const block = card.body.find((b: any) => b.type === 'CodeBlock');
    expect(block.codeSnippet).toMatch(/^909\d{5}-\d /);
    expect(block.codeSnippet).toContain('Reinigingsdiensten van kantoren');
    expect(block.fallback.type).toBe('TextBlock');
    expect(cardText(card)).toContain('CPV-codes voor de aankondiging');
    expect(cardText(card)).toMatch(/· Schoonmaak en glasbewassing · Minimumeis/);
  });

  it('shows a group that is only possible apart, linked, without its criteria', async () => {
    const text = cardText(cardOf(await say('c-possible', 'Inhuur verkeersregelaars evenementen')));
    expect(text).toMatch(/Ook mogelijk: \[Evenementen[^\]]*\]\(http/);
    expect(text).not.toMatch(/· Evenementen/);
  });

  it('says it is not sure of a product group that explains only a word of the question', async () => {
    // Printers know "machine"; a milling machine is not a printer.
    const unsure = cardText(
      cardOf(await say('c-partly', 'Welke MVI-criteria voor een CNC Milling Machine?')),
    );
    expect(unsure).toContain('Ik ben niet zeker van deze match');
    const sure = cardText(
      cardOf(await say('c-wholly', 'Welke MVI-criteria voor schoonmaak van het gemeentehuis?')),
    );
    expect(sure).not.toContain('Ik ben niet zeker van deze match');
  });

  it('answers in English for an English locale', async () => {
    const text = cardText(
      cardOf(
        await say('c-en', 'Which MVI criteria for office cleaning, about €300,000?', { locale: 'en-GB' }),
      ),
    );
    expect(text).toContain('MVI advice for');
    expect(text).toMatch(/EU threshold/);
    const form = cardOf(await say('c-en', 'record MVI for T-2026-021', { locale: 'en-GB' }));
    expect(cardText(form)).toMatch(
      /^MVI in this tender: \nT-2026-021 · Vervanging openbare verlichting door LED\nTick the criteria/,
    );
    expect(form.body.find((b: any) => b.id === 'realisation').choices.map((c: any) => c.title)).toEqual([
      'Not known yet',
      'Realised',
      'Partly realised',
      'Not realised',
    ]);
  });

  it('shows upcoming sessions on "sessies"', async () => {
    const text = cardText(cardOf(await say('c-sessions', 'sessies')));
    expect(text).toContain('Lunchlezing: circulair inkopen in de praktijk');
  });

  it('copes with empty text, 10,000 characters and markup without crashing', async () => {
    expect((await say('c-bad', '')).text).toMatch(/leeg bericht/);
    const long = await say('c-bad', `schoonmaak ${'kantoor '.repeat(1250)}`);
    expect(cardText(cardOf(long))).toContain('Schoonmaak en glasbewassing');
    const markup = cardOf(
      await say('c-bad', '<script>alert(1)</script> [klik](http://evil.example) schoonmaak'),
    );
    expect(JSON.stringify(markup)).not.toContain('<script>');
    // The user's text is shown as plain text runs, never as Markdown that Teams turns into a link.
    const markdownTexts: string[] = [];
    const walk = (node: any): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (node.type === 'TextBlock') markdownTexts.push(node.text);
        Object.values(node).forEach(walk);
      }
    };
    walk(markup);
    expect(markdownTexts.join('\n')).not.toContain('evil.example');
    expect(cardText(markup)).toContain('[klik](http://evil.example) schoonmaak');
  });

  it('stores the conversation reference on install and removes it on uninstall', async () => {
    const table = stack().services.storage.table('Conversations');
    await post(activity('c-install', { type: 'installationUpdate', action: 'add', text: undefined }));
    const stored = await table.getEntity<{ data: string }>(DEMO_TENANT_ID, pieter.id);
    expect(JSON.parse(stored.data)).toMatchObject({
      conversationId: 'c-install',
      serviceUrl: connector.serviceUrl,
    });
    await post(activity('c-install', { type: 'installationUpdate', action: 'remove', text: undefined }));
    await expect(table.getEntity(DEMO_TENANT_ID, pieter.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});
