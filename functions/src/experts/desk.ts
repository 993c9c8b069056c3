/**
 * "Vraag een expert" in the backend: the stores, the proactive sender, and what the MVI team
 * does from the tab (choose the channel, list the questions with their age, publish an
 * answer as a toolbox page) and the timer that reminds the channel of unclaimed questions.
 */
import type { Activity } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory } from '@microsoft/agents-hosting';
import { z } from 'zod';
import { expertChannelCard, expertReminderText } from '../../../bot/src/expert-cards.js';
import type { ExpertChannel, ExpertDesk } from '../../../bot/src/ports.js';
import { ageInWorkingDays, reminderDue, type ExpertQuestion } from '../../../core/src/experts/question.js';
import {
  conflict,
  notFound,
  slugify,
  validationError,
  type Principal,
  type ToolboxItem,
} from '../../../core/src/index.js';
import { parseWith } from '../../../core/src/sessions/index.js';
import { WorkCalendar } from '../../../core/src/nudges/calendar.js';
import { createProactiveSender, type ProactiveSender } from '../nudges/proactive.js';
import type { Services } from '../services.js';
import {
  createExpertChannelStore,
  createExpertQuestionStore,
  createTeamInstallationStore,
} from '../storage/expert-store.js';
import { createToolboxItemStore } from '../storage/toolbox-items.js';

const desks = new WeakMap<Services, ExpertDesk>();

/** One desk per process: the bot and the API share its stores and sender. */
export function expertDeskFor(services: Services, proactive?: ProactiveSender): ExpertDesk {
  let desk = desks.get(services);
  if (!desk) {
    const { config, storage } = services;
    const sender =
      proactive ??
      createProactiveSender(
        config.BOT_ID
          ? { clientId: config.BOT_ID, clientSecret: config.BOT_PASSWORD, tenantId: config.BOT_TENANT_ID }
          : undefined,
        { serviceUrlHosts: config.BOT_SERVICE_URL_HOSTS, localDevelopment: config.BOT_LOCAL_DEV },
      );
    desk = {
      questions: createExpertQuestionStore(storage),
      channels: createExpertChannelStore(storage),
      teams: createTeamInstallationStore(storage),
      send: (target, activity: Activity) =>
        sender.send(
          {
            tenantId: '',
            userId: '',
            conversationId: '',
            channelId: 'msteams',
            botId: '',
            installedAt: '',
            serviceUrl: target.serviceUrl,
            reference: target.reference,
          },
          activity,
        ),
    };
    desks.set(services, desk);
  }
  return desk;
}

const calendar = new WorkCalendar();

/** The teams the app is installed in for the municipality, and the channel chosen. */
export async function expertSetup(services: Services, principal: Principal) {
  const desk = expertDeskFor(services);
  const [teams, chosen] = await Promise.all([
    desk.teams.list(principal.tenantId),
    desk.channels.get(principal.municipalityId),
  ]);
  return {
    channel: chosen
      ? {
          teamId: chosen.teamId,
          teamName: chosen.teamName ?? null,
          channelId: chosen.channelId,
          channelName: chosen.channelName,
          chosenBy: chosen.chosenBy.displayName,
          chosenAt: chosen.chosenAt,
        }
      : null,
    teams: teams
      .filter((t) => !t.municipalityId || t.municipalityId === principal.municipalityId)
      .map((t) => ({ teamId: t.teamId, teamName: t.teamName ?? null, channels: t.channels })),
  };
}

const channelChoice = z.object({ teamId: z.string().min(1).max(300), channelId: z.string().min(1).max(300) });

/** The MVI team chooses the channel its questions go to (a channel of a team the app is installed in). */
export async function chooseExpertChannel(services: Services, principal: Principal, body: unknown) {
  const choice = parseWith(channelChoice, body, { nl: 'Het kanaal', en: 'The channel' });
  const desk = expertDeskFor(services);
  const team = await desk.teams.get(principal.tenantId, choice.teamId);
  const channel = team?.channels.find((c) => c.id === choice.channelId);
  if (!team || !channel || (team.municipalityId && team.municipalityId !== principal.municipalityId))
    throw notFound({
      nl: 'Dit kanaal ken ik niet. Installeer de app eerst in het team (of noem de bot één keer in het kanaal).',
      en: 'I do not know this channel. Install the app in the team first (or mention the bot once in the channel).',
    });
  const reference = team.reference as { conversation?: Record<string, unknown> };
  const value: ExpertChannel = {
    municipalityId: principal.municipalityId,
    tenantId: principal.tenantId,
    teamId: team.teamId,
    ...(team.teamName ? { teamName: team.teamName } : {}),
    channelId: channel.id,
    channelName: channel.name,
    serviceUrl: team.serviceUrl,
    // A message to the channel's id starts a new conversation (thread) in that channel.
    reference: {
      ...team.reference,
      conversation: {
        ...(reference.conversation ?? {}),
        id: channel.id,
        conversationType: 'channel',
        isGroup: true,
        tenantId: principal.tenantId,
      },
    },
    chosenBy: { userId: principal.userId, displayName: principal.displayName },
    chosenAt: services.clock.now().toISOString(),
  };
  await desk.channels.save(value);
  return expertSetup(services, principal);
}

/** The questions of the municipality for the MVI team: open first, then claimed, then answered; with their age. */
export async function listExpertQuestions(services: Services, principal: Principal) {
  const now = services.clock.now();
  const rank = { open: 0, claimed: 1, answered: 2 } as const;
  const records = await expertDeskFor(services).questions.list(principal.municipalityId);
  return records
    .map((r) => r.question)
    .sort((a, b) => rank[a.state] - rank[b.state] || b.askedAt.localeCompare(a.askedAt))
    .map((q) => ({ ...q, ageWorkingDays: ageInWorkingDays(q, now, calendar) }));
}

/** An answered question as a toolbox page (a FAQ) of the municipality, in one step. */
export async function publishExpertAnswer(
  services: Services,
  principal: Principal,
  id: string,
): Promise<{ question: ExpertQuestion; item: ToolboxItem }> {
  const desk = expertDeskFor(services);
  const stored = await desk.questions.get(principal.municipalityId, id);
  if (!stored) throw notFound({ nl: 'Deze vraag bestaat niet.', en: 'This question does not exist.' });
  const q = stored.question;
  if (q.state !== 'answered' || !q.answer)
    throw validationError({
      nl: 'Alleen een beantwoorde vraag kan in de toolbox.',
      en: 'Only an answered question can go into the toolbox.',
    });
  if (q.publishedAs)
    throw conflict({
      nl: `Dit antwoord staat al in de toolbox (${q.publishedAs}).`,
      en: `This answer is in the toolbox already (${q.publishedAs}).`,
    });
  const title = `${q.language === 'en' ? 'Question' : 'Vraag'}: ${q.question.replace(/\s+/g, ' ')}`.slice(
    0,
    150,
  );
  const region = (await services.repos.municipalities.get(principal.municipalityId))?.regionId;
  const item: ToolboxItem = {
    kind: 'page',
    id: `${slugify(title).slice(0, 70).replace(/-+$/, '')}-${q.id.slice(0, 6)}`,
    title: title.length >= 3 ? title : `${title}…`,
    summary: q.answer.text.replace(/\s+/g, ' ').slice(0, 400),
    // The question and answer as text: the page is rendered from Markdown, sanitised.
    body: [
      `**${q.language === 'en' ? 'Question' : 'Vraag'}**`,
      '',
      q.question,
      '',
      `**${q.language === 'en' ? 'Answer of the MVI team' : 'Antwoord van het MVI-team'}**`,
      '',
      q.answer.text,
    ].join('\n'),
    themes: [],
    productGroupIds: q.context.productGroupIds.filter((g) => services.catalogue.productGroupsById.has(g)),
    regionWide: false,
    municipalityId: principal.municipalityId,
    regionId: region ?? principal.municipalityId,
    version: 1,
    updatedAt: services.clock.now().toISOString(),
    updatedBy: { userId: principal.userId, displayName: principal.displayName },
  };
  await createToolboxItemStore(services.storage).create(item);
  const updated = await desk.questions.update(principal.municipalityId, id, (r) => ({
    ...r,
    question: { ...r.question, publishedAs: item.id },
  }));
  return { question: updated?.question ?? q, item };
}

/** The timer: brings questions nobody took up in the channel again, after two working days. */
export async function remindExperts(services: Services): Promise<number> {
  const desk = expertDeskFor(services);
  const now = services.clock.now();
  let reminded = 0;
  for (const municipality of await services.repos.municipalities.list()) {
    const channel = await desk.channels.get(municipality.id);
    if (!channel) continue;
    for (const record of await desk.questions.list(municipality.id)) {
      if (!reminderDue(record.question, now, calendar)) continue;
      // Another instance may remind at the same time: only the one whose write wins sends.
      let mine = false;
      const updated = await desk.questions.update(municipality.id, record.question.id, (r) => {
        mine = reminderDue(r.question, now, calendar);
        return mine
          ? {
              ...r,
              question: {
                ...r.question,
                remindedAt: [...r.question.remindedAt, now.toISOString()].slice(-20),
              },
            }
          : r;
      });
      if (!updated || !mine) continue;
      await desk.send(
        channel,
        MessageFactory.attachment(
          CardFactory.adaptiveCard(expertChannelCard(updated, 'nl', { text: expertReminderText('nl') })),
        ),
      );
      reminded++;
    }
  }
  return reminded;
}
