/**
 * The official CPV 2008 vocabulary (content/cpv): every code with its Dutch and English
 * label and contract type. It names the codes the engine shows, checks the codes a user
 * gives, and, as a vocabulary of its own next to the product groups' words, suggests the
 * codes a buyer puts in the notice.
 */
import type { ContractType, CpvEntry, LocalizedText } from '../content/schema.js';
import { CPV_MATCHING, cpvDocuments, TextMatcher, type TextMatch } from './matcher.js';

import type { Language as Lang } from '../kernel/language.js';

export type { Lang };

/** A CPV code as people read it: the code with its check digit, and its name. */
export interface NamedCpv {
  /** 8 digits, hyphen, check digit: 90911200-8. */
  code: string;
  label: string;
}

export type CpvCheck = { ok: true; entry: CpvEntry } | { ok: false; problem: LocalizedText };

export class CpvVocabulary {
  private readonly byCode = new Map<string, CpvEntry>();
  private matcherInstance: TextMatcher | undefined;

  constructor(readonly entries: readonly CpvEntry[]) {
    for (const e of entries) this.byCode.set(e.code.slice(0, 8), e);
  }

  /** The entry of an 8-digit code (with or without its check digit). */
  entry(code: string): CpvEntry | undefined {
    return this.byCode.get(code.slice(0, 8));
  }

  has(code: string): boolean {
    return this.byCode.has(code.slice(0, 8));
  }

  /**
   * The code that names a prefix of a product group: the prefix padded with zeros when that
   * is a code ("398" → 39800000-3), otherwise the broadest code under it.
   */
  codeOfPrefix(prefix: string): CpvEntry | undefined {
    const padded = this.byCode.get(prefix.padEnd(8, '0'));
    if (padded) return padded;
    let best: CpvEntry | undefined;
    for (const e of this.entries) {
      if (!e.code.startsWith(prefix)) continue;
      if (!best || significant(e.code).length < significant(best.code).length) best = e;
    }
    return best;
  }

  named(code: string, lang: Lang): NamedCpv | undefined {
    const e = this.entry(code);
    return e ? { code: e.code, label: e[lang] } : undefined;
  }

  /** Whether a code a person gave exists, and its check digit (when given) is the right one. */
  check(code: string): CpvCheck {
    const trimmed = code.trim();
    const match = /^(\d{8})(?:-(\d))?$/.exec(trimmed);
    if (!match) {
      return {
        ok: false,
        problem: {
          nl: `“${trimmed.slice(0, 20)}” is geen CPV-code: een CPV-code heeft 8 cijfers, eventueel met een streepje en een controlecijfer (90911200-8).`,
          en: `“${trimmed.slice(0, 20)}” is not a CPV code: a CPV code has 8 digits, optionally followed by a hyphen and a check digit (90911200-8).`,
        },
      };
    }
    const entry = this.byCode.get(match[1]!);
    if (!entry) {
      return {
        ok: false,
        problem: {
          nl: `CPV-code ${match[1]} bestaat niet in de CPV-woordenlijst 2008. Zoek de juiste code op, bijvoorbeeld via de CPV-suggesties bij het advies.`,
          en: `CPV code ${match[1]} does not exist in the CPV 2008 vocabulary. Look up the right code, for example in the CPV suggestions of the advice.`,
        },
      };
    }
    if (match[2] !== undefined && entry.code !== trimmed) {
      return {
        ok: false,
        problem: {
          nl: `Het controlecijfer van CPV-code ${match[1]} is ${entry.code.slice(-1)}, niet ${match[2]} (${entry.code} ${entry.nl}).`,
          en: `The check digit of CPV code ${match[1]} is ${entry.code.slice(-1)}, not ${match[2]} (${entry.code} ${entry.en}).`,
        },
      };
    }
    return { ok: true, entry };
  }

  /** The problem with a code, in words; undefined when it exists (a checker for tender writes and imports). */
  readonly problemOf = (code: string): LocalizedText | undefined => {
    const result = this.check(code);
    return result.ok ? undefined : result.problem;
  };

  contractType(code: string): ContractType | undefined {
    return this.entry(code)?.type;
  }

  /** The text matcher over every label, built on first use (it takes a moment). */
  get matcher(): TextMatcher {
    this.matcherInstance ??= new TextMatcher(cpvDocuments(this.entries), CPV_MATCHING);
    return this.matcherInstance;
  }

  /** The codes whose labels a tender's text names, best first. */
  match(title: string, description: string): TextMatch[] {
    return this.matcher.match(title, description);
  }
}

/** The digits of a code that say something: 90910000 → 9091 (at least the division). */
export function significant(code: string): string {
  const digits = code.slice(0, 8).replace(/0+$/, '');
  return digits.length >= 2 ? digits : code.slice(0, 2);
}

/**
 * Whether two codes (or a code and a prefix) lie in the same branch: the same first three
 * digits. A prefix 3913 refines a notice's broad code 39100000; 38000000 is a branch of its own.
 */
export function inBranchOf(code: string, of: string): boolean {
  return code.length >= 3 && of.length >= 3 && code.slice(0, 3) === of.slice(0, 3);
}
