import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../scripts/dev/stack.js';
import { DEPLOYED_TAB_CSP } from '../../scripts/dev/tab-csp.js';

describe("the deployed tab's security headers", () => {
  it('Static Web Apps serves the same Content-Security-Policy as the local server', () => {
    const teamsapp = parse(readFileSync(join(ROOT, 'teamsapp.yml'), 'utf8')) as {
      deploy: { uses: string; with?: { target?: string; content?: any } }[];
    };
    const config = teamsapp.deploy.find((s) => s.with?.target === './tab/dist/staticwebapp.config.json');
    const headers = config?.with?.content?.globalHeaders as Record<string, string>;
    expect(headers['Content-Security-Policy']).toBe(DEPLOYED_TAB_CSP);
    expect(headers['Content-Security-Policy']).toContain("form-action 'none'");
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
