/**
 * How a settled web sets the advice: per MVI theme of the Nationaal Plan the score of the axes
 * that speak for it (the highest when several do), as the advice's ambition level. A theme at 0
 * gets no criteria, with the reason; a theme no axis speaks for is absent, and the advice keeps
 * its single ambition level for it. Which web applies: the tender's, else its department's,
 * else the policy's generic web, else none.
 */
import { THEME_IDS, type AmbitionLevel, type LocalizedText, type ThemeId } from '../content/schema.js';
import { conflict } from '../errors.js';
import {
  scoreToAmbition,
  type AmbitionScore,
  type AmbitionWeb,
  type WebOwner,
  type WebOwnerKind,
} from './model.js';

export interface ThemeLevel {
  theme: ThemeId;
  score: AmbitionScore;
  /** The advice's level for the score; null at 0: no criteria for this theme. */
  ambition: AmbitionLevel | null;
  /** The axis whose score counts (the highest of those that speak for the theme; the first of equals). */
  axisId: string;
  axisName: LocalizedText;
  /** The reason settled with that axis' score. */
  reason?: string;
  /** The other axes that speak for the theme, with their scores. */
  alsoFrom: { axisId: string; score: AmbitionScore }[];
}

export interface ThemeLevels {
  webId: string;
  owner: WebOwner;
  templateId: string;
  /** The score per theme; a theme no axis speaks for is absent (the advice's single level holds). */
  levels: Partial<Record<ThemeId, AmbitionScore>>;
  themes: Partial<Record<ThemeId, ThemeLevel>>;
}

/**
 * The ambition per MVI theme of a settled web. Throws a conflict for a web whose session still
 * runs: proposals are not a decision.
 */
export function themeLevels(web: AmbitionWeb): ThemeLevels {
  if (web.state !== 'settled')
    throw conflict({
      nl: 'Dit Ambitieweb is nog niet vastgesteld; het advies volgt het pas als de sessie is gesloten.',
      en: 'This Ambitieweb has not been settled yet; the advice follows it once the session is closed.',
    });
  const levels: Partial<Record<ThemeId, AmbitionScore>> = {};
  const themes: Partial<Record<ThemeId, ThemeLevel>> = {};
  for (const theme of THEME_IDS) {
    const scored = web.axes.flatMap((axis) => {
      const settled = web.scores[axis.id];
      return axis.themes.includes(theme) && settled ? [{ axis, settled }] : [];
    });
    const best = scored.reduce<(typeof scored)[number] | undefined>(
      (top, s) => (!top || s.settled.score > top.settled.score ? s : top),
      undefined,
    );
    if (!best) continue;
    levels[theme] = best.settled.score;
    themes[theme] = {
      theme,
      score: best.settled.score,
      ambition: scoreToAmbition(best.settled.score),
      axisId: best.axis.id,
      axisName: best.axis.name,
      ...(best.settled.reason ? { reason: best.settled.reason } : {}),
      alsoFrom: scored.filter((s) => s !== best).map((s) => ({ axisId: s.axis.id, score: s.settled.score })),
    };
  }
  return { webId: web.id, owner: web.owner, templateId: web.templateId, levels, themes };
}

/** The line the advice shows for a theme the web left out (score 0), with the reason when one was given. */
export function notChosenNote(level: ThemeLevel, themeName: LocalizedText): LocalizedText {
  const nl = `${themeName.nl}: in het Ambitieweb niet gekozen (as ${level.axisName.nl}), dus geen criteria voor dit thema`;
  const en = `${themeName.en}: not chosen in the Ambitieweb (axis ${level.axisName.en}), so no criteria for this theme`;
  return level.reason
    ? { nl: `${nl}. Reden: ${level.reason}`, en: `${en}. Reason: ${level.reason}` }
    : { nl: `${nl}.`, en: `${en}.` };
}

export type WebSource = WebOwnerKind;

export interface WebCandidates {
  /** The tender's municipality; a web of another is never used. Default: that of the first web given. */
  municipalityId?: string;
  tender?: AmbitionWeb | null;
  department?: AmbitionWeb | null;
  policy?: AmbitionWeb | null;
}

export interface ResolvedWeb {
  /** The web that sets the advice, or none: then the single ambition level holds for every theme. */
  web: AmbitionWeb | undefined;
  source: WebSource | 'none';
  /** Why this one, in a sentence for the advice. */
  reason: LocalizedText;
  /** Webs that were given but could not be used, and why. */
  passedOver: { source: WebSource; webId: string; reason: LocalizedText }[];
}

const ORDER: readonly WebSource[] = ['tender', 'department', 'policy'];

const USED: Record<WebSource, (owner: WebOwner) => LocalizedText> = {
  tender: (o) => ({
    nl: `Het Ambitieweb van deze aanbesteding${o.kind === 'tender' ? ` (${o.reference})` : ''} bepaalt het ambitieniveau per thema.`,
    en: `The Ambitieweb of this tender${o.kind === 'tender' ? ` (${o.reference})` : ''} sets the ambition level per theme.`,
  }),
  department: (o) => ({
    nl: `Deze aanbesteding heeft geen vastgesteld Ambitieweb; dat van de afdeling${o.kind === 'department' ? ` ${o.name}` : ''} bepaalt het ambitieniveau per thema.`,
    en: `This tender has no settled Ambitieweb; the one of the department${o.kind === 'department' ? ` ${o.name}` : ''} sets the ambition level per theme.`,
  }),
  policy: () => ({
    nl: 'Er is geen vastgesteld Ambitieweb van de aanbesteding of de afdeling; het generieke Ambitieweb van het gemeentelijk beleid bepaalt het ambitieniveau per thema.',
    en: 'There is no settled Ambitieweb of the tender or the department; the generic Ambitieweb of the municipal policy sets the ambition level per theme.',
  }),
};

const NONE: LocalizedText = {
  nl: 'Er is geen vastgesteld Ambitieweb; één ambitieniveau geldt voor alle thema’s.',
  en: 'There is no settled Ambitieweb; one ambition level holds for all themes.',
};

const SOURCE_NAME: Record<WebSource, LocalizedText> = {
  tender: { nl: 'de aanbesteding', en: 'the tender' },
  department: { nl: 'de afdeling', en: 'the department' },
  policy: { nl: 'het beleid', en: 'the policy' },
};

/**
 * Which web sets the advice: the tender's, else the department's, else the policy's; only a
 * settled web counts. A web given in the wrong place (a department's web as the tender's) is
 * passed over, and so is one of another municipality (than `municipalityId`, else the first web's).
 */
export function resolveWeb(candidates: WebCandidates): ResolvedWeb {
  const passedOver: ResolvedWeb['passedOver'] = [];
  const given = ORDER.flatMap((source) => {
    const web = candidates[source];
    return web ? [{ source, web }] : [];
  });
  const municipality = candidates.municipalityId ?? given[0]?.web.municipalityId;
  for (const { source, web } of given) {
    const pass = (reason: LocalizedText) => passedOver.push({ source, webId: web.id, reason });
    if (web.municipalityId !== municipality)
      pass({
        nl: `Het web van ${SOURCE_NAME[source].nl} hoort bij een andere gemeente.`,
        en: `The web of ${SOURCE_NAME[source].en} belongs to another municipality.`,
      });
    else if (web.owner.kind !== source)
      pass({
        nl: `Het web dat als dat van ${SOURCE_NAME[source].nl} is gegeven, hoort bij ${SOURCE_NAME[web.owner.kind].nl}.`,
        en: `The web given as that of ${SOURCE_NAME[source].en} belongs to ${SOURCE_NAME[web.owner.kind].en}.`,
      });
    else if (web.state !== 'settled')
      pass({
        nl: `De sessie voor het web van ${SOURCE_NAME[source].nl} loopt nog; het telt pas als het is vastgesteld.`,
        en: `The session for the web of ${SOURCE_NAME[source].en} is still running; it counts once it is settled.`,
      });
    else return { web, source, reason: USED[source](web.owner), passedOver };
  }
  return { web: undefined, source: 'none', reason: NONE, passedOver };
}

export interface AdviceAmbition extends ResolvedWeb {
  /** The ambition per theme of the web that applies; absent when none does. */
  levels?: ThemeLevels;
}

/** `resolveWeb` and `themeLevels` in one call, for the advice engine. */
export function adviceAmbition(candidates: WebCandidates): AdviceAmbition {
  const resolved = resolveWeb(candidates);
  return resolved.web ? { ...resolved, levels: themeLevels(resolved.web) } : resolved;
}
