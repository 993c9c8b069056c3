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

/**
 * Elements Teams renders that the open library does not know (a code block with a copy
 * button). Each must carry a fallback the library does know, for other hosts.
 */
const TEAMS_ELEMENTS = new Set(['CodeBlock']);

function teamsElementProblems(node: unknown, problems: string[]): void {
  if (Array.isArray(node)) node.forEach((n) => teamsElementProblems(n, problems));
  else if (node && typeof node === 'object') {
    const element = node as { type?: unknown; fallback?: unknown };
    if (
      typeof element.type === 'string' &&
      TEAMS_ELEMENTS.has(element.type) &&
      (typeof element.fallback !== 'object' || element.fallback === null)
    ) {
      problems.push(`${element.type} needs a fallback element for hosts other than Teams`);
    }
    Object.values(node).forEach((v) => teamsElementProblems(v, problems));
  }
}

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  teamsElementProblems(card, problems);
  const c = card as { type?: string; version?: string; $schema?: string };
  if (c.type !== 'AdaptiveCard') problems.push('type must be AdaptiveCard');
  if (!c.version || Number(c.version) > 1.5)
    problems.push(`version ${String(c.version)} is not supported by Teams (≤ 1.5)`);
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const message = context.getEventAt(i).message;
    // A Teams element with a fallback (checked above) is fine.
    if (
      [...TEAMS_ELEMENTS].some((type) =>
        message.startsWith(`Unknown element type "${type}". Fallback will be used`),
      )
    )
      continue;
    problems.push(message);
  }
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
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string')
          out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out.join('\n');
}
