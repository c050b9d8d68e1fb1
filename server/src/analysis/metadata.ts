/**
 * The article's outlet, date and title, from its header and dateline:
 * "date 2023-07-13 Title: ...", "(CNN) –", "Headline - IT SPARK Media", a photo credit line.
 */
import { ArticleMetadata } from './model';

const KNOWN_OUTLETS: Record<string, string> = {
  cnn: 'CNN', bbc: 'BBC', reuters: 'Reuters', ap: 'AP', afp: 'AFP', 'associated press': 'AP', bloomberg: 'Bloomberg',
  'the guardian': 'The Guardian', 'the new york times': 'The New York Times', 'the washington post': 'The Washington Post',
  'al jazeera': 'Al Jazeera', 'fox news': 'Fox News', nbc: 'NBC', abc: 'ABC', cbs: 'CBS', npr: 'NPR', politico: 'Politico',
  breitbart: 'Breitbart', 'huffington post': 'HuffPost', huffpost: 'HuffPost', axios: 'Axios', 'the hill': 'The Hill',
};

const PHOTO_CREDIT = /^(?:photo(?:graph)?:?\s*|image:?\s*)?(?:[\p{Lu}][\p{L}.'-]*\s+){0,4}[\p{Lu}][\p{L}.'-]*\s+(?:on|via|for|\/)\s+(?:Unsplash|Pexels|Getty Images|Shutterstock|Reuters|AP|AFP|Pixabay|Wikimedia Commons|Flickr)\s*$/u;

interface Line { start: number; end: number; text: string }

function firstLines(text: string, count: number): Line[] {
  const lines: Line[] = [];
  let i = 0;
  while (i < text.length && lines.length < count) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    const raw = text.slice(i, j);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) lines.push({ start: i + lead, end: i + lead + t.length, text: t });
    i = j + 1;
  }
  return lines;
}

export function detectMetadata(text: string): ArticleMetadata {
  const meta: ArticleMetadata = {};
  const lines = firstLines(text, 6);
  if (lines.length === 0) return meta;
  let first = lines[0];

  // "date 2023-07-13 Title: Russian General Sacked ..." (a scraper's header)
  const header = /^date\s+(\d{4}-\d{2}-\d{2})\b\s*/i.exec(first.text);
  if (header) {
    meta.date = header[1];
    meta.dateSpan = { start: first.start + header[0].indexOf(header[1]), end: first.start + header[0].indexOf(header[1]) + 10 };
    const rest = first.text.slice(header[0].length);
    const title = /^Title:\s*(.+)$/i.exec(rest);
    if (title) {
      const off = first.start + header[0].length + rest.indexOf(title[1]);
      meta.title = title[1].trim();
      meta.titleSpan = { start: off, end: off + meta.title.length };
    }
  }

  // A photo credit as the first line is skipped.
  if (!header && PHOTO_CREDIT.test(first.text) && lines.length > 1) first = lines[1];

  // "Headline - Outlet Name" on the first line
  if (!meta.title) {
    const dash = /^(.{10,200}?)\s+[-–—|]\s+([\p{Lu}][\p{L}&.' ]{1,40})$/u.exec(first.text);
    if (dash && !/[.!?]["”’]?$/.test(dash[1]) && dash[2].split(' ').length <= 5) {
      meta.title = dash[1].trim();
      meta.titleSpan = { start: first.start, end: first.start + meta.title.length };
      meta.outlet = dash[2].trim();
      const off = first.start + first.text.lastIndexOf(meta.outlet);
      meta.outletSpan = { start: off, end: off + meta.outlet.length };
    } else if (!header && first.text.length <= 160 && !/[.!?]["”’]?$/.test(first.text) && !PHOTO_CREDIT.test(first.text) &&
      /^[\p{Lu}'‘"“]/u.test(first.text)) {
      // A short first line without final punctuation is a headline.
      meta.title = first.text;
      meta.titleSpan = { start: first.start, end: first.end };
    }
  }

  // "(CNN) –" or "WASHINGTON (Reuters) -" dateline near the start
  const dateline = /(?:^|\n)\s*(?:[A-Z][A-Z .,'-]{1,40}\s+)?\(([A-Za-z][A-Za-z .&]{1,30})\)\s*[-–—]/.exec(text.slice(0, 3000));
  if (dateline) {
    const name = dateline[1].trim();
    meta.outlet = meta.outlet ?? KNOWN_OUTLETS[name.toLowerCase()] ?? name;
    const off = dateline.index + dateline[0].indexOf(name);
    meta.outletSpan = meta.outletSpan ?? { start: off, end: off + name.length };
  }
  return meta;
}

const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "CNN, 13 Jul 2023" or the file name where nothing is known. */
export function sourceLabel(meta: ArticleMetadata, fileName: string): string {
  const parts: string[] = [];
  if (meta.outlet) parts.push(meta.outlet);
  if (meta.date) {
    const [y, m, d] = meta.date.split('-').map(Number);
    parts.push(`${d} ${MONTH_SHORT[m - 1]} ${y}`);
  }
  if (parts.length === 0) return fileName;
  if (!meta.outlet) parts.unshift(fileName);
  return parts.join(', ');
}
