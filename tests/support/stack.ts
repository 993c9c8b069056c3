/** Starts the real local stack (Azurite, identity provider, backend, bot endpoint) on free ports. */
import { afterAll, beforeAll } from 'vitest';
import { startStack, type Stack, type StackOptions } from '../../scripts/dev/stack.js';

const FREE = { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 };

export function useStack(options: Partial<StackOptions> = {}): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack({ ports: FREE, tab: false, timers: false, ...options });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('stack not started');
    return stack;
  };
}

export async function getJson(
  url: string,
  token?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
