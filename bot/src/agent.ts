/**
 * The MVI Companion bot: one AgentApplication with declarative routes and small handlers.
 * Cards come from pure builders (cards.ts); advice from the one engine in core.
 */
import { ActivityTypes, type Activity } from '@microsoft/agents-activity';
import {
  AgentApplication,
  CardFactory,
  MemoryStorage,
  MessageFactory,
  type TurnContext,
  type TurnState,
} from '@microsoft/agents-hosting';
import { z } from 'zod';
import type { AdviceRequest } from '../../core/src/engine/advise.js';
import { amountInText } from '../../core/src/engine/text.js';
import { applyChange, contextLine, type ConversationContext } from '../../core/src/conversation/context.js';
import { readTurn } from '../../core/src/conversation/followup.js';
import { detectLanguage } from '../../core/src/conversation/language.js';
import {
  answer as answerQuestion,
  claim as claimQuestion,
  QUESTION_MAX,
  type ExpertQuestion,
  type QuestionPerson,
} from '../../core/src/experts/question.js';
import { randomUUID } from 'node:crypto';
import {
  adviceRequestFor,
  canRecordMvi,
  canSeeTender,
  isDomainError,
  tenderReference,
  type AmbitionLevel,
  type Membership,
  type Principal,
  type Tender,
} from '../../core/src/index.js';
import { NO_MVI_REASONS, REALISATIONS } from '../../core/src/monitoring/record.js';
import type { SessionActor } from '../../core/src/sessions/index.js';
import {
  adviceCard,
  errorCard,
  labels,
  MVI_CRITERIA_INPUT,
  mviRecordCard,
  mviSavedCard,
  sessionLabels,
  sessionOverviewCard,
  sessionsCard,
  tendersCard,
  type Card,
  type MviFormState,
} from './cards.js';
import {
  downloadText,
  helpText,
  languageOfLocale,
  languageSwitchedText,
  startOverText,
  tooLongNote,
  welcomeText,
  type BotLanguage,
} from './messages.js';
import { EXPERT_ANSWER_INPUT, expertAnswerCard, expertChannelCard } from './expert-cards.js';
import type {
  AdviceRecord,
  BotDependencies,
  ConversationMemoryState,
  ExpertQuestionRecord,
} from './ports.js';
import { cleanMessageText, readIntent } from './text.js';
import { ambitiewebRequest, planAmbitiewebSession } from './ambitieweb.js';

const MAX_TITLE = 300;
/** Messages are read up to this many characters; a longer one gets a polite note. */
export const MAX_MESSAGE = 2_000;

const setAmbitionData = z
  .object({
    adviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    ambition: z.enum(['basic', 'significant', 'ambitious']),
  })
  .strict();
const feedbackData = z
  .object({ adviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), helpful: z.boolean() })
  .strict();
const expertData = z.looseObject({
  questionId: z.uuid(),
  municipalityId: z.string().regex(/^[a-z0-9-]{2,100}$/),
});
const askExpertData = z.object({ adviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).strict();
const personOf = (m: Membership): QuestionPerson => ({ userId: m.userId, displayName: m.displayName });

/** Session card actions: the session, and the card's inputs (named after the session) merged in by Teams. */
const sessionData = z.looseObject({ sessionId: z.string().regex(/^[a-z0-9-]{3,64}$/) });
const inputOf = (data: Record<string, unknown>, name: string): string | undefined => {
  const value = data[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
};
/**
 * A member writing to the bot acts as an employee (the bot sees no app roles): they see and
 * record their own tenders, as the commissioning manager, and nobody else's.
 */
const principalOf = (m: Membership): Principal => ({
  userId: m.userId,
  tenantId: m.tenantId,
  municipalityId: m.municipalityId,
  displayName: m.displayName,
  ...(m.department ? { department: m.department } : {}),
  roles: ['employee'],
});
const actorOf = (m: Membership): SessionActor => principalOf(m);
const mviRecordData = z.looseObject({ reference: tenderReference });
const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((v) => v === value);

const language = (context: TurnContext): BotLanguage => languageOfLocale(context.activity.locale);

/**
 * The language to answer in: the one the person asked for, else the language of their
 * message, else the conversation's so far, else their Teams client's.
 */
function replyLanguage(
  context: TurnContext,
  text: string,
  memory: ConversationMemoryState | undefined,
): BotLanguage {
  if (memory?.languageChosen && memory.language) return memory.language;
  return detectLanguage(text) ?? memory?.language ?? language(context);
}

function tenantOf(activity: Activity): string | undefined {
  const channelTenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? channelTenant;
}

/** In channels and group chats the bot answers only when it is mentioned. */
function addressedToBot(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  if (!type || type === 'personal') return true;
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

const todayIn = (clock: BotDependencies['clock']): string =>
  clock.now().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

export function createAgent(deps: BotDependencies): AgentApplication<TurnState> {
  const agent = new AgentApplication<TurnState>({ storage: new MemoryStorage(), startTypingTimer: false });

  async function member(context: TurnContext): Promise<Membership | undefined> {
    const tenantId = tenantOf(context.activity);
    const userId = context.activity.from?.aadObjectId;
    if (!tenantId || !userId) return undefined;
    return deps.members.get(tenantId, userId);
  }

  /** A tender the member may see (their own, as commissioning manager), else undefined. */
  async function visibleTender(who: Membership, reference: string): Promise<Tender | undefined> {
    const tender = await deps.tenders.get(who.municipalityId, reference);
    return tender && canSeeTender(principalOf(who), tender) ? tender : undefined;
  }

  /** The MVI record form of a tender, or why it cannot be shown. */
  async function mviForm(
    who: Membership,
    reference: string,
    lang: BotLanguage,
    submitted?: { state: MviFormState; error: string },
  ): Promise<Card | string> {
    const tender = await visibleTender(who, reference);
    if (!tender) return tenderNotFound(lang, reference);
    if (!deps.tenderActions || !canRecordMvi(principalOf(who), tender))
      return lang === 'en'
        ? 'You cannot record the MVI of this tender here.'
        : 'U kunt de MVI van deze aanbesteding hier niet vastleggen.';
    const advice = deps.engine.advise(
      { ...adviceRequestFor(tender, lang), language: lang },
      todayIn(deps.clock),
    );
    const state: MviFormState = submitted?.state ??
      tender.mvi ?? {
        appliedCriteria: [],
        socialReturn: { applied: false, percentage: advice.socialReturn.percentage },
        realisation: 'not-yet',
      };
    // The tender's own groups, and the groups of criteria already ticked.
    const groupIds = new Set([
      ...advice.productGroups.map((g) => g.id),
      ...state.appliedCriteria.map((id) => deps.catalogue.criteriaById.get(id)?.productGroupId),
    ]);
    const groups = deps.catalogue.productGroups
      .filter((g) => groupIds.has(g.id))
      .map((g) => ({
        id: g.id,
        name: g.name[lang],
        criteria: g.criteria.map((c) => ({ id: c.id, title: c.title[lang] })),
      }));
    return mviRecordCard(
      tender,
      groups,
      state,
      lang,
      deps.links.tab(`/tenders/${encodeURIComponent(tender.reference)}`),
      submitted ? { text: submitted.error, error: true } : undefined,
    );
  }

  async function cardFor(
    record: AdviceRecord,
    lang: BotLanguage,
    feedbackGiven = false,
  ): Promise<{ card: Card; confident: boolean; ambition: AmbitionLevel }> {
    const advice = deps.engine.advise({ ...record.request, language: lang }, todayIn(deps.clock));
    const firstGroup = advice.productGroups[0]?.id;
    const chosen = record.request.productGroupId;
    const neighbours =
      deps.neighbours && record.municipalityId
        ? await deps.neighbours(record.municipalityId, advice, record.request, lang)
        : null;
    return {
      confident: advice.confidence !== 'none',
      ambition: advice.ambition,
      card: adviceCard(advice, {
        contextLine: contextLine(
          {
            title: record.request.title,
            ...(record.request.estimatedValueEur !== undefined
              ? { estimatedValueEur: record.request.estimatedValueEur }
              : {}),
            ...(record.request.date ? { date: record.request.date } : {}),
            ...(record.tenderReference ? { tenderReference: record.tenderReference } : {}),
          },
          lang,
          chosen ? deps.catalogue.productGroupsById.get(chosen)?.name[lang] : undefined,
        ),
        adviceId: record.id,
        title: record.request.title,
        ...(record.tenderReference ? { tenderReference: record.tenderReference } : {}),
        lang,
        feedbackGiven,
        // Tender advice is only given to people who may see the tender, which for the bot's employees means their own.
        canRecordMvi: !!record.tenderReference && !!deps.tenderActions,
        canAskExpert: !!deps.experts,
        neighbours,
        links: {
          showAll: deps.links.tab(
            firstGroup ? `/product-groups/${firstGroup}?ambition=${advice.ambition}` : '/themes',
          ),
          download: deps.links.adviceDocx(record.id, advice.ambition, lang),
          productGroup: (id) => deps.links.tab(`/product-groups/${id}?ambition=${advice.ambition}`),
          selectCriteria: (id, ids) =>
            deps.links.tab(`/product-groups/${id}?select=${ids.map(encodeURIComponent).join(',')}`),
        },
      }),
    };
  }

  /** The product group a person names ("leerlingenvervoer"), when the engine is sure of it. */
  function groupOf(text: string): string | undefined {
    const advice = deps.engine.advise(deps.engine.parseRequest({ title: text }), todayIn(deps.clock));
    const first = advice.productGroups[0];
    return advice.confidence === 'high' && first?.relevance === 'main' ? first.id : undefined;
  }

  /** The request of a context, with the earlier request's other fields (CPV codes, per-theme levels) while the subject stays. */
  function requestOf(ctx: ConversationContext, base: AdviceRequest | undefined): AdviceRequest {
    const same = base && base.title === ctx.title;
    return {
      ...(same ? base : {}),
      title: ctx.title,
      description: ctx.description,
      estimatedValueEur: ctx.estimatedValueEur,
      date: ctx.date,
      ambition: ctx.ambition,
      productGroupId: ctx.productGroupId,
      municipality: ctx.municipalityId,
    };
  }

  /** Advice on a request: stored (for card actions), remembered as the conversation's context, sent as a card. */
  async function giveAdvice(
    context: TurnContext,
    request: AdviceRequest,
    lang: BotLanguage,
    memory: ConversationMemoryState,
    extra: { tenderReference?: string; municipalityId?: string } = {},
  ): Promise<AdviceRecord> {
    const parsed = deps.engine.parseRequest({
      ...request,
      language: lang,
      ...(extra.municipalityId ? { municipality: extra.municipalityId } : {}),
    });
    const record = await deps.adviceRecords.create({
      conversationId: context.activity.conversation!.id,
      userId: context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown',
      ...(extra.municipalityId ? { municipalityId: extra.municipalityId } : {}),
      ...(extra.tenderReference ? { tenderReference: extra.tenderReference } : {}),
      request: parsed,
    });
    const { card, ambition } = await cardFor(record, lang);
    memory.language = lang;
    memory.shownAmbition = ambition;
    await remember(memory, record);
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    return record;
  }

  /** Keeps what the conversation is about: the advice given (its context), or only its language. */
  async function remember(memory: ConversationMemoryState, record?: AdviceRecord): Promise<void> {
    const now = deps.clock.now().toISOString();
    memory.updatedAt = now;
    const r = record?.request;
    if (record && r) {
      memory.context = {
        conversationId: memory.conversationId,
        userId: record.userId,
        ...(record.municipalityId ? { municipalityId: record.municipalityId } : {}),
        title: r.title,
        ...(r.description ? { description: r.description.slice(0, 10_000) } : {}),
        ...(r.estimatedValueEur !== undefined ? { estimatedValueEur: r.estimatedValueEur } : {}),
        ...(r.date ? { date: r.date } : {}),
        ...(r.ambition ? { ambition: r.ambition } : {}),
        ...(r.productGroupId ? { productGroupId: r.productGroupId } : {}),
        ...(record.tenderReference ? { tenderReference: record.tenderReference } : {}),
        ...(memory.language ? { language: memory.language } : {}),
        adviceId: record.id,
        updatedAt: now,
      };
    }
    await deps.memory.save(memory);
  }

  /** The memory of the conversation a card action comes from (created when there is none). */
  async function memoryOf(context: TurnContext): Promise<ConversationMemoryState> {
    const conversationId = context.activity.conversation?.id ?? 'unknown';
    return (
      (await deps.memory.get(conversationId)) ?? {
        conversationId,
        updatedAt: deps.clock.now().toISOString(),
      }
    );
  }

  /**
   * Hands a question to the MVI team of the person's municipality: the question (typed, or
   * the tender discussed), its context and what the bot answered, as a card in the team's
   * channel. Returns what to tell the person.
   */
  async function askExpert(
    context: TurnContext,
    lang: BotLanguage,
    who: Membership | undefined,
    record: AdviceRecord | undefined,
    typed: string | undefined,
  ): Promise<string> {
    if (!who)
      return lang === 'en'
        ? 'I can only hand a question to the MVI team of your municipality once you are linked to it. Ask the MVI team to add you to MVI Companion.'
        : 'Ik kan een vraag pas aan het MVI-team van uw gemeente doorgeven als u aan die gemeente gekoppeld bent. Vraag het MVI-team om u toe te voegen aan MVI Companion.';
    const channel = deps.experts ? await deps.experts.channels.get(who.municipalityId) : undefined;
    if (!deps.experts || !channel)
      return lang === 'en'
        ? `The MVI team of your municipality has not chosen a channel for questions yet. Ask them directly, or see the toolbox: ${deps.links.tab('/')}`
        : `Het MVI-team van uw gemeente heeft nog geen kanaal voor vragen gekozen. Vraag het hun rechtstreeks, of kijk in de toolbox: ${deps.links.tab('/')}`;
    const request = record?.request;
    const question = (
      typed ?? (request ? [request.title, request.description].filter(Boolean).join(' — ') : '')
    ).slice(0, QUESTION_MAX);
    if (!question.trim())
      return lang === 'en'
        ? 'What would you like to ask the MVI team? Type, for example: **ask an expert: may we ask for electric vehicles only?**'
        : 'Wat wilt u het MVI-team vragen? Typ bijvoorbeeld: **vraag een expert: mogen we alleen elektrische voertuigen vragen?**';
    let botAnswer = '';
    let productGroupIds: string[] = [];
    if (request) {
      const advice = deps.engine.advise({ ...request, language: lang }, todayIn(deps.clock));
      productGroupIds = advice.productGroups.slice(0, 5).map((g) => g.id);
      const names = advice.productGroups.map((g) => g.name).join(', ');
      const sure = advice.confidence === 'high';
      botAnswer =
        lang === 'en'
          ? `${names ? `Product groups: ${names}` : 'No product group found'}${sure ? '' : ' (the bot was not sure)'}; ambition level ${advice.ambition}.`
          : `${names ? `Productgroepen: ${names}` : 'Geen productgroep gevonden'}${sure ? '' : ' (de bot was niet zeker)'}; ambitieniveau ${advice.ambition}.`;
    }
    const q: ExpertQuestion = {
      id: randomUUID(),
      municipalityId: who.municipalityId,
      askedBy: personOf(who),
      askedAt: deps.clock.now().toISOString(),
      language: lang,
      question,
      context: {
        title: (request?.title ?? '').slice(0, 500),
        ...(request?.estimatedValueEur !== undefined ? { estimatedValueEur: request.estimatedValueEur } : {}),
        ...(record?.tenderReference ? { tenderReference: record.tenderReference } : {}),
        productGroupIds,
        botAnswer: botAnswer.slice(0, 1_000),
      },
      state: 'open',
      remindedAt: [],
    };
    const reference = context.activity.getConversationReference();
    const stored: ExpertQuestionRecord = {
      question: q,
      askedIn: {
        serviceUrl: reference.serviceUrl ?? context.activity.serviceUrl ?? '',
        reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      },
    };
    await deps.experts.questions.create(stored);
    const activityId = await deps.experts.send(
      channel,
      MessageFactory.attachment(CardFactory.adaptiveCard(expertChannelCard(stored, 'nl'))),
    );
    if (activityId)
      await deps.experts.questions.update(q.municipalityId, q.id, (r) => ({
        ...r,
        channelActivityId: activityId,
      }));
    return lang === 'en'
      ? `I handed your question to the MVI team (channel “${channel.channelName}”). You will get their answer here in this chat.`
      : `Ik heb uw vraag doorgegeven aan het MVI-team (kanaal “${channel.channelName}”). U krijgt het antwoord hier in deze chat.`;
  }

  /** The team the app was installed in, with its General channel, for the MVI team to choose from. */
  async function saveTeam(context: TurnContext): Promise<void> {
    const channelData = context.activity.channelData as
      { team?: { id?: string; name?: string }; channel?: { id?: string; name?: string } } | undefined;
    const teamId = channelData?.team?.id;
    const tenantId = tenantOf(context.activity);
    if (!deps.experts || !teamId || !tenantId) return;
    const reference = context.activity.getConversationReference();
    const existing = await deps.experts.teams.get(tenantId, teamId);
    const installer = await member(context);
    // At install Teams names the conversation's channel (the General channel, whose id is the team's).
    const general = { id: channelData?.channel?.id ?? teamId, name: channelData?.channel?.name ?? 'General' };
    await deps.experts.teams.save({
      tenantId,
      teamId,
      ...(channelData?.team?.name ? { teamName: channelData.team.name } : {}),
      ...((installer?.municipalityId ?? existing?.municipalityId)
        ? { municipalityId: installer?.municipalityId ?? existing?.municipalityId }
        : {}),
      serviceUrl: reference.serviceUrl ?? '',
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      channels: existing?.channels.some((c) => c.id === general.id)
        ? existing.channels
        : [general, ...(existing?.channels ?? [])],
      installedAt: existing?.installedAt ?? deps.clock.now().toISOString(),
    });
  }

  /** A channel the bot is spoken to in joins its team's list (the MVI team may choose it). */
  async function noteChannel(context: TurnContext): Promise<void> {
    const channelData = context.activity.channelData as
      { team?: { id?: string }; channel?: { id?: string; name?: string } } | undefined;
    const tenantId = tenantOf(context.activity);
    const teamId = channelData?.team?.id;
    const channel = channelData?.channel;
    if (!deps.experts || !tenantId || !teamId || !channel?.id) return;
    const team = await deps.experts.teams.get(tenantId, teamId);
    if (!team || team.channels.some((c) => c.id === channel.id)) return;
    await deps.experts.teams.save({
      ...team,
      channels: [...team.channels, { id: channel.id, name: channel.name ?? channel.id }].slice(0, 500),
    });
  }

  async function saveReference(context: TurnContext): Promise<void> {
    const tenantId = tenantOf(context.activity);
    const userId = context.activity.from?.aadObjectId;
    if (!tenantId || !userId || context.activity.conversation?.conversationType !== 'personal') return;
    const reference = context.activity.getConversationReference();
    await deps.conversations.save({
      tenantId,
      userId,
      conversationId: reference.conversation.id,
      serviceUrl: reference.serviceUrl ?? '',
      channelId: reference.channelId ?? 'msteams',
      botId: context.activity.recipient?.id ?? '',
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      installedAt: deps.clock.now().toISOString(),
    });
  }

  async function removeReference(context: TurnContext): Promise<void> {
    const tenantId = tenantOf(context.activity);
    const userId = context.activity.from?.aadObjectId;
    if (tenantId && userId) await deps.conversations.remove(tenantId, userId);
  }

  agent.onConversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
      await saveReference(context);
      await saveTeam(context);
      await context.sendActivity(welcomeText(language(context), deps.links.tab('/')));
    }
  });

  agent.onConversationUpdate('membersRemoved', async (context) => {
    const botId = context.activity.recipient?.id;
    if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) await removeReference(context);
  });

  agent.onActivity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = context.activity.action;
    if (action === 'remove' || action === 'remove-upgrade') await removeReference(context);
    else {
      await saveReference(context);
      await saveTeam(context);
    }
  });

  agent.onActivity(ActivityTypes.Message, async (context) => {
    if (!addressedToBot(context)) return;
    if (context.activity.conversation?.conversationType === 'channel') await noteChannel(context);
    // Only the start of a message is read: its time does not grow with its length.
    const full = cleanMessageText((context.activity.text ?? '').slice(0, MAX_MESSAGE * 4));
    const raw = full.slice(0, MAX_MESSAGE);
    const tooLong = full.length > MAX_MESSAGE || (context.activity.text ?? '').length > MAX_MESSAGE * 4;
    const conversationId = context.activity.conversation!.id;
    const now = deps.clock.now().toISOString();
    const memory: ConversationMemoryState = (await deps.memory.get(conversationId)) ?? {
      conversationId,
      updatedAt: now,
    };
    const intent = readIntent(raw);
    const turn =
      intent.kind === 'advice'
        ? readTurn(raw, memory.context !== undefined, {
            ...(memory.context?.ambition || memory.shownAmbition
              ? { ambition: memory.context?.ambition ?? memory.shownAmbition }
              : {}),
          })
        : undefined;
    if (turn?.kind === 'language') {
      memory.language = turn.language;
      memory.languageChosen = true;
    }
    const lang = replyLanguage(context, raw, memory);
    memory.language = lang;
    const who = await member(context);
    if (tooLong) await context.sendActivity(tooLongNote(lang, MAX_MESSAGE));
    const planWeb = deps.ambitiewebActions && ambitiewebRequest(raw);
    if (deps.ambitiewebActions && planWeb) {
      const reply = await planAmbitiewebSession(
        deps.ambitiewebActions,
        deps.links,
        who && principalOf(who),
        planWeb,
        lang,
      );
      return void (await context.sendActivity(reply));
    }

    switch (intent.kind) {
      case 'empty':
        await context.sendActivity(
          lang === 'en'
            ? `I received an empty message.\n\n${helpText(lang, deps.links.tab('/'))}`
            : `Ik ontving een leeg bericht.\n\n${helpText(lang, deps.links.tab('/'))}`,
        );
        return;
      case 'help':
        await remember(memory);
        await context.sendActivity(helpText(lang, deps.links.tab('/')));
        return;
      case 'ask-expert': {
        await remember(memory);
        const current = memory.context?.adviceId
          ? await deps.adviceRecords.get(memory.context.adviceId)
          : undefined;
        await context.sendActivity(await askExpert(context, lang, who, current, intent.question));
        return;
      }
      case 'sessions': {
        if (!who) return void (await context.sendActivity(notLinked(lang)));
        if (deps.sessionActions) {
          const overview = await deps.sessionActions.overview(actorOf(who));
          await context.sendActivity(
            MessageFactory.attachment(
              CardFactory.adaptiveCard(
                sessionOverviewCard(overview, lang, (s) => deps.links.tab(`/sessions/${s.id}`)),
              ),
            ),
          );
          return;
        }
        const region = (await deps.regionOf(who.municipalityId)) ?? who.municipalityId;
        const sessions = await deps.sessions.listUpcoming(who.municipalityId, region, deps.clock.now());
        await context.sendActivity(
          MessageFactory.attachment(
            CardFactory.adaptiveCard(
              sessionsCard(sessions, lang, (s) => deps.links.tab(`/sessions/${s.id}`)),
            ),
          ),
        );
        return;
      }
      case 'my-tenders': {
        if (!who) return void (await context.sendActivity(notLinked(lang)));
        const tenders = (await deps.tenders.list(who.municipalityId))
          .filter((t) => t.status !== 'archived' && t.commissioningManager.userId === who.userId)
          .sort((a, b) => a.kickoffDate.localeCompare(b.kickoffDate));
        await context.sendActivity(
          MessageFactory.attachment(CardFactory.adaptiveCard(tendersCard(tenders, lang))),
        );
        return;
      }
      case 'tender': {
        if (!who) return void (await context.sendActivity(notLinked(lang)));
        const tender = await visibleTender(who, intent.reference);
        if (!tender) return void (await context.sendActivity(tenderNotFound(lang, intent.reference)));
        const fromWeb = await deps.ambitiewebActions?.themeAmbition(tender, lang);
        await giveAdvice(context, { ...adviceRequestFor(tender, lang), ...fromWeb }, lang, memory, {
          tenderReference: tender.reference,
          municipalityId: who.municipalityId,
        });
        return;
      }
      case 'record-mvi': {
        if (!who) return void (await context.sendActivity(notLinked(lang)));
        const form = await mviForm(who, intent.reference, lang);
        await context.sendActivity(
          typeof form === 'string' ? form : MessageFactory.attachment(CardFactory.adaptiveCard(form)),
        );
        return;
      }
      case 'advice':
        break;
    }

    const current = memory.context;
    const base = current?.adviceId ? await deps.adviceRecords.get(current.adviceId) : undefined;
    const tenderOf = (ctx: ConversationContext) => ({
      ...(ctx.tenderReference ? { tenderReference: ctx.tenderReference } : {}),
      ...(who ? { municipalityId: who.municipalityId } : {}),
    });
    switch (turn?.kind) {
      case 'reset':
        delete memory.context;
        delete memory.shownAmbition;
        await remember(memory);
        await context.sendActivity(startOverText(lang));
        return;
      case 'language':
        if (current) {
          await giveAdvice(context, requestOf(current, base?.request), lang, memory, tenderOf(current));
          return;
        }
        await remember(memory);
        await context.sendActivity(languageSwitchedText(lang, deps.links.tab('/')));
        return;
      case 'follow-up': {
        const change = turn.change;
        if (change.download && Object.keys(change).length === 1 && base) {
          await remember(memory);
          const ambition = base.request.ambition ?? memory.shownAmbition ?? 'significant';
          await context.sendActivity(downloadText(lang, deps.links.adviceDocx(base.id, ambition, lang)));
          return;
        }
        const next = applyChange(current!, change, groupOf, deps.clock.now());
        // Another subject is another tender: the registered one no longer applies.
        if (next.title !== current!.title) delete next.tenderReference;
        const record = await giveAdvice(
          context,
          requestOf(next, base?.request),
          lang,
          memory,
          tenderOf(next),
        );
        if (change.download)
          await context.sendActivity(
            downloadText(lang, deps.links.adviceDocx(record.id, memory.shownAmbition ?? 'significant', lang)),
          );
        return;
      }
      default: {
        const text = intent.text;
        const value = amountInText(text);
        const title = text.slice(0, MAX_TITLE);
        const description = text.length > MAX_TITLE ? text.slice(MAX_TITLE) : undefined;
        await giveAdvice(
          context,
          {
            title,
            ...(description ? { description } : {}),
            ...(value !== undefined ? { estimatedValueEur: value } : {}),
          },
          lang,
          memory,
          who ? { municipalityId: who.municipalityId } : {},
        );
      }
    }
  });

  agent.adaptiveCards.actionExecute<{ data?: unknown }>('setAmbition', async (context, _state, action) => {
    const memory = await memoryOf(context);
    const lang = memory.language ?? language(context);
    const data = setAmbitionData.safeParse(action.data);
    if (!data.success) return cannotProcess(lang);
    const record = await deps.adviceRecords.get(data.data.adviceId);
    if (!record || record.conversationId !== context.activity.conversation?.id) return cannotProcess(lang);
    const updated: AdviceRecord = { ...record, request: { ...record.request, ambition: data.data.ambition } };
    await deps.adviceRecords.update(updated);
    // The button and a typed follow-up change the same context: this advice, at this level.
    const { card, ambition } = await cardFor(updated, lang);
    memory.shownAmbition = ambition;
    await remember(memory, updated);
    return card;
  });

  agent.adaptiveCards.actionExecute<{ data?: unknown }>('feedback', async (context, _state, action) => {
    const lang = (await memoryOf(context)).language ?? language(context);
    const data = feedbackData.safeParse(action.data);
    if (!data.success) return cannotProcess(lang);
    const record = await deps.adviceRecords.get(data.data.adviceId);
    if (!record || record.conversationId !== context.activity.conversation?.id) return cannotProcess(lang);
    const advice = deps.engine.advise(record.request, todayIn(deps.clock));
    await deps.feedback.save({
      adviceId: record.id,
      userId: context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown',
      ...(record.municipalityId ? { municipalityId: record.municipalityId } : {}),
      helpful: data.data.helpful,
      productGroupIds: advice.productGroups.map((g) => g.id),
      at: deps.clock.now().toISOString(),
    });
    return (await cardFor(record, lang, true)).card;
  });

  agent.adaptiveCards.actionExecute<{ data?: unknown }>('mviRecordForm', async (context, _state, action) => {
    const lang = language(context);
    const data = mviRecordData.safeParse(action.data);
    const who = await member(context);
    if (!data.success) return cannotProcess(lang);
    if (!who) return notLinked(lang);
    return mviForm(who, data.data.reference, lang);
  });

  agent.adaptiveCards.actionExecute<{ data?: unknown }>('mviRecord', async (context, _state, action) => {
    const lang = language(context);
    const data = mviRecordData.safeParse(action.data);
    const who = await member(context);
    if (!data.success || !deps.tenderActions) return cannotProcess(lang);
    if (!who) return notLinked(lang);
    const inputs = data.data as Record<string, unknown>;
    const appliedCriteria = Object.keys(inputs)
      .filter((key) => key.startsWith(MVI_CRITERIA_INPUT))
      .flatMap((key) => (inputOf(inputs, key) ?? '').split(','))
      .map((id) => id.trim())
      .filter(Boolean);
    const applied = inputOf(inputs, 'socialReturn') === 'true';
    const percentage = Number(inputOf(inputs, 'percentage')?.replace(',', '.') ?? Number.NaN);
    const reason =
      appliedCriteria.length === 0 ? oneOf(NO_MVI_REASONS, inputOf(inputs, 'reason')) : undefined;
    const results = inputOf(inputs, 'results')?.slice(0, 2000);
    // What the API takes; social return without a usable percentage is left to its validation to explain.
    const state: MviFormState = {
      appliedCriteria,
      socialReturn: applied && Number.isFinite(percentage) ? { applied, percentage } : { applied },
      ...(reason ? { noMviReason: reason } : {}),
      realisation: oneOf(REALISATIONS, inputOf(inputs, 'realisation')) ?? 'not-yet',
      ...(results ? { results } : {}),
    };
    try {
      const tender = await deps.tenderActions.recordMvi(principalOf(who), data.data.reference, state);
      return mviSavedCard(
        tender,
        tender.mvi ?? state,
        lang,
        deps.links.tab(`/tenders/${encodeURIComponent(tender.reference)}`),
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // The form again, as the person filled it in, with what to mend on top.
      return mviForm(who, data.data.reference, lang, { state, error: error.userMessage[lang] });
    }
  });

  /** One session action from a card: do it, and answer with the refreshed card (or what went wrong). */
  const sessionVerb = (
    verb: string,
    act: (
      actor: SessionActor,
      sessionId: string,
      data: Record<string, unknown>,
      lang: BotLanguage,
    ) => Promise<string | undefined>,
  ): void => {
    agent.adaptiveCards.actionExecute<{ data?: unknown }>(verb, async (context, _state, action) => {
      const lang = language(context);
      const data = sessionData.safeParse(action.data);
      const who = await member(context);
      if (!data.success || !deps.sessionActions) return cannotProcess(lang);
      if (!who) return notLinked(lang);
      const actor = actorOf(who);
      try {
        const notice = await act(actor, data.data.sessionId, data.data, lang);
        const overview = await deps.sessionActions.overview(actor);
        return sessionOverviewCard(overview, lang, (s) => deps.links.tab(`/sessions/${s.id}`), notice);
      } catch (error) {
        if (isDomainError(error)) return error.userMessage[lang];
        throw error;
      }
    });
  };
  sessionVerb('sessionRegister', async (actor, id) => void (await deps.sessionActions!.register(actor, id)));
  sessionVerb(
    'sessionUnregister',
    async (actor, id) => void (await deps.sessionActions!.unregister(actor, id)),
  );
  sessionVerb(
    'sessionCheckIn',
    async (actor, id, data) =>
      void (await deps.sessionActions!.checkIn(actor, id, inputOf(data, `code-${id}`))),
  );
  sessionVerb('sessionFeedback', async (actor, id, data, lang) => {
    const rating = Number(inputOf(data, `rating-${id}`));
    const comment = inputOf(data, `comment-${id}`);
    await deps.sessionActions!.feedback(actor, id, {
      rating,
      ...(comment ? { comment: comment.slice(0, 1000) } : {}),
    });
    return sessionLabels(lang).thanks;
  });

  agent.adaptiveCards.actionExecute<{ data?: unknown }>('askExpert', async (context, _state, action) => {
    const lang = (await memoryOf(context)).language ?? language(context);
    const data = askExpertData.safeParse(action.data);
    if (!data.success) return cannotProcess(lang);
    const record = await deps.adviceRecords.get(data.data.adviceId);
    if (!record || record.conversationId !== context.activity.conversation?.id) return cannotProcess(lang);
    return askExpert(context, lang, await member(context), record, undefined);
  });

  /** An expert's action on a question card in the MVI team's channel: only members of its municipality. */
  const expertVerb = (
    verb: string,
    act: (
      record: ExpertQuestionRecord,
      expert: Membership,
      inputs: Record<string, unknown>,
    ) => ExpertQuestionRecord,
    after?: (record: ExpertQuestionRecord) => Promise<void>,
  ): void => {
    agent.adaptiveCards.actionExecute<{ data?: unknown }>(verb, async (context, _state, action) => {
      const lang = language(context);
      const data = expertData.safeParse(action.data);
      if (!data.success || !deps.experts) return cannotProcess(lang);
      const who = await member(context);
      if (!who) return notLinked(lang);
      const { municipalityId, questionId } = data.data;
      if (who.municipalityId !== municipalityId) return cannotProcess(lang);
      try {
        const updated = await deps.experts.questions.update(municipalityId, questionId, (r) =>
          act(r, who, data.data),
        );
        if (!updated) return cannotProcess(lang);
        await after?.(updated);
        const card = expertChannelCard(updated, lang);
        // Everyone in the channel sees who took it and the answer, not only the one who clicked.
        const id = context.activity.replyToId ?? updated.channelActivityId;
        if (id) {
          const shared = MessageFactory.attachment(CardFactory.adaptiveCard(card));
          shared.id = id;
          await context.updateActivity(shared);
        }
        return card;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        const current = await deps.experts.questions.get(municipalityId, questionId);
        return current
          ? expertChannelCard(current, lang, { text: error.userMessage[lang], error: true })
          : error.userMessage[lang];
      }
    });
  };
  expertVerb('expertClaim', (r, expert) => ({
    ...r,
    question: claimQuestion(r.question, personOf(expert), deps.clock.now()),
  }));
  expertVerb(
    'expertAnswer',
    (r, expert, inputs) => ({
      ...r,
      question: answerQuestion(
        r.question,
        personOf(expert),
        inputOf(inputs, EXPERT_ANSWER_INPUT) ?? '',
        deps.clock.now(),
      ),
    }),
    // The answer reaches the asker in the chat they asked in.
    async (r) =>
      void (await deps.experts!.send(
        r.askedIn,
        MessageFactory.attachment(CardFactory.adaptiveCard(expertAnswerCard(r, r.question.language))),
      )),
  );

  agent.adaptiveCards.actionExecute<{ data?: unknown }>('expertHelpful', async (context, _state, action) => {
    const lang = language(context);
    const data = expertData.extend({ helpful: z.boolean() }).safeParse(action.data);
    if (!data.success || !deps.experts) return cannotProcess(lang);
    const { municipalityId, questionId, helpful } = data.data;
    const stored = await deps.experts.questions.get(municipalityId, questionId);
    // Only the person who asked judges the answer.
    if (
      !stored ||
      stored.question.askedBy.userId !== context.activity.from?.aadObjectId ||
      !stored.question.answer
    )
      return cannotProcess(lang);
    const updated = await deps.experts.questions.update(municipalityId, questionId, (r) => ({
      ...r,
      question: { ...r.question, helpful },
    }));
    return expertAnswerCard(updated ?? stored, stored.question.language);
  });

  agent.onError(async (context, error) => {
    const activity = context.activity;
    (deps.log ?? logToConsole)('bot turn failed', {
      error: error.stack ?? error.message,
      activityType: activity.type,
      activityName: activity.name,
      activityId: activity.id,
      conversationId: activity.conversation?.id?.slice(0, 200),
      conversationType: activity.conversation?.conversationType,
      userId: activity.from?.aadObjectId,
      locale: activity.locale,
    });
    // No storage here: it may be what failed. The message's language, else the client's.
    const lang =
      detectLanguage(cleanMessageText((activity.text ?? '').slice(0, MAX_MESSAGE))) ?? language(context);
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(errorCard(lang))));
  });

  return agent;
}

function logToConsole(message: string, details: Record<string, unknown>): void {
  console.error(JSON.stringify({ message, ...details }));
}

function notLinked(lang: BotLanguage): string {
  return lang === 'en'
    ? 'You are not yet linked to a municipality in MVI Companion. Ask the MVI team to add you.'
    : 'U bent nog niet gekoppeld aan een gemeente in MVI Companion. Vraag het MVI-team om u toe te voegen.';
}

function tenderNotFound(lang: BotLanguage, reference: string): string {
  return lang === 'en'
    ? `I cannot find tender ${reference} among yours. Type **my tenders** to see them.`
    : `Ik vind aanbesteding ${reference} niet bij uw aanbestedingen. Typ **mijn aanbestedingen** om ze te zien.`;
}

function cannotProcess(lang: BotLanguage): string {
  return lang === 'en'
    ? 'I cannot process this card (it may have expired). Ask your question again.'
    : 'Deze kaart kan ik niet verwerken (misschien is hij verlopen). Stel uw vraag opnieuw.';
}

export { labels };
