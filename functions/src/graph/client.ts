/**
 * The Microsoft Graph client of the backend: @microsoft/microsoft-graph-client with our own
 * middleware chain. Our bearer middleware always sends the token (the SDK's own handler
 * leaves it off for http:// URLs such as a local simulator); a timeout middleware bounds each
 * attempt; a retry middleware honours Retry-After on 429 and backs off with jitter on 5xx,
 * timeouts and dropped connections. Responses come back raw, so callers see every status.
 */
import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  type Context,
  type Middleware,
  type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';
import { GraphCallError } from './errors.js';
import { RETRYABLE_STATUS, parseRetryAfter, sleep, type RetryPolicy } from './retry.js';

export type TokenSource = () => Promise<string>;

export interface GraphResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface GraphRequestOptions {
  /** Retries inside this call (default true); callers that pace and retry themselves turn it off. */
  retry?: boolean;
  headers?: Record<string, string>;
}

export interface GraphApi {
  /** One call to Graph. HTTP statuses come back as they are; only a timeout or a dropped connection throws (GraphCallError). */
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    options?: GraphRequestOptions,
  ): Promise<GraphResponse>;
}

export interface GraphClientOptions {
  /** https://graph.microsoft.com, or a simulator's loopback URL in tests. */
  baseUrl: string;
  version?: 'v1.0' | 'beta';
  token: TokenSource;
  timeoutMs: number;
  retry: RetryPolicy;
  log?: (message: string) => void;
}

/** Per-request state the middlewares share with `request()` (the SDK rewraps thrown errors). */
class RequestState implements MiddlewareOptions {
  failure: GraphCallError | undefined;
  constructor(readonly retry: boolean) {}
}

function stateOf(context: Context): RequestState | undefined {
  const option = context.middlewareControl?.getMiddlewareOptions(RequestState);
  return option instanceof RequestState ? option : undefined;
}

abstract class Link implements Middleware {
  protected next!: Middleware;
  setNext(next: Middleware): void {
    this.next = next;
  }
  abstract execute(context: Context): Promise<void>;
}

class RetryMiddleware extends Link {
  constructor(
    private readonly policy: RetryPolicy,
    private readonly log: (message: string) => void,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const state = stateOf(context);
    const retry = state?.retry ?? true;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.next.execute(context);
      } catch (error) {
        const failure =
          error instanceof GraphCallError
            ? error
            : new GraphCallError('network', 0, 'NetworkError', String(error), { cause: error });
        const delay = this.policy.delayMs(attempt);
        if (!retry || !failure.transient || !this.policy.shouldRetry(attempt, delay)) {
          if (state) state.failure = failure;
          throw failure;
        }
        this.log(`graph: ${failure.kind} on attempt ${attempt}, retrying in ${delay} ms`);
        await sleep(delay);
        continue;
      }
      const response = context.response;
      if (!retry || !response || !RETRYABLE_STATUS.has(response.status)) return;
      const delay = this.policy.delayMs(attempt, parseRetryAfter(response.headers.get('retry-after')));
      if (!this.policy.shouldRetry(attempt, delay)) return;
      this.log(`graph: ${response.status} on attempt ${attempt}, retrying in ${delay} ms`);
      await sleep(delay);
    }
  }
}

const NULL_BODY = new Set([101, 204, 205, 304]);

class TimeoutMiddleware extends Link {
  constructor(private readonly timeoutMs: number) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    context.options = { ...context.options, signal: controller.signal };
    try {
      await this.next.execute(context);
      // Read the whole body inside the time limit, so a stalled body is a timeout too.
      const response = context.response;
      if (response) {
        const bytes = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
        context.response = new Response(bytes, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      }
    } catch (error) {
      if (controller.signal.aborted) {
        throw new GraphCallError(
          'timeout',
          0,
          'Timeout',
          `Microsoft Graph did not answer within ${this.timeoutMs} ms`,
          { cause: error },
        );
      }
      throw new GraphCallError(
        'network',
        0,
        'NetworkError',
        error instanceof Error ? error.message : String(error),
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Adds the bearer token to every request, whatever the URL's scheme. */
class BearerMiddleware extends Link {
  constructor(private readonly token: TokenSource) {
    super();
  }

  async execute(context: Context): Promise<void> {
    let token: string;
    try {
      token = await this.token();
    } catch (error) {
      throw new GraphCallError(
        'unauthorized',
        0,
        'TokenUnavailable',
        `No token for Microsoft Graph: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const options = context.options ?? {};
    const headers = new Headers(options.headers);
    headers.set('Authorization', `Bearer ${token}`);
    context.options = { ...options, headers: Object.fromEntries(headers.entries()) };
    await this.next.execute(context);
  }
}

export function createGraphApi(options: GraphClientOptions): GraphApi {
  const log = options.log ?? (() => undefined);
  const chain: Middleware[] = [
    new RetryMiddleware(options.retry, log),
    new TimeoutMiddleware(options.timeoutMs),
    new BearerMiddleware(options.token),
    new HTTPMessageHandler(),
  ];
  const client = Client.initWithMiddleware({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    defaultVersion: options.version ?? 'v1.0',
    middleware: chain,
  });

  return {
    async request(method, path, body, requestOptions = {}) {
      const state = new RequestState(requestOptions.retry ?? true);
      const call = client.api(path).responseType(ResponseType.RAW).middlewareOptions([state]);
      if (requestOptions.headers) call.headers(requestOptions.headers);
      let response: Response;
      try {
        response = (await (method === 'GET'
          ? call.get()
          : method === 'POST'
            ? call.post(body ?? {})
            : method === 'PATCH'
              ? call.patch(body ?? {})
              : call.delete())) as Response;
      } catch (error) {
        if (state.failure) throw state.failure;
        throw new GraphCallError(
          'network',
          0,
          'ClientError',
          error instanceof Error ? error.message : String(error),
          { cause: error },
        );
      }
      const text = await response.text();
      let parsed: unknown = undefined;
      if (text) {
        try {
          parsed = JSON.parse(text) as unknown;
        } catch {
          parsed = text;
        }
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
}
