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
import {
  adviceRequestFor,
  canRecordMvi,
  canSeeTender,
  isDomainError,
  tenderReference,
  type Membership,
  type Principal,
  type Tender,
} from '../../core/src/index.js';
import { NO_MVI_REASONS, REALISATIONS } from '../../core/src/monitoring/record.js';
import type { SessionActor } from '../../core/src/sessions/index.js';
import {
  adviceCard,
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
import { helpText, languageOfLocale, welcomeText, type BotLanguage } from './messages.js';
import type { AdviceRecord, BotDependencies } from './ports.js';
import { cleanMessageText, readIntent } from './text.js';
import { ambitiewebRequest, planAmbitiewebSession } from './ambitieweb.js';

const MAX_TITLE = 300;
const MAX_TEXT = 10_000;

const setAmbitionData = z
  .object({
    adviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    ambition: z.enum(['basic', 'significant', 'ambitious']),
  })
  .strict();
const feedbackData = z
  .object({ adviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), helpful: z.boolean() })
  .strict();
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

  function cardFor(
    record: AdviceRecord,
    lang: BotLanguage,
    feedbackGiven = false,
  ): { card: Card; confident: boolean } {
    const advice = deps.engine.advise({ ...record.request, language: lang }, todayIn(deps.clock));
    const firstGroup = advice.productGroups[0]?.id;
    return {
      confident: advice.confidence !== 'none',
      card: adviceCard(advice, {
        adviceId: record.id,
        title: record.request.title,
        ...(record.tenderReference ? { tenderReference: record.tenderReference } : {}),
        lang,
        feedbackGiven,
        // Tender advice is only given to people who may see the tender, which for the bot's employees means their own.
        canRecordMvi: !!record.tenderReference && !!deps.tenderActions,
        links: {
          showAll: deps.links.tab(
            firstGroup ? `/product-groups/${firstGroup}?ambition=${advice.ambition}` : '/themes',
          ),
          download: deps.links.adviceDocx(record.id, advice.ambition, lang),
          productGroup: (id) => deps.links.tab(`/product-groups/${id}?ambition=${advice.ambition}`),
        },
      }),
    };
  }

  async function giveAdvice(
    context: TurnContext,
    request: AdviceRequest,
    extra: { tenderReference?: string; municipalityId?: string } = {},
  ): Promise<void> {
    const lang = language(context);
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
    const { card } = cardFor(record, lang);
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
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
    else await saveReference(context);
  });

  agent.onActivity(ActivityTypes.Message, async (context) => {
    if (!addressedToBot(context)) return;
    const lang = language(context);
    const raw = cleanMessageText(context.activity.text).slice(0, MAX_TEXT);
    const conversationId = context.activity.conversation!.id;
    const latest = await deps.adviceRecords.latest(conversationId);
    const intent = readIntent(raw, latest !== undefined, amountInText);
    const who = await member(context);
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
        await context.sendActivity(helpText(lang, deps.links.tab('/')));
        return;
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
        await giveAdvice(
          context,
          { ...adviceRequestFor(tender, language(context)), ...fromWeb },
          {
            tenderReference: tender.reference,
            municipalityId: who.municipalityId,
          },
        );
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
      case 'follow-up': {
        const base = latest!.request;
        await giveAdvice(
          context,
          {
            ...base,
            ...(intent.estimatedValueEur !== undefined
              ? { estimatedValueEur: intent.estimatedValueEur }
              : {}),
            ...(intent.ambition ? { ambition: intent.ambition } : {}),
          },
          {
            ...(latest!.tenderReference ? { tenderReference: latest!.tenderReference } : {}),
            ...(who ? { municipalityId: who.municipalityId } : {}),
          },
        );
        return;
      }
      case 'advice': {
        const value = amountInText(intent.text);
        const title = intent.text.slice(0, MAX_TITLE);
        const description = intent.text.length > MAX_TITLE ? intent.text.slice(MAX_TITLE) : undefined;
        await giveAdvice(
          context,
          {
            title,
            ...(description ? { description } : {}),
            ...(value !== undefined ? { estimatedValueEur: value } : {}),
          },
          who ? { municipalityId: who.municipalityId } : {},
        );
        return;
      }
    }
  });

  agent.adaptiveCards.actionExecute<{ data?: unknown }>('setAmbition', async (context, _state, action) => {
    const lang = language(context);
    const data = setAmbitionData.safeParse(action.data);
    if (!data.success) return cannotProcess(lang);
    const record = await deps.adviceRecords.get(data.data.adviceId);
    if (!record || record.conversationId !== context.activity.conversation?.id) return cannotProcess(lang);
    const updated: AdviceRecord = { ...record, request: { ...record.request, ambition: data.data.ambition } };
    await deps.adviceRecords.update(updated);
    return cardFor(updated, lang).card;
  });

  agent.adaptiveCards.actionExecute<{ data?: unknown }>('feedback', async (context, _state, action) => {
    const lang = language(context);
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
    return cardFor(record, lang, true).card;
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

  agent.onError(async (context, error) => {
    console.error(`bot turn failed: ${error.message}`);
    await context.sendActivity(
      language(context) === 'en'
        ? 'Sorry, something went wrong on our side. Please try again.'
        : 'Sorry, er ging iets mis aan onze kant. Probeer het nog eens.',
    );
  });

  return agent;
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
