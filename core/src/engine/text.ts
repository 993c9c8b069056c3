/**
 * Text handling for Dutch and English tender descriptions: normalisation, stop words,
 * stemming (Snowball stemmers of @orama/stemmers), CPV codes and amounts written in text.
 */
import { stemmer as dutchStemmer } from '@orama/stemmers/dutch';
import { stemmer as englishStemmer } from '@orama/stemmers/english';

/** Words that say nothing about what is bought (Dutch and English). */
// prettier-ignore
const STOP_WORDS = new Set(
  [
    // Dutch function words
    'de', 'het', 'een', 'en', 'of', 'van', 'voor', 'in', 'op', 'met', 'aan', 'bij', 'door', 'naar', 'om', 'te', 'tot', 'uit', 'over', 'onder',
    'als', 'dat', 'die', 'dit', 'deze', 'er', 'is', 'zijn', 'wordt', 'worden', 'ten', 'ter', 'per', 'ca', 'circa', 'ongeveer', 'incl', 'excl',
    'inclusief', 'exclusief', 'btw', 'nieuwe', 'nieuw', 'welke', 'wat', 'wij', 'we', 'ik', 'ons', 'onze', 'mijn', 'jaar', 'jaren', 'jarig',
    'euro', 'eur', 'miljoen', 'ton', 'duizend', 'mvi', 'criteria', 'criterium', 'zoek', 'zoeken', 'willen', 'wil', 'gaan', 'graag', 'hoe', 'kan',
    // procurement words that match everything
    'aanbesteding', 'aanbestedingen', 'aanbesteden', 'inkoop', 'inkopen', 'levering', 'leveren', 'diensten', 'dienst', 'dienstverlening', 'opdracht',
    'overeenkomst', 'contract', 'raamovereenkomst', 'raamcontract', 'gemeente', 'gemeentelijke', 'perceel', 'percelen', 'europese',
    'meervoudig', 'onderhandse', 'procedure', 'gunning', 'bestek', 'nationale',
    // how something is bought (procedure and notice words), not what
    'aankondiging', 'vooraankondiging', 'marktconsultatie', 'marktverkenning', 'consultatie', 'vrijwillige', 'transparantie', 'ex', 'ante',
    'dynamisch', 'aankoopsysteem', 'das', 'concurrentiegerichte', 'concurrentie', 'gerichte', 'dialoog', 'innovatiepartnerschap', 'verlenging',
    'selectieleidraad', 'leidraad', 'prekwalificatie', 'gunningsbeslissing', 'aanbestedende', 'aanbestedingswet', 'aw', 'art', 'artikel', 'conform',
    'enkelvoudig', 'onderhands', 'europees', 'niet', 'looptijd', 'optie', 'opties', 'verlengingsoptie', 'maanden', 'periode', 'kader',
    'notice', 'voluntary', 'transparency', 'prior', 'market', 'consultation', 'rfi', 'request', 'dynamic', 'purchasing', 'competitive', 'dialogue',
    'negotiated', 'restricted', 'award', 'awarded', 'call', 'competition', 'innovation', 'partnership', 'extension', 'duration', 'option', 'options',
    // words any sentence may hold
    'geen', 'meer', 'andere', 'ander', 'diverse', 'verschillende', 'derde', 'derden', 'inzake', 'betreft', 'betreffende', 'tbv', 'behoeve', 'uitvoeren',
    'uitvoering', 'partijen', 'partij', 'organisaties', 'organisatie', 'mogelijk', 'vanaf', 'binnen', 'tussen', 'waarbij', 'zoals', 'hun', 'zij', 'ze',
    'ook', 'wel', 'nog', 'moet', 'moeten', 'kunnen', 'zal', 'zullen', 'heeft', 'hebben', 'werd', 'was', 'daarnaast', 'tevens', 'alsmede', 'alle',
    'elk', 'elke', 'iedere', 'onderdeel', 'totaal', 'aantal', 'vorm', 'samen', 'middel', 'gebied', 'gebieden', 'geval', 'landelijk', 'landelijke',
    'nederland', 'nederlandse', 'all', 'other', 'such', 'including', 'will', 'shall', 'can', 'may', 'been', 'has', 'have', 'not', 'also', 'its',
    'their', 'into', 'under', 'within', 'between', 'various', 'provide', 'provided', 'providing', 'need', 'needs', 'based', 'more', 'than', 'who',
    'whom', 'netherlands', 'dutch', 'national',
    // where or for whom something is bought, not what
    'gemeentehuis', 'stadhuis', 'stadskantoor', 'wijkkantoren', 'wijkkantoor', 'medewerkers', 'medewerker', 'inwoners', 'bewoners', 'regio', 'regionaal',
    'regionale', 'provincie', 'rijksoverheid', 'ministerie', 'gemeenten', 'town', 'city', 'council', 'staff', 'employees', 'residents', 'region', 'regional',
    // English
    'the', 'a', 'an', 'and', 'or', 'of', 'for', 'in', 'on', 'with', 'to', 'by', 'from', 'at', 'as', 'is', 'are', 'be', 'this', 'that', 'which',
    'what', 'our', 'my', 'we', 'about', 'approx', 'approximately', 'new', 'year', 'years', 'tender', 'tenders', 'procurement', 'supply', 'supplies',
    'service', 'services', 'delivery', 'contract', 'framework', 'agreement', 'municipality', 'lot', 'lots', 'provision', 'purchase', 'million',
  ],
);

export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Lower-case words without diacritics; digits-only tokens are dropped (amounts, years). */
export function words(text: string): string[] {
  return normalize(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !/^\d+$/.test(w));
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const stemCache = new Map<string, string[]>();
const STEM_CACHE_LIMIT = 100_000;

/** Both stems of a word: queries and content mix Dutch and English. Memoised: stemming dominates indexing. */
export function stems(word: string): string[] {
  const cached = stemCache.get(word);
  if (cached) return cached;
  const nl = dutchStemmer(word);
  const en = englishStemmer(word);
  const result = nl === en ? [nl] : [nl, en];
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

/** CPV codes written in free text ("CPV 90910000", "90911200-8"). */
export function cpvCodesInText(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\d.,])(\d{8})(?:-\d)?(?![\d.,])/g)) {
    const code = m[1]!;
    const division = Number(code.slice(0, 2));
    if (division >= 3 && division <= 98) out.add(code);
  }
  return [...out];
}

/**
 * An amount in euros written in Dutch or English ("€400.000", "ca. 1,2 miljoen", "4 ton",
 * "150k", "EUR 250,000"). Returns undefined when the text names no amount.
 */
export function amountInText(text: string): number | undefined {
  const t = normalize(text).replace(/\u00a0/g, ' ');
  const pattern =
    /(?:€|eur(?:o)?\b)?\s*(\d{1,3}(?:[.,\s]\d{3})+|\d+(?:[.,]\d+)?)\s*(,-|miljoen|mln|million|m\b|ton\b|k\b|duizend|thousand)?\s*(?:euro|eur\b|€)?/g;
  let best: number | undefined;
  for (const m of t.matchAll(pattern)) {
    const whole = m[0];
    const hasCurrency = /€|eur/.test(whole);
    const unit = m[2]?.trim();
    // Without a currency sign only "miljoen"/"million" reads as money ("500 ton zout" is weight).
    if (!hasCurrency && !(unit === 'miljoen' || unit === 'mln' || unit === 'million')) continue;
    if (/^\d{8}$/.test(m[1]!)) continue; // a CPV code, not an amount
    let raw = m[1]!;
    let value: number;
    if (/^\d{1,3}([.,\s]\d{3})+$/.test(raw)) {
      value = Number(raw.replace(/[.,\s]/g, ''));
    } else {
      raw = raw.replace(',', '.');
      value = Number(raw);
    }
    if (!Number.isFinite(value)) continue;
    const factor =
      unit === 'miljoen' || unit === 'mln' || unit === 'million' || unit === 'm'
        ? 1_000_000
        : unit === 'ton'
          ? 100_000
          : unit === 'k' || unit === 'duizend' || unit === 'thousand'
            ? 1000
            : 1;
    value *= factor;
    if (value > 0) best = Math.max(best ?? 0, value);
  }
  return best;
}
