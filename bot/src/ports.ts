/** What the bot needs from storage and the rest of the app; the Functions app provides adapters. */
import type { Catalogue } from '../../core/src/catalogue/catalogue.js';
import type { AdviceEngine, AdviceRequest } from '../../core/src/engine/advise.js';
import type {
  Clock,
  Membership,
  Principal,
  SessionRepository,
  Tender,
  TenderRepository,
} from '../../core/src/index.js';
import type { SessionActions } from '../../core/src/sessions/index.js';
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
  /** The latest advice in a conversation (for follow-ups). */
  latest(conversationId: string): Promise<AdviceRecord | undefined>;
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
  feedback: FeedbackStore;
  conversations: ConversationReferences;
  links: BotLinks;
  /** Register, unregister, check in and rate sessions from cards (absent: the sessions card only links to the tab). */
  sessionActions?: SessionActions;
  /** Record the MVI of a tender from a card (absent: the bot does not offer the form). */
  tenderActions?: TenderActions;
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
