/**
 * A stand-in mention finder for the quote evaluation when the real pipeline is not available:
 * capitalised word sequences outside sentence-initial function words, typed by a few cues
 * (organisation words, a following comma-title), grouped into local entities by their last word.
 */

import { layout } from '../../server/out/analysis/text';
import { Mention, LocalEntity, EntityType } from '../../server/out/analysis/model';

const ORG_WORDS = new Set(['party', 'committee', 'department', 'ministry', 'post', 'times', 'news', 'campaign', 'council',
  'congress', 'senate', 'house', 'court', 'university', 'institute', 'association', 'foundation', 'agency', 'bureau',
  'commission', 'network', 'press', 'journal', 'group', 'army', 'service', 'fund', 'union', 'inc', 'corp', 'company',
  'cnn', 'fbi', 'cia', 'nato', 'gop', 'rnc', 'dnc', 'reuters', 'ap', 'msnbc', 'fox', 'abc', 'nbc', 'cbs', 'isw', 'tass',
  'kremlin', 'pentagon', 'democrats', 'republicans', 'administration', 'office', 'center', 'centre', 'school', 'board']);
const NOT_NAME = new Set(['the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'but', 'and', 'in', 'on', 'at', 'this',
  'that', 'these', 'those', 'his', 'her', 'their', 'its', 'there', 'when', 'while', 'after', 'before', 'as', 'if', 'for',
  'of', 'to', 'with', 'by', 'from', 'so', 'yet', 'or', 'mr', 'mrs', 'ms', 'dr', 'mr.', 'mrs.', 'ms.', 'dr.', 'gen', 'maj',
  'lt', 'sen.', 'rep.', 'gov.', 'president', 'senator', 'governor', 'general', 'secretary', 'minister', 'said', 'says',
  'according', 'what', 'who', 'how', 'why', 'where', 'one', 'some', 'many', 'our', 'my', 'your', 'you', 'me', 'not', 'no',
  'yes', 'all', 'now', 'then', 'here', 'also', 'however', 'meanwhile', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'read', 'more', 'related', 'photo', 'image', 'watch', 'via', 'advertisement']);

export function simpleMentions(text: string): { mentions: Mention[]; entities: LocalEntity[] } {
  const { tokens } = layout(text);
  const mentions: Mention[] = [];
  let k = 0;
  while (k < tokens.length) {
    const t = tokens[k];
    const cap = t.kind === 'word' && /^\p{Lu}/u.test(t.text) && !NOT_NAME.has(t.text.toLowerCase());
    if (!cap) { k++; continue; }
    let j = k + 1;
    while (j < tokens.length && tokens[j].kind === 'word' && /^\p{Lu}/u.test(tokens[j].text) && !NOT_NAME.has(tokens[j].text.toLowerCase())) j++;
    const words = tokens.slice(k, j).map((x) => x.text);
    const lowerWords = words.map((w) => w.toLowerCase().replace(/\.$/, ''));
    let type: EntityType = words.length >= 2 ? 'PER' : 'MISC';
    if (lowerWords.some((w) => ORG_WORDS.has(w)) || words.every((w) => w.length > 1 && w === w.toUpperCase())) type = 'ORG';
    const prev = k > 0 ? tokens[k - 1].text.toLowerCase().replace(/\.$/, '') : '';
    if (['mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'president', 'senator', 'governor', 'secretary'].includes(prev)) type = 'PER';
    mentions.push({ start: t.start, end: tokens[j - 1].end, text: text.slice(t.start, tokens[j - 1].end), type, local: -1 });
    k = j;
  }
  // group by last word; a single word takes the type of the longer name it ends or starts
  const entities: LocalEntity[] = [];
  const byKey = new Map<string, number>();
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const words = m.text.split(/\s+/);
    const last = words[words.length - 1].replace(/[’']s$/, '');
    const key = (words.length === 1 ? last : last).toLowerCase();
    let e = byKey.get(key);
    if (e === undefined && words.length === 1) e = byKey.get('first:' + key);
    if (e === undefined) {
      e = entities.length;
      entities.push({ type: m.type, name: m.text, mentions: [], aliases: [], titles: [] });
      byKey.set(key, e);
      if (words.length > 1) byKey.set('first:' + words[0].toLowerCase(), e);
    }
    const ent = entities[e];
    if (words.length > 1 && ent.type === 'MISC') ent.type = m.type;
    if (words.length > ent.name.split(/\s+/).length) ent.name = m.text;
    m.local = e;
    ent.mentions.push(i);
    if (!ent.aliases.includes(m.text)) ent.aliases.push(m.text);
  }
  for (const m of mentions) m.type = entities[m.local].type;
  return { mentions, entities };
}
