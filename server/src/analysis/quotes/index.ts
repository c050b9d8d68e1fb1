/**
 * Quotes and who said them: direct quotes between quotation marks (with partial quotes and scare
 * quotes told apart), indirect attributions ("X said (that) ...", "according to X, ..."), each with
 * its cue and its source phrase resolved to a local entity where possible. Pure: text, layout and
 * mentions in, quotes out, in text order.
 */

import { TextLayout, Token } from '../text';
import { Mention, LocalEntity, Quote, QuoteSpeaker } from '../model';
import { markQuotes, MarkedQuote } from './marks';
import { cueInfo, PRONOUNS, SKIP_BEFORE_CUE, NP_STOP, DETERMINERS, ROLE_NOUNS } from './lexicon';
import { quoteModel, tagQuotes, spansOf, tokenLower, SRC, CUE, CON, DQ, QuoteSpanIn } from './learned';

export { markQuotes } from './marks';

interface Cue { a: number; b: number; lemma: string }
interface Src { a: number; b: number; according?: boolean }
interface Attribution { cue: Cue; src?: Src }

const END_PUNCT = new Set(['.', '!', '?', '...', '…']);
const PREP_AFTER_NP = new Set(['in', 'on', 'at', 'during', 'who', 'which', 'that', 'when', 'after', 'before', 'while', 'to',
  'from', 'with', 'as', 'because', 'about', 'for', 'last', 'this', 'yesterday', 'today', 'tonight', 'earlier', 'later',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'and', 'but', 'via', 'through', 'via',
  'recently', 'previously', 'told', 'said', 'adding', 'noting', 'according', 'under', 'over', 'since', 'if', 'where']);

/** Words after "X said" that go on with the same frame ("Trump said to a crowd of 500."), not a new clause. */
const FRAME_GOES_ON = new Set(['to', 'in', 'on', 'at', 'during', 'after', 'before', 'while', 'as', 'from', 'with', 'via',
  'outside', 'inside', 'last', 'this', 'yesterday', 'today', 'tonight', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'earlier', 'later', 'afterward', 'afterwards', 'recently', 'then', 'again', 'of', 'about', 'when']);

class Doc {
  readonly tokens: Token[];
  readonly tokSentence: Int32Array;
  readonly lower: string[];
  /** Per token: index of the marked quote that covers it (marks included), or -1. */
  readonly inQuote: Int32Array;
  readonly quoteRanges: Array<[number, number]> = [];
  roleWords: Array<Set<string>> | undefined;

  constructor(readonly text: string, readonly lay: TextLayout, readonly mentions: Mention[], readonly entities: LocalEntity[],
    readonly marks: MarkedQuote[]) {
    this.tokens = lay.tokens;
    const n = this.tokens.length;
    this.tokSentence = new Int32Array(n).fill(-1);
    lay.sentences.forEach((s, i) => { for (let k = s.tokenStart; k < s.tokenEnd; k++) this.tokSentence[k] = i; });
    // the lower-cased words from the tagger's word cache when there is a model (one lookup per token, shared with the tagger)
    const learned = quoteModel();
    this.lower = learned ? tokenLower(lay, learned.lex) : this.tokens.map((t) => t.text.toLowerCase());
    this.inQuote = new Int32Array(n).fill(-1);
    marks.forEach((m, i) => {
      const last = m.closeTok >= 0 ? m.closeTok : this.lastTokBefore(m.end);
      for (let k = m.openTok; k <= last; k++) this.inQuote[k] = i;
      this.quoteRanges.push([m.start, m.end]);
    });
  }

  lastTokBefore(off: number): number {
    let lo = 0, hi = this.tokens.length - 1, ans = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (this.tokens[mid].end <= off) { ans = mid; lo = mid + 1; } else hi = mid - 1; }
    return ans;
  }

  sentenceRange(k: number): [number, number] {
    const s = this.lay.sentences[this.tokSentence[k]];
    return [s.tokenStart, s.tokenEnd];
  }

  isWordish(k: number): boolean {
    const t = this.tokens[k];
    return t.kind === 'word' || t.kind === 'number' || (t.kind === 'symbol' && (t.text === '&' || t.text === '@'));
  }

  isCap(k: number): boolean {
    const c = this.tokens[k].text.charAt(0);
    return c !== c.toLowerCase();
  }

  /** The noun phrase that ends right before token k (a subject before its cue), not below lo. */
  npBefore(k: number, lo: number): Src | undefined {
    let j = k - 1;
    while (j >= lo && SKIP_BEFORE_CUE.has(this.lower[j]) && this.lower[j] !== 'is' && this.lower[j] !== 'was') j--;
    if (j < lo) return undefined;
    if (this.tokens[j].text === ',') {
      // "Popov, the commander of the 58th Army, said": the name before the apposition
      for (let c = j - 1; c >= lo && c >= j - 14; c--) {
        if (this.tokens[c].text === ',' && c > lo) {
          const name = this.npEndingAt(c - 1, lo);
          if (name && this.isCap(name.a)) return name;
          break;
        }
        if (this.tokens[c].kind === 'quote' || END_PUNCT.has(this.tokens[c].text)) break;
      }
      return undefined;
    }
    return this.npEndingAt(j, lo);
  }

  npEndingAt(j: number, lo: number): Src | undefined {
    if (j < lo || !this.isWordish(j)) return undefined;
    if (PRONOUNS.has(this.lower[j])) return { a: j, b: j + 1 };
    const end = j + 1;
    let a = end;
    while (j >= lo && end - j <= 9) {
      const t = this.tokens[j];
      const w = this.lower[j];
      if (!(this.isWordish(j) || (t.kind === 'dash' && !t.spaceBefore) || (t.kind === 'punct' && t.text === '.' && false))) break;
      if (NP_STOP.has(w) && !(w === 'and' && this.isCap(j + 1) && j > lo && this.isCap(j - 1))) break;
      if (cueInfo(w) && !this.isCap(j) && j < end - 1) break;
      a = j;
      j--;
    }
    if (a >= end) return undefined;
    // "the issues Maj Gen Popov": a lower-case phrase run into a name; keep the name
    if (this.isCap(end - 1) && !this.isCap(a)) {
      let c = end - 1;
      while (c > a && this.isCap(c - 1) && this.isWordish(c - 1)) c--;
      if (c > a && !this.isCap(c - 1) && this.lower[c - 1] !== 'of' && !DETERMINERS.has(this.lower[c - 1]) && !/['’]s$/.test(this.lower[c - 1])) a = c;
    }
    return { a, b: end };
  }

  /** The noun phrase that starts at token k (a subject after an inverted cue: "said Popov"). */
  npAfter(k: number, hi: number): Src | undefined {
    let j = k;
    if (j < hi && this.lower[j] === 'by') j++;
    const a = j;
    while (j < hi && j - a < 10) {
      const t = this.tokens[j];
      const w = this.lower[j];
      if (!(this.isWordish(j) || (t.kind === 'dash' && !t.spaceBefore))) break;
      if (j === a && NP_STOP.has(w) && !PRONOUNS.has(w)) return undefined;
      if (j === a && PRONOUNS.has(w)) return { a, b: a + 1 };
      if (j > a && PREP_AFTER_NP.has(w)) break;
      if (j > a && w === 'of' && !(j + 1 < hi && (DETERMINERS.has(this.lower[j + 1]) || this.isCap(j + 1)))) break;
      j++;
    }
    return j > a ? { a, b: j } : undefined;
  }

  /** A cue at token k: [a, b) tokens and lemma. "according to" spans two tokens. */
  cueAt(k: number, directOnly: boolean): Cue | undefined {
    const w = this.lower[k];
    if (w === 'according' && this.lower[k + 1] === 'to') return { a: k, b: k + 2, lemma: 'according to' };
    const info = cueInfo(w);
    if (!info || (directOnly && !info.direct)) return undefined;
    if (this.tokens[k].kind !== 'word') return undefined;
    if (w === 'point' || w === 'points' || w === 'pointed' || w === 'pointing') return undefined;
    return { a: k, b: k + 1, lemma: info.lemma };
  }
}

/** Direct, partial and indirect attributions of one document, in text order. */
export function findQuotes(text: string, layout: TextLayout, mentions: Mention[], entities: LocalEntity[]): Quote[] {
  if (layout.tokens.length === 0) return [];
  const marks = markQuotes(text, layout);
  const doc = new Doc(text, layout, mentions, entities, marks);
  const out: Array<Quote & { _mark?: number; _cont?: number }> = [];
  const usedCueTok = new Set<number>();
  const attrs: Array<Attribution | undefined> = new Array(marks.length);
  const kinds: Array<'direct' | 'partial'> = new Array(marks.length);
  const chained: number[] = new Array(marks.length).fill(-1);
  /** Marks that hold a title (told "Fox and Friends,"): nobody says them. */
  const titles = new Set<number>();
  /** Per mark: the first token of the indirect content a mixed quotation ends, or -1. */
  const mixed: number[] = new Array(marks.length).fill(-1);
  const tokens = doc.tokens;

  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    const [sA] = doc.sentenceRange(m.openTok);
    const closeTok = m.closeTok >= 0 ? m.closeTok : doc.lastTokBefore(m.end);
    const [, sB] = doc.sentenceRange(closeTok);
    // pre-context: from the sentence start (or the previous quote's closing mark) to the opening mark
    let preA = sA;
    for (let k = m.openTok - 1; k >= sA; k--) if (doc.inQuote[k] >= 0 && doc.inQuote[k] !== i) { preA = k + 1; break; }
    const preB = m.openTok;
    let postB = sB;
    for (let k = closeTok + 1; k < sB; k++) if (doc.inQuote[k] >= 0 && doc.inQuote[k] !== i) { postB = k; break; }
    let postA = m.closeTok >= 0 ? m.closeTok + 1 : postB;
    // ",''' said X": the inner quotation's closing mark typed against the outer one's
    while (postA < postB && tokens[postA].kind === 'quote' && !tokens[postA].spaceBefore && doc.inQuote[postA] < 0) postA++;
    // "Q?" Sanders said. : the sentence ended at the question mark; its attribution is the next one
    let postNext = false;
    const endMark = lastChar(text, m);
    // "Q." Trump said. : a bare frame after the sentence end is the quote's attribution
    if (m.closeTok >= 0 && m.closeTok + 1 === sB && (/[?!…]/.test(endMark) || endMark === '.')) {
      const ns = doc.lay.sentences[doc.tokSentence[m.closeTok] + 1];
      if (ns && ns.paragraph === m.paragraph && ns.tokenStart === sB && tokens[sB].kind !== 'quote') {
        postB = ns.tokenEnd;
        for (let k = sB; k < ns.tokenEnd; k++) if (doc.inQuote[k] >= 0) { postB = k; break; }
        postNext = true;
      }
    }
    const prevMark = i > 0 ? marks[i - 1] : undefined;
    const afterPrevQuote = prevMark !== undefined && prevMark.closeTok >= 0 && prevMark.closeTok + 1 === preA && preA > sA - 1 &&
      doc.tokSentence[prevMark.closeTok] >= doc.tokSentence[sA] - 0 && prevMark.paragraph === m.paragraph;

    // kind
    let kind: 'direct' | 'partial';
    const preWords = preB - preA;
    const lastPre = preWords > 0 ? tokens[preB - 1].text : '';
    if (m.continuesFrom >= 0) kind = kinds[m.continuesFrom] ?? 'direct';
    else if (preWords === 0 || lastPre === ':' || tokens[preB - 1].kind === 'dash' && preWords <= 1) kind = 'direct';
    else if (lastPre === ',' && (findCueIn(doc, Math.max(preA, preB - 6), preB - 1, true) ?? -1) >= 0 &&
      (startsUpper(text, m.start) || wordCount(doc, m) >= 4)) kind = 'direct';
    else if (preWords > 0 && cueInfo(doc.lower[preB - 1])?.direct && startsUpper(text, m.start) && wordCount(doc, m) >= 4) kind = 'direct';
    else if (lastPre === ',' && startsUpper(text, m.start) && wordCount(doc, m) >= 3 && /^[,.?!…—-]/.test(lastChar(text, m))) kind = 'direct';
    else if (endsClause(text, m) && postAttribution(doc, postA, postB, true) && wordCount(doc, m) >= 2) {
      // - "Q," she said - ; but a quotation that opens in the middle of the reporter's sentence with a
      // word in lower case (Sanders "has pole-vaulted himself into ...," Sroka said) is a partial
      // quote inside an indirect attribution whose content is the sentence up to the closing mark
      if (!startsUpper(text, m.start) && hasWord(doc, preA, preB)) { kind = 'partial'; mixed[i] = preA; }
      else kind = 'direct';
    }
    else kind = 'partial';
    if (m.single && kind === 'direct' && wordCount(doc, m) < 1) kind = 'partial';
    // names of shows, books and papers in quotation marks ("on", "told", "'s", "his book,") are titles, not quotes
    let title = m.continuesFrom < 0 && isTitle(doc, m);
    if (title) titles.add(i);
    if (title) kind = 'partial';
    let midFrame: Attribution | undefined;
    if (kind === 'direct' && m.continuesFrom < 0 && lastPre === ',' && !startsUpper(text, m.start)) {
      // "In other words, he said, ''the era of Silicon Valley exceptionalism is over.''": the reporter's
      // words before the frame and the quoted ones after it are one content (but not "Still, she added, ...")
      const f = preAttribution(doc, preA, preB);
      if (f && f.src && countWords(doc, preA, Math.min(f.src.a, f.cue.a)) >= 2) { kind = 'partial'; mixed[i] = preA; midFrame = f; }
    }
    kinds[i] = kind;

    // attribution
    let attr: Attribution | undefined;
    let post = postAttribution(doc, postA, postB, kind === 'direct' && endsClause(text, m));
    if (post && postNext) {
      // only a short frame that ends there ("Sanders said." / "said Sanders, ..."), not a new statement
      let e = Math.max(post.cue.b, post.src?.b ?? 0);
      if (e < postB && e === post.cue.b && cueInfo(doc.lower[post.cue.a])?.object) {
        // "Q?" Trump told Britain's ITV television station in an interview. : the hearer is part of the frame
        const hearer = doc.npAfter(e, postB);
        if (hearer) e = hearer.b;
      }
      if (!(e >= postB || tokens[e].text === ',' || END_PUNCT.has(tokens[e].text) || FRAME_GOES_ON.has(doc.lower[e]) && endMark !== '.')) post = undefined;
      // after a full stop only the bare frame "Trump said." counts
      if (post && endMark === '.' && (post.cue.a - postA > 4 || e < postB && tokens[e].text === ',')) post = undefined;
    }
    const pre = () => preAttribution(doc, preA, preB) ?? (kind === 'direct' && (lastPre === ',' || lastPre === ':') ? verbBeforeQuote(doc, preA, preB) : undefined);
    // a name in title case ("Crippled America: How to Make America Great Again,", ''Hawaii Five-0,'') that no
    // frame after it gives to a speaker, or that a word of the reporter's sentence runs into (set to publish
    // ''Trump Revealed,'' a biography written by ...), is the name of a work, a show or a slogan, not a statement
    if (!title && (!post || preWords > 0 && doc.isWordish(preB - 1)) && m.continuesFrom < 0 && lastPre !== ':' && titleCased(doc, m)) {
      title = true; titles.add(i); kind = kinds[i] = 'partial';
    }
    if (title) attr = undefined;
    else if (midFrame) attr = midFrame;
    else if (mixed[i] >= 0) attr = post;
    else if (kind === 'direct') {
      // in the headline, "Name ...: ‘Q’": the person named before the colon says the quotation
      if (lastPre === ':' || lastPre === ',') {
        attr = pre() ?? post ?? (lastPre === ':' && m.paragraph === 0 ? colonSpeaker(doc, preA, preB - 1) : undefined) ??
          (lastPre === ':' ? nameColon(doc, preA, preB - 1) : undefined);
      }
      else attr = post ?? (preWords > 0 ? pre() : undefined);
      // Rubio said that once the Senate goes on recess, “Q”: the quotation ends the reported clause that the
      // verb introduces; it is a partial quotation inside one indirect content from "that"
      if (attr && attr !== post && !post && m.continuesFrom < 0 && attr.cue.a >= preA && attr.cue.b <= preB) {
        const c = thatClauseBefore(doc, attr.cue, preB);
        if (c >= 0) { kind = kinds[i] = 'partial'; mixed[i] = c; }
      }
    } else {
      attr = pre() ?? (wordCount(doc, m) >= 3 ? post : undefined);
      // X said (that) Obama "knows full well ...": the quoted words end a reported clause, the content
      if (attr && attr.cue.b <= preB && attr.cue.a >= preA && wordCount(doc, m) >= 3) {
        const c = reportedClauseStart(doc, attr.cue, preB);
        if (c >= 0) mixed[i] = c;
      }
    }
    if (attr && afterPrevQuote && attrs[i - 1] && attrs[i - 1]!.cue.a === attr.cue.a) chained[i] = i - 1;
    // quotations joined by "and" / "or" are one content
    else if (prevMark && prevMark.closeTok >= 0 && m.continuesFrom < 0 && onlyListWords(doc, prevMark.closeTok + 1, m.openTok)) {
      // chanted "Send them home," and "Build the wall." / ''Lyin' Ted'' or ''Crooked Hillary'': one content
      kind = kinds[i] = kinds[i - 1];
      mixed[i] = -1;
      attr = attrs[i - 1];
      chained[i] = i - 1;
    }
    if (!attr && m.continuesFrom >= 0) { attr = attrs[m.continuesFrom]; chained[i] = m.continuesFrom; }
    attrs[i] = attr;
    if (attr && kind === 'direct') for (let k = attr.cue.a; k < attr.cue.b; k++) usedCueTok.add(k);
  }

  // "“We’re extremely happy” about the decision, said RoseAnn DeMoro": a quotation that opens its sentence
  // and runs on into the reporter's words is partial, inside an indirect content from its opening mark
  // to the attribution frame (or the sentence end)
  const tails: Array<{ i: number; end: number; attr: Attribution }> = [];
  for (let i = 0; i < marks.length; i++) {
    const t = quoteRunsOn(doc, marks[i], titles.has(i), attrs[i]);
    if (t) { kinds[i] = 'partial'; tails.push({ i, ...t }); }
  }

  // direct and partial quotes, with continuation of speakers
  const markOut: number[] = new Array(marks.length).fill(-1);
  let last: { i: number; speaker: QuoteSpeaker; paragraph: number; partial?: boolean } | undefined;
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    if (m.end <= m.start) continue;
    const kind = kinds[i];
    const attr = attrs[i];
    let speaker: QuoteSpeaker | undefined;
    let cue: Quote['cue'];
    if (attr) {
      cue = spanOf(doc, attr.cue.a, attr.cue.b, attr.cue.lemma);
      if (attr.src) speaker = resolve(doc, attr.src, attr.cue.lemma === 'according to');
      if (chained[i] >= 0 && m.continuesFrom >= 0 && markOut[chained[i]] >= 0) speaker = out[markOut[chained[i]]].speaker ?? speaker;
    } else if (kind === 'direct') {
      const intro = introFromPreviousParagraph(doc, m);
      const signed = intro ? undefined : dashSignature(doc, m);
      if (signed) {
        speaker = resolve(doc, signed.src!, false);
        cue = spanOf(doc, signed.cue.a, signed.cue.b, signed.cue.lemma);
      }
      else if (intro) {
        cue = spanOf(doc, intro.cue.a, intro.cue.b, intro.cue.lemma);
        if (intro.src) speaker = resolve(doc, intro.src, intro.cue.lemma === 'according to');
      // an unattributed quote continues the speaker before (a phrase in single quotes never does: a headline or a subhead)
      // (nor a paragraph that opens with a single quoted word, "Containment" has been ..., "Nooooo!": a term or
      // someone else's shout, not the speaker going on)
      } else if (last && (last.paragraph === m.paragraph || last.paragraph === m.paragraph - 1) && !m.single &&
        (wordCount(doc, m) >= 2 || !opensParagraph(doc, m)) &&
        !(last.partial && (last.paragraph === m.paragraph || m.openTok !== doc.lay.sentences[doc.lay.paragraphs[m.paragraph].sentenceStart].tokenStart))) {
        // (not a phrase in single quotes: a headline or a subhead such as 'All Bets Are Off.')
        speaker = { ...last.speaker, via: 'continuation' };
        const own = last.paragraph === m.paragraph ? cueRightBefore(doc, m) : -1;
        // "“Q1,” she said, adding, “Q2”": the participle is the cue of a second attribution of the same speaker
        if (own >= 0 && !(attrs[last.i] && attrs[last.i]!.cue.a === own)) cue = spanOf(doc, own, own + 1, cueInfo(doc.lower[own])!.lemma);
        // "In a Fox interview later that day, Trump went even further: “Q2”": a sentence of its own introduces it
        else if (last.paragraph === m.paragraph && introducedByOwnSentence(doc, m, marks[last.i])) { /* same speaker, its own content */ }
        else if (last.paragraph === m.paragraph) chained[i] = last.i;
        // across paragraphs only after a paragraph that is a quotation and its frame ("“Q1,” X said.\n\n“Q2.”"):
        // one statement, one content; after a quotation inside the reporter's words the new paragraph's is its own
        else if (last.i === i - 1 && opensParagraph(doc, m) && opensParagraph(doc, marks[last.i]) && attrs[last.i] && attrs[last.i]!.cue.a > marks[last.i].closeTok &&
          doc.tokSentence[attrs[last.i]!.cue.a] === doc.lay.paragraphs[last.paragraph].sentenceEnd - 1) chained[i] = last.i;
      }
    }
    // a word or two in quotation marks with no one saying them is a title or a scare quote ('Resting,')
    const finalKind = kind === 'direct' && !speaker && !cue && m.continuesFrom < 0 && wordCount(doc, m) <= 2 ? 'partial' : kind;
    const q: Quote & { _mark?: number; _cont?: number } = {
      start: m.start, end: m.end, text: text.slice(m.start, m.end), kind: finalKind, paragraph: m.paragraph, _mark: i,
    };
    if (cue) q.cue = cue;
    if (speaker) q.speaker = speaker;
    if (m.unbalanced) q.unbalanced = true;
    const from = m.continuesFrom >= 0 ? m.continuesFrom : chained[i];
    if (from >= 0) q._cont = from;
    markOut[i] = out.length;
    out.push(q);
    if (kind === 'direct' && speaker) last = { i, speaker, paragraph: m.paragraph };
    else if (kind === 'partial' && speaker && speaker.local >= 0 && cue && !titles.has(i) && (!last || last.paragraph < m.paragraph)) {
      // "calling Trump “an orange buffoon,” Susan said." then a paragraph that is a quotation: hers
      last = { i, speaker, paragraph: m.paragraph, partial: true };
    }
    else if (kind === 'direct' && !speaker) last = undefined;
  }

  // the indirect contents that mixed quotations end
  const mixedOut: Quote[] = [];
  for (let i = 0; i < marks.length; i++) {
    const attr = attrs[i];
    if (mixed[i] < 0 || !attr) continue;
    const m = marks[i];
    let a = mixed[i];
    while (a < m.openTok && tokens[a].kind !== 'word' && tokens[a].kind !== 'number') a++;
    const start = tokens[a].start, end = m.closeTok >= 0 ? tokens[m.closeTok].end : m.end;
    const q: Quote = { start, end, text: text.slice(start, end), kind: 'indirect', paragraph: m.paragraph };
    q.cue = spanOf(doc, attr.cue.a, attr.cue.b, attr.cue.lemma);
    if (attr.src) q.speaker = resolve(doc, attr.src, attr.cue.lemma === 'according to');
    mixedOut.push(q);
  }

  // the rules' indirect attributions, with the contents of mixed quotations where they found none
  const ruled: Quote[] = [];
  findIndirect(doc, usedCueTok, kinds, ruled);
  const ruledMixed = ruled.slice();
  for (const q of mixedOut) if (!ruled.some((r) => r.start < q.end && q.start < r.end)) ruledMixed.push(q);
  const learned = process.env.BYLINE_QUOTES_RULES === '1' ? null : quoteModel();
  if (learned) {
    // the tagger sees the rules' quotations and attributions, and gives the contents it finds
    const firstLearned = out.length;
    learnedIndirect(doc, learned, out, ruledMixed, titles);
    // "If whites ... were moving his way, Cohn wrote, “the assumption that ...”": the content a mixed
    // quotation ends runs over its attribution frame; it takes the place of the tagger's contents inside it
    for (const r of mixedOut) {
      let inside = false;
      for (let j = out.length - 1; j >= firstLearned; j--) {
        const q = out[j];
        if (q.kind === 'indirect' && q.start >= r.start && q.end <= r.end) { out.splice(j, 1); inside = true; }
      }
      if (inside) out.push(r);
    }
    const learnedInd = out.filter((q) => q.kind === 'indirect');
    for (const r of ruledMixed) {
      // the rules' indirect attributions where the tagger found none ("The tunnel will stay closed, a spokesman said.")
      if (learnedInd.some((q) => q.start < r.end && r.start < q.end || q.cue && r.cue && q.cue.start === r.cue.start)) continue;
      out.push(r);
    }
  } else for (const r of ruledMixed) out.push(r);
  for (const t of tails) {
    // the content of a quotation that runs on wins over the indirect contents it overlaps
    const m = marks[t.i];
    const start = tokens[m.openTok].start, end = tokens[t.end - 1].end;
    for (let j = out.length - 1; j >= 0; j--) if (out[j].kind === 'indirect' && out[j].start < end && start < out[j].end) out.splice(j, 1);
    const q: Quote = { start, end, text: text.slice(start, end), kind: 'indirect', paragraph: m.paragraph };
    q.cue = spanOf(doc, t.attr.cue.a, t.attr.cue.b, t.attr.cue.lemma);
    if (t.attr.src) q.speaker = resolve(doc, t.attr.src, t.attr.cue.lemma === 'according to');
    out.push(q);
  }
  // "Q1," he said, but "q2 ...": the second quotation goes on with the first (a chain that starts with
  // a direct quote); no indirect content is made of it ("but \"when it comes ...\"")
  const contPartial = out.filter((q) => {
    if (q.kind !== 'partial' || q._cont === undefined || q._mark === undefined || markOut[q._cont] < 0 || out[markOut[q._cont]].kind !== 'direct') return false;
    const prev = marks[q._cont], m = marks[q._mark];
    if (!(prev.closeTok >= 0 && doc.tokSentence[prev.closeTok] === doc.tokSentence[m.openTok] && lastChar(text, prev) === ',')) return false;
    // only the frame and a comma, "but" or "and" between: not a new clause ("said Beck, who said there were \"too many")
    const before = doc.lower[m.openTok - 1];
    if (before !== ',' && before !== 'but' && before !== 'and') return false;
    for (let k = prev.closeTok + 1; k < m.openTok; k++) if (doc.lower[k] === 'who' || doc.lower[k] === 'that' || doc.lower[k] === 'which') return false;
    return true;
  });
  // (the marks' quotes come first in out: removing indirect ones after them keeps markOut valid)
  if (contPartial.length) for (let j = out.length - 1; j >= 0; j--) {
    const r = out[j];
    if (r.kind === 'indirect' && contPartial.some((q) => r.start < q.start && r.end >= q.end)) out.splice(j, 1);
  }

  // text order; continuesFrom as indices into the result
  const order = out.map((q, idx) => idx).sort((x, y) => out[x].start - out[y].start || out[x].end - out[y].end);
  const newIndex = new Array(out.length);
  order.forEach((old, idx) => { newIndex[old] = idx; });
  const result: Quote[] = order.map((old) => {
    const q = out[old];
    const { _mark, _cont, ...rest } = q;
    if (_cont !== undefined && markOut[_cont] >= 0) (rest as Quote).continuesFrom = newIndex[markOut[_cont]];
    void _mark;
    return rest as Quote;
  });
  return result;
}

/**
 * A quotation that opens its sentence, ends without punctuation and runs on into the reporter's
 * lower-case words ("“We’re extremely happy” about the decision, said RoseAnn DeMoro"): the token
 * where the content that holds it ends (before ", X said" or at the sentence's end) and the
 * attribution (that frame, else the quotation's own); undefined for any other quotation.
 */
function quoteRunsOn(doc: Doc, m: MarkedQuote, title: boolean, own: Attribution | undefined): { end: number; attr: Attribution } | undefined {
  if (title || m.closeTok < 0 || m.continuesFrom >= 0) return undefined;
  const { tokens } = doc;
  const [sA, sB] = doc.sentenceRange(m.openTok);
  if (m.openTok !== sA || m.closeTok + 1 >= sB || doc.tokSentence[m.closeTok] !== doc.tokSentence[m.openTok]) return undefined;
  const lastIn = tokens[m.closeTok - 1];
  if (!lastIn || !(lastIn.kind === 'word' || lastIn.kind === 'number')) return undefined;
  const next = m.closeTok + 1;
  if (tokens[next].kind !== 'word' || doc.isCap(next) || doc.cueAt(next, false) || PRONOUNS.has(doc.lower[next])) return undefined;
  let end = sB;
  while (end > next && (END_PUNCT.has(tokens[end - 1].text) || tokens[end - 1].kind === 'quote')) end--;
  let attr: Attribution | undefined;
  for (let j = next + 1; j < end; j++) {
    if (doc.inQuote[j] >= 0) { end = j; break; }
    if (tokens[j].text !== ',') continue;
    const f = postAttributionNear(doc, j, end, false);
    if (f && f.cue.a - j <= 6) { attr = f; end = j; break; }
  }
  attr = attr ?? own;
  if (!attr || end <= next) return undefined;
  return { end, attr };
}

/**
 * The start of the reported clause between a speech verb and a quotation: its "that", or the
 * subject right after the verb ("said Carson is \"losing ...\""); -1 when the words between are no
 * clause ("said on ABC's \"This Week\"", "called it \"a disgrace\"").
 */
function reportedClauseStart(doc: Doc, cue: Cue, open: number): number {
  const info = cueInfo(doc.lower[cue.a]);
  if (!info || !info.direct || info.phrase) return -1;
  for (let k = cue.b; k < open; k++) if (doc.lower[k] === 'that') return k;
  let words = 0;
  for (let k = cue.b; k < open; k++) {
    if (doc.tokens[k].text === ',' || doc.tokens[k].kind === 'quote') return -1;
    if (doc.tokens[k].kind === 'word') words++;
  }
  if (words < 2 || PREP_AFTER_NP.has(doc.lower[cue.b]) || OBJECT_PRONOUNS.has(doc.lower[cue.b])) return -1;
  return cue.b;
}

/**
 * The "that" of a reported clause between a speech verb and a quotation that ends it ("said that once
 * the Senate goes on recess, “..."), with at most a few words between the verb and "that"; -1 when
 * there is none, when "that" stands alone before a comma ("added that, ''Q''": the frame of the whole
 * quotation), or when the verb is in a clause that opens the sentence ("When Trump suggested that ...,
 * Rubio fired back: ...").
 */
function thatClauseBefore(doc: Doc, cue: Cue, open: number): number {
  const { tokens } = doc;
  let t = cue.b;
  while (t < open && t < cue.b + 4 && doc.lower[t] !== 'that' && (tokens[t].kind === 'word' || tokens[t].kind === 'number')) t++;
  if (t >= open - 1 || doc.lower[t] !== 'that' || tokens[t + 1].text === ',') return -1;
  if (countWords(doc, t + 1, open) < 2) return -1;
  // (not "noted that he taught law, and added: “Q”": the second verb frames the quotation)
  for (let k = t + 1; k < open; k++) if (tokens[k].kind === 'quote' || doc.cueAt(k, true)) return -1;
  const [sA] = doc.sentenceRange(cue.a);
  if (sA < cue.a && SUBORDINATE_START.has(doc.lower[sA])) return -1;
  return t;
}

const TITLE_BEFORE = new Set(['on', 'of', 'told', 'to', 'in', 'at', 'from', "'s", '’s', 'titled', 'entitled', 'host', 'hosts',
  'show', 'program', 'book', 'film', 'movie', 'episode', 'column', 'album', 'song', 'series', 'podcast', 'memoir', 'documentary']);
/** Works whose names follow them in quotation marks, after a comma or not ("his autobiography, “A Time for Truth,”"). */
const TITLE_NOUNS = new Set(['book', 'books', 'autobiography', 'memoir', 'novel', 'biography', 'film', 'movie', 'documentary', 'show',
  'series', 'podcast', 'episode', 'segment', 'column', 'album', 'song', 'play', 'program', 'programme', 'newsletter', 'blog', 'essay',
  'headline', 'titled', 'entitled', 'sitcom', 'magazine', 'op-ed', 'poem', 'single', 'speech', 'slogan']);
const TITLE_SMALL = new Set(['of', 'the', 'and', 'a', 'an', 'in', 'on', 'for', 'to', 'with', 'at', 'is', 'by', 'from', 'or']);

/** A name in quotation marks after "on" / "told" / "'s" ... : told "Fox and Friends," / on MSNBC's "Morning Joe" */
function isTitle(doc: Doc, m: MarkedQuote): boolean {
  if (m.openTok === 0 || m.closeTok < 0) return false;
  // "his new book, “Doomed to Succeed,”": the work's noun, a comma, the title
  const before = doc.lower[m.openTok - 1] === ',' && m.openTok >= 2 && TITLE_NOUNS.has(doc.lower[m.openTok - 2]) ? doc.lower[m.openTok - 2] : doc.lower[m.openTok - 1];
  if (!TITLE_BEFORE.has(before) && !TITLE_NOUNS.has(before)) return false;
  let words = 0;
  for (let k = m.openTok + 1; k < m.closeTok; k++) {
    const t = doc.tokens[k];
    if (t.kind === 'punct' && (t.text === ',' || t.text === '.' || t.text === ':' || t.text === '!' || t.text === '?')) continue;
    if (t.kind !== 'word' && t.kind !== 'number') return false;
    words++;
    if (words > 6) return false;
    if (!doc.isCap(k) && t.kind === 'word' && !(words > 1 && TITLE_SMALL.has(doc.lower[k]))) return false;
  }
  return words > 0;
}

/**
 * Two to eight words, each capitalised but for small words inside ("Latin History for Dummies,"),
 * and no sentence end at the close: the way names of works and slogans are written, not statements.
 */
function titleCased(doc: Doc, m: MarkedQuote): boolean {
  if (m.closeTok < 0 || /[.?!…]/.test(lastChar(doc.text, m))) return false;
  let words = 0;
  for (let k = m.openTok + 1; k < m.closeTok; k++) {
    const t = doc.tokens[k];
    if (t.kind === 'punct' || t.kind === 'dash' || t.kind === 'symbol') continue;
    if (t.kind !== 'word' && t.kind !== 'number') return false;
    words++;
    if (words > 8) return false;
    if (t.kind === 'word' && !doc.isCap(k) && !(words > 1 && TITLE_SMALL.has(doc.lower[k]))) return false;
  }
  return words >= 2;
}

/** Only "and", "or" and commas in [a, b), and at least one of them. */
function onlyListWords(doc: Doc, a: number, b: number): boolean {
  if (b <= a) return false;
  for (let k = a; k < b; k++) if (doc.tokens[k].text !== ',' && doc.lower[k] !== 'and' && doc.lower[k] !== 'or') return false;
  return true;
}

function countWords(doc: Doc, a: number, b: number): number {
  let n = 0;
  for (let k = a; k < b; k++) if (doc.tokens[k].kind === 'word') n++;
  return n;
}

function hasWord(doc: Doc, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (doc.tokens[k].kind === 'word') return true;
  return false;
}

function startsUpper(text: string, off: number): boolean {
  const c = text.charAt(off);
  return c !== c.toLowerCase();
}

function wordCount(doc: Doc, m: MarkedQuote): number {
  let n = 0;
  const last = m.closeTok >= 0 ? m.closeTok : doc.lastTokBefore(m.end) + 1;
  for (let k = m.openTok + 1; k < last; k++) if (doc.tokens[k].kind === 'word' || doc.tokens[k].kind === 'number') n++;
  return n;
}

function spanOf(doc: Doc, a: number, b: number, lemma: string): NonNullable<Quote['cue']> {
  const start = doc.tokens[a].start, end = doc.tokens[b - 1].end;
  return { start, end, text: doc.text.slice(start, end), lemma };
}

function findCueIn(doc: Doc, a: number, b: number, directOnly: boolean): number | undefined {
  for (let k = b - 1; k >= a; k--) if (doc.inQuote[k] < 0 && doc.cueAt(k, directOnly)) return k;
  return undefined;
}

function lastChar(text: string, m: MarkedQuote): string {
  let e = m.end;
  // (past the closing mark of a quotation inside it: "... what can we do to help?’”")
  while (e > m.start && /[\s’'”"]/.test(text.charAt(e - 1))) e--;
  return text.charAt(e - 1);
}

/** The quote ends the way a quoted sentence does before its attribution: "...," / "...?" / "...!" */
function endsClause(text: string, m: MarkedQuote): boolean {
  return /[,?!…—-]/.test(lastChar(text, m));
}

const TIME_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today',
  'tonight', 'again', 'later', 'earlier', 'then', 'now', 'afterward', 'afterwards', 'recently', 'repeatedly']);
/** Words that open a phrase before the subject, up to its comma ("Back in 1999, Mr. Trump ..."). */
const INTRO_WORDS = new Set(['back', 'in', 'on', 'at', 'after', 'before', 'during', 'when', 'while', 'later', 'earlier', 'last', 'this',
  'since', 'as', 'with', 'without', 'for', 'from', 'despite', 'although', 'though', 'if', 'once', 'moments', 'hours', 'days', 'weeks',
  'months', 'years', 'yesterday', 'today', 'meanwhile', 'however', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * The subject of the clause in [a, b): after a dateline ("WASHINGTON —") and an opening phrase up to
 * its comma ("Back in 1999,", "Speaking in his real voice again,").
 */
function subjectOf(doc: Doc, a: number, b: number): Src | undefined {
  const { tokens } = doc;
  let s = a;
  for (let k = a; k < b && k < a + 10; k++) {
    if (tokens[k].kind === 'dash') {
      let caps = k > a;
      for (let j = a; j < k && caps; j++) if (tokens[j].kind === 'word' && tokens[j].text !== tokens[j].text.toUpperCase() && !/^[A-Z][a-z]{0,3}\.?$/.test(tokens[j].text)) caps = false;
      if (caps) s = k + 1;
      break;
    }
  }
  const w = doc.lower[s];
  if (s < b && tokens[s].kind === 'word' && (w.endsWith('ing') || w.endsWith('ly') || INTRO_WORDS.has(w))) {
    for (let k = s + 1; k < b && k < s + 15; k++) {
      if (tokens[k].text === ',') { s = k + 1; break; }
      if (tokens[k].kind === 'quote' || END_PUNCT.has(tokens[k].text)) break;
    }
  }
  return doc.npAfter(s, b);
}

/**
 * A headline "Elizabeth Warren Hammers Wells Fargo CEO: ‘You Should Be Criminally Investigated.’" /
 * "Cecile Richards: ‘I’m Sick Of ...’": the first person named before the colon says the quotation;
 * the colon is the cue.
 */
function colonSpeaker(doc: Doc, a: number, colon: number): Attribution | undefined {
  if (colon <= a || colon - a > 12) return undefined;
  const from = doc.tokens[a].start, to = doc.tokens[colon].start;
  let best: Mention | undefined;
  for (const mn of doc.mentions) {
    if (mn.start >= to) break;
    if (mn.start >= from && mn.type === 'PER') { best = mn; break; }
  }
  if (!best) return undefined;
  const sa = doc.lastTokBefore(best.start) + 1, sb = doc.lastTokBefore(best.end) + 1;
  if (sb <= sa || sb > colon) return undefined;
  return { cue: { a: colon, b: colon + 1, lemma: 'say' }, src: { a: sa, b: sb } };
}

/**
 * A transcript or a roundup: "Rep. Trey Gowdy (R-S.C.): “Q”", "RED STATES OUTNUMBER BLUE STATES - Jeffrey M.
 * Jones: “Q”": a person's name (with a title before it, a party in brackets after it) that opens its
 * sentence or follows a dash, then the colon; the colon is the cue.
 */
function nameColon(doc: Doc, a: number, colon: number): Attribution | undefined {
  const { tokens } = doc;
  let s = a;
  for (let k = colon - 1; k > a; k--) if (tokens[k].kind === 'dash') { s = k + 1; break; }
  if (s !== doc.lay.sentences[doc.tokSentence[colon]].tokenStart && !(s > 0 && tokens[s - 1].kind === 'dash')) return undefined;
  // the name ends at the colon, or before a bracket that does
  let e = colon;
  if (tokens[e - 1].text === ')') { while (e > s && tokens[e - 1].text !== '(') e--; e--; }
  if (e <= s || e - s > 9) return undefined;
  const from = tokens[s].start, to = tokens[e - 1].end;
  for (const mn of doc.mentions) {
    if (mn.start >= to) break;
    if (mn.type === 'PER' && mn.start >= from && mn.end === to) return { cue: { a: colon, b: colon + 1, lemma: 'say' }, src: { a: s, b: e } };
  }
  return undefined;
}

/** Hillary shot back, "Q": the word before the comma is the cue, the sentence subject the speaker. */
function verbBeforeQuote(doc: Doc, a: number, b: number): Attribution | undefined {
  const k = doc.tokens[b - 1].text === ',' || doc.tokens[b - 1].text === ':' ? b - 2 : b - 1;
  if (k < a || doc.tokens[k].kind !== 'word' || doc.isCap(k)) return undefined;
  let v = k;
  if (/^(back|in|on|out|up)$/.test(doc.lower[k]) && k - 1 >= a) v = k - 1; // "shot back", "chimed in"
  const src = doc.npBefore(v, a);
  if (!src || src.b !== v || !(doc.isCap(src.a) || PRONOUNS.has(doc.lower[src.a]) || DETERMINERS.has(doc.lower[src.a]))) return undefined;
  return { cue: { a: v, b: k + 1, lemma: lemmaOf(doc.lower[v]) }, src };
}

function lemmaOf(w: string): string {
  const info = cueInfo(w);
  if (info) return info.lemma;
  if (/ied$/.test(w)) return w.slice(0, -3) + 'y';
  if (/([^aeiou])\1ed$/.test(w)) return w.slice(0, -3);
  if (/ed$/.test(w)) return w.endsWith('eed') ? w.slice(0, -1) : w.slice(0, -2);
  if (/s$/.test(w)) return w.slice(0, -1);
  return w;
}

/**
 * "..." X said / "..." said X / "..." according to X, in the tokens after the closing mark. With
 * loose set, for a quote that ends like a sentence before its attribution ("...," she confessed),
 * any past-tense verb right after a short subject counts as the cue.
 */
function postAttribution(doc: Doc, a: number, b: number, loose = false): Attribution | undefined {
  const near = postAttributionNear(doc, a, b, loose);
  // else the cue after a subject and its apposition ("Q," X, a delegate wearing a hat, said)
  if (near) return near;
  // "Q," Texas delegate Bill Eastland, wearing a cowboy hat and a Ted Cruz button, said: the subject, an
  // apposition or a participle clause between commas, then the cue
  let f = a;
  while (f < b && (doc.tokens[f].text === ',' || doc.tokens[f].kind === 'dash')) f++;
  const src = doc.npAfter(f, b);
  if (!src || src.b >= b || doc.tokens[src.b].text !== ',' || !(doc.isCap(src.a) || DETERMINERS.has(doc.lower[src.a]))) return undefined;
  for (let k = src.b + 1; k < b && k < src.b + 30; k++) {
    const t = doc.tokens[k];
    if (END_PUNCT.has(t.text) || t.kind === 'quote' || t.text === ';' || t.text === ':') return undefined;
    if (doc.tokens[k - 1].text !== ',') continue;
    const cue = doc.cueAt(k, true);
    if (cue && cue.lemma !== 'according to' && !doc.lower[k].endsWith('ing')) return { cue, src };
  }
  return undefined;
}

function postAttributionNear(doc: Doc, a: number, b: number, loose: boolean): Attribution | undefined {
  for (let k = a; k < b && k < a + 12; k++) {
    const t = doc.tokens[k];
    if (END_PUNCT.has(t.text) || t.kind === 'quote') return undefined;
    if (t.text === ';' || t.text === ':') return undefined;
    let cue = doc.cueAt(k, true);
    if (!cue && loose && k <= a + 5 && t.kind === 'word' && !doc.isCap(k) && /(ed|ked|ted)$/.test(doc.lower[k]) && !PRONOUNS.has(doc.lower[k])) {
      const src = doc.npBefore(k, a);
      if (src && src.a <= a + 1 && (doc.isCap(src.a) || PRONOUNS.has(doc.lower[src.a]) || DETERMINERS.has(doc.lower[src.a]))) {
        cue = { a: k, b: k + 1, lemma: lemmaOf(doc.lower[k]) };
      } else if (k === a || (k === a + 1 && doc.tokens[a].text === ',')) {
        const after = doc.npAfter(k + 1, b);
        if (after && (doc.isCap(after.a) || DETERMINERS.has(doc.lower[after.a]))) cue = { a: k, b: k + 1, lemma: lemmaOf(doc.lower[k]) };
      }
    }
    if (!cue) continue;
    if (cue.lemma === 'according to') return { cue, src: { ...(doc.npAfter(cue.b, b) ?? { a: cue.b, b: cue.b }), according: true } };
    let first = a;
    while (first < k && (doc.tokens[first].text === ',' || doc.tokens[first].kind === 'dash')) first++;
    if (first === k) return { cue, src: doc.npAfter(k + 1, b) };
    const src = doc.npBefore(k, first);
    if (!src) continue;
    if (src.a > first + 1 && doc.tokens[first].text !== ',') {
      // words between the quote and the subject that are not part of it: not an attribution frame
      const gap = src.a - first;
      if (gap > 3) continue;
    }
    return { cue, src };
  }
  return undefined;
}

/** X said: "..." / X told Y "..." / according to X, "...", in the tokens before the opening mark. */
function preAttribution(doc: Doc, a: number, b: number): Attribution | undefined {
  for (let k = b - 1; k >= a; k--) {
    if (doc.inQuote[k] >= 0) continue;
    const cue = doc.cueAt(k, false);
    if (!cue) continue;
    if (cue.lemma === 'according to') return { cue, src: doc.npAfter(cue.b, b) };
    const info = cueInfo(doc.lower[k]);
    if (info?.weak && !info.direct) continue;
    if (info?.phrase && !info.direct && b - k > 6) continue;
    // a participle cue after a comma (", telling the crowd") takes the subject of its clause, after a dateline and an opening phrase
    if (k > a + 1 && doc.tokens[k - 1].text === ',' && doc.lower[k].endsWith('ing')) {
      // "Clinton said Sunday, telling the crowd, 'Q'": the participle's subject is the sentence's (or the
      // earlier verb's), never the hearer after it
      const before = preAttribution(doc, a, k - 1);
      const subj = before?.src ?? subjectOf(doc, a, k - 1);
      if (subj && subj.b <= k - 1 && (doc.isCap(subj.a) || PRONOUNS.has(doc.lower[subj.a]) || DETERMINERS.has(doc.lower[subj.a]))) return { cue, src: subj };
    }
    let src = doc.npBefore(k, a) ?? (k === a || doc.tokens[k - 1].text === ',' ? doc.npAfter(k + 1, b) : undefined);
    if (src && src.b === k && src.b - src.a === 1 && doc.lower[k].endsWith('ing') && (/ly$/.test(doc.lower[src.a]) || TIME_WORDS.has(doc.lower[src.a]))) {
      // "issued a statement Tuesday saying", "followed him by softly echoing": not the speaker; the sentence's subject is
      src = subjectOf(doc, a, src.a);
    }
    if (!src) {
      // "Q1," she said, adding, "Q2": the participle is the cue of its own attribution, the subject
      // of the verb before it the source
      if (k > a && doc.tokens[k - 1].text === ',' && doc.lower[k].endsWith('ing')) {
        const before = preAttribution(doc, a, k - 1);
        if (before?.src && before.cue.lemma !== 'according to') return { cue, src: before.src };
      }
      // "Trump said before adding: “Q2”", "he said at a news conference, and then predicted: “Q2”": a second
      // speech verb of the same subject is the cue of its own attribution
      if (k > a && info?.direct && !info.phrase && (doc.lower[k - 1] === 'before' || doc.lower[k - 1] === 'then' || doc.lower[k - 1] === 'and')) {
        const before = preAttribution(doc, a, k - 1);
        if (before?.src && before.cue.lemma !== 'according to') return { cue, src: before.src };
      }
      continue;
    }
    return { cue, src };
  }
  return undefined;
}

/**
 * A quotation signed with a dash and a name, right after it or as the next short paragraph:
 * “...” ― Veronica Cruz / "..." \n\n - Sanders.
 */
function dashSignature(doc: Doc, m: MarkedQuote): Attribution | undefined {
  if (m.closeTok < 0) return undefined;
  const { tokens } = doc;
  let k = m.closeTok + 1;
  if (k < tokens.length && END_PUNCT.has(tokens[k].text) && doc.tokSentence[k] === doc.tokSentence[m.closeTok]) k++;
  if (k >= tokens.length || tokens[k].kind !== 'dash') return undefined;
  const para = doc.lay.sentences[doc.tokSentence[k]].paragraph;
  if (para !== m.paragraph) {
    // the next paragraph: only the dash and the name
    const p = doc.lay.paragraphs[para];
    const end = doc.lay.sentences[p.sentenceEnd - 1].tokenEnd;
    if (para !== m.paragraph + 1 || end - k > 8) return undefined;
  }
  const src = doc.npAfter(k + 1, Math.min(tokens.length, k + 8));
  if (!src || !doc.isCap(src.a) || PRONOUNS.has(doc.lower[src.a])) return undefined;
  const next = src.b < tokens.length ? tokens[src.b] : undefined;
  if (next && !(next.kind === 'quote' || next.text === ',' || END_PUNCT.has(next.text) || doc.tokSentence[src.b] !== doc.tokSentence[src.b - 1] ||
    /\n/.test(doc.text.slice(tokens[src.b - 1].end, next.start)))) return undefined;
  // the dash is the cue (PolNeAR marks it so); it stands for "said"
  return { cue: { a: k, b: k + 1, lemma: 'say' }, src };
}

/** A speech verb between a comma (or the start of the sentence) and the quotation's opening mark (", adding, “Q”"), or -1. */
function cueRightBefore(doc: Doc, m: MarkedQuote): number {
  let k = m.openTok - 1;
  if (k >= 0 && (doc.tokens[k].text === ',' || doc.tokens[k].text === ':')) k--;
  if (k < 1 || doc.inQuote[k] >= 0 || doc.tokSentence[k] !== doc.tokSentence[m.openTok]) return -1;
  const info = cueInfo(doc.lower[k]);
  if (!info?.direct || info.phrase || !doc.cueAt(k, true)) return -1;
  const p = doc.tokens[k - 1];
  return p.text === ',' || p.kind === 'quote' ? k : -1;
}

/**
 * The quotation follows a colon that ends a sentence of the reporter's own, with its subject and verb,
 * which starts after the previous quotation's sentence ("... ,” Trump said in an MSNBC interview. In a Fox
 * interview later that day, Trump went even further: “Q2”").
 */
function introducedByOwnSentence(doc: Doc, m: MarkedQuote, prev: MarkedQuote): boolean {
  const k = m.openTok - 1;
  if (k < 1 || doc.tokens[k].text !== ':' || prev.closeTok < 0) return false;
  const [sA] = doc.sentenceRange(k);
  if (sA <= prev.closeTok || doc.tokSentence[prev.closeTok] === doc.tokSentence[k]) return false;
  for (let j = sA; j < k; j++) if (doc.inQuote[j] >= 0) return false;
  // a subject (after an opening phrase and its comma), then a word in lower case: the verb or what follows it
  let s0 = sA;
  if (INTRO_WORDS.has(doc.lower[s0])) for (let j = s0 + 1; j < k && j < s0 + 15; j++) if (doc.tokens[j].text === ',') { s0 = j + 1; break; }
  if (s0 >= k || !(doc.isCap(s0) || PRONOUNS.has(doc.lower[s0]))) return false;
  for (let j = s0 + 1; j < k; j++) if (doc.tokens[j].kind === 'word' && !doc.isCap(j)) return true;
  return false;
}

/** The quotation's opening mark is the first token of its paragraph. */
function opensParagraph(doc: Doc, m: MarkedQuote): boolean {
  return m.openTok === doc.lay.sentences[doc.lay.paragraphs[m.paragraph].sentenceStart].tokenStart;
}

/** The previous paragraph ends with "Popov said:" and this paragraph is the quote. */
function introFromPreviousParagraph(doc: Doc, m: MarkedQuote): Attribution | undefined {
  if (m.paragraph === 0 || m.continuesFrom >= 0) return undefined;
  const para = doc.lay.paragraphs[m.paragraph];
  const firstTok = doc.lay.sentences[para.sentenceStart].tokenStart;
  if (m.openTok !== firstTok) return undefined;
  const prev = doc.lay.paragraphs[m.paragraph - 1];
  const lastSentence = doc.lay.sentences[prev.sentenceEnd - 1];
  if (doc.tokens[lastSentence.tokenEnd - 1].text !== ':') return undefined;
  const found = preAttribution(doc, lastSentence.tokenStart, lastSentence.tokenEnd - 1);
  if (found) return found;
  // "Donald Trump issued the following statement:": the sentence's subject, its verb the cue (after an
  // opening phrase and its comma: "When Wallace died in 1998, President Clinton released ...")
  let a = lastSentence.tokenStart;
  const b = lastSentence.tokenEnd - 1;
  if (INTRO_WORDS.has(doc.lower[a])) for (let k = a + 1; k < b && k < a + 15; k++) if (doc.tokens[k].text === ',') { a = k + 1; break; }
  for (let k = a + 1; k < b && k < a + 12; k++) {
    if (doc.tokens[k].kind !== 'word' || doc.isCap(k) || doc.inQuote[k] >= 0 || !/(ed|es|s)$/.test(doc.lower[k])) continue;
    const src = doc.npBefore(k, a);
    if (!src || src.a !== a || !doc.isCap(src.a)) return undefined;
    if (!doc.mentions.some((mn) => (mn.type === 'PER' || mn.type === 'ORG') && mn.start >= doc.tokens[src.a].start && mn.end <= doc.tokens[src.b - 1].end)) return undefined;
    return { cue: { a: k, b: k + 1, lemma: lemmaOf(doc.lower[k]) }, src };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Speaker resolution

function resolve(doc: Doc, src: Src, according: boolean): QuoteSpeaker {
  const start = doc.tokens[src.a].start, end = doc.tokens[src.b - 1].end;
  const text = doc.text.slice(start, end);
  const viaExplicit: QuoteSpeaker['via'] = according ? 'according-to' : 'explicit';
  // a mention inside the phrase: the first person, else the first organisation, else anything but a date
  let best: Mention | undefined;
  const headEnd = ofIndex(doc, src);
  const headEndOff = headEnd < src.b ? doc.tokens[headEnd].start : end;
  for (const mn of doc.mentions) {
    if (mn.end <= start) continue;
    if (mn.start >= end) break;
    if (mn.type === 'DATE') continue;
    if ((mn.type === 'MISC' || mn.type === 'LOC') && (mn.start > start || mn.end < end)) continue;
    const inHead = mn.start < headEndOff;
    const score = (mn.type === 'PER' ? 3 : mn.type === 'ORG' ? 2 : 1) + (inHead ? 4 : 0);
    const bestScore = best ? (best.type === 'PER' ? 3 : best.type === 'ORG' ? 2 : 1) + (best.start < headEndOff ? 4 : 0) : -1;
    if (score > bestScore) best = mn;
  }
  if (best) return { start, end, text, local: best.local, via: viaExplicit };
  if (src.b - src.a === 1 && PRONOUNS.has(doc.lower[src.a])) {
    return { start, end, text, local: pronounAntecedent(doc, doc.lower[src.a], start), via: 'pronoun' };
  }
  // a role: "the commander", "the Russian general"
  const head = doc.lower[headEnd - 1];
  if (head && (ROLE_NOUNS.has(head) || DETERMINERS.has(doc.lower[src.a]))) {
    // "another Russian MP", "a source": an indefinite phrase brings in someone new
    const indefinite = /^(a|an|another|one|some|several|other|two|three)$/.test(doc.lower[src.a]);
    const local = indefinite ? -1 : roleAntecedent(doc, head, start);
    if (local >= 0 || ROLE_NOUNS.has(head)) return { start, end, text, local, via: 'role' };
  }
  return { start, end, text, local: -1, via: viaExplicit };
}

/** The token after the PER or ORG mention (or object pronoun) that starts at token a, or a when there is none. */
function nameEndingAt(doc: Doc, a: number): number {
  const t = doc.tokens[a];
  if (OBJECT_PRONOUNS.has(doc.lower[a]) && doc.lower[a] !== 'it') return a + 1;
  // the mentions are in text order: a binary search for the first one ending after the token's start
  const ms = doc.mentions;
  let lo = 0, hi = ms.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ms[mid].end <= t.start) lo = mid + 1; else hi = mid; }
  const mn = ms[lo];
  if (!mn || mn.start !== t.start || (mn.type !== 'PER' && mn.type !== 'ORG')) return a;
  let e = a;
  while (e < doc.tokens.length && doc.tokens[e].end <= mn.end) e++;
  return e;
}

/** Token index of "of" inside the phrase (the head ends there), or src.b. */
function ofIndex(doc: Doc, src: Src): number {
  for (let k = src.a + 1; k < src.b; k++) if (doc.lower[k] === 'of') return k;
  return src.b;
}

function insideQuote(doc: Doc, off: number): boolean {
  for (const [a, b] of doc.quoteRanges) if (off >= a && off < b) return true;
  return false;
}

/**
 * He/she/I: the subject of the nearest sentence that names a person. Within the pronoun's own
 * sentence, the first person before it; else, going back sentence by sentence, the first person
 * named (outside quotes) in the sentence, the usual subject of a news sentence.
 */
function pronounAntecedent(doc: Doc, pronoun: string, before: number): number {
  if (pronoun === 'they' || pronoun === 'we' || pronoun === 'you') return -1;
  const want = pronoun === 'it' ? 'ORG' : 'PER';
  const sentences = doc.lay.sentences;
  const k = doc.lastTokBefore(before + 1);
  let si = k >= 0 ? doc.tokSentence[k] : 0;
  let mi = doc.mentions.length - 1;
  while (mi >= 0 && doc.mentions[mi].start >= before) mi--;
  for (; si >= 0 && mi >= 0; si--) {
    const sStart = doc.tokens[sentences[si].tokenStart].start;
    let first = -1;
    while (mi >= 0 && doc.mentions[mi].start >= sStart) {
      const mn = doc.mentions[mi];
      if (mn.type === want && !insideQuote(doc, mn.start)) first = mn.local;
      mi--;
    }
    if (first >= 0) return first;
  }
  return -1;
}

const APPOSITION_VERBS = new Set(['was', 'is', 'became', 'becomes', 'remains', 'remained', 'served', 'serves']);

function roleWords(doc: Doc): Array<Set<string>> {
  if (doc.roleWords) return doc.roleWords;
  const sets = doc.entities.map(() => new Set<string>());
  const addWords = (local: number, s: string | undefined) => {
    if (!s || local < 0 || local >= sets.length) return;
    for (const w of s.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) if (w) sets[local].add(w);
  };
  doc.entities.forEach((e, i) => { for (const t of e.titles) { addWords(i, t.text); addWords(i, t.normalized); } });
  const tokens = doc.tokens;
  for (const mn of doc.mentions) {
    if (mn.type !== 'PER') continue;
    addWords(mn.local, mn.title?.text); addWords(mn.local, mn.title?.normalized); addWords(mn.local, mn.role?.text);
    // the words right after the name: ", the commander of the 58th Army," / "was the commander of ..." / ", who was ..."
    let k = doc.lastTokBefore(mn.end) + 1;
    if (k <= 0 || k >= tokens.length) continue;
    const [, sEnd] = doc.sentenceRange(k - 1);
    if (doc.lower[k] === ',') k++;
    if (doc.lower[k] === 'who') k++;
    if (APPOSITION_VERBS.has(doc.lower[k])) k++;
    if (!DETERMINERS.has(doc.lower[k]) && !ROLE_NOUNS.has(doc.lower[k])) continue;
    for (let j = k; j < sEnd && j < k + 10; j++) {
      if (tokens[j].kind === 'punct' || tokens[j].kind === 'quote') break;
      sets[mn.local].add(doc.lower[j]);
    }
    // "commander Ivan Popov": role words right before the name
    const b = doc.lastTokBefore(mn.start);
    for (let j = b; j >= 0 && j > b - 3; j--) { if (ROLE_NOUNS.has(doc.lower[j])) sets[mn.local].add(doc.lower[j]); else break; }
  }
  doc.roleWords = sets;
  return sets;
}

function roleAntecedent(doc: Doc, head: string, before: number): number {
  const sets = roleWords(doc);
  const singular = head.endsWith('s') && head.length > 3 ? head.slice(0, -1) : head;
  let bestLocal = -1, bestPos = -1;
  for (let i = 0; i < doc.mentions.length; i++) {
    const mn = doc.mentions[i];
    if (mn.local < 0 || mn.local >= sets.length) continue;
    const set = sets[mn.local];
    if (!set.has(head) && !set.has(singular)) continue;
    const pos = mn.start < before ? mn.start : -1 - mn.start;
    if (mn.start < before && pos > bestPos) { bestPos = pos; bestLocal = mn.local; }
    if (bestLocal < 0 && mn.start >= before) { bestLocal = mn.local; }
  }
  return bestLocal;
}

// ---------------------------------------------------------------------------------------------
// Indirect attribution

const PREPOSITIONS = new Set(['of', 'for', 'by', 'after', 'before', 'without', 'about', 'in', 'on', 'at', 'with', 'from',
  'into', 'than', 'as', 'the', 'a', 'an', 'being', 'been', 'be']);

/** "has not been officially confirmed", "was said to": a passive cue has no speaker before it. */
function passive(doc: Doc, k: number, ts: number): boolean {
  let j = k - 1;
  while (j >= ts && /ly$/.test(doc.lower[j]) || j >= ts && (doc.lower[j] === 'not' || doc.lower[j] === "n't")) j--;
  return j >= ts && /^(been|be|being|is|was|were|are|'s|get|got|gets)$/.test(doc.lower[j]) && /(ed|en|id|ld|wn|ght)$/.test(doc.lower[k]);
}

const TIME_OR_PP = new Set(['in', 'on', 'at', 'during', 'last', 'this', 'earlier', 'later', 'yesterday', 'today', 'tonight',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'recently', 'repeatedly', 'publicly',
  'privately', 'previously', 'also', 'then', 'again', 'a', 'an', 'the', 'interview', 'statement', 'with', 'to', 'of',
  'his', 'her', 'their', 'its', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'speech', 'press',
  'conference', 'release', 'news', 'at', 'rally', 'post', 'email', 'letter', 'op-ed', 'reporters', 'told', 'recent']);
const OBJECT_PRONOUNS = new Set(['me', 'us', 'him', 'her', 'them', 'you', 'reporters', 'journalists', 'supporters',
  'voters', 'viewers', 'listeners', 'everyone', 'it', 'police', 'investigators', 'congress', 'lawmakers', 'officials']);

const RELATIVE_OBJECT = new Set(['which', 'who', 'whom', 'what']);

function findIndirect(doc: Doc, usedCueTok: Set<number>, kinds: Array<'direct' | 'partial'>, out: Quote[]): void {
  const { tokens } = doc;
  for (const s of doc.lay.sentences) {
    let te = s.tokenEnd;
    while (te > s.tokenStart && (END_PUNCT.has(tokens[te - 1].text) || tokens[te - 1].kind === 'quote' && doc.inQuote[te - 1] < 0)) te--;
    const ts = s.tokenStart;
    for (let k = ts; k < te; k++) {
      if (doc.inQuote[k] >= 0 || usedCueTok.has(k)) continue;
      const cue = doc.cueAt(k, false);
      if (!cue) continue;
      const info = cueInfo(doc.lower[k]);
      let contentA = -1, contentB = -1;
      if (info?.phrase && !info.direct) {
        // "called the statement “offensive and outlandish”": the object and the quoted phrase
        const subj = doc.npBefore(k, ts);
        let j = k + 1;
        while (j < te && j < k + 8 && !(tokens[j].kind === 'quote' && doc.inQuote[j] >= 0) && tokens[j].kind !== 'punct') j++;
        const qi = j < te ? doc.inQuote[j] : -1;
        if (!subj || qi < 0 || kinds[qi] === 'direct' || doc.marks[qi].openTok !== j) continue;
        const m = doc.marks[qi];
        const closeEnd = m.closeTok >= 0 ? tokens[m.closeTok].end : m.end;
        // "which Mr. Trump called “...”", "who he dubbed “...”": the name given to the relative pronoun's
        // antecedent; the content runs from the pronoun (the quotation does not stand alone)
        const rel = j === k + 1 && subj.b === k && subj.a > ts && RELATIVE_OBJECT.has(doc.lower[subj.a - 1]) &&
          !PREPOSITIONS.has(doc.lower[subj.a - 2]) ? subj.a - 1 : -1;
        const start = tokens[rel >= 0 ? rel : k + 1].start;
        const q: Quote = { start, end: closeEnd, text: doc.text.slice(start, closeEnd), kind: 'indirect', paragraph: s.paragraph };
        q.cue = spanOf(doc, cue.a, cue.b, cue.lemma);
        q.speaker = resolve(doc, subj, false);
        out.push(q);
        continue;
      }
      let src: Src | undefined;
      let according = false;
      if (cue.lemma === 'according to') {
        according = true;
        src = doc.npAfter(cue.b, te);
        if (!src) continue;
        const prevTok = k > ts ? tokens[k - 1] : undefined;
        if (!prevTok || prevTok.text === ',' && k - ts <= 2 || /^(and|but|so|yet)$/i.test(prevTok.text)) {
          // According to X, CONTENT.
          let c = src.b;
          while (c < te && tokens[c].text !== ',') c++;
          if (c - src.b > 6) continue;
          contentA = c + 1; contentB = te;
        } else if (prevTok.text === ',') {
          contentA = ts; contentB = k - 1;
          if (doc.lower[ts] === 'and' || doc.lower[ts] === 'but') contentA = ts + 1;
        } else continue;
      } else {
        if (!info) continue;
        if (k > ts && (doc.lower[k - 1] === 'to' || DETERMINERS.has(doc.lower[k - 1]) && doc.lower[k - 1] !== 'that')) continue;
        if (k > ts && (PREPOSITIONS.has(doc.lower[k - 1]) || /^['’]s$/.test(doc.lower[k - 1]))) continue;
        if (passive(doc, k, ts)) continue;
        if (doc.lower[k].endsWith('ing') && k > ts && tokens[k - 1].text !== ',') continue;
        if (doc.lower[k].endsWith('ing') && k > ts && tokens[k - 1].text === ',') {
          // ", adding that ...": the subject of the sentence is the source
          if (!info.direct || info.phrase) continue;
          const subj0 = doc.npAfter(ts, k);
          let c = k + 1;
          if (info.object) { while (c < te && c < k + 5 && doc.lower[c] !== 'that' && (doc.isCap(c) || OBJECT_PRONOUNS.has(doc.lower[c]))) c++; }
          if (!subj0 || te - c < 3 || doc.lower[c] === 'to' || doc.lower[c] === ',') continue;
          if (tokens[c].kind === 'quote' && doc.inQuote[c] >= 0 && kinds[doc.inQuote[c]] === 'direct') continue;
          const start = tokens[c].start, end = tokens[te - 1].end;
          const q: Quote = { start, end, text: doc.text.slice(start, end), kind: 'indirect', paragraph: s.paragraph };
          q.cue = spanOf(doc, cue.a, cue.b, cue.lemma);
          q.speaker = resolve(doc, subj0, false);
          out.push(q);
          continue;
        }
        const after = te - (k + 1);
        // CONTENT, X said. / CONTENT, said X.
        const subj = doc.npBefore(k, ts);
        const commaBefore = subj ? subj.a - 1 : k - 1;
        const inverted = k > ts && tokens[k - 1].text === ',';
        const tailSrc = inverted ? doc.npAfter(k + 1, te) : undefined;
        const tailEnd = inverted ? (tailSrc ? tailSrc.b : k + 1) : k + 1;
        const tailOk = te - tailEnd <= 8 && doc.lower[tailEnd] !== 'that' && !(tailEnd < te && tokens[tailEnd].kind === 'quote');
        if (commaBefore > ts + 2 && tokens[commaBefore].text === ',' && tailOk && (inverted ? !!tailSrc : !!subj)) {
          src = inverted ? tailSrc : subj;
          contentA = ts; contentB = commaBefore;
          if (doc.lower[ts] === 'but' || doc.lower[ts] === 'and') contentA = ts + 1;
          // the content of a post-positioned cue must not be a direct quote already
          if (doc.inQuote[contentA] >= 0 && tokens[contentA].kind === 'quote') continue;
        } else {
          if (!subj || after < 2) continue;
          src = subj;
          if (tokens[subj.a].kind === 'word' && !doc.isCap(subj.a) && !PRONOUNS.has(doc.lower[subj.a]) &&
            !DETERMINERS.has(doc.lower[subj.a]) && subj.b - subj.a > 3) continue;
          let c = k + 1;
          if (info.weak) {
            // "polls show Trump leading", "he believes it will pass": a clause must follow
            const w = doc.lower[c];
            if (w !== 'that' && !(PRONOUNS.has(w) || w === 'the' || w === 'a' || w === 'there' || (doc.isCap(c) && doc.isWordish(c)))) continue;
          }
          if (cue.lemma === 'accuse') {
            let o = c; while (o < te && o < c + 10 && doc.lower[o] !== 'of') o++;
            if (doc.lower[o] !== 'of') continue;
            c = o + 1;
          } else {
            // skip a short prepositional or time phrase, or the hearer of "told", before "that"
            let that = -1;
            for (let j = c; j < te && j < c + 9; j++) {
              if (doc.lower[j] === 'that') { that = j; break; }
              if (!TIME_OR_PP.has(doc.lower[j]) && !(info.object && (doc.isCap(j) || OBJECT_PRONOUNS.has(doc.lower[j]))) && !doc.isCap(j)) break;
            }
            if (that >= 0) c = that;
            else if (info.object) {
              if (OBJECT_PRONOUNS.has(doc.lower[c])) c++;
              else { let j = c; if (DETERMINERS.has(doc.lower[j])) j++; while (j < te && doc.isCap(j) && doc.isWordish(j)) j++; if (j > c && j - c <= 5) c = j; else continue; }
              if (doc.lower[c] === 'to' || doc.lower[c] === 'about' || doc.lower[c] === ',') continue;
            } else if (doc.lower[c] === ',' || doc.lower[c] === 'to' || doc.lower[c] === 'of' || doc.lower[c] === 'about' ||
              doc.lower[c] === 'so' || doc.lower[c] === 'it' && after <= 2) continue;
            if (c < te && tokens[c].text === ':') c++;
          }
          if (c < te && tokens[c].kind === 'quote' && doc.inQuote[c] >= 0 && kinds[doc.inQuote[c]] === 'direct') continue; // a direct quote follows
          contentA = c; contentB = te;
          // stop before a trailing ", X said" or ", according to X"
          for (let j = c + 1; j < te; j++) if (tokens[j].text === ',' && (doc.lower[j + 1] === 'according' || doc.lower[j + 1] === 'said' || doc.lower[j + 1] === 'says')) { contentB = j; break; }
        }
      }
      if (contentA < 0 || contentB - contentA < 3) continue;
      let words = 0;
      for (let j = contentA; j < contentB; j++) if (tokens[j].kind === 'word') words++;
      if (words < 2) continue;
      const start = tokens[contentA].start, end = tokens[contentB - 1].end;
      const q: Quote = { start, end, text: doc.text.slice(start, end), kind: 'indirect', paragraph: s.paragraph };
      q.cue = spanOf(doc, cue.a, cue.b, cue.lemma);
      if (src) q.speaker = resolve(doc, src, according);
      out.push(q);
      k = cue.b - 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Indirect attribution, learned (see learned.ts)

/**
 * Every CONTENT span the tagger finds becomes an indirect attribution, with the nearest CUE of its
 * sentence and the SOURCE nearest that cue. A content with neither is dropped (nobody says it);
 * one that is a quotation in marks is left to the rules above.
 */
/** Tokens at most between a content and its cue. */
const MAX_GAP = 15;
const MIN_TOK = 2;
const SUBORDINATE_START = new Set(['if', 'while', 'when', 'although', 'though', 'because', 'as', 'whether', 'since', 'unless',
  'whatever', 'whoever', 'however', 'once', 'until', 'after', 'before', 'even', 'in', 'for', 'with', 'without', 'despite', 'like', 'unlike']);
const NAME_OBJECT_CUT = new Set([',', 'at', 'in', 'on', 'from', 'during', 'after', 'before', 'directly', 'again',
  'over', 'last', 'this', 'earlier', 'since', 'when', 'while', 'because', 'publicly', 'repeatedly', 'too', 'also', 'outright', '(']);
const APPOSITION_START = new Set(['who', 'which', 'a', 'an', 'the', 'whose', 'his', 'her', 'their', 'its', 'now', 'then', 'once',
  'where', 'saying', 'calling', 'arguing', 'adding', 'noting', 'as', 'after', 'before', 'in', 'at', 'on', 'during', 'while']);
const RAISING_WORDS = new Set(['expected', 'seem', 'seems', 'seemed', 'appear', 'appears', 'appeared', 'likely', 'unlikely',
  'poised', 'supposed', 'believed', 'thought', 'projected', 'predicted', 'slated', 'set', 'certain', 'sure', 'bound', 'rumored']);
const SENTENCE_LINKS = new Set(['but', 'and', 'so', 'yet', 'still', 'or']);
/** Two contents of one sentence this few unlabelled tokens apart are one (the tagger broke it). */
const JOIN_GAP = 8;

function hasLabel(labels: Uint8Array, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (labels[k] !== 0) return true;
  return false;
}

function learnedIndirect(doc: Doc, learned: NonNullable<ReturnType<typeof quoteModel>>, out: Quote[], ruled: Quote[], titles: Set<number>): void {
  const rulesQuotes: QuoteSpanIn[] = out.map((q) => ({ start: q.start, end: q.end, kind: q.kind }));
  for (const q of ruled) rulesQuotes.push({ start: q.start, end: q.end, kind: 'indirect', cue: q.cue, source: q.speaker });
  const labels = tagQuotes(learned.model, learned.lex, doc.text, doc.lay, doc.mentions, rulesQuotes);
  const spans = spansOf(labels, doc.lay);
  const { tokens } = doc;
  const bySentence = new Map<number, typeof spans>();
  for (const sp of spans) { if (!bySentence.has(sp.sentence)) bySentence.set(sp.sentence, []); bySentence.get(sp.sentence)!.push(sp); }
  const gap = (x: { a: number; b: number }, y: { a: number; b: number }) => (x.b <= y.a ? y.a - x.b : x.a >= y.b ? x.a - y.b : 0);
  const usedCue = new Set<number>();
  // quotations the rules left without anyone saying them: the tagger's cue and source around them
  // ("''...,'' the economist Jared Bernstein, a former adviser in the Obama White House, wrote on his blog")
  for (const q of out as Array<Quote & { _mark?: number }>) {
    if (q.kind === 'indirect' || q.cue || q.speaker && q.speaker.via !== 'continuation' || q._mark === undefined || titles.has(q._mark)) continue;
    const m = doc.marks[q._mark];
    const close = m.closeTok >= 0 ? m.closeTok : doc.lastTokBefore(m.end);
    let dq = 0;
    for (let k = m.openTok + 1; k < close; k++) if (labels[k] === 7 || labels[k] === 8) dq++;
    if (dq * 2 < close - m.openTok - 1) continue;
    const qspan = { a: m.openTok, b: close + 1 };
    let cue: (typeof spans)[number] | undefined;
    for (const si of new Set([doc.tokSentence[m.openTok], doc.tokSentence[close]])) {
      for (const o of bySentence.get(si) ?? []) {
        if (o.type !== CUE || doc.inQuote[o.a] >= 0 || usedCue.has(o.a)) continue;
        if (!cue || gap(o, qspan) < gap(cue, qspan)) cue = o;
      }
    }
    if (!cue || gap(cue, qspan) > 12) continue;
    let src: (typeof spans)[number] | undefined;
    for (const o of bySentence.get(cue.sentence) ?? []) if (o.type === SRC && doc.inQuote[o.a] < 0 && (!src || gap(o, cue) < gap(src, cue))) src = o;
    if (q.speaker && !src) continue;
    const w = doc.lower[cue.a];
    const lemma = w === 'according' ? 'according to' : cueInfo(w)?.lemma ?? lemmaOf(w);
    q.cue = spanOf(doc, cue.a, cue.b, lemma);
    if (src) {
      let sb = src.b;
      while (sb > src.a + 1 && (tokens[sb - 1].kind === 'punct' || /^['’]s$/.test(doc.lower[sb - 1]))) sb--;
      q.speaker = resolve(doc, { a: src.a, b: sb }, lemma === 'according to');
    }
    usedCue.add(cue.a);
  }
  // a quotation that got its speaker from the tagger carries it on to the unattributed quotations
  // after it in its paragraph, as the rules do for their own ("Q1," X, the head of Y, said. "Q2")
  let prev: (Quote & { _mark?: number; _cont?: number }) | undefined;
  for (const q of out as Array<Quote & { _mark?: number; _cont?: number }>) {
    if (q.kind === 'indirect' || q._mark === undefined) continue;
    if (prev && prev.paragraph !== q.paragraph) prev = undefined;
    if (q.kind !== 'direct') continue;
    if (!q.cue && !q.speaker && q._cont === undefined && prev?.speaker && prev.cue && !doc.marks[q._mark].single) {
      q.speaker = { ...prev.speaker, via: 'continuation' };
      q._cont = prev._mark;
    }
    prev = q.speaker ? q : undefined;
  }
  // a content runs on over a quoted phrase inside it ("that “ethanol people” “do a fantastic job”"): join
  // CON spans with the quoted (DQ) spans and stray marks between or right after them, within the sentence
  const joined: typeof spans = [];
  for (let i = 0; i < spans.length; i++) {
    const sp = spans[i];
    if (sp.type !== CON) continue;
    const cur = { ...sp };
    let j = i + 1;
    for (;;) {
      while (j < spans.length && spans[j].sentence === cur.sentence && (spans[j].type === CON || spans[j].type === DQ)) {
        let g = cur.b;
        while (g < spans[j].a && tokens[g].kind === 'quote') g++;
        if (g < spans[j].a && !(spans[j].type === CON && spans[j].a - cur.b <= JOIN_GAP && !hasLabel(labels, cur.b, spans[j].a))) break;
        cur.b = spans[j].b;
        j++;
      }
      // "If it's just a few delegates, the campaign said, it may not bother": a frame with a cue between
      // two commas inside the content (the nearest cue, the frame's, is then the content's)
      let jn = j;
      while (jn < spans.length && spans[jn].sentence === cur.sentence && (spans[jn].type === SRC || spans[jn].type === CUE)) jn++;
      if (jn >= spans.length || spans[jn].sentence !== cur.sentence || !(spans[jn].type === CON || spans[jn].type === DQ)) break;
      const c1 = cur.b;
      if (c1 >= tokens.length || tokens[c1].text !== ',') break;
      // only after a subordinate clause or a phrase that needs the rest ("If ...", "While ...", "In cases of abortion")
      if (!SUBORDINATE_START.has(doc.lower[cur.a])) break;
      let c2 = -1, hasCue = false;
      for (let k = c1 + 1; k < spans[jn].a && k <= c1 + 10; k++) {
        if (tokens[k].text === ',') { c2 = k; break; }
        if (END_PUNCT.has(tokens[k].text) || tokens[k].kind === 'quote') break;
        const t = (labels[k] + 1) >> 1;
        if (t === CUE) hasCue = true;
        else if (t === CON || t === DQ) break;
      }
      if (c2 < 0 || !hasCue) break;
      let st = c2 + 1;
      while (st < spans[jn].a && tokens[st].kind === 'quote') st++;
      if (st !== spans[jn].a) break;
      cur.b = spans[jn].b;
      j = jn + 1;
    }
    // a closing mark right after the content belongs to it
    while (cur.b < doc.lay.sentences[cur.sentence].tokenEnd && tokens[cur.b].kind === 'quote' && doc.inQuote[cur.b] >= 0) cur.b++;
    joined.push(cur);
    i = j - 1;
  }
  const firstOwn = out.length;
  for (const sp of joined) {
    let a = sp.a, b = sp.b;
    // trim punctuation at the edges
    while (a < b && (tokens[a].kind === 'punct' || tokens[a].kind === 'dash')) a++;
    while (b > a && (tokens[b - 1].kind === 'punct' || tokens[b - 1].kind === 'dash') && tokens[b - 1].text !== ')') b--;
    if (b - a < MIN_TOK) continue;
    // "described Trump as a former liberal": a content that opens with "as" is the verb's complement, not what was said
    if (doc.lower[a] === 'as') continue;
    if (tokens[a].kind === 'quote' || doc.inQuote[a] >= 0 && doc.inQuote[b - 1] === doc.inQuote[a]) continue;
    if (doc.inQuote[b - 1] >= 0 && doc.inQuote[a] !== doc.inQuote[b - 1]) {
      // a content that runs into a quotation runs on to its closing mark, past the sentence's end
      const m = doc.marks[doc.inQuote[b - 1]];
      if (m.closeTok >= 0 && m.closeTok >= b) b = m.closeTok + 1;
    }
    const same = bySentence.get(sp.sentence) ?? [];
    let cue: typeof sp | undefined, src: typeof sp | undefined;
    for (const o of same) if (o.type === CUE && (!cue || gap(o, sp) < gap(cue, sp))) cue = o;
    if (cue && usedCue.has(cue.a)) continue;
    const anchor = cue ?? sp;
    for (const o of same) if (o.type === SRC && (!src || gap(o, anchor) < gap(src, anchor))) src = o;
    if (!cue && !src) continue;
    if (cue && gap(cue, { a, b }) > MAX_GAP) continue;
    if (cue && cue.b <= a && a - cue.b <= 1) {
      // "endorsed Mr. Trump at a news conference": a name as the content ends with the name, not with
      // the verb's adjuncts or the name's apposition
      const e = /^(show|shows|showed|shown|ask|asks|asked|cite|cites|cited|describe|describes|described)$/.test(doc.lower[cue.b - 1]) ? a : nameEndingAt(doc, a);
      if (e > a && e < b && NAME_OBJECT_CUT.has(doc.lower[e]) && !(doc.lower[e] === ',' && e + 1 < b && !APPOSITION_START.has(doc.lower[e + 1]))) b = e;
    }
    if (cue && doc.lower[a] === 'to' && cue.b <= a && a - cue.b <= 1) {
      // "The embattled French president is expected to run for re-election": what is expected is the
      // whole clause, its subject included (the sentence from its start, after a leading "But")
      let raising = false;
      for (let k = cue.a; k < cue.b; k++) if (RAISING_WORDS.has(doc.lower[k])) raising = true;
      if (raising) {
        const s0 = doc.lay.sentences[sp.sentence].tokenStart;
        let c = s0;
        for (let k = cue.a - 1; k > s0; k--) if (tokens[k].text === ';' || tokens[k].text === ':') { c = k + 1; break; }
        while (c < cue.a && (tokens[c].kind === 'punct' || tokens[c].kind === 'quote' || tokens[c].kind === 'dash' || SENTENCE_LINKS.has(doc.lower[c]))) c++;
        if (c < cue.a && doc.inQuote[c] < 0) {
          a = c;
          if (src && src.a >= a && src.b <= cue.a) src = undefined;
          // the subject may have been a content of its own ("The central bank"): now inside this one
          const from = tokens[a].start;
          for (let j = out.length - 1; j >= firstOwn; j--) if (out[j].kind === 'indirect' && out[j].start >= from && out[j].end <= tokens[b - 1].end) out.splice(j, 1);
        }
      }
    }
    const start = tokens[a].start, end = tokens[b - 1].end;
    const q: Quote = { start, end, text: doc.text.slice(start, end), kind: 'indirect', paragraph: doc.lay.sentences[sp.sentence].paragraph };
    let according = false;
    if (cue) {
      const w = doc.lower[cue.a];
      const lemma = w === 'according' ? 'according to' : cueInfo(w)?.lemma ?? lemmaOf(w);
      according = lemma === 'according to';
      q.cue = spanOf(doc, cue.a, cue.b, lemma);
    }
    if (src) {
      let sa = src.a, sb = src.b;
      while (sb > sa + 1 && (tokens[sb - 1].kind === 'punct' || /^['’]s$/.test(doc.lower[sb - 1]))) sb--;
      q.speaker = resolve(doc, { a: sa, b: sb }, according);
    }
    out.push(q);
  }
}
