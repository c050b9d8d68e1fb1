/**
 * Quote and attribution evaluation on PolNeAR (brat standoff).
 *
 *   npm run eval:quotes                 # dev split
 *   node scripts/out/eval-quotes.js --split train [--errors direct|indirect|speakerdirect|speakerindirect] [--limit N] [--heldout K]
 *        [--mentions-cache FILE]        # keep the analyzer's mentions per article in FILE (quick reruns of the quote rules)
 *        [--dump FILE]                  # gold, quotes and scored predictions per article as JSON, for error analysis
 *        [--groups]                     # the errors counted by kind (see errorGroups), direct and indirect
 *        [--examples N]                 # with --groups: up to N examples of each kind (article:offset, the text around it)
 *
 * Gold: for each article the first annotator's file by name (PolNeAR has two files for a few
 * articles). Every Content span of an Attribution is gold; a Content whose text begins with a
 * quotation mark is a direct quote, the others are indirect attributions. Discontinuous spans
 * ("Q1," he said, "Q2.") are taken from their first to their last character, and so are the
 * several contents of one attribution (Content, Content2: PolNeAR's other way of writing one; the
 * first ones used to be dropped). Predicted quotes linked by continuesFrom are merged the same
 * way. A prediction matches a gold span when their overlap is at least half of the longer one
 * (one-to-one, in text order).
 */

import * as fs from 'fs';
import * as path from 'path';
import { layout } from '../../server/out/analysis/text';
import { Mention, LocalEntity, Quote } from '../../server/out/analysis/model';
import { findQuotes } from '../../server/out/analysis/quotes';
import { simpleMentions } from './simple-mentions';

interface GoldAttr { start: number; end: number; text: string; source?: [number, number]; cue?: [number, number]; direct: boolean }
interface Pred { start: number; end: number; speaker?: [number, number]; cue?: [number, number]; q: Quote }

const args = process.argv.slice(2);
const opt = (name: string, def?: string) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : def; };
const split = opt('split', 'dev')!;
const showErrors = opt('errors');
const showGroups = args.includes('--groups');
/** --examples N: with --groups, up to N examples of each kind of error, printed under its count. */
const examplesPerGroup = Number(opt('examples', '0'));
const groupExamples = new Map<string, string[]>();
const limit = Number(opt('limit', '40'));
/** --heldout K: only the articles whose index (in the order below) is a multiple of K: the ones train-quotes --heldout K left out. */
const heldout = Number(opt('heldout', '0'));
const root = path.resolve(__dirname, '../../../shared/data/polnear', split);

type Analyzer = (text: string) => { mentions: Mention[]; entities: LocalEntity[] };
function loadAnalyzer(): { name: string; run: Analyzer } {
  if (args.includes('--simple-mentions')) return { name: 'simple capitalised-sequence mentions', run: simpleMentions };
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require('../../server/out/analysis/analyze');
    if (typeof mod.analyzeDocument === 'function') {
      return { name: 'analyze.ts pipeline (analyzeDocument)', run: (text: string) => { const r = mod.analyzeDocument('eval', text); return { mentions: r.mentions, entities: r.entities }; } };
    }
  } catch { /* not there yet */ }
  return { name: 'simple capitalised-sequence mentions', run: simpleMentions };
}

const QUOTE_START = /^["“”‘’'«„`]/;

function readGold(annPath: string, text: string): GoldAttr[] {
  const spans = new Map<string, { label: string; start: number; end: number; text: string }>();
  const events: string[][] = [];
  for (const line of fs.readFileSync(annPath, 'utf8').split('\n')) {
    const parts = line.split('\t');
    if (parts.length < 2) continue;
    if (parts[0].startsWith('T')) {
      const m = /^(\S+) (.*)$/.exec(parts[1]);
      if (!m) continue;
      const nums = m[2].split(/[ ;]/).map(Number).filter((x) => !isNaN(x));
      if (nums.length < 2) continue;
      spans.set(parts[0], { label: m[1], start: Math.min(...nums), end: Math.max(...nums), text: parts[2] ?? '' });
    } else if (parts[0].startsWith('E')) {
      events.push(parts[1].split(' '));
    }
  }
  const gold: GoldAttr[] = [];
  for (const ev of events) {
    const roles = new Map<string, string>();
    const contents: string[] = [];
    for (const r of ev) {
      const [role, id] = r.split(':');
      if (!id) continue;
      const base = role.replace(/\d+$/, '');
      if (base === 'Content') { if (spans.has(id)) contents.push(id); } else roles.set(base, id);
    }
    const head = ev[0].split(':')[0];
    if (!head.startsWith('Attribution') || !contents.length) continue;
    // an attribution with several contents (Content, Content2) is one attribution: its content runs
    // from the first one's start to the last one's end, as a discontinuous span does
    const parts = contents.map((id) => spans.get(id)!);
    const c = { start: Math.min(...parts.map((x) => x.start)), end: Math.max(...parts.map((x) => x.end)) };
    const src = roles.get('Source') ? spans.get(roles.get('Source')!) : undefined;
    const cue = roles.get('Cue') ? spans.get(roles.get('Cue')!) : undefined;
    const ctext = text.slice(c.start, c.end);
    gold.push({ start: c.start, end: c.end, text: ctext, direct: QUOTE_START.test(ctext.trimStart()),
      source: src ? [src.start, src.end] : undefined, cue: cue ? [cue.start, cue.end] : undefined });
  }
  gold.sort((a, b) => a.start - b.start);
  return gold;
}

function overlap(a: [number, number] | { start: number; end: number }, b: [number, number] | { start: number; end: number }): number {
  const [a0, a1] = Array.isArray(a) ? a : [a.start, a.end];
  const [b0, b1] = Array.isArray(b) ? b : [b.start, b.end];
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

function matches(g: GoldAttr, p: Pred): boolean {
  const o = overlap(g, p);
  return o > 0 && o >= 0.5 * Math.max(g.end - g.start, p.end - p.start);
}

const OPEN_MARK = /["“”‘’'«„`]/;

/**
 * Predicted attributions: chains of quotes linked by continuesFrom merged into one, partial quotes
 * that lie inside an indirect attribution's content dropped (they are part of it), quotes with
 * neither cue nor speaker dropped (titles, slogans and scare quotes are not attributions). Each is
 * then direct or indirect by the gold criterion: its text, with its opening mark, starts with a
 * quotation mark.
 */
function predictions(text: string, quotes: Quote[]): { direct: Pred[]; indirect: Pred[] } {
  const root = quotes.map((_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
  quotes.forEach((q, i) => { if (q.continuesFrom !== undefined && q.continuesFrom >= 0) root[find(i)] = find(q.continuesFrom); });
  const groups = new Map<number, Quote[]>();
  const indirect = quotes.filter((q) => q.kind === 'indirect');
  quotes.forEach((q, i) => {
    if (q.kind === 'partial' && indirect.some((r) => r.start < q.start && r.end >= q.end)) return;
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(q);
  });
  const direct: Pred[] = [], other: Pred[] = [];
  for (const qs of groups.values()) {
    const first = qs[0];
    const withSpeaker = qs.find((q) => q.speaker);
    const withCue = qs.find((q) => q.cue);
    if (!withSpeaker && !withCue) continue;
    const p: Pred = { start: Math.min(...qs.map((q) => q.start)), end: Math.max(...qs.map((q) => q.end)), q: first,
      speaker: withSpeaker?.speaker ? [withSpeaker.speaker.start, withSpeaker.speaker.end] : undefined,
      cue: withCue?.cue ? [withCue.cue.start, withCue.cue.end] : undefined };
    const isDirect = first.kind !== 'indirect' || OPEN_MARK.test(text.charAt(first.start));
    (isDirect ? direct : other).push(p);
  }
  const byStart = (a: Pred, b: Pred) => a.start - b.start;
  return { direct: direct.sort(byStart), indirect: other.sort(byStart) };
}

interface Score { tp: number; fp: number; fn: number; spk: number; spkN: number; cue: number; cueN: number }
const newScore = (): Score => ({ tp: 0, fp: 0, fn: 0, spk: 0, spkN: 0, cue: 0, cueN: 0 });

function score(gold: GoldAttr[], preds: Pred[], s: Score, errs: string[], text: string, file: string, kind: string): void {
  const used = new Set<number>();
  for (const g of gold) {
    let hit = -1;
    for (let i = 0; i < preds.length; i++) if (!used.has(i) && matches(g, preds[i])) { hit = i; break; }
    if (hit < 0) {
      s.fn++;
      const near = preds.filter((p) => overlap(g, p) > 0);
      if (showErrors === kind) errs.push(`FN${near.length ? '~' + near.map((p) => `[${p.start - g.start},${p.end - g.end}]`).join('') : ''} ${file}:${g.start} ${JSON.stringify(clip(g.text))}\n     ctx: ${JSON.stringify(clip(text.slice(Math.max(0, g.start - 80), g.end + 60), 300))}`);
      continue;
    }
    used.add(hit);
    s.tp++;
    const p = preds[hit];
    if (g.source) {
      s.spkN++;
      if (p.speaker && overlap(p.speaker, g.source) > 0) s.spk++;
      else if (showErrors === 'speaker' + kind) {
        errs.push(`SPK ${file}:${g.start} gold=${JSON.stringify(text.slice(...g.source))} pred=${p.speaker ? JSON.stringify(text.slice(...p.speaker)) : '-'} cue=${p.cue ? text.slice(...p.cue) : '-'}\n     ${JSON.stringify(clip(text.slice(Math.max(0, g.start - 100), g.end + 80), 400))}`);
      }
    }
    if (g.cue) { s.cueN++; if (p.cue && overlap(p.cue, g.cue) > 0) s.cue++; }
  }
  preds.forEach((p, i) => {
    if (used.has(i)) return;
    s.fp++;
    if (showErrors === kind) errs.push(`FP ${p.q.kind}/${p.q.speaker?.via ?? "-"} ${file}:${p.start} ${JSON.stringify(clip(text.slice(p.start, p.end)))} cue=${p.cue ? text.slice(...p.cue) : '-'} src=${p.speaker ? text.slice(...p.speaker) : '-'}`);
  });
}

/**
 * --groups: every error of one kind (direct or indirect) put in one group. A missed gold span: "FN
 * split" (two or more predictions overlap it), "FN pred longer" / "FN pred shorter" / "FN shifted"
 * (one overlaps it, too long, too short, or moved), "FN unattributed quote" (a quotation was found
 * there but had neither cue nor speaker), "FN partial inside an indirect content" (the partial was
 * dropped), "FN quote of the other kind", "FN nothing found". A false prediction: "FP extra piece
 * of a matched gold span", "FP boundary" (it overlaps a gold span nothing matched), "FP overlaps a
 * gold span of the other kind", "FP no gold". A boundary FP is also counted by where it starts and
 * ends against that gold span ("S>" starts later, "E<" ends earlier, "=" within 2 characters).
 */
function errorGroups(gold: GoldAttr[], other: GoldAttr[], preds: Pred[], quotes: Quote[], groups: Map<string, number>,
  text = '', file = '', kind = ''): void {
  let at: { start: number; end: number } | undefined;
  const add = (k: string) => {
    groups.set(k, (groups.get(k) ?? 0) + 1);
    if (!examplesPerGroup || !at || k.startsWith(' ')) return;
    const key = kind + ' ' + k;
    const list = groupExamples.get(key) ?? [];
    if (list.length < examplesPerGroup) {
      list.push(`${file}:${at.start} ${JSON.stringify(clip(text.slice(Math.max(0, at.start - 60), at.start) + '[[' + text.slice(at.start, at.end) + ']]' + text.slice(at.end, at.end + 40), 300))}`);
      groupExamples.set(key, list);
    }
  };
  const used = new Set<number>(), matched = new Set<number>();
  gold.forEach((g, gi) => { for (let i = 0; i < preds.length; i++) if (!used.has(i) && matches(g, preds[i])) { used.add(i); matched.add(gi); break; } });
  gold.forEach((g, gi) => {
    if (matched.has(gi)) return;
    at = g;
    const near = preds.filter((p) => overlap(g, p) > 0);
    const qs = quotes.filter((q) => overlap(g, q) > 0);
    if (near.length > 1) add('FN split');
    else if (near.length === 1) {
      const p = near[0];
      if ((p.start < g.start && p.end < g.end) || (p.start > g.start && p.end > g.end)) add('FN shifted');
      else add(p.end - p.start > g.end - g.start ? 'FN pred longer' : 'FN pred shorter');
    } else if (qs.some((q) => q.kind !== 'indirect' && !q.cue && !q.speaker)) add('FN unattributed quote');
    else if (qs.some((q) => q.kind === 'partial')) add('FN partial inside an indirect content');
    else if (qs.length) add('FN quote of the other kind');
    else add('FN nothing found');
  });
  preds.forEach((p, i) => {
    if (used.has(i)) return;
    at = p;
    const ng = gold.map((g, gi) => ({ g, gi })).filter(({ g }) => overlap(g, p) > 0);
    if (ng.some(({ gi }) => matched.has(gi))) { add('FP extra piece of a matched gold span'); return; }
    if (ng.length) {
      add('FP boundary');
      const g = ng.map(({ g }) => g).sort((x, y) => overlap(y, p) - overlap(x, p))[0];
      const sd = p.start - g.start, ed = p.end - g.end;
      add(`  FP boundary ${Math.abs(sd) <= 2 ? 'S=' : sd < 0 ? 'S<' : 'S>'} ${Math.abs(ed) <= 2 ? 'E=' : ed > 0 ? 'E>' : 'E<'}`);
      return;
    }
    add(other.some((g) => overlap(g, p) > 0) ? 'FP overlaps a gold span of the other kind' : 'FP no gold');
  });
}

function clip(s: string, n = 160): string { return s.length > n ? s.slice(0, n - 20) + ' … ' + s.slice(-17) : s; }

function prf(s: Score): string {
  const p = s.tp / Math.max(1, s.tp + s.fp), r = s.tp / Math.max(1, s.tp + s.fn), f = (2 * p * r) / Math.max(1e-9, p + r);
  return `P ${(100 * p).toFixed(1)}  R ${(100 * r).toFixed(1)}  F1 ${(100 * f).toFixed(1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
}
const pct = (a: number, b: number) => `${(100 * a / Math.max(1, b)).toFixed(1)}% (${a}/${b})`;

function main(): void {
  const analyzer = loadAnalyzer();
  // --mentions-cache FILE: the analyzer's mentions and entities per article, read from FILE and
  // written there when missing (quick reruns while working on the quote rules; delete it when the
  // recognizer changes)
  const cacheFile = opt('mentions-cache');
  let cacheDirty = false;
  // --dump FILE: gold, quotes and scored predictions per article as JSON, for error analysis
  const dumpFile = opt('dump');
  const dump: unknown[] | undefined = dumpFile ? [] : undefined;
  const mentionCache: Record<string, { mentions: Mention[]; entities: LocalEntity[] }> | undefined =
    cacheFile ? (fs.existsSync(cacheFile) ? JSON.parse(fs.readFileSync(cacheFile, 'utf8')) : {}) : undefined;
  const textDir = path.join(root, 'text');
  const annDir = path.join(root, 'attributions');
  const anns = fs.readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort();
  const byArticle = new Map<string, string>();
  for (const f of anns) { const a = f.replace(/_[0-9a-f]{4}\.ann$/, ''); if (!byArticle.has(a)) byArticle.set(a, f); }
  const direct = newScore(), indirect = newScore();
  const groupsDirect = new Map<string, number>(), groupsIndirect = new Map<string, number>();
  const errs: string[] = [];
  let bytes = 0, quoteMs = 0, totalMs = 0, articles = 0;
  const inputs: Array<{ text: string; lay: ReturnType<typeof layout>; mentions: Mention[]; entities: LocalEntity[] }> = [];
  let index = -1;
  for (const [article, ann] of byArticle) {
    const textPath = path.join(textDir, article + '.txt');
    if (!fs.existsSync(textPath)) continue;
    index++;
    if (heldout > 0 && index % heldout !== 0) continue;
    const text = fs.readFileSync(textPath, 'utf8');
    const gold = readGold(path.join(annDir, ann), text);
    const t0 = process.hrtime.bigint();
    const lay = layout(text);
    const cached = mentionCache?.[article];
    const { mentions, entities } = cached ?? analyzer.run(text);
    if (mentionCache && !cached) { mentionCache[article] = { mentions, entities }; cacheDirty = true; }
    const t1 = process.hrtime.bigint();
    const quotes = findQuotes(text, lay, mentions, entities);
    const t2 = process.hrtime.bigint();
    void t1; totalMs += Number(t2 - t0) / 1e6;
    inputs.push({ text, lay, mentions, entities });
    bytes += Buffer.byteLength(text, 'utf8');
    articles++;
    const preds = predictions(text, quotes);
    if (dump) dump.push({ article, gold, quotes, direct: preds.direct.map(({ q: _q, ...p }) => p), indirect: preds.indirect.map(({ q: _q, ...p }) => p) });
    score(gold.filter((g) => g.direct), preds.direct, direct, errs, text, article, 'direct');
    score(gold.filter((g) => !g.direct), preds.indirect, indirect, errs, text, article, 'indirect');
    if (showGroups) {
      errorGroups(gold.filter((g) => g.direct), gold.filter((g) => !g.direct), preds.direct, quotes, groupsDirect, text, article, 'direct');
      errorGroups(gold.filter((g) => !g.direct), gold.filter((g) => g.direct), preds.indirect, quotes, groupsIndirect, text, article, 'indirect');
    }
  }
  if (dumpFile) fs.writeFileSync(dumpFile, JSON.stringify(dump));
  if (cacheFile && cacheDirty) fs.writeFileSync(cacheFile, JSON.stringify(mentionCache));
  if (errs.length) { for (const e of errs.slice(0, limit)) console.log(e); console.log(`(${errs.length} errors listed above at most ${limit})\n`); }
  if (showGroups) {
    for (const [name, groups] of [['direct', groupsDirect], ['indirect', groupsIndirect]] as const) {
      console.log(`${name} errors by kind:`);
      const sorted = [...groups].sort((x, y) => y[1] - x[1]);
      for (const [k, n] of sorted) {
        if (k.startsWith(' ')) continue;
        console.log(`  ${String(n).padStart(5)}  ${k}`);
        for (const e of groupExamples.get(name + ' ' + k) ?? []) console.log(`           ${e}`);
        // the boundary FPs by where they start and end, under their group
        for (const [k2, n2] of sorted) if (k2.startsWith(`  ${k} `)) console.log(`  ${String(n2).padStart(5)}  ${k2}`);
      }
    }
    console.log('');
  }
  console.log(`PolNeAR ${split}${heldout ? ` (held-out: every ${heldout}th article)` : ''}: ${articles} articles (first annotator file by name), mentions: ${analyzer.name}`);
  console.log(`direct quotes:    ${prf(direct)}`);
  console.log(`  speaker accuracy ${pct(direct.spk, direct.spkN)}   cue accuracy ${pct(direct.cue, direct.cueN)}`);
  console.log(`indirect:         ${prf(indirect)}`);
  console.log(`  source accuracy  ${pct(indirect.spk, indirect.spkN)}   cue accuracy ${pct(indirect.cue, indirect.cueN)}`);
  // findQuotes alone, warmed up: three more passes over the same inputs, the best one counts
  quoteMs = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = process.hrtime.bigint();
    for (const x of inputs) findQuotes(x.text, x.lay, x.mentions, x.entities);
    quoteMs = Math.min(quoteMs, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const mb = bytes / 1e6;
  console.log(`throughput: findQuotes ${(mb / (quoteMs / 1000)).toFixed(2)} MB/s (warm); layout + analyzeDocument + findQuotes (first pass) ${(mb / (totalMs / 1000)).toFixed(2)} MB/s (${(bytes / 1e6).toFixed(2)} MB)`);
}

main();
