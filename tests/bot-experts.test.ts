/**
 * "Vraag een expert" end to end: the MVI team installs the app in its team and chooses the
 * channel in the tab; a question escalated from a personal chat becomes a card in that
 * channel; an expert claims and answers it there; the answer reaches the asker's chat with
 * "was dit nuttig?"; the MVI team lists it, publishes it as a toolbox page, and the person's
 * export and erase include it. Real HTTP activities and API calls against the real stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS } from '../scripts/dev/demo-data.js';
import { addDays, WorkCalendar } from '../core/src/nudges/calendar.js';
import { remindExperts } from '../functions/src/experts/desk.js';
import { cardProblems, cardText } from './support/adaptive-cards.js';
import { startConnector, type Connector } from './support/connector.js';
import { useStack } from './support/stack.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!; // mvi-admin, Havendam
const mohamed = DEMO_USERS.find((u) => u.upn.startsWith('mohamed'))!; // buyer, Havendam
const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!; // employee, Havendam
const fatma = DEMO_USERS.find((u) => u.upn.startsWith('fatma'))!; // employee, Rietmond
type User = typeof pieter;

const TEAM = '19:mvi-team-havendam@thread.tacv2';
const QUESTIONS = '19:mvi-vragen-havendam@thread.tacv2';
let counter = 0;

describe('ask an MVI expert', () => {
  const stack = useStack();
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  const activity = (
    user: User,
    conversation: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => ({
    type: 'message',
    id: `exp-${++counter}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: `29:${user.id}`, name: user.displayName, aadObjectId: user.id },
    recipient: { id: '28:bot', name: 'MVI Companion' },
    conversation: { tenantId: DEMO_TENANT_ID, ...conversation },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    locale: 'nl-NL',
    ...extra,
  });
  const personal = (user: User) => ({ id: `a:personal-${user.id}`, conversationType: 'personal' });
  const inChannel = (id: string, name: string) => ({
    conversation: { id: `${id};messageid=1`, conversationType: 'channel', tenantId: DEMO_TENANT_ID },
    channelData: {
      tenant: { id: DEMO_TENANT_ID },
      team: { id: TEAM, name: 'MVI-team Havendam' },
      channel: { id, name },
    },
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
  const invoke = (
    user: User,
    conversation: Record<string, unknown>,
    verb: string,
    data: unknown,
    extra = {},
  ) =>
    post(
      activity(user, conversation, {
        type: 'invoke',
        // Teams names the card's message the action came from.
        replyToId: 'card-1',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        ...extra,
      }),
    );
  const api = async (method: string, path: string, user: User, body?: unknown) => {
    const response = await fetch(`${stack().urls.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await stack().idp.issue(user.upn)}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const repliesIn = (conversationId: string) =>
    connector.replies.filter((r) => r.conversationId === conversationId);

  it('hands a question from a personal chat to the chosen channel, where an expert claims and answers it; the asker gets the answer', async () => {
    // The MVI team installs the app in its team; the bot is mentioned once in the questions channel.
    await post(
      activity(ingrid, inChannel(TEAM, 'General').conversation, {
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:bot' }],
        channelData: inChannel(TEAM, 'General').channelData,
      }),
    );
    await post(
      activity(ingrid, inChannel(QUESTIONS, 'Vragen').conversation, {
        text: '<at>MVI Companion</at> help',
        entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'MVI Companion' } }],
        channelData: inChannel(QUESTIONS, 'Vragen').channelData,
      }),
    );

    // Before a channel is chosen, the bot says so instead of promising an answer.
    const before = repliesIn(personal(pieter).id).length;
    await post(
      activity(pieter, personal(pieter), { text: 'vraag een expert: mag ik om elektrisch vervoer vragen?' }),
    );
    expect(repliesIn(personal(pieter).id).slice(before).at(-1)!.activity.text).toMatch(/nog geen kanaal/);

    // The MVI team chooses the channel in the tab; others may not.
    expect((await api('GET', '/experts/setup', pieter)).status).toBe(403);
    const setup = await api('GET', '/experts/setup', ingrid);
    expect(setup.body.teams).toContainEqual({
      teamId: TEAM,
      teamName: 'MVI-team Havendam',
      channels: expect.arrayContaining([{ id: QUESTIONS, name: 'Vragen' }]),
    });
    expect(
      (await api('PUT', '/experts/channel', ingrid, { teamId: TEAM, channelId: 'bestaat-niet' })).status,
    ).toBe(404);
    const chosen = await api('PUT', '/experts/channel', ingrid, { teamId: TEAM, channelId: QUESTIONS });
    expect(chosen.status).toBe(200);
    expect(chosen.body.channel).toMatchObject({
      channelId: QUESTIONS,
      channelName: 'Vragen',
      chosenBy: ingrid.displayName,
    });

    // Pieter asks for advice; the card offers an expert; he takes it.
    await post(activity(pieter, personal(pieter), { text: 'Leerlingenvervoer, ca. €400.000' }));
    const advice = repliesIn(personal(pieter).id).at(-1)!.activity.attachments[0].content;
    const ask = advice.actions.find((a: any) => a.verb === 'askExpert');
    expect(ask.title).toBe('Vraag een MVI-expert');
    const asked = await invoke(pieter, personal(pieter), 'askExpert', ask.data);
    expect(asked.body.value).toMatch(/doorgegeven aan het MVI-team \(kanaal “Vragen”\)/);

    // The card in the channel: the question, its context, what the bot said; nobody has it yet.
    const posted = repliesIn(QUESTIONS);
    expect(posted).toHaveLength(1);
    const channelCard = posted[0]!.activity.attachments[0].content;
    expect(cardProblems(channelCard)).toEqual([]);
    const text = cardText(channelCard);
    expect(text).toContain('Vraag voor het MVI-team');
    expect(text).toContain(pieter.displayName);
    expect(text).toMatch(/Leerlingenvervoer, ca\. €400\.000 · €\s400\.000/);
    expect(text).toContain('Productgroepen: Leerlingenvervoer en doelgroepenvervoer');
    expect(text).toContain('Nog niet opgepakt.');
    const claimAction = channelCard.actions.find((a: any) => a.verb === 'expertClaim');
    expect(claimAction.title).toBe('Ik pak dit op');
    const data = claimAction.data;
    const channel = inChannel(QUESTIONS, 'Vragen');

    // Someone of another municipality cannot take it; Ingrid can, and the card shows her.
    const foreign = await invoke(fatma, channel.conversation, 'expertClaim', data, {
      channelData: channel.channelData,
    });
    expect(foreign.body.value).toMatch(/kan ik niet verwerken/);
    const claimed = await invoke(ingrid, channel.conversation, 'expertClaim', data, {
      channelData: channel.channelData,
    });
    expect(cardProblems(claimed.body.value)).toEqual([]);
    expect(cardText(claimed.body.value)).toContain(`Opgepakt door ${ingrid.displayName}.`);
    // The card in the channel changes for everyone, not only for Ingrid.
    const shared = connector.updates.filter((u) => u.conversationId.startsWith(QUESTIONS));
    expect(shared.at(-1)!.activityId).toBe('card-1');
    expect(cardText(shared.at(-1)!.activity.attachments[0].content)).toContain(
      `Opgepakt door ${ingrid.displayName}.`,
    );
    const second = await invoke(mohamed, channel.conversation, 'expertClaim', data, {
      channelData: channel.channelData,
    });
    expect(cardText(second.body.value)).toContain(`${ingrid.displayName} heeft deze vraag al opgepakt.`);

    // Ingrid answers in the card; the card says "beantwoord", Pieter gets the answer in his chat.
    const answerText = 'Ja: vraag om zero-emissievervoer als eis vanaf 2027 en geef punten voor eerder.';
    const empty = await invoke(
      ingrid,
      channel.conversation,
      'expertAnswer',
      { ...data, answer: '  ' },
      {
        channelData: channel.channelData,
      },
    );
    expect(cardText(empty.body.value)).toContain('Schrijf een antwoord.');
    const chatBefore = repliesIn(personal(pieter).id).length;
    const answered = await invoke(
      ingrid,
      channel.conversation,
      'expertAnswer',
      { ...data, answer: answerText },
      {
        channelData: channel.channelData,
      },
    );
    expect(cardText(answered.body.value)).toContain(`Beantwoord door ${ingrid.displayName}.`);
    expect(answered.body.value.actions).toBeUndefined();
    expect(
      cardText(
        connector.updates.filter((u) => u.conversationId.startsWith(QUESTIONS)).at(-1)!.activity
          .attachments[0].content,
      ),
    ).toContain(`Beantwoord door ${ingrid.displayName}.`);
    const delivered = repliesIn(personal(pieter).id).slice(chatBefore);
    expect(delivered).toHaveLength(1);
    const answerCard = delivered[0]!.activity.attachments[0].content;
    expect(cardProblems(answerCard)).toEqual([]);
    expect(cardText(answerCard)).toContain('Antwoord van het MVI-team');
    expect(cardText(answerCard)).toContain(answerText);
    expect(cardText(answerCard)).toContain('Was dit nuttig?');
    const yes = answerCard.actions.find((a: any) => a.verb === 'expertHelpful' && a.data.helpful === true);
    // Only Pieter judges his answer.
    expect((await invoke(mohamed, personal(mohamed), 'expertHelpful', yes.data)).body.value).toMatch(
      /kan ik niet verwerken/,
    );
    const thanked = await invoke(pieter, personal(pieter), 'expertHelpful', yes.data);
    expect(cardText(thanked.body.value)).toContain('Dank u!');

    // The MVI team's list: answered, with its age; published as a toolbox page in one step.
    const list = await api('GET', '/experts/questions', ingrid);
    expect(list.status).toBe(200);
    const q = list.body.questions.find((x: any) => x.id === data.questionId);
    expect(q).toMatchObject({
      state: 'answered',
      helpful: true,
      ageWorkingDays: 0,
      claimedBy: { userId: ingrid.id },
    });
    expect((await api('GET', '/experts/questions', pieter)).status).toBe(403);
    const published = await api('POST', `/experts/questions/${q.id}/publish`, ingrid);
    expect(published.status).toBe(201);
    expect(published.body.item).toMatchObject({ kind: 'page', municipalityId: 'havendam' });
    expect(published.body.item.body).toContain(answerText);
    const items = await api('GET', '/toolbox-items', pieter);
    expect(items.body.items.map((i: any) => i.id)).toContain(published.body.item.id);
    expect((await api('POST', `/experts/questions/${q.id}/publish`, ingrid)).status).toBe(409);

    // Personal data: in Pieter's export, and gone after his erasure.
    const exported = await api('GET', `/privacy/people/${pieter.id}/export`, ingrid);
    expect(exported.status).toBe(200);
    expect(exported.body.expertQuestions).toContainEqual(
      expect.objectContaining({ question: 'Leerlingenvervoer, ca. €400.000', state: 'answered' }),
    );
    const erased = await api('POST', `/privacy/people/${pieter.id}/erase`, ingrid);
    expect(erased.body.erased.expertQuestions).toBeGreaterThanOrEqual(1);
    const after = (await api('GET', '/experts/questions', ingrid)).body.questions.find(
      (x: any) => x.id === q.id,
    );
    expect(after.askedBy).toEqual({ userId: 'erased' });
    expect(JSON.stringify(after)).not.toContain('Leerlingenvervoer, ca.');
  });

  it('takes a typed "vraag een expert: …" and reminds the channel after two working days when nobody took it', async () => {
    const before = repliesIn(QUESTIONS).length;
    await post(
      activity(fatma, personal(fatma), {
        text: 'vraag een expert: geldt social return ook onder de drempel?',
      }),
    );
    // Rietmond chose no channel: no card in Havendam's.
    expect(repliesIn(QUESTIONS)).toHaveLength(before);
    await post(
      activity(mohamed, personal(mohamed), {
        text: 'vraag een expert: geldt social return ook onder de drempel?',
      }),
    );
    expect(repliesIn(personal(mohamed).id).at(-1)!.activity.text).toMatch(/doorgegeven/);
    expect(repliesIn(QUESTIONS)).toHaveLength(before + 1);
    expect(cardText(repliesIn(QUESTIONS).at(-1)!.activity.attachments[0].content)).toContain(
      'geldt social return ook onder de drempel?',
    );

    const services = stack().services;
    const asked = (await api('GET', '/experts/questions', ingrid)).body.questions.find(
      (x: any) => x.question === 'geldt social return ook onder de drempel?',
    );
    expect(asked.state).toBe('open');
    const at = (day: string, time = '10:00:00Z') =>
      Object.create(services, { clock: { value: { now: () => new Date(`${day}T${time}`) } } });
    // The next days, and which of them are working days (weekends and Dutch public holidays are not).
    const calendar = new WorkCalendar();
    const days: string[] = [];
    for (let d = addDays(asked.askedAt.slice(0, 10), 1); days.length < 10; d = addDays(d, 1)) days.push(d);
    const working = days.filter((d) => calendar.isWorkingDay(d));
    const firstNonWorking = days.find((d) => !calendar.isWorkingDay(d) && d > working[0]! && d < working[1]!);
    expect(await remindExperts(at(working[0]!))).toBe(0);
    if (firstNonWorking) expect(await remindExperts(at(firstNonWorking))).toBe(0);
    expect(await remindExperts(at(working[1]!))).toBe(1);
    const reminder = repliesIn(QUESTIONS).at(-1)!.activity.attachments[0].content;
    expect(cardText(reminder)).toContain('Herinnering: deze vraag wacht al twee werkdagen');
    // Once reminded, not again the same day.
    expect(await remindExperts(at(working[1]!, '11:00:00Z'))).toBe(0);
  });
});
