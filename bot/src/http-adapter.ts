/**
 * Runs the agent for one HTTP request, independent of the web framework: the Functions
 * handler and the local host both call `handle`. Incoming Bot Framework / Entra tokens are
 * validated by the SDK's own JWT middleware; without a bot id (local only) the SDK's
 * anonymous mode applies.
 */
import {
  CloudAdapter,
  authorizeJWT,
  type AuthConfiguration,
  type Request,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { AgentApplication, TurnState } from '@microsoft/agents-hosting';
import { activityProblem } from './activity-shape.js';

export interface BotCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

export interface BotHttpResult {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

class CollectingResponse implements WebResponse {
  statusCode = 200;
  body: unknown;
  headers: Record<string, string> = {};
  headersSent = false;
  writableEnded = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
}

export interface BotHttpHandler {
  handle(body: unknown, headers: Record<string, string>): Promise<BotHttpResult>;
}

export function createBotHttpHandler(
  agent: AgentApplication<TurnState>,
  credentials?: BotCredentials,
): BotHttpHandler {
  const authConfig: AuthConfiguration = credentials
    ? {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        tenantId: credentials.tenantId,
      }
    : {};
  const adapter = new CloudAdapter(authConfig);
  // The agent's onError is set on the agent's own adapter; turns run through this one, whose
  // default handler would send the SDK's English "The agent encountered an error or bug."
  adapter.onTurnError = agent.adapter.onTurnError;
  const authorize = authorizeJWT(authConfig);

  return {
    async handle(body, headers) {
      const res = new CollectingResponse();
      // The Agents Playground sends one request with an empty body: acknowledge it.
      if (
        body === undefined ||
        body === null ||
        (typeof body === 'object' && Object.keys(body).length === 0)
      ) {
        return { status: 200, headers: {} };
      }
      const problem = activityProblem(body);
      if (problem) {
        const english = /^\s*en/i.test(headers['accept-language'] ?? '');
        return {
          status: 400,
          body: {
            error: {
              code: 'validation',
              message: english ? problem.en : problem.nl,
              details: problem.details,
            },
          },
          headers: {},
        };
      }
      const req: Request = { body: body as Record<string, unknown>, headers, method: 'POST' };
      let authorized = false;
      await authorize(req, res, () => {
        authorized = true;
      });
      if (!authorized) return { status: res.statusCode, body: res.body, headers: res.headers };
      await adapter.process(req, res, (context) => agent.run(context));
      return { status: res.statusCode, body: res.body, headers: res.headers };
    },
  };
}
