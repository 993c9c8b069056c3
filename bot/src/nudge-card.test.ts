import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../content/index.js';
import { AdviceEngine } from '../../core/src/engine/advise.js';
import { cardProblems, cardText } from '../../tests/support/adaptive-cards.js';
import { nudgeCard } from './nudge-card.js';

const engine = new AdviceEngine(loadCatalogue());
const tender = {
  reference: 'T-2027-014',
  title: 'Schoonmaak gemeentehuis',
  kickoffDate: '2027-03-30',
  estimatedValueEur: 400_000,
};
const links = {
  tender: 'https://mvi.example/tenders/T-2027-014',
  showAll: 'https://mvi.example/product-groups/cleaning',
  download: 'https://mvi.example/d',
  ambitieweb: 'https://mvi.example/tools/ambitieweb',
};
const advice = (language: 'nl' | 'en') =>
  engine.advise(
    engine.parseRequest({ title: tender.title, estimatedValueEur: 400_000, language }),
    '2027-03-02',
  );

describe('the proactive nudge card', () => {
  it('opens with what to do at this stage, then gives the advice for the tender', () => {
    const card = nudgeCard('prepare', tender, advice('nl'), { adviceId: 'A'.repeat(24), lang: 'nl', links });
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text.indexOf('Tijd om uw aanbesteding voor te bereiden')).toBeLessThan(
      text.indexOf('Passende productgroepen'),
    );
    expect(text).toContain('Plan een Ambitieweb-sessie');
    expect(text).toContain('De kick-off is op 30 maart 2027');
    expect(JSON.stringify(card)).toContain('"verb":"setAmbition"');
  });

  it('lists the kickoff checklist, in English for an English user', () => {
    const card = nudgeCard('kickoff', tender, advice('en'), { adviceId: 'A'.repeat(24), lang: 'en', links });
    const text = cardText(card);
    expect(text).toContain('Kickoff soon: MVI checklist');
    expect(text).toContain('- Social return is decided (applies or not, and why).');
    // The Ambitieweb button belongs to the first stage only.
    expect(JSON.stringify((card['body'] as unknown[])[0])).not.toContain(links.ambitieweb);
    // At kickoff the card offers to record the MVI of the tender; earlier stages do not.
    expect(card['actions']).toContainEqual({
      type: 'Action.Execute',
      title: 'MVI in this tender',
      verb: 'mviRecordForm',
      data: { reference: 'T-2027-014' },
    });
    expect(
      JSON.stringify(
        nudgeCard('criteria', tender, advice('en'), { adviceId: 'A'.repeat(24), lang: 'en', links }),
      ),
    ).not.toContain('mviRecordForm');
  });

  it('shows the tender title as plain text, never as Markdown', () => {
    const card = nudgeCard('criteria', { ...tender, title: '[klik](http://evil.example)' }, advice('nl'), {
      adviceId: 'A'.repeat(24),
      lang: 'nl',
      links,
    });
    const opening = JSON.stringify((card['body'] as unknown[])[0]);
    expect(opening).toContain('"type":"TextRun","text":"T-2027-014 · [klik](http://evil.example)"');
  });

  it('carries what the neighbours did, their titles as plain text', () => {
    const card = nudgeCard('prepare', tender, advice('nl'), {
      adviceId: 'A'.repeat(24),
      lang: 'nl',
      links,
      neighbours: {
        productGroupId: 'cleaning',
        productGroupName: 'Schoonmaak en glasbewassing',
        sharing: 'details',
        sentence: 'In de regio namen 2 van de 3 aanbestedingen voor schoonmaak sinds 2025 ‘X’ op.',
        reciprocity: null,
        tenders: 3,
        municipalities: 2,
        since: 2025,
        topCriteria: [{ id: 'cleaning.ecolabel-products', title: 'Ecolabel', tenders: 2 }],
        socialReturn: { asked: 0, averagePercentage: null, realised: 0 },
        realised: { yes: 1, known: 2 },
        examples: [
          {
            municipalityName: 'Gemeente Polderveen',
            title: '**vet** [klik](http://evil.example)',
            year: 2025,
            contact: {
              displayName: 'Sanne de Vries',
              chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=s%40p.example',
            },
          },
        ],
      },
    });
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Ga kijken bij de buren');
    expect(text).toContain('In de regio namen 2 van de 3 aanbestedingen voor schoonmaak sinds 2025');
    expect(JSON.stringify(card)).toContain(
      '"type":"TextRun","text":"**vet** [klik](http://evil.example) · Gemeente Polderveen · 2025"',
    );
    expect(JSON.stringify(card)).toContain('"title":"Chat met Sanne de Vries"');
  });
});
