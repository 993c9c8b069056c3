/** What the bot needs from storage and the rest of the app; the Functions app provides adapters. */
import type { Catalogue } from '../../core/src/catalogue/catalogue.js';
import type { Advice, AdviceEngine, AdviceRequest } from '../../core/src/engine/advise.js';
import type { NeighboursBlock } from '../../core/src/neighbours/view.js';
import type {
  Clock,
  Membership,
  Principal,
  SessionRepository,
  Tender,
  TenderRepository,
} from '../../core/src/index.js';
import type { SessionActions } from '../../core/src/sessions/index.js';
import type { AmbitionLevel } from '../../core/src/content/schema.js';
import type { ConversationContext } from '../../core/src/conversation/context.js';
import type { Language } from '../../core/src/kernel/language.js';
import type { ExpertQuestion } from '../../core/src/experts/question.js';
import type { Activity } from '@microsoft/agents-activity';

/**
 * What the bot remembers of one conversation (personal chat, group chat or channel thread):
 * the tender it is about and the language it is held in. Forgotten CONTEXT_TTL_HOURS after
 * its last change.
 */
export interface ConversationMemoryState {
  conversationId: string;
  /** The language of the conversation: detected from the messages, or asked for. */
  language?: Language;
  /** The person asked for the language ("in English please"): detection no longer changes it. */
  languageChosen?: boolean;
  context?: ConversationContext;
  /** The ambition level the last advice showed (the policy's when none was asked for). */
  shownAmbition?: AmbitionLevel;
  updatedAt: string;
}

export interface ConversationMemory {
  /** The conversation's memory, or undefined when there is none or it expired. */
  get(conversationId: string): Promise<ConversationMemoryState | undefined>;
  save(state: ConversationMemoryState): Promise<void>;
}
import type { AmbitiewebActions } from './ambitieweb.js';

/** One piece of advice the bot gave, so card actions and follow-ups can refer back to it. */
export interface AdviceRecord {
  id: string;
  conversationId: string;
  /** Entra object id of the user who asked. */
  userId: string;
  municipalityId?: string;
  request: AdviceRequest;
  /** The tender reference when the advice was for a registered tender. */
  tenderReference?: string;
  createdAt: string;
}

export interface AdviceRecords {
  create(record: Omit<AdviceRecord, 'id' | 'createdAt'>): Promise<AdviceRecord>;
  get(id: string): Promise<AdviceRecord | undefined>;
  update(record: AdviceRecord): Promise<void>;
}

export interface Feedback {
  adviceId: string;
  userId: string;
  municipalityId?: string;
  helpful: boolean;
  productGroupIds: string[];
  at: string;
}

export interface FeedbackStore {
  save(feedback: Feedback): Promise<void>;
}

/** A conversation reference as the Bot Framework defines it, kept for proactive messages. */
export interface StoredConversationReference {
  tenantId: string;
  userId: string;
  conversationId: string;
  serviceUrl: string;
  channelId: string;
  botId: string;
  reference: Record<string, unknown>;
  installedAt: string;
}

export interface ConversationReferences {
  save(reference: StoredConversationReference): Promise<void>;
  remove(tenantId: string, userId: string): Promise<void>;
  get(tenantId: string, userId: string): Promise<StoredConversationReference | undefined>;
}

export interface MemberLookup {
  get(tenantId: string, userId: string): Promise<Membership | undefined>;
}

export interface BotDependencies {
  catalogue: Catalogue;
  engine: AdviceEngine;
  clock: Clock;
  members: MemberLookup;
  tenders: TenderRepository;
  sessions: SessionRepository;
  regionOf(municipalityId: string): Promise<string | undefined>;
  adviceRecords: AdviceRecords;
  memory: ConversationMemory;
  feedback: FeedbackStore;
  conversations: ConversationReferences;
  links: BotLinks;
  /** Register, unregister, check in and rate sessions from cards (absent: the sessions card only links to the tab). */
  sessionActions?: SessionActions;
  /** Record the MVI of a tender from a card (absent: the bot does not offer the form). */
  tenderActions?: TenderActions;
  /** Where failed turns are logged, with their context (default: the console). */
  log?: (message: string, details: Record<string, unknown>) => void;
  /** Questions for the MVI team's channel. */
  experts?: ExpertDesk;
  /** What the region's municipalities did in similar tenders (absent: the card has no such block). */
  neighbours?: (
    municipalityId: string,
    advice: Advice,
    request: AdviceRequest,
    lang: 'nl' | 'en',
  ) => Promise<NeighboursBlock | null>;
  /** Open a tender's Ambitieweb from "plan een ambitiewebsessie voor T-…" (absent: the bot does not offer it). */
  ambitiewebActions?: AmbitiewebActions;
}

export interface TenderActions {
  /** Records the MVI of a tender as the API does; throws a DomainError (not found, forbidden, invalid, edited meanwhile). */
  recordMvi(principal: Principal, reference: string, body: unknown): Promise<Tender>;
}

export interface BotLinks {
  /** A page of the tab (Teams deep link when the app id is known, else the web URL). */
  tab(path: string): string;
  /** Download of the criteria of an advice as .docx. */
  adviceDocx(adviceId: string, ambition: string, lang: string): string;
}

/** A question handed to the MVI team, with where its answer goes and where its card is. */
export interface ExpertQuestionRecord {
  question: ExpertQuestion;
  /** The conversation the person asked in: the answer is posted there. */
  askedIn: { serviceUrl: string; reference: Record<string, unknown> };
  /** The question's card in the MVI team's channel. */
  channelActivityId?: string;
}

/** A team the app is installed in, with the channels the bot has seen, for the MVI team to choose from. */
export interface TeamInstallation {
  tenantId: string;
  teamId: string;
  teamName?: string;
  /** The municipality of the person who installed it (when they are a member). */
  municipalityId?: string;
  serviceUrl: string;
  /** The reference of the team's conversation at install (its General channel). */
  reference: Record<string, unknown>;
  channels: { id: string; name: string }[];
  installedAt: string;
}

/** The channel where the MVI team of a municipality gets its questions (chosen in the tab by mvi-admin). */
export interface ExpertChannel {
  municipalityId: string;
  tenantId: string;
  teamId: string;
  teamName?: string;
  channelId: string;
  channelName: string;
  serviceUrl: string;
  reference: Record<string, unknown>;
  chosenBy: { userId: string; displayName: string };
  chosenAt: string;
}

export interface ExpertQuestionStore {
  create(record: ExpertQuestionRecord): Promise<void>;
  get(municipalityId: string, id: string): Promise<ExpertQuestionRecord | undefined>;
  /** Read, change and write with the row's ETag, again when someone else wrote meanwhile. */
  update(
    municipalityId: string,
    id: string,
    change: (record: ExpertQuestionRecord) => ExpertQuestionRecord,
  ): Promise<ExpertQuestionRecord | undefined>;
  list(municipalityId: string): Promise<ExpertQuestionRecord[]>;
  delete(municipalityId: string, id: string): Promise<void>;
}

export interface ExpertChannelStore {
  get(municipalityId: string): Promise<ExpertChannel | undefined>;
  save(channel: ExpertChannel): Promise<void>;
}

export interface TeamInstallationStore {
  save(installation: TeamInstallation): Promise<void>;
  get(tenantId: string, teamId: string): Promise<TeamInstallation | undefined>;
  list(tenantId: string): Promise<TeamInstallation[]>;
  remove(tenantId: string, teamId: string): Promise<void>;
}

/** What the bot needs to hand questions to the MVI team (absent: it says whom to ask). */
export interface ExpertDesk {
  questions: ExpertQuestionStore;
  channels: ExpertChannelStore;
  teams: TeamInstallationStore;
  /** Posts an activity into a stored conversation (a channel, the asker's chat); resolves with its id. */
  send(
    target: { serviceUrl: string; reference: Record<string, unknown> },
    activity: Activity,
  ): Promise<string | undefined>;
}
