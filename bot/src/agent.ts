/**
 * The MVI Companion bot: one AgentApplication with declarative routes and tiny handlers.
 * Replies are built by pure functions in messages.ts.
 */
import { ActivityTypes } from '@microsoft/agents-activity';
import { AgentApplication, MemoryStorage, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import { helpText, welcomeText, languageOfLocale, type BotLanguage } from './messages.js';

export interface BotDependencies {
  /** Base URL of the tab, for links in replies. */
  tabBaseUrl: string;
}

function language(context: TurnContext): BotLanguage {
  return languageOfLocale(context.activity.locale);
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

export function createAgent(deps: BotDependencies): AgentApplication<TurnState> {
  const agent = new AgentApplication<TurnState>({ storage: new MemoryStorage(), startTypingTimer: false });

  agent.onConversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    if (added.some((m) => m.id === botId)) {
      await context.sendActivity(welcomeText(language(context), deps.tabBaseUrl));
    }
  });

  agent.onActivity(ActivityTypes.Message, async (context) => {
    if (!addressedToBot(context)) return;
    await context.sendActivity(helpText(language(context), deps.tabBaseUrl));
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
