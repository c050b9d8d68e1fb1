/**
 * Titles and ranks written next to a person's name ("Maj Gen", "Lieutenant General", "Defence Minister",
 * "Russian MP"). They are kept as an attribute of the mention, outside its span.
 */
import { Title } from './model';
import { Token } from './text';

interface TitleEntry { words: string[]; normalized: string; rank?: number }

/** Military ranks by seniority. "General" alone is the least specific general officer title. */
const RANKS: Array<[string[], string, number]> = [
  [['brigadier', 'general'], 'brigadier general', 1],
  [['brig', 'gen'], 'brigadier general', 1],
  [['major', 'general'], 'major general', 2],
  [['maj', 'gen'], 'major general', 2],
  [['lieutenant', 'general'], 'lieutenant general', 3],
  [['lt', 'gen'], 'lieutenant general', 3],
  [['lieut', 'gen'], 'lieutenant general', 3],
  [['colonel', 'general'], 'colonel general', 4],
  [['col', 'gen'], 'colonel general', 4],
  [['army', 'general'], 'general of the army', 5],
  [['general', 'of', 'the', 'army'], 'general of the army', 5],
  [['general'], 'general', 0],
  [['gen'], 'general', 0],
  [['colonel'], 'colonel', -1],
  [['col'], 'colonel', -1],
  [['lieutenant', 'colonel'], 'lieutenant colonel', -2],
  [['lt', 'col'], 'lieutenant colonel', -2],
  [['major'], 'major', -3],
  [['maj'], 'major', -3],
  [['captain'], 'captain', -4],
  [['capt'], 'captain', -4],
  [['lieutenant'], 'lieutenant', -5],
  [['lt'], 'lieutenant', -5],
  [['sergeant'], 'sergeant', -6],
  [['sgt'], 'sergeant', -6],
  [['admiral'], 'admiral', 0],
  [['adm'], 'admiral', 0],
  [['vice', 'admiral'], 'vice admiral', 3],
  [['rear', 'admiral'], 'rear admiral', 2],
  [['field', 'marshal'], 'field marshal', 6],
  [['marshal'], 'marshal', 6],
];

/** Civil titles. */
const CIVIL: Array<[string[], string]> = [
  [['president'], 'president'], [['vice', 'president'], 'vice president'], [['prime', 'minister'], 'prime minister'],
  [['pm'], 'prime minister'], [['defence', 'minister'], 'defense minister'], [['defense', 'minister'], 'defense minister'],
  [['foreign', 'minister'], 'foreign minister'], [['minister'], 'minister'], [['secretary'], 'secretary'],
  [['defense', 'secretary'], 'defense secretary'], [['defence', 'secretary'], 'defense secretary'],
  [['secretary', 'of', 'state'], 'secretary of state'], [['mp'], 'member of parliament'], [['lawmaker'], 'lawmaker'],
  [['senator'], 'senator'], [['sen'], 'senator'], [['rep'], 'representative'], [['representative'], 'representative'],
  [['governor'], 'governor'], [['gov'], 'governor'], [['mayor'], 'mayor'], [['chancellor'], 'chancellor'],
  [['king'], 'king'], [['queen'], 'queen'], [['prince'], 'prince'], [['princess'], 'princess'], [['pope'], 'pope'],
  [['judge'], 'judge'], [['justice'], 'justice'], [['chief', 'justice'], 'chief justice'], [['speaker'], 'speaker'],
  [['ambassador'], 'ambassador'], [['commander'], 'commander'], [['chief', 'of', 'staff'], 'chief of staff'],
  [['chief', 'of', 'the', 'general', 'staff'], 'chief of the general staff'], [['spokesman'], 'spokesman'],
  [['spokeswoman'], 'spokeswoman'], [['spokesperson'], 'spokesperson'], [['ceo'], 'chief executive'],
  [['chairman'], 'chairman'], [['chairwoman'], 'chairwoman'], [['director'], 'director'], [['professor'], 'professor'],
  [['prof'], 'professor'], [['dr'], 'doctor'], [['mr'], 'mr'], [['mrs'], 'mrs'], [['ms'], 'ms'], [['sir'], 'sir'],
  [['dame'], 'dame'], [['lord'], 'lord'], [['lady'], 'lady'], [['bishop'], 'bishop'], [['archbishop'], 'archbishop'],
  [['father'], 'father'], [['rabbi'], 'rabbi'], [['imam'], 'imam'], [['sheikh'], 'sheikh'], [['deputy'], 'deputy'],
];

/** Nationality or party words that may precede a title ("Russian MP", "Ukrainian President"). */
const TITLE_MODIFIERS = new Set(['russian', 'ukrainian', 'us', 'u.s', 'american', 'british', 'french', 'german', 'chinese',
  'israeli', 'iranian', 'syrian', 'turkish', 'polish', 'former', 'ex', 'top', 'senior', 'retired', 'acting', 'then',
  'republican', 'democratic', 'democrat', 'labour', 'conservative', 'tory', 'state', 'deputy', 'first']);

const ENTRIES: TitleEntry[] = [
  ...RANKS.map(([words, normalized, rank]) => ({ words, normalized, rank: rank > 0 ? rank : rank === 0 ? 0 : undefined })),
  ...CIVIL.map(([words, normalized]) => ({ words, normalized })),
].sort((a, b) => b.words.length - a.words.length);

const MAX_WORDS = Math.max(...ENTRIES.map((e) => e.words.length));
const FIRST_WORDS = new Set(ENTRIES.map((e) => e.words[0]));
/** ENTRIES by their last word, in ENTRIES order: only those can end at the word before a name. */
const BY_LAST_WORD = new Map<string, TitleEntry[]>();
for (const e of ENTRIES) {
  const last = e.words[e.words.length - 1];
  const list = BY_LAST_WORD.get(last) ?? [];
  list.push(e);
  BY_LAST_WORD.set(last, list);
}

function norm(tokenText: string): string {
  return tokenText.toLowerCase().replace(/\.$/, '');
}

/** Split "Major-General" into its parts so that hyphenated ranks match. */
function tokenWords(tok: Token): string[] {
  return tok.text.includes('-') ? tok.text.split('-').map(norm) : [norm(tok.text)];
}

/** Is this token (lower-cased, no period) a word that can start a title? */
export function canStartTitle(word: string): boolean {
  return FIRST_WORDS.has(word);
}

/**
 * The title written directly before token index `first` (the mention's first token), or undefined.
 * Looks back over at most a few tokens within the same sentence, longest match first, and takes a
 * nationality or "former" in front of a title along.
 */
export function titleBefore(tokens: Token[], first: number, sentenceStart: number): Title | undefined {
  // Quick exit: the word just before the name must end some title.
  const prev = tokens[first - 1];
  if (first - 1 < sentenceStart || !prev || prev.kind !== 'word') return undefined;
  const prevParts = tokenWords(prev);
  if (!BY_LAST_WORD.has(prevParts[prevParts.length - 1])) return undefined;
  // Expand the tokens before `first` into words with their token indices (hyphenated ranks give several words).
  const words: Array<{ w: string; tok: number }> = [];
  for (let k = first - 1; k >= sentenceStart && k >= first - MAX_WORDS - 2; k--) {
    const tok = tokens[k];
    if (tok.kind !== 'word') break;
    const parts = tokenWords(tok);
    for (let p = parts.length - 1; p >= 0; p--) words.unshift({ w: parts[p], tok: k });
  }
  if (words.length === 0) return undefined;
  const candidates = BY_LAST_WORD.get(words[words.length - 1].w);
  if (!candidates) return undefined;
  for (const entry of candidates) {
    const n = entry.words.length;
    if (n > words.length) continue;
    const tail = words.slice(words.length - n);
    if (tail.every((x, i) => x.w === entry.words[i])) {
      // Titles in lower case ("general") are only titles when capitalised or abbreviated before a name.
      const firstTok = tokens[tail[0].tok];
      const capital = /^[A-Z]/.test(firstTok.text);
      if (!capital && n === 1 && !['mp'].includes(entry.words[0])) return undefined;
      let startTok = tail[0].tok;
      // a modifier in front ("Russian MP", "former Defence Minister")
      const before = words.length - n - 1;
      let text: string;
      if (before >= 0 && TITLE_MODIFIERS.has(words[before].w) && words[before].tok < startTok) startTok = words[before].tok;
      const start = tokens[startTok].start;
      const end = tokens[tail[n - 1].tok].end;
      text = tokens.slice(startTok, tail[n - 1].tok + 1).map((t) => t.text).join(' ');
      return { start, end, text, normalized: entry.normalized, rank: entry.rank };
    }
  }
  return undefined;
}

/**
 * Leading title words inside a mention span ("Gen Valery Gerasimov" tagged whole): how many tokens
 * from `first` form a title, with the title itself. Used to cut titles out of person spans.
 */
export function titleInside(tokens: Token[], first: number, last: number): { count: number; title: Title } | undefined {
  let best: { count: number; title: Title } | undefined;
  for (let count = 1; count <= Math.min(MAX_WORDS, last - first); count++) {
    const t = titleBefore(tokens, first + count, first);
    if (t && t.start === tokens[first].start) best = { count, title: t };
  }
  return best;
}

/** Is `a` only a less specific form of `b` (General vs Major General)? */
export function lessSpecific(a: Title, b: Title): boolean {
  return a.normalized === 'general' && b.rank !== undefined && b.rank > 0;
}
