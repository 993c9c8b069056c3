/**
 * Proactive bot messages through the Agents SDK: the CloudAdapter continues the stored
 * conversation and posts to the reference's serviceUrl (with the bot's Entra credentials
 * in Azure; anonymously in local runs without a bot id, as for incoming activities). A
 * reference whose serviceUrl is not on the bot's allow-list is never posted to.
 */
import type { Activity, ConversationReference } from '@microsoft/agents-activity';
import { CloudAdapter, type AuthConfiguration } from '@microsoft/agents-hosting';
import { createServiceUrlPolicy, type BotTrust } from '../../../bot/src/http-adapter.js';
import type { StoredConversationReference } from '../../../bot/src/ports.js';

export interface ProactiveSender {
  /** Posts one activity into the stored conversation; resolves with the new activity id. */
  send(reference: StoredConversationReference, activity: Activity): Promise<string | undefined>;
}

export interface BotIdentity {
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

export function createProactiveSender(
  identity: BotIdentity | undefined,
  trust: Pick<BotTrust, 'serviceUrlHosts' | 'localDevelopment'>,
): ProactiveSender {
  const policy = createServiceUrlPolicy(trust);
  const auth: AuthConfiguration = identity
    ? { clientId: identity.clientId, clientSecret: identity.clientSecret, tenantId: identity.tenantId }
    : {};
  let adapter: CloudAdapter | undefined;
  return {
    async send(stored, activity) {
      if (!policy.isAllowed(stored.serviceUrl))
        throw new Error('the stored conversation reference names a serviceUrl outside the allow-list');
      adapter ??= new CloudAdapter(auth, undefined, undefined, undefined, policy.validator);
      const reference = {
        ...stored.reference,
        serviceUrl: stored.serviceUrl,
      } as unknown as ConversationReference;
      if (!reference.conversation?.id)
        throw new Error('the stored conversation reference has no conversation id');
      let id: string | undefined;
      // Without a bot id the SDK's anonymous identity applies (an identity without an audience).
      await adapter.continueConversation(identity ? identity.clientId : {}, reference, async (context) => {
        const response = await context.sendActivity(activity);
        id = response?.id;
      });
      return id;
    },
  };
}
