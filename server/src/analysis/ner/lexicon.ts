/**
 * Hand-written word lists used as features (never as rules): titles and ranks that stand before a
 * name, words that end organisation names, words that mark places, and the normalisation applied to
 * every token before features are computed (so that CoNLL's `` '' -- and a newspaper's curly quotes
 * and em dashes look the same to the model).
 */
import { hashString, mix1 } from './hash';
import { CAPITALS, COUNTRIES } from './places';

/** Lower-case titles and ranks, without a final period. */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'rev', 'reverend', 'father', 'sister',
  'president', 'vice', 'premier', 'chancellor', 'minister', 'secretary', 'senator', 'sen', 'rep', 'representative',
  'congressman', 'congresswoman', 'governor', 'gov', 'mayor', 'king', 'queen', 'prince', 'princess', 'pope', 'sheikh',
  'judge', 'justice', 'ambassador', 'envoy', 'chairman', 'chairwoman', 'chair', 'director', 'coach', 'manager', 'mp', 'mep',
  'lawmaker', 'spokesman', 'spokeswoman', 'spokesperson', 'officer', 'marshal', 'general', 'gen', 'maj', 'major', 'lt',
  'lieutenant', 'col', 'colonel', 'capt', 'captain', 'sgt', 'sergeant', 'cpl', 'corporal', 'pvt', 'private', 'adm', 'admiral',
  'brig', 'brigadier', 'commander', 'cmdr', 'cdr', 'commodore', 'chief', 'deputy', 'speaker', 'head', 'leader', 'defence',
  'defense', 'foreign', 'interior', 'finance', 'prime', 'field', 'rear', 'gens', 'generals', 'colonel-general',
  'major-general', 'lieutenant-general', 'lieutenant-colonel', 'brigadier-general', 'army-general', 'lt-gen', 'maj-gen',
  'lt.-gen', 'maj.-gen', 'ceo', 'founder', 'analyst', 'striker', 'midfielder', 'defender', 'goalkeeper', 'champion',
  'inspector', 'detective', 'superintendent', 'commissioner', 'attorney', 'counsel', 'patriarch', 'archbishop', 'bishop',
  'cardinal', 'ayatollah', 'imam', 'rabbi', 'emir', 'sultan', 'tsar', 'czar', 'duke', 'duchess', 'baron', 'count', 'countess',
]);

/** Lower-case words that end (or are the head of) organisation names. */
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'ministry', 'army', 'inc', 'corp', 'co', 'ltd', 'plc', 'llc', 'ag', 'sa', 'nv', 'gmbh', 'council', 'institute', 'university',
  'party', 'bank', 'group', 'agency', 'committee', 'commission', 'union', 'association', 'federation', 'league', 'club',
  'company', 'corporation', 'department', 'office', 'court', 'parliament', 'assembly', 'navy', 'force', 'forces', 'corps',
  'division', 'brigade', 'regiment', 'battalion', 'fund', 'foundation', 'organisation', 'organization', 'network', 'service',
  'services', 'times', 'post', 'news', 'press', 'airlines', 'airways', 'motors', 'holdings', 'securities', 'exchange',
  'board', 'authority', 'church', 'fc', 'tribunal', 'senate', 'congress', 'cabinet', 'government', 'command', 'staff',
  'guard', 'guards', 'movement', 'alliance', 'society', 'center', 'centre', 'school', 'college', 'academy', 'hospital',
  'studios', 'records', 'industries', 'systems', 'technologies', 'bureau', 'telegraph', 'herald', 'journal', 'gazette',
  'tribune', 'daily', 'reuters', 'television', 'radio', 'broadcasting', 'police', 'duma', 'kremlin', 'pentagon', 'nato',
  'fleet', 'district', 'headquarters', 'intelligence', 'unit', 'units', 'troops', 'mission', 'front', 'partners', 'capital',
  'trust', 'insurance', 'energy', 'oil', 'petroleum', 'pharmaceuticals', 'electric', 'telecom', 'communications', 'media',
]);

/** Lower-case words that mark place names. */
export const LOC_WORDS: ReadonlySet<string> = new Set([
  'region', 'province', 'state', 'city', 'river', 'mountains', 'mountain', 'island', 'islands', 'republic', 'kingdom',
  'county', 'oblast', 'krai', 'bay', 'sea', 'ocean', 'valley', 'street', 'road', 'lake', 'mount', 'cape', 'port', 'gulf',
  'peninsula', 'strait', 'desert', 'coast', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western',
  'central', 'avenue', 'square', 'airport', 'village', 'town', 'heights', 'hills', 'plain', 'basin', 'border',
]);

/** Lower-case month and weekday names: capitalised but never entities in CoNLL. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
  'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Country, continent and capital names, as hashed word sequences (see gazetteer keys in features.ts). */
export const PLACE_NAMES: readonly string[] = [...COUNTRIES, ...CAPITALS, 'Russia', 'Ukraine', 'United States', 'Britain',
  'Great Britain', 'Europe', 'Asia', 'Africa', 'America', 'South America', 'North America', 'Latin America', 'Middle East',
  'Moscow', 'Kyiv', 'Kiev', 'Washington', 'London', 'Crimea', 'Siberia', 'Kosovo', 'Chechnya', 'Gaza', 'West Bank'];

/**
 * Token text as the model sees it: curly and doubled quotes become ", curly apostrophes ', every
 * dash run -, and a possessive or clitic keeps its straight apostrophe.
 */
export function normalizeToken(w: string): string {
  const n = w.length;
  if (n <= 2) {
    if (w === '``' || w === "''" || w === '\u201c' || w === '\u201d' || w === '\u201e' || w === '\u00ab' || w === '\u00bb') return '"';
    if (w === '\u2018' || w === '\u2019' || w === '\u201a' || w === '`') return "'";
    if (w === '--' || w === '\u2013' || w === '\u2014' || w === '\u2015') return '-';
  }
  let out: string | null = null;
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    if (c === 0x2019 || c === 0x2018 || c === 0x2013 || c === 0x2014 || c === 0x2010 || c === 0x2011 || c === 0xad) {
      if (out === null) out = w;
      break;
    }
  }
  if (out === null) {
    if (w.charCodeAt(0) === 45 && n > 1 && w.charCodeAt(n - 1) === 45) return '-';
    return w;
  }
  const r = w.replace(/[\u2018\u2019]/g, "'").replace(/[\u2010\u2011]/g, '-').replace(/\u00ad/g, '');
  if (/^[\u2013\u2014-]+$/.test(r)) return '-';
  return r.replace(/[\u2013\u2014]/g, '-');
}

/** A gazetteer key for a run of normalised words: the chained hashes of their lower-case forms. */
export function gazKeyStep(key: number, lowerHash: number): number {
  return mix1(key ^ 0x5bd1e995, lowerHash);
}

export function gazKeyOf(words: readonly string[]): number {
  let key = 0;
  for (const w of words) key = gazKeyStep(key, hashString(w.toLowerCase()));
  return key;
}
