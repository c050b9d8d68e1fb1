/**
 * Date and time expressions, absolute ("July 12", "2023-07-13", "12 July 2023") and relative
 * ("late Wednesday", "a month ago", "this week"), normalised against the article's own date
 * where it has one.
 */
import { Span } from './model';

export interface DateExpression extends Span {
  text: string;
  /** ISO date "2023-07-12", month "2023-07", year "2023", week "2023-W28", or undefined. */
  value?: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december'];
const MONTH_ABBR: Record<string, number> = {};
MONTHS.forEach((m, i) => { MONTH_ABBR[m] = i + 1; MONTH_ABBR[m.slice(0, 3)] = i + 1; });
MONTH_ABBR.sept = 9;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7,
  eight: 8, nine: 9, ten: 10, several: 3, few: 3, couple: 2 };

const monthName = '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const weekday = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const part = '(?:(?:early|late|mid|earlier|later)(?:\\s+on)?\\s+)?';
const numWord = '(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|a couple of|\\d+)';
const unit = '(?:day|week|month|year)s?';

const MONTH_PREFIXES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Which patterns can match at all, from words they need (a whole-text substring test is much cheaper
 * than a regular-expression scan): month names are matched as written, so they need one of the
 * capitalised month prefixes; weekdays end in "day"; the case-insensitive patterns (ASCII letters only,
 * which /i without u folds as ASCII) need their words in the lower-cased text.
 */
interface Needs { month: boolean; day: boolean; ago: boolean; today: boolean }
const ALL: Needs = { month: true, day: true, ago: true, today: true };

const PATTERNS: Array<{ re: RegExp; can: (n: Needs) => boolean }> = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, can: () => true },
  { re: new RegExp(`\\b${part}${weekday},?\\s+${monthName}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, 'g'), can: (n) => n.day && n.month },
  { re: new RegExp(`\\b${monthName}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, 'g'), can: (n) => n.month },
  { re: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthName}(?:,?\\s+\\d{4})?\\b`, 'g'), can: (n) => n.month },
  { re: new RegExp(`\\b(?:(?:early|late|mid)-?\\s*)?${monthName}\\s+\\d{4}\\b`, 'g'), can: (n) => n.month },
  { re: new RegExp(`\\b(?:in|since|until|by|during|of|last|next|early|late|mid)\\s+(${monthName})\\b(?!\\s+\\d)`, 'g'), can: (n) => n.month },
  { re: new RegExp(`\\b${part}${weekday}(?:\\s+(?:morning|afternoon|evening|night))?\\b`, 'g'), can: (n) => n.day },
  { re: new RegExp(`\\b(?:${numWord})\\s+${unit}\\s+(?:ago|earlier|later|prior|before)\\b`, 'gi'), can: (n) => n.ago },
  { re: /\b(?:this|last|next|that)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter)\b/g, can: () => true },
  { re: /\b(?:today|yesterday|tomorrow|tonight)\b/gi, can: (n) => n.today },
  { re: /\b(?:in|since|until|by|during)\s+((?:19|20)\d{2})\b/g, can: () => true },
];

function needsOf(text: string): Needs {
  if (text.length < 256) return ALL;
  const lower = text.toLowerCase();
  const any = (s: string, words: string[]): boolean => words.some((w) => s.includes(w));
  return {
    month: any(text, MONTH_PREFIXES),
    day: text.includes('day'),
    ago: any(lower, ['ago', 'earlier', 'later', 'prior', 'before']) && any(lower, ['day', 'week', 'month', 'year']),
    today: any(lower, ['today', 'yesterday', 'tomorrow', 'tonight']),
  };
}

/** Every date expression in the text, longest first where two overlap, in text order. */
export function findDates(text: string, articleDate?: string): DateExpression[] {
  const found: DateExpression[] = [];
  const needs = needsOf(text);
  for (const { re, can } of PATTERNS) {
    if (!can(needs)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      let start = m.index;
      let matched = m[0];
      // patterns with a leading preposition keep only the date itself
      const lead = /^(?:in|since|until|by|during|of)\s+/i.exec(matched);
      if (lead && !/^(?:last|next|this|that)/i.test(matched)) { start += lead[0].length; matched = matched.slice(lead[0].length); }
      found.push({ start, end: start + matched.length, text: matched });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateExpression[] = [];
  for (const d of found) {
    const prev = out[out.length - 1];
    if (prev && d.start < prev.end) continue;
    if (/^May$/i.test(d.text)) continue; // the modal verb
    d.value = normalizeDate(d.text, articleDate);
    out.push(d);
  }
  return out;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function iso(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The normalised value of a date expression, relative ones against the article's date. */
export function normalizeDate(expr: string, articleDate?: string): string | undefined {
  const s = expr.toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
  const base = articleDate && /^\d{4}-\d{2}-\d{2}$/.test(articleDate) ? new Date(`${articleDate}T00:00:00Z`) : undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return s;
  const year = /\b((?:19|20)\d{2})\b/.exec(s)?.[1];
  const monthWord = s.split(' ').find((w) => MONTH_ABBR[w] !== undefined && w !== 'may' || (w === 'may' && /\d/.test(s)));
  const month = monthWord ? MONTH_ABBR[monthWord] : undefined;
  const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(s.replace(/\b(?:19|20)\d{2}\b/, ''))?.[1];
  if (month) {
    const y = year ?? (base ? String(inferYear(base, month)) : undefined);
    if (!y) return undefined;
    return day ? `${y}-${pad(month)}-${pad(Number(day))}` : `${y}-${pad(month)}`;
  }
  if (year && !/ago|prior|earlier|later/.test(s)) return year;
  if (!base) return undefined;
  const wd = WEEKDAYS.findIndex((w) => s.includes(w));
  if (wd >= 0) {
    // the most recent such weekday on or before the article's date
    const d = new Date(base);
    const diff = (d.getUTCDay() - wd + 7) % 7;
    d.setUTCDate(d.getUTCDate() - diff);
    return iso(d);
  }
  if (s === 'today' || s === 'tonight') return iso(base);
  if (s === 'yesterday') { const d = new Date(base); d.setUTCDate(d.getUTCDate() - 1); return iso(d); }
  if (s === 'tomorrow') { const d = new Date(base); d.setUTCDate(d.getUTCDate() + 1); return iso(d); }
  m = /^(?:(a few|a couple of|\w+)\s+)(day|week|month|year)s?\s+(ago|earlier|prior|before|later)$/.exec(s);
  if (m) {
    const count = NUMBER_WORDS[m[1].replace(/^a (few|couple of)$/, '$1').replace('couple of', 'couple')] ?? Number(m[1]);
    if (!Number.isFinite(count)) return undefined;
    const sign = m[3] === 'later' ? 1 : -1;
    const d = new Date(base);
    if (m[2] === 'day') { d.setUTCDate(d.getUTCDate() + sign * count); return iso(d); }
    if (m[2] === 'week') { d.setUTCDate(d.getUTCDate() + sign * 7 * count); return iso(d); }
    if (m[2] === 'month') { d.setUTCMonth(d.getUTCMonth() + sign * count); return iso(d).slice(0, 7); }
    d.setUTCFullYear(d.getUTCFullYear() + sign * count);
    return String(d.getUTCFullYear());
  }
  m = /^(this|last|next) (week|month|year)$/.exec(s);
  if (m) {
    const sign = m[1] === 'last' ? -1 : m[1] === 'next' ? 1 : 0;
    const d = new Date(base);
    if (m[2] === 'week') { d.setUTCDate(d.getUTCDate() + 7 * sign); return isoWeek(d); }
    if (m[2] === 'month') { d.setUTCMonth(d.getUTCMonth() + sign); return iso(d).slice(0, 7); }
    return String(d.getUTCFullYear() + sign);
  }
  return undefined;
}

/** The year that puts a month nearest before (or at) the base date: "July" in a January article is last July. */
function inferYear(base: Date, month: number): number {
  const y = base.getUTCFullYear();
  return month > base.getUTCMonth() + 2 ? y - 1 : y;
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dayNum = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dayNum);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((t.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${pad(week)}`;
}
