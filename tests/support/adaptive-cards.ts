/**
 * Validates Adaptive Cards with Microsoft's own Adaptive Cards library: the card is parsed by
 * the official object model (unknown element or action types, bad property values) and its
 * properties are validated (required properties, duplicate ids); the version must be ≤ 1.5,
 * which Teams supports.
 */
import { createRequire } from 'node:module';

interface SerializationContextLike {
  eventCount: number;
  getEventAt(i: number): { message: string };
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: SerializationContextLike): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => SerializationContextLike;
}

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const c = card as { type?: string; version?: string; $schema?: string };
  if (c.type !== 'AdaptiveCard') problems.push('type must be AdaptiveCard');
  if (!c.version || Number(c.version) > 1.5) problems.push(`version ${String(c.version)} is not supported by Teams (≤ 1.5)`);
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
  if (JSON.stringify(card).length > 28_000) problems.push('card is larger than the 28 KB Teams shows');
  return problems;
}

/** All text of a card, for assertions about what a user reads. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out.join('\n');
}
