/**
 * Spelling-aware keys for names: two spellings with the same key are the same name written
 * differently (a transliteration, a British or American spelling, a doubled letter, an accent).
 */

/** Exonyms and transliterations that no letter rule maps onto each other, folded form → canonical folded form. */
const PLACE_VARIANTS: Record<string, string> = {
  kiev: 'kiv', kyiv: 'kiv', kharkov: 'harkiv', kharkiv: 'harkiv', lvov: 'lviv', nikolaev: 'mikolaiv', mykolaiv: 'mikolaiv',
  lugansk: 'luhansk', luhansk: 'luhansk', zaporozhye: 'zaporizhia', zaporozhie: 'zaporizhia', chernigov: 'chernihiv',
  chernihiv: 'chernihiv', artemovsk: 'bahmut', bakhmut: 'bahmut', rovno: 'rivne', dnepr: 'dnipro', dnipro: 'dnipro',
};

const WORD_VARIANTS: Record<string, string> = {
  defence: 'defense', offence: 'offense', organisation: 'organization', organisations: 'organizations', centre: 'center',
  labour: 'labor', programme: 'program', honour: 'honor', armour: 'armor', favour: 'favor', neighbour: 'neighbor',
  theatre: 'theater', councillor: 'councilor', licence: 'license', colour: 'color',
};

const marks = /[\u0300-\u036f]/g;

/** Lower case, no accents, curly apostrophes straightened. */
export function basicFold(s: string): string {
  return s.normalize('NFD').replace(marks, '').toLowerCase().replace(/[\u2019\u2018`´]/g, "'");
}

/**
 * Fold one word so that common transliteration variants agree:
 * yo/e (Gurulyov = Gurulev), i/y/j (Sergei = Sergey, Dmitriy = Dmitry), kh/h, zhzh/zh (Zaporizhzhia = Zaporizhia),
 * doubled letters (Odessa = Odesa), leading ye/e (Yevgeny = Evgeny), ph/f.
 */
export function foldWord(word: string): string {
  return foldMemo.get(word);
}

/**
 * The keys below are pure functions of a short string, and an article (a workspace) repeats its
 * names and words many times: they are memoised, each memo emptied when it reaches MEMO_SIZE entries.
 */
const MEMO_SIZE = 1 << 16;

/** A memo of a pure function of a short string (see above); its keys are owned copies, and compute owns what it returns. */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly compute: (key: string) => V) {}

  get(key: string): V {
    let r = this.map.get(key);
    if (r === undefined) {
      r = this.compute(key);
      if (this.map.size >= MEMO_SIZE) this.map.clear();
      this.map.set(own(key), r);
    }
    return r;
  }
}

const foldMemo = new Memo((word) => own(foldWordOnce(word)));
const wordsMemo = new Memo<readonly string[]>((name) => nameWordsOnce(name).map(own));
const nameKeyMemo = new Memo((name) => own(wordsOf(name).map(foldWord).filter((w) => w && w !== 'the').join(' ')));
const orgKeyMemo = new Memo((name) => own(orgKeyOnce(name)));

/**
 * A copy of s that does not keep the string it was sliced from alive (V8 makes slices of 13 or more
 * characters views into their parent, here the whole article): memo keys and values outlive the article.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function foldWordOnce(word: string): string {
  let w = basicFold(word).replace(/[^a-z0-9']/g, '');
  if (WORD_VARIANTS[w]) return WORD_VARIANTS[w];
  if (PLACE_VARIANTS[w]) return PLACE_VARIANTS[w];
  w = w.replace(/'/g, '');
  // abbreviations and short words ("N.Y." / "N.J.", "US") are compared as written: no letter rules
  if (w.length <= 4 || /^[A-Z][A-Z.&]*$/.test(word.replace(/['\u2019]s$/, ''))) return w;
  w = w.replace(/yo/g, 'e').replace(/jo/g, 'e').replace(/ph/g, 'f').replace(/kh/g, 'h').replace(/zhzh/g, 'zh');
  w = w.replace(/[yj]/g, 'i');
  if (w.startsWith('ie') && w.length > 3) w = w.slice(1);
  w = w.replace(/ii+/g, 'i').replace(/([b-df-hj-np-tv-z])\1+/g, '$1'); // doubled consonants (Odessa / Odesa); doubled vowels stay (Cameroon)
  return PLACE_VARIANTS[w] ?? w;
}

/** Words of a name, without possessive endings and punctuation. */
export function nameWords(name: string): string[] {
  return wordsOf(name).slice();
}

/** nameWords, memoised: the array is shared, callers must not change it. */
export function wordsOf(name: string): readonly string[] {
  return wordsMemo.get(name);
}

function nameWordsOnce(name: string): string[] {
  return name
    .replace(/['\u2019]s\b/g, '')
    .replace(/['\u2019]$/g, '')
    .split(/[\s\u00a0]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '').replace(/\.$/, ''))
    .filter((w) => w.length > 0);
}

/** Key of a whole name: its folded words joined by a space. */
export function nameKey(name: string): string {
  return nameKeyMemo.get(name);
}

const UNIT_HEADS = new Set(['army', 'division', 'brigade', 'regiment', 'corps', 'battalion', 'fleet', 'flotilla', 'squadron']);

/**
 * Key of an organisation name. Military units are keyed by their number and head noun so that
 * "58th Army", "58th Combined Arms Army" and "58th Combined Army" agree.
 */
export function orgKey(name: string): string {
  return orgKeyMemo.get(name);
}

function orgKeyOnce(name: string): string {
  const raw = wordsOf(name).map((w) => basicFold(w)).filter((w) => w && w !== 'the');
  if (raw.length >= 2 && /^\d+(st|nd|rd|th)$/.test(raw[0]) && UNIT_HEADS.has(raw[raw.length - 1])) {
    return `${raw[0]} ${raw[raw.length - 1]}`;
  }
  return raw.map(foldWord).join(' ');
}

/** The acronym a name would have ("Institute for the Study of War" → "isw"), or '' for short names. */
export function acronymOf(name: string): string {
  const words = wordsOf(name).filter((w) => !/^(of|for|the|and|on|in|de|du|la)$/i.test(w));
  if (words.length < 2) return '';
  return words.map((w) => w[0]).join('').toLowerCase();
}

/** A single all-capitals token of 2-6 letters, such as ISW or NATO. */
export function isAcronym(s: string): boolean {
  return /^[A-Z][A-Z&]{1,5}$/.test(s);
}

/** Are two folded first names compatible: equal, or one is an initial of the other? */
export function firstNamesCompatible(a: string, b: string): boolean {
  if (!a || !b) return true;
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  return false;
}

/** URL- and id-safe slug. */
export function slug(s: string): string {
  return basicFold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}
