import { describe, expect, it } from 'vitest';
import { DEMO_MUNICIPALITIES, DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { useStack } from '../support/stack.js';
import { checkIsolation } from './support/isolation.js';

describe('the isolation matrix: every municipality × role × route with another municipality’s ids', () => {
  const stack = useStack({ seed: true });

  it('refuses every call, while each municipality reads its own', async () => {
    const result = await checkIsolation({
      api: stack().urls.api,
      idp: stack().idp,
      municipalities: DEMO_MUNICIPALITIES.map((m) => m.id),
      users: DEMO_USERS,
    });
    expect(result.failures).toEqual([]);
    expect(result.correct).toBe(result.tried);
  }, 120_000);
});
