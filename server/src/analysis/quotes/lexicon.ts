/**
 * Cue words for attributions, with their lemmas.
 *
 * The verb list was taken from the Cue spans of PolNeAR train (networkdynamics/PolNeAR, 840 articles):
 * every single-word cue form seen at least four times whose share of all its occurrences in the
 * train texts that are annotated as a cue is at least 0.3, restricted to verbs that report speech,
 * writing or belief and can take a clause or a quotation ("said" 4481/4853, "told" 409/487,
 * "wrote" 249/279, "noted" 118/122, "argued" 81/91, ...). Verbs of stance without a reported
 * content ("endorsed", "voted", "praised") are left out: they mark attitudes, not quotes.
 */

export interface CueInfo {
  lemma: string;
  /** Takes a person object before its content ("told reporters that ..."). */
  object?: boolean;
  /** Weak cue: believe/think/hope style; used for indirect attribution only with "that" or a clear subject. */
  weak?: boolean;
  /** Usable as a direct-quote frame ("... ," he said). */
  direct?: boolean;
  /** Only introduces a quoted phrase right after it ("called it “a disaster”", "chanted “USA!”"). */
  phrase?: boolean;
}

interface LemmaSpec { lemma: string; forms?: string[]; object?: boolean; weak?: boolean; direct?: boolean; phrase?: boolean }

/** Regular verb forms for a lemma: base, -s, -ed, -ing. */
function inflect(lemma: string): string[] {
  const out = [lemma];
  const last = lemma[lemma.length - 1];
  const cons = (c: string) => !'aeiou'.includes(c);
  out.push(/(s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : last === 'y' && cons(lemma[lemma.length - 2]) ? lemma.slice(0, -1) + 'ies' : lemma + 's');
  if (last === 'e') { out.push(lemma + 'd', lemma.slice(0, -1) + 'ing'); }
  else if (last === 'y' && cons(lemma[lemma.length - 2])) { out.push(lemma.slice(0, -1) + 'ied', lemma + 'ing'); }
  else { out.push(lemma + 'ed', lemma + 'ing'); }
  return out;
}

const SPECS: LemmaSpec[] = [
  { lemma: 'say', forms: ['say', 'says', 'said', 'saying'], direct: true },
  { lemma: 'tell', forms: ['tell', 'tells', 'told', 'telling'], object: true, direct: true },
  { lemma: 'write', forms: ['write', 'writes', 'wrote', 'writing', 'written'], direct: true },
  { lemma: 'add', direct: true },
  { lemma: 'ask', direct: true },
  { lemma: 'state', direct: true },
  { lemma: 'claim', direct: true },
  { lemma: 'insist', direct: true },
  { lemma: 'tweet', direct: true },
  { lemma: 'post', direct: true },
  { lemma: 'note', direct: true },
  { lemma: 'argue', direct: true },
  { lemma: 'warn', direct: true },
  { lemma: 'explain', direct: true },
  { lemma: 'declare', direct: true },
  { lemma: 'announce', direct: true },
  { lemma: 'report', direct: true },
  { lemma: 'recall', direct: true },
  { lemma: 'acknowledge', direct: true },
  { lemma: 'admit', forms: ['admit', 'admits', 'admitted', 'admitting'], direct: true },
  { lemma: 'concede', direct: true },
  { lemma: 'respond', direct: true },
  { lemma: 'reply', direct: true },
  { lemma: 'suggest', direct: true },
  { lemma: 'continue', direct: true },
  { lemma: 'contend', direct: true },
  { lemma: 'allege', direct: true },
  { lemma: 'assert', direct: true },
  { lemma: 'maintain', direct: true },
  { lemma: 'predict', direct: true },
  { lemma: 'conclude', direct: true },
  { lemma: 'complain', direct: true },
  { lemma: 'testify', direct: true },
  { lemma: 'confirm', direct: true },
  { lemma: 'deny', direct: true },
  { lemma: 'emphasize', direct: true },
  { lemma: 'emphasise', direct: true },
  { lemma: 'stress', direct: true },
  { lemma: 'reiterate', direct: true },
  { lemma: 'observe', direct: true },
  { lemma: 'remark', direct: true },
  { lemma: 'joke', direct: true },
  { lemma: 'quip', forms: ['quip', 'quips', 'quipped', 'quipping'], direct: true },
  { lemma: 'shout', direct: true },
  { lemma: 'yell', direct: true },
  { lemma: 'exclaim', direct: true },
  { lemma: 'reveal', direct: true },
  { lemma: 'disclose', direct: true },
  { lemma: 'indicate', direct: true },
  { lemma: 'mention', direct: true },
  { lemma: 'boast', direct: true },
  { lemma: 'lament', direct: true },
  { lemma: 'vow', direct: true },
  { lemma: 'promise', direct: true },
  { lemma: 'pledge', direct: true },
  { lemma: 'counter', direct: true },
  { lemma: 'retort', direct: true },
  { lemma: 'muse', direct: true },
  { lemma: 'wonder', direct: true },
  { lemma: 'interject', direct: true },
  { lemma: 'caution', direct: true },
  { lemma: 'urge', direct: true },
  { lemma: 'email', direct: true },
  { lemma: 'text', direct: true },
  { lemma: 'plead', direct: true },
  { lemma: 'read', forms: ['reads', 'read'], direct: true },
  { lemma: 'comment', direct: true },
  { lemma: 'confess', direct: true },
  { lemma: 'snap', forms: ['snapped'], direct: true },
  { lemma: 'chime', forms: ['chimed'], direct: true },
  { lemma: 'boom', forms: ['boomed'], direct: true },
  { lemma: 'scoff', direct: true },
  { lemma: 'recount', direct: true },
  { lemma: 'propose', direct: true },
  { lemma: 'demand', direct: true },
  { lemma: 'answer', direct: true },
  { lemma: 'proclaim', direct: true },
  { lemma: 'announce', direct: true },
  { lemma: 'declare', direct: true },
  { lemma: 'conclude', direct: true },
  { lemma: 'go on', forms: [] },
  { lemma: 'estimate' },
  { lemma: 'accuse', direct: true },
  { lemma: 'charge' },
  { lemma: 'inform', object: true, direct: true },
  { lemma: 'assure', object: true, direct: true },
  { lemma: 'remind', object: true, direct: true },
  { lemma: 'believe', weak: true },
  { lemma: 'think', forms: ['think', 'thinks', 'thought', 'thinking'], weak: true },
  { lemma: 'hope', weak: true },
  { lemma: 'fear', weak: true },
  { lemma: 'expect', weak: true },
  { lemma: 'learn', forms: ['learned', 'learnt'], weak: true },
  { lemma: 'find', forms: ['found', 'finds'], weak: true },
  { lemma: 'show', forms: ['show', 'shows', 'showed', 'shown'], weak: true },
  { lemma: 'point out', forms: [] },
  ...['call', 'label', 'dub', 'describe', 'brand', 'term', 'thank', 'praise', 'slam', 'blast', 'chant', 'echo', 'mouth',
    'tout', 'deride', 'decry', 'criticize', 'criticise', 'condemn', 'denounce', 'mock', 'characterize', 'characterise',
    'refer', 'cite', 'quote', 'promise', 'pledge', 'vow', 'demand', 'blame', 'applaud', 'hail', 'lambaste', 'attack',
    'dismiss', 'sing', 'scream', 'cry', 'whisper', 'mutter', 'sign', 'headline', 'title', 'nickname', 'pronounce']
    .map((lemma): LemmaSpec => ({ lemma, phrase: true })),
  { lemma: 'read', forms: ['reading'], phrase: true },
  { lemma: 'refer', forms: ['referred', 'referring'], phrase: true },
  { lemma: 'sing', forms: ['sang', 'sung'], phrase: true },
  { lemma: 'title', forms: ['titled', 'entitled'], phrase: true },
];

const table = new Map<string, CueInfo>();
for (const s of SPECS) {
  for (const f of s.forms ?? inflect(s.lemma)) {
    if (!table.has(f)) table.set(f, { lemma: s.lemma, object: s.object, weak: s.weak, direct: s.direct, phrase: s.phrase });
  }
}
// Noun and adjective homographs that are rarely cues in news prose.
for (const f of ['stated', 'post', 'posts', 'posting', 'text', 'texts', 'texting', 'reading', 'counter', 'counters', 'estimate',
  'report', 'reports', 'charge', 'charges', 'state', 'states', 'stress', 'comment', 'comments', 'show', 'reply', 'claim',
  'fear', 'fears', 'continue', 'continues', 'continuing', 'hope', 'hopes', 'promise', 'remark', 'remarks', 'joke', 'jokes',
  'note', 'notes', 'tweet', 'tweets', 'email', 'emails', 'pledge', 'vow', 'maintain', 'maintains', 'shout', 'learn',
  'ask', 'caution', 'add', 'adds', 'finding', 'found', 'posted', 'alleged', 'reveal', 'revealing', 'indicating']) {
  const c = table.get(f);
  if (c) table.set(f, { ...c, weak: true, direct: f === 'stated' || f === 'adds' || f === 'notes' || f === 'tweets' || f === 'reports' ? c.direct : false });
}
table.set('stated', { lemma: 'state', direct: true });
table.set('adds', { lemma: 'add', direct: true });
table.set('notes', { lemma: 'note', direct: true });
table.set('reports', { lemma: 'report', direct: true });
table.set('tweets', { lemma: 'tweet', direct: true, weak: true });

/** Cue information for a lower-cased word form, or undefined. */
export function cueInfo(word: string): CueInfo | undefined {
  return table.get(word);
}

export const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);

/** Words that can stand between a subject and its cue verb ("he also said", "she has repeatedly argued"). */
export const SKIP_BEFORE_CUE = new Set(['also', 'has', 'have', 'had', 'later', 'then', 'once', 'previously', 'recently',
  'reportedly', 'again', 'repeatedly', 'further', 'would', 'will', 'did', 'does', 'do', 'had', 'never', 'often', 'frequently',
  'publicly', 'privately', 'bluntly', 'flatly', 'simply', 'just', 'already', 'first', 'initially', 'subsequently',
  'similarly', 'likewise', 'famously', 'openly', 'angrily', 'quickly', 'immediately', 'earlier', 'may', 'might',
  'could', 'should', 'must', 'can', 'is', 'was', 'were', 'are', 'been', 'be', 'not', "n't", 'even', 'still', 'only',
  'always', 'correctly', 'falsely', 'wrongly', 'rightly', 'recently', 'loudly', 'jokingly', 'pointedly', 'explicitly']);

/** Words that end a noun phrase when walking backwards from a cue (they belong to the clause before it). */
export const NP_STOP = new Set(['that', 'which', 'who', 'whom', 'whose', 'when', 'where', 'while', 'because', 'but', 'or',
  'as', 'if', 'after', 'before', 'since', 'than', 'so', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'for', 'about',
  'into', 'what', 'how', 'why', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'said', 'says', 'say',
  'told', 'and', 'nor', 'yet', 'although', 'though', 'until', 'unless', 'whether', 'once', 'then', 'also', 'not', 'it',
  'there', 'this', 'these', 'those', 'we', 'they', 'he', 'she', 'i', 'you', 'him', 'her', 'them', 'us', 'me', 'would',
  'will', 'could', 'should', 'may', 'might', 'can', 'must', 'do', 'does', 'did', 'according', 'during', 'over', 'under',
  'against', 'between', 'through', 'without', 'within', 'upon', 'among', 'amid', 'like', 'unlike', 'toward', 'towards']);

export const DETERMINERS = new Set(['the', 'a', 'an', 'another', 'one', 'two', 'three', 'several', 'some', 'many', 'most',
  'his', 'her', 'their', 'its', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'other', 'both', 'each', 'every',
  'senior', 'top', 'former', 'local', 'officials', 'no']);

/** Nouns that name a person by role ("the commander said"); used to decide that a speaker phrase is a role. */
export const ROLE_NOUNS = new Set(['commander', 'general', 'minister', 'president', 'spokesman', 'spokeswoman', 'spokesperson',
  'official', 'officer', 'chief', 'head', 'leader', 'director', 'secretary', 'governor', 'senator', 'candidate',
  'nominee', 'mayor', 'chairman', 'chairwoman', 'chair', 'ceo', 'founder', 'lawmaker', 'congressman', 'congresswoman',
  'representative', 'ambassador', 'adviser', 'advisor', 'aide', 'analyst', 'expert', 'professor', 'author', 'writer',
  'reporter', 'journalist', 'lawyer', 'attorney', 'judge', 'prosecutor', 'colonel', 'major', 'captain', 'lieutenant',
  'admiral', 'sergeant', 'soldier', 'mp', 'deputy', 'speaker', 'businessman', 'billionaire', 'mogul', 'democrat',
  'republican', 'manager', 'strategist', 'pollster', 'source', 'blogger', 'commentator', 'politician', 'chancellor',
  'premier', 'king', 'queen', 'prince', 'pope', 'bishop', 'priest', 'doctor', 'executive', 'activist', 'host', 'anchor',
  'woman', 'man', 'veteran', 'nominee', 'challenger', 'incumbent', 'frontrunner', 'front-runner', 'campaign', 'organizer']);
