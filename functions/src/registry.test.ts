import { describe, expect, it } from 'vitest';
import { buildFunctions } from './registry.js';

describe('the function registry', () => {
  const definitions = buildFunctions(() => {
    throw new Error('services are not needed to register functions');
  });

  it('gives every function its own name (Azure Functions refuses an app with two of one name)', () => {
    const names = definitions.map((d) => d.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('routes every method and path to one function only', () => {
    const keys = definitions.flatMap((d) =>
      d.kind === 'http' ? d.methods.map((m) => `${m} ${d.route}`) : [],
    );
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
