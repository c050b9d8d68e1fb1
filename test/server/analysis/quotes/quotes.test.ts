import * as assert from 'assert';
import type * as Quotes from '../../../../server/src/analysis/quotes';
import type * as Text from '../../../../server/src/analysis/text';
import type { Quote } from '../../../../server/src/analysis/model';
import { serverModule } from '../../../helpers/server';
import { mentionsFor, EntitySpec } from '../../../helpers/mentions';

const { findQuotes } = serverModule<typeof Quotes>('analysis/quotes');
const { layout } = serverModule<typeof Text>('analysis/text');

function run(text: string, specs: EntitySpec[] = []): { quotes: Quote[]; names: string[] } {
  const { mentions, entities } = mentionsFor(text, specs);
  return { quotes: findQuotes(text, layout(text), mentions, entities), names: entities.map((e) => e.name) };
}

const CHURCHILL: EntitySpec = { type: 'PER', forms: ['Winston Churchill', 'Churchill'] };
const SMITH: EntitySpec = { type: 'PER', forms: ['Anna Smith', 'Smith'] };

describe('direct quotes and their speakers', () => {
  it('finds "Q," X said with straight quotes and X said: "Q" with curly quotes', () => {
    const text = '"We shall fight on the beaches," Winston Churchill said.\n\nAnna Smith said: \u201cThe plan is ready.\u201d\n';
    const { quotes, names } = run(text, [CHURCHILL, SMITH]);
    const direct = quotes.filter((q) => q.kind === 'direct');
    assert.deepStrictEqual(direct.map((q) => q.text), ['We shall fight on the beaches,', 'The plan is ready.']);
    assert.deepStrictEqual(direct.map((q) => names[q.speaker!.local]), ['Winston Churchill', 'Anna Smith']);
    assert.deepStrictEqual(direct.map((q) => q.cue?.text), ['said', 'said']);
  });

  it('finds the speaker after the cue in "Q," said X and keeps the quotation marks out of the span', () => {
    const text = 'Opening line of the story.\n\u201cNothing has changed,\u201d said Anna Smith, the mayor.\n';
    const { quotes, names } = run(text, [SMITH]);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(q.text, 'Nothing has changed,');
    assert.strictEqual(text.slice(q.start - 1, q.start), '\u201c');
    assert.strictEqual(names[q.speaker!.local], 'Anna Smith');
    assert.strictEqual(q.speaker!.via, 'explicit');
  });

  it('links the two halves of a quote split by its attribution', () => {
    const text = '"We are ready," Churchill told reporters, "and we will not give up."\n';
    const { quotes, names } = run(text, [CHURCHILL]);
    assert.strictEqual(quotes.length, 2);
    assert.strictEqual(quotes[1].text, 'and we will not give up.');
    assert.strictEqual(quotes[1].continuesFrom, 0);
    assert.strictEqual(names[quotes[1].speaker!.local], 'Winston Churchill');
    assert.strictEqual(quotes[0].cue?.lemma, 'tell');
  });

  it('continues a quote over paragraphs that open again without closing', () => {
    const text = [
      'Winston Churchill spoke in the Commons on Tuesday.',
      '"We shall go on to the end," he said. "We shall fight in France, we shall fight on the seas and oceans.',
      '"We shall defend our island, whatever the cost may be.',
      '"We shall never surrender."',
      'The speech was broadcast later that evening.',
    ].join('\n\n');
    const { quotes, names } = run(text, [CHURCHILL]);
    const direct = quotes.filter((q) => q.kind === 'direct');
    assert.deepStrictEqual(direct.map((q) => q.paragraph), [1, 1, 2, 3]);
    assert.strictEqual(direct[1].text, 'We shall fight in France, we shall fight on the seas and oceans.');
    assert.strictEqual(direct[2].text, 'We shall defend our island, whatever the cost may be.');
    assert.strictEqual(direct[3].text, 'We shall never surrender.');
    for (const q of direct) assert.strictEqual(names[q.speaker!.local], 'Winston Churchill', q.text);
    assert.strictEqual(quotes[quotes.indexOf(direct[2])].continuesFrom, quotes.indexOf(direct[1]));
    assert.strictEqual(quotes[quotes.indexOf(direct[3])].continuesFrom, quotes.indexOf(direct[2]));
    assert.ok(!direct.some((q) => q.unbalanced));
  });

  it('gives an unattributed quote paragraph to the speaker of the quote before it', () => {
    const text = '"The road is long," Smith said.\n\n"But we have started walking."\n\nThe council meets again in May.\n';
    const { quotes, names } = run(text, [SMITH]);
    const q = quotes.find((x) => x.text === 'But we have started walking.')!;
    assert.strictEqual(q.speaker?.via, 'continuation');
    assert.strictEqual(names[q.speaker!.local], 'Anna Smith');
  });

  it('resolves "the commander said" to the person the article made commander', () => {
    const text = 'Maj Gen Ivan Popov was the commander of the 58th Army.\n\n"We were hit from the rear," the commander said.\n';
    const { quotes, names } = run(text, [{ type: 'PER', forms: ['Ivan Popov', 'Popov'] }]);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(q.speaker?.text, 'the commander');
    assert.strictEqual(q.speaker?.via, 'role');
    assert.strictEqual(names[q.speaker!.local], 'Ivan Popov');
  });
});

describe('unbalanced, partial and headline quotes', () => {
  it('cuts a quote that never closes at the end of its paragraph', () => {
    const text = 'Smith said "this sentence never closes and runs on.\n\nThe next paragraph is narrative with "a scare quote" inside.\n\nA third paragraph.\n';
    const { quotes } = run(text, [SMITH]);
    const first = quotes.find((q) => q.text.startsWith('this sentence'))!;
    assert.strictEqual(first.text, 'this sentence never closes and runs on.');
    assert.strictEqual(first.unbalanced, true);
    assert.strictEqual(first.paragraph, 0);
    const scare = quotes.find((q) => q.text === 'a scare quote')!;
    assert.strictEqual(scare.paragraph, 1);
    assert.strictEqual(scare.kind, 'partial');
    assert.ok(!quotes.some((q) => q.start < text.indexOf('\n\n') && q.end > text.indexOf('\n\n')));
  });

  it('marks a quoted phrase inside a sentence as partial, with the accuser as speaker', () => {
    const text = 'Gen Valery Gerasimov accused Maj Gen Ivan Popov of "alarmism and blackmailing senior management" after the meeting.\n';
    const { quotes, names } = run(text, [{ type: 'PER', forms: ['Valery Gerasimov'] }, { type: 'PER', forms: ['Ivan Popov'] }]);
    const q = quotes.find((x) => x.kind === 'partial')!;
    assert.strictEqual(q.text, 'alarmism and blackmailing senior management');
    assert.strictEqual(names[q.speaker!.local], 'Valery Gerasimov');
  });

  it('finds single-quoted words in a headline and ignores apostrophes', () => {
    const text = '\u2018Resting,\u2019 Fired, Believed Dead: Russia\u2019s Missing Generals\n\nThe generals\u2019 fate is unclear.\n';
    const { quotes } = run(text);
    assert.deepStrictEqual(quotes.filter((q) => q.kind !== 'indirect').map((q) => q.text), ['Resting,']);
  });
});

describe('indirect attribution', () => {
  it('reads "According to X, ..." with the content after the comma', () => {
    const text = 'According to the Institute for the Study of War, Russian forces lack operational reserves.\n';
    const { quotes, names } = run(text, [{ type: 'ORG', forms: ['Institute for the Study of War'] }]);
    assert.strictEqual(quotes.length, 1);
    const q = quotes[0];
    assert.strictEqual(q.kind, 'indirect');
    assert.strictEqual(q.text, 'Russian forces lack operational reserves');
    assert.strictEqual(q.cue?.lemma, 'according to');
    assert.strictEqual(q.speaker?.via, 'according-to');
    assert.strictEqual(names[q.speaker!.local], 'Institute for the Study of War');
  });

  it('reads "..., according to X." with the content before it', () => {
    const text = 'The order came from the head of the armed forces, according to military bloggers.\n';
    const q = run(text).quotes[0];
    assert.strictEqual(q.text, 'The order came from the head of the armed forces');
    assert.strictEqual(q.speaker?.text, 'military bloggers');
  });

  it('reads "X said (that) ..." and "..., X said."', () => {
    const text = 'Anna Smith said that the bridge would reopen in May.\n\nThe tunnel will stay closed, a spokesman said.\n';
    const { quotes, names } = run(text, [SMITH]);
    assert.deepStrictEqual(quotes.map((q) => q.text), ['that the bridge would reopen in May', 'The tunnel will stay closed']);
    assert.deepStrictEqual(quotes.map((q) => q.kind), ['indirect', 'indirect']);
    assert.strictEqual(names[quotes[0].speaker!.local], 'Anna Smith');
    assert.strictEqual(quotes[1].speaker?.text, 'a spokesman');
    assert.strictEqual(quotes[1].speaker?.local, -1);
  });

  it('reads "X told Y that ..." without the hearer in the content', () => {
    const text = 'Smith told reporters that the vote was rigged.\n';
    const q = run(text, [SMITH]).quotes[0];
    assert.strictEqual(q.text, 'that the vote was rigged');
    assert.strictEqual(q.cue?.text, 'told');
  });
});

describe('mixed quotations, titles and attributions around a quotation', () => {
  const SANDERS: EntitySpec = { type: 'PER', forms: ['Bernie Sanders', 'Sanders'] };
  const SROKA: EntitySpec = { type: 'PER', forms: ['Adam Sroka', 'Sroka'] };
  const TRUMP: EntitySpec = { type: 'PER', forms: ['Donald Trump', 'Trump'] };
  const RUBIO: EntitySpec = { type: 'PER', forms: ['Marco Rubio', 'Rubio'] };
  const OBAMA: EntitySpec = { type: 'PER', forms: ['Barack Obama', 'Obama'] };

  it('makes a lower-case quotation inside the reporter\'s sentence partial, inside an indirect content with its speaker', () => {
    const text = 'Whatever route he chooses, Sanders "has pole-vaulted himself into a real leadership position," Adam Sroka said.\n';
    const { quotes, names } = run(text, [SANDERS, SROKA]);
    const partial = quotes.find((q) => q.kind === 'partial')!;
    assert.strictEqual(partial.text, 'has pole-vaulted himself into a real leadership position,');
    const indirect = quotes.find((q) => q.kind === 'indirect')!;
    assert.ok(indirect.start <= text.indexOf('Whatever') + 1 && indirect.end >= partial.end, JSON.stringify(indirect));
    assert.strictEqual(names[indirect.speaker!.local], 'Adam Sroka');
    assert.strictEqual(indirect.cue?.lemma, 'say');
    assert.ok(!quotes.some((q) => q.kind === 'direct'));
  });

  it('takes the attribution of a question from the next sentence: "Q?" Sanders said.', () => {
    const text = 'The crowd waited.\n\n"You got the names of everybody who\'s here?" Sanders said. "Okay, great!"\n';
    const { quotes, names } = run(text, [SANDERS]);
    const direct = quotes.filter((q) => q.kind !== 'indirect');
    assert.strictEqual(direct[0].text, "You got the names of everybody who's here?");
    assert.strictEqual(direct[0].cue?.text, 'said');
    assert.strictEqual(names[direct[0].speaker!.local], 'Bernie Sanders');
    assert.strictEqual(names[direct[1].speaker!.local], 'Bernie Sanders');
  });

  it('gives "adding" its own attribution in "Q1," she said, adding, "Q2" with the same speaker', () => {
    const text = 'The campaign was asked about the ads. "They are not affiliated with the campaign," Anna Smith said, adding, "Mr. Trump is grateful for their support."\n';
    const { quotes, names } = run(text, [SMITH, TRUMP]);
    const direct = quotes.filter((q) => q.kind === 'direct');
    assert.strictEqual(direct.length, 2);
    assert.deepStrictEqual(direct.map((q) => q.cue?.text), ['said', 'adding']);
    assert.deepStrictEqual(direct.map((q) => names[q.speaker!.local]), ['Anna Smith', 'Anna Smith']);
    assert.strictEqual(direct[1].continuesFrom, undefined);
  });

  it('closes a quotation whose closing mark was typed as an opening one', () => {
    const text = 'Chuck Todd was shocked. \u201cDo you want to be associated with a fascist?\u201c he asked.\n\n\u201cNo,\u201d Trump said.\n';
    const { quotes } = run(text, [TRUMP]);
    const direct = quotes.filter((q) => q.kind === 'direct');
    assert.deepStrictEqual(direct.map((q) => q.text), ['Do you want to be associated with a fascist?', 'No,']);
    assert.strictEqual(direct[0].cue?.text, 'asked');
  });

  it('takes the name of a show after "told" or "on" for a title, not for a quote', () => {
    const text = '"Of course he is fair game," Anna Smith told "Fox and Friends," reminding the hosts of the record.\n';
    const { quotes, names } = run(text, [SMITH]);
    const show = quotes.find((q) => q.text.startsWith('Fox'))!;
    assert.strictEqual(show.kind, 'partial');
    assert.strictEqual(show.speaker, undefined);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(names[q.speaker!.local], 'Anna Smith');
  });

  it('takes a name in quotation marks after "his autobiography," for a title, not for a quote of the writer', () => {
    const text = "A self-described ''geeky kid,'' Mr. Cruz changed his name as a teenager. In his autobiography, ''A Time for Truth,'' published in 2015, Mr. Cruz described how, growing up, Rafael turned into Ted.\n";
    const { quotes } = run(text, [{ type: 'PER', forms: ['Ted Cruz', 'Mr. Cruz', 'Cruz'] }]);
    const title = quotes.find((q) => q.text.startsWith('A Time for Truth'))!;
    assert.ok(title, JSON.stringify(quotes.map((q) => q.text)));
    assert.strictEqual(title.kind, 'partial');
    assert.strictEqual(title.speaker, undefined);
    assert.strictEqual(title.cue, undefined);
  });

  it('gives a quote paragraph the speaker of "X issued the following statement:" before it', () => {
    const text = 'Donald Trump issued the following statement:\n\n"Our prayers are with all those affected by the horrible attacks."\n';
    const { quotes, names } = run(text, [TRUMP]);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(names[q.speaker!.local], 'Donald Trump');
    assert.strictEqual(q.cue?.text, 'issued');
  });

  it('gives a quotation signed with a dash and a name to that name, after it or as the next paragraph', () => {
    const text = 'Readers wrote in.\n\n\u201cHe is not fit to lead.\u201d \u2015 Anna Smith\n\n\u201dFear. I am truly afraid.\u201d \u2015 Winston Churchill\n\n"We pay zero taxes."\n\n- Sanders.\n';
    const { quotes, names } = run(text, [SMITH, CHURCHILL, SANDERS]);
    const direct = quotes.filter((q) => q.kind === 'direct');
    assert.deepStrictEqual(direct.map((q) => q.text), ['He is not fit to lead.', 'Fear. I am truly afraid.', 'We pay zero taxes.']);
    assert.deepStrictEqual(direct.map((q) => names[q.speaker!.local]), ['Anna Smith', 'Winston Churchill', 'Bernie Sanders']);
    assert.deepStrictEqual(direct.map((q) => q.cue?.text), ['\u2015', '\u2015', '-']);
  });

  it('makes quotations joined by "and" one content of one attribution', () => {
    const text = 'The crowd chanted back at Donald Trump, "Send them home," and "Build the wall."\n';
    const { quotes } = run(text, [TRUMP]);
    const q = quotes.filter((x) => x.kind !== 'indirect');
    assert.deepStrictEqual(q.map((x) => x.text), ['Send them home,', 'Build the wall.']);
    assert.strictEqual(q[1].continuesFrom, quotes.indexOf(q[0]));
    assert.strictEqual(q[1].cue?.text, q[0].cue?.text);
  });

  it('gives no speaker to a subhead in single quotes after a quoted paragraph', () => {
    const text = '"I give him the benefit of the doubt," Anna Smith said. "But I don\'t see where it is going."\n\n\'Coal Isn\'t the Villain.\'\n\nIt was raining when the miners arrived.\n';
    const { quotes } = run(text, [SMITH]);
    const subhead = quotes.find((q) => q.text.startsWith('Coal'))!;
    assert.ok(subhead, JSON.stringify(quotes.map((q) => q.text)));
    assert.strictEqual(subhead.speaker, undefined);
    assert.strictEqual(subhead.continuesFrom, undefined);
  });

  it('finds the cue after a speaker and a long apposition, and a bare "Trump said." after a full stop', () => {
    const text = 'Not everyone was happy.\n\n\u201cWe\u2019ve had better conventions than this one,\u201d Texas delegate Anna Smith, wearing a cowboy hat and a campaign button, said.\n\n\u201cRussia, if you\u2019re listening, I hope you find the emails.\u201d Trump said.\n';
    const { quotes, names } = run(text, [SMITH, TRUMP]);
    const direct = quotes.filter((q) => q.kind === 'direct');
    assert.deepStrictEqual(direct.map((q) => q.cue?.text), ['said', 'said']);
    assert.deepStrictEqual(direct.map((q) => names[q.speaker!.local]), ['Anna Smith', 'Donald Trump']);
  });

  it('gives a participle cue after a comma the subject of its sentence, not the hearer after it', () => {
    const text = 'Anna Smith spoke in Ohio on Sunday, telling the crowd, "We will win this state."\n';
    const { quotes, names } = run(text, [SMITH]);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(q.cue?.text, 'telling');
    assert.strictEqual(names[q.speaker!.local], 'Anna Smith');
  });

  it('reads two opening marks typed one after the other as one ("“You don’t win ...,” Rubio responded)', () => {
    const text = 'It is an open question.\n\n"\u201cYou don\u2019t win the nomination by how many states you win,\u201d Rubio responded before adding that he will have to win some.\n';
    const { quotes, names } = run(text, [RUBIO]);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(q.text, 'You don\u2019t win the nomination by how many states you win,');
    assert.strictEqual(q.cue?.text, 'responded');
    assert.strictEqual(names[q.speaker!.local], 'Marco Rubio');
  });

  it('takes "X told Y in an interview." in the next sentence as the frame of a question: "Q?" Trump told ...', () => {
    const text = 'He would unite Britain against him.\n\u201cIt looks like we\u2019re not going to have a very good relationship, who knows?\u201d Trump told Britain\u2019s ITV television station in an interview.\n';
    const { quotes, names } = run(text, [TRUMP]);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(q.cue?.text, 'told');
    assert.strictEqual(names[q.speaker!.local], 'Donald Trump');
  });

  it('keeps "Q1," he said, but "q2 ..." one quotation of one speaker, not an indirect content', () => {
    const text = 'The state relies heavily on coal. "You know, I love Larry," Obama said, but "when it comes to energy issues, Larry has a history of representing fossil fuel industries."\n';
    const { quotes, names } = run(text, [OBAMA]);
    const second = quotes.find((x) => x.text.startsWith('when it comes'))!;
    assert.strictEqual(second.kind, 'partial');
    assert.strictEqual(second.continuesFrom, quotes.findIndex((x) => x.text.startsWith('You know')));
    assert.strictEqual(names[second.speaker!.local], 'Barack Obama');
    assert.ok(!quotes.some((x) => x.kind === 'indirect' && x.start < second.start && x.end >= second.end), JSON.stringify(quotes.map((x) => [x.kind, x.text])));
  });
});


describe('indirect contents around their cue (PolNeAR train excerpts)', () => {
  const COHN: EntitySpec = { type: 'PER', forms: ['Nate Cohn', 'Cohn'] };

  it('gives a raising cue ("is expected to") the whole clause, its subject included, as one content', () => {
    const text = 'The bank has held rates near zero since 2008. The central bank is expected to act at its final meeting of the year in December.\n';
    const indirect = run(text).quotes.filter((q) => q.kind === 'indirect');
    assert.deepStrictEqual(indirect.map((q) => q.text), ['The central bank is expected to act at its final meeting of the year in December']);
    assert.strictEqual(indirect[0].cue?.text, 'is expected');
  });

  it('runs the content a mixed quotation ends over its frame: "If ..., Cohn wrote, “the assumption ...”"', () => {
    const text = 'If whites who often vote for the more conservative Democrat were moving his way, Cohn wrote, \u201cthe assumption that Mrs. Clinton will easily maintain her strength among nonwhite voters may be shakier than once thought.\u201d\n';
    const { quotes, names } = run(text, [COHN]);
    const indirect = quotes.filter((q) => q.kind === 'indirect');
    assert.strictEqual(indirect.length, 1, JSON.stringify(quotes.map((q) => [q.kind, q.text])));
    assert.ok(indirect[0].text.startsWith('If whites') && indirect[0].text.endsWith('thought.\u201d'), indirect[0].text);
    assert.strictEqual(names[indirect[0].speaker!.local], 'Nate Cohn');
    assert.strictEqual(quotes.find((q) => q.text.startsWith('the assumption'))?.kind, 'partial');
  });

  it('joins a subordinate clause and its main clause over "the campaign said" between commas', () => {
    const text = 'The campaign is weighing a challenge in Iowa. If it\u2019s just a small number of delegates at stake, the campaign said, it may not bother taking that step.\n';
    // (the first sentence may have a content of its own, "weighing" as its cue: not what this test is about)
    const indirect = run(text).quotes.filter((q) => q.kind === 'indirect' && q.start >= text.indexOf('If'));
    assert.deepStrictEqual(indirect.map((q) => q.text), ['If it\u2019s just a small number of delegates at stake, the campaign said, it may not bother taking that step']);
    assert.strictEqual(indirect[0].speaker?.text, 'the campaign');
  });
});

describe('indirect contents that are a name or a complement (PolNeAR train excerpts)', () => {
  it('ends a content that is a name right after its cue with the name, not with the verb\'s adjuncts after it', () => {
    const text = 'Sanders praises Obama after a 45-minute meeting on policy and politics.\n';
    const { quotes } = run(text, [{ type: 'PER', forms: ['Barack Obama', 'Obama'] }, { type: 'PER', forms: ['Bernie Sanders', 'Sanders'] }]);
    const indirect = quotes.filter((q) => q.kind === 'indirect');
    assert.deepStrictEqual(indirect.map((q) => q.text), ['Obama'], JSON.stringify(quotes.map((q) => [q.kind, q.text, q.cue?.text])));
    assert.strictEqual(indirect[0].cue?.text, 'praises');
  });

  it('makes no content of "as ..." after "described X"', () => {
    const text = 'Sanders described Trump as a former liberal who would unravel the policies.\n';
    const { quotes } = run(text, [{ type: 'PER', forms: ['Donald Trump', 'Trump'] }, { type: 'PER', forms: ['Bernie Sanders', 'Sanders'] }]);
    assert.ok(!quotes.some((q) => q.kind === 'indirect' && /^as\b/.test(q.text)), JSON.stringify(quotes.map((q) => [q.kind, q.text])));
  });
});

describe('a quotation that runs on into the reporter\'s words (PolNeAR train excerpt)', () => {
  it('makes “We’re extremely happy” about the decision, said X a partial quotation inside one content up to the frame', () => {
    const text = 'The union backed the plan.\n\n\u201cWe\u2019re extremely happy\u201d about the decision, said RoseAnn DeMoro, executive director of National Nurses United.\n';
    const { quotes, names } = run(text, [{ type: 'PER', forms: ['RoseAnn DeMoro', 'DeMoro'] }]);
    const partial = quotes.find((q) => q.text === 'We\u2019re extremely happy')!;
    assert.strictEqual(partial.kind, 'partial');
    const content = quotes.find((q) => q.kind === 'indirect' && q.start < partial.start && q.end > partial.end)!;
    assert.ok(content, JSON.stringify(quotes.map((q) => [q.kind, q.text])));
    assert.strictEqual(content.text, '\u201cWe\u2019re extremely happy\u201d about the decision');
    assert.strictEqual(content.cue?.text, 'said');
    assert.strictEqual(names[content.speaker!.local], 'RoseAnn DeMoro');
  });
});

describe('an inner quotation closed against the outer one (PolNeAR train excerpt)', () => {
  it('finds "said X" after the three marks of ,\'\'\' by the rules alone, not a stray mark as the speaker', () => {
    const text = "The Bush family has a style of its own.\n\n''I would use the word 'old-school,''' said Gregory W. Slayton, who is now supporting Senator Marco Rubio.\n";
    const before = process.env.BYLINE_QUOTES_RULES;
    process.env.BYLINE_QUOTES_RULES = '1';
    try {
      const { quotes, names } = run(text, [{ type: 'PER', forms: ['Gregory W. Slayton', 'Slayton'] }, { type: 'PER', forms: ['Marco Rubio', 'Rubio'] }]);
      const q = quotes.find((x) => x.kind === 'direct')!;
      assert.strictEqual(q.text, "I would use the word 'old-school,");
      assert.strictEqual(q.cue?.text, 'said');
      assert.strictEqual(names[q.speaker!.local], 'Gregory W. Slayton');
    } finally {
      if (before === undefined) delete process.env.BYLINE_QUOTES_RULES; else process.env.BYLINE_QUOTES_RULES = before;
    }
  });
});

describe('the subject of a participle cue (PolNeAR train excerpts)', () => {
  const TRUMP: EntitySpec = { type: 'PER', forms: ['Donald J. Trump', 'Mr. Trump', 'Trump'] };
  const CLINTON: EntitySpec = { type: 'PER', forms: ['Bill Clinton', 'Mr. Clinton', 'Clinton'] };

  it('skips an opening phrase ("Back in 1999,") to the subject of ", telling CNBC: ..."', () => {
    const text = "Back in 1999, Mr. Trump expressed admiration for Mr. Clinton's retail political skills, telling CNBC: ''I wish I could be like that. I just can't.''\n";
    const { quotes, names } = run(text, [TRUMP, CLINTON]);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(q.cue?.text, 'telling');
    assert.strictEqual(names[q.speaker!.local], 'Donald J. Trump');
  });

  it('skips a dateline ("WASHINGTON —") to the subject of ", saying: ..."', () => {
    const text = 'WASHINGTON \u2014 Anna Smith rallied supporters on Tuesday, saying: \u201cWe have to be ready to stop him.\u201d\n';
    const { quotes, names } = run(text, [SMITH]);
    const q = quotes.find((x) => x.kind === 'direct')!;
    assert.strictEqual(q.cue?.text, 'saying');
    assert.strictEqual(names[q.speaker!.local], 'Anna Smith');
  });
});

describe('a headline quotation after a colon (PolNeAR train headline)', () => {
  it('gives ‘Q’ in "Cecile Richards: ‘Q’" to the person named before the colon, with the colon as the cue', () => {
    const text = 'Cecile Richards: \u2018I\u2019m Sick Of Men Telling Us What To Do With Our Bodies.\u2019\n\nPlanned Parenthood\u2019s president spoke on Tuesday.\n';
    // the rules alone (the tagger may find it too)
    const before = process.env.BYLINE_QUOTES_RULES;
    process.env.BYLINE_QUOTES_RULES = '1';
    try {
      const { quotes, names } = run(text, [{ type: 'PER', forms: ['Cecile Richards', 'Richards'] }]);
      const q = quotes.find((x) => x.text.startsWith('I\u2019m Sick'))!;
      assert.strictEqual(q.kind, 'direct');
      assert.strictEqual(q.cue?.text, ':');
      assert.strictEqual(names[q.speaker!.local], 'Cecile Richards');
    } finally {
      if (before === undefined) delete process.env.BYLINE_QUOTES_RULES; else process.env.BYLINE_QUOTES_RULES = before;
    }
  });
});

describe('a quotation paragraph after a partial quotation (PolNeAR train excerpt)', () => {
  it('gives the speaker of "calling Trump “an orange buffoon,” Susan said." to the quotation that opens the next paragraph', () => {
    const text = 'The crowd cheered at the rally.\n\nShe had made a cape calling Trump \u201can orange buffoon,\u201d Susan Smith said as she turned around and spread her cape.\n\n\u201cBut he\u2019s our orange buffoon, and we love him!\u201d\n';
    const before = process.env.BYLINE_QUOTES_RULES;
    process.env.BYLINE_QUOTES_RULES = '1';
    try {
      const { quotes, names } = run(text, [{ type: 'PER', forms: ['Susan Smith', 'Susan'] }, { type: 'PER', forms: ['Donald Trump', 'Trump'] }]);
      const partial = quotes.find((x) => x.text.startsWith('an orange'))!;
      assert.strictEqual(partial.kind, 'partial');
      const q = quotes.find((x) => x.text.startsWith('But he'))!;
      assert.strictEqual(q.kind, 'direct');
      assert.strictEqual(names[q.speaker!.local], 'Susan Smith');
      assert.strictEqual(q.speaker!.via, 'continuation');
    } finally {
      if (before === undefined) delete process.env.BYLINE_QUOTES_RULES; else process.env.BYLINE_QUOTES_RULES = before;
    }
  });
});

describe('a quotation paragraph after a quotation paragraph and its frame (PolNeAR train excerpts)', () => {
  const VIGUERIE: EntitySpec = { type: 'PER', forms: ['Richard Viguerie', 'Viguerie'] };

  it('links “Q2” to “Q1,” Viguerie tells Breitbart News ... when each quotation opens its paragraph and the frame ends the first', () => {
    const text = 'Richard Viguerie made the case for Ted Cruz.\n\n\u201cTed Cruz is the best conservative candidate since Ronald Reagan,\u201d Viguerie tells Breitbart News in an exclusive interview.\n\n\u201cHe\u2019s what we\u2019ve waited for ever since Reagan. He checks all our boxes.\u201d\n';
    const { quotes, names } = run(text, [VIGUERIE]);
    const first = quotes.findIndex((q) => q.text.startsWith('Ted Cruz is'));
    const second = quotes.find((q) => q.text.startsWith('He\u2019s what'))!;
    assert.strictEqual(second.kind, 'direct');
    assert.strictEqual(second.continuesFrom, first);
    assert.strictEqual(names[second.speaker!.local], 'Richard Viguerie');
  });

  it('gives a quotation paragraph after one that opened inside the reporter\'s words the same speaker but a content of its own', () => {
    const text = 'Candidates can travel at the speed of Twitter. \u201cYou can wreck their career in a minute,\u201d Anna Smith said.\n\n\u201cIt\u2019s not a good story if you don\u2019t get a death threat.\u201d\n';
    const { quotes, names } = run(text, [SMITH]);
    const second = quotes.find((q) => q.text.startsWith('It\u2019s not'))!;
    assert.strictEqual(names[second.speaker!.local], 'Anna Smith');
    assert.strictEqual(second.continuesFrom, undefined);
  });
});

describe('a quotation that ends a reported clause "said that ..." (PolNeAR train excerpts)', () => {
  const RUBIO: EntitySpec = { type: 'PER', forms: ['Marco Rubio', 'Rubio'] };

  it('makes “Q” in "Rubio said that once the Senate goes on recess, “Q”" a partial quotation inside one content from "that"', () => {
    const text = 'Cruz declined to comment. By contrast, Sen. Marco Rubio said that once the Senate goes on recess, \u201cI intend to do as much as I can, wherever I can be helpful.\u201d\n';
    const { quotes, names } = run(text, [RUBIO]);
    const q = quotes.find((x) => x.text.startsWith('I intend'))!;
    assert.strictEqual(q.kind, 'partial');
    const content = quotes.find((x) => x.kind === 'indirect' && x.start < q.start && x.end >= q.end)!;
    assert.ok(content.text.startsWith('that once the Senate'), content.text);
    assert.strictEqual(names[content.speaker!.local], 'Marco Rubio');
  });

  it('keeps a quotation direct after "noted that ..., and added:" and after "added that,"', () => {
    const text = 'The president noted that he taught constitutional law, and added: \u201cI know a little about this.\u201d He added that, \u201cWe will not wait.\u201d\n';
    const direct = run(text).quotes.filter((x) => x.kind === 'direct');
    assert.deepStrictEqual(direct.map((x) => x.text), ['I know a little about this.', 'We will not wait.']);
  });
});

describe('a name given in quotation marks by a relative clause (PolNeAR train excerpt)', () => {
  it('starts the content of "which Mr. Trump called “...”" at "which", so that the quotation is no statement of its own', () => {
    const text = 'Forbes says it is $4.5 billion. Bloomberg pegged him at $2.9 billion, which Mr. Trump called \'\'a disgrace,\'\' blaming Michael R. Bloomberg.\n';
    const { quotes } = run(text, [{ type: 'PER', forms: ['Mr. Trump', 'Trump'] }, { type: 'PER', forms: ['Michael R. Bloomberg'] }]);
    const q = quotes.find((x) => x.text.startsWith('a disgrace'))!;
    assert.strictEqual(q.kind, 'partial');
    assert.ok(quotes.some((x) => x.kind === 'indirect' && x.text.startsWith('which Mr. Trump called')), JSON.stringify(quotes.map((x) => [x.kind, x.text])));
  });
});

describe('names of works and slogans in title case (PolNeAR train excerpts)', () => {
  it('gives nobody the title-cased names "Crippled America: How to Make America Great Again," and "Sons of Trump"', () => {
    const text = 'Mexican newspapers have been inspecting Trump\'s new book, "Crippled America: How to Make America Great Again," for clues about his plans.\n\n"Sons of Trump" happily roots around in those entrails as it satirizes capitalist pigs.\n';
    const quotes = run(text, [{ type: 'PER', forms: ['Trump'] }]).quotes.filter((q) => q.kind !== 'indirect');
    assert.strictEqual(quotes.length, 2);
    for (const q of quotes) {
      assert.strictEqual(q.kind, 'partial', q.text);
      assert.strictEqual(q.speaker, undefined, q.text);
    }
  });

  it('gives nobody a title-cased name inside the reporter\'s sentence even with a cue after it: set to publish \'\'Trump Revealed,\'\' a biography written by ...', () => {
    const text = 'Later that month, Scribner is set to publish \'\'Trump Revealed,\'\' a biography written by the Washington Post editor Marc Fisher.\n';
    const q = run(text, [{ type: 'PER', forms: ['Marc Fisher'] }]).quotes.find((x) => x.text.startsWith('Trump Revealed'))!;
    assert.strictEqual(q.kind, 'partial');
    assert.strictEqual(q.speaker, undefined);
  });

  it('keeps a title-cased quotation that a frame after it gives to a speaker: \'\'Nusra is Al Qaeda,\'\' Mr. Kerry said', () => {
    const text = 'The group changed its name.\n\n\'\'Nusra is Al Qaeda,\'\' Mr. Kerry said. No name change would alter that.\n';
    const { quotes, names } = run(text, [{ type: 'PER', forms: ['Mr. Kerry', 'Kerry'] }]);
    const q = quotes.find((x) => x.text.startsWith('Nusra'))!;
    assert.strictEqual(q.kind, 'direct');
    assert.strictEqual(names[q.speaker!.local], 'Mr. Kerry');
  });
});

describe('a second speech verb of the same speaker before a quotation (PolNeAR train excerpts)', () => {
  const TRUMP: EntitySpec = { type: 'PER', forms: ['Donald Trump', 'Trump'] };
  const GRAHAM: EntitySpec = { type: 'PER', forms: ['Lindsey Graham', 'Graham'] };

  it('gives "Q2" in "“Q1,” Trump said before adding: “Q2”" its own attribution with "adding" as the cue', () => {
    const text = 'Republicans have refused to vote.\n\n"If she gets to pick her judges, nothing you can do folks," Trump said before adding: "Though the Second Amendment people, maybe there is, I don\'t know."\n';
    const { quotes, names } = run(text, [TRUMP]);
    const q2 = quotes.find((q) => q.text.startsWith('Though'))!;
    assert.strictEqual(q2.kind, 'direct');
    assert.strictEqual(q2.cue?.text, 'adding');
    assert.strictEqual(names[q2.speaker!.local], 'Donald Trump');
    assert.strictEqual(q2.continuesFrom, undefined);
  });

  it('gives "Q2" in "“Q1,” Graham said on MSNBC, adding, “Q2”" the cue "adding" and the speaker of Q1, as a content of its own', () => {
    const text = 'Polls differ.\n\n\u201cI think John Kasich would be the best nominee, but he doesn\'t have a chance,\u201d Graham said on MSNBC\'s "Morning Joe," adding, \u201cJohn Kasich\'s problem is he is an insider in an outsider year.\u201d\n';
    const { quotes, names } = run(text, [GRAHAM]);
    const q2 = quotes.find((q) => q.text.startsWith('John Kasich\'s problem'))!;
    assert.strictEqual(q2.cue?.text, 'adding');
    assert.strictEqual(names[q2.speaker!.local], 'Lindsey Graham');
    assert.strictEqual(q2.continuesFrom, undefined);
  });
});

describe('a statement paragraph introduced after an opening phrase (PolNeAR train excerpt)', () => {
  it('gives the paragraph after "When Wallace died in 1998, President Clinton released the following statement:" to Clinton', () => {
    const text = 'Wallace was governor of Alabama.\n\nWhen Wallace died in 1998, President Clinton released the following statement:\n\n\u201cHillary and I offer our condolences to the family and friends of George Wallace.\u201d\n';
    const { quotes, names } = run(text, [{ type: 'PER', forms: ['Bill Clinton', 'President Clinton', 'Clinton'] }, { type: 'PER', forms: ['George Wallace', 'Wallace'] }]);
    const q = quotes.find((x) => x.text.startsWith('Hillary and I'))!;
    assert.strictEqual(q.kind, 'direct');
    assert.strictEqual(q.cue?.text, 'released');
    assert.strictEqual(names[q.speaker!.local], 'Bill Clinton');
  });
});

describe('a quotation that ends with a quotation inside it (PolNeAR train excerpt)', () => {
  it('reads the question mark before ’” as the end of the quotation and finds "Renteria told reporters" in the next sentence', () => {
    const text = 'She has experience in the state.\n\n\u201cWhen this came about and [Clinton] read about it, her immediate response has been, \u2018Let\u2019s see what\u2019s going on, and what can we do to help?\u2019\u201d Renteria told reporters during Tuesday\u2019s conference call.\n';
    const { quotes, names } = run(text, [{ type: 'PER', forms: ['Amanda Renteria', 'Renteria'] }]);
    const q = quotes.find((x) => x.text.startsWith('When this came'))!;
    assert.strictEqual(q.kind, 'direct');
    assert.strictEqual(q.cue?.text, 'told');
    assert.strictEqual(names[q.speaker!.local], 'Amanda Renteria');
  });
});

describe('a name and a colon before a quotation, as in transcripts and roundups (PolNeAR train excerpts)', () => {
  it('gives "Rep. Trey Gowdy (R-S.C.):" and "... - Jeffrey M. Jones:" their quotations, with the colon as the cue', () => {
    const text = 'The exchange went on.\n\nRep. Trey Gowdy (R-S.C.):"Who told you that 90 to 95 percent of your e-mails were in the system?"\n\nRED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: \u201cGallup\u2019s analysis finds that 20 states are solidly Republican.\u201d\n';
    const { quotes, names } = run(text, [{ type: 'PER', forms: ['Trey Gowdy', 'Gowdy'] }, { type: 'PER', forms: ['Jeffrey M. Jones'] }]);
    const direct = quotes.filter((q) => q.kind === 'direct');
    assert.deepStrictEqual(direct.map((q) => names[q.speaker!.local]), ['Trey Gowdy', 'Jeffrey M. Jones']);
    assert.deepStrictEqual(direct.map((q) => q.cue?.text), [':', ':']);
  });
});

describe('a paragraph that opens with a single quoted word (PolNeAR train excerpts)', () => {
  it('does not give "Containment" in the paragraph after Bush\'s quotation to Bush', () => {
    const text = 'Clinton and Bush reject the term.\n\nBush: "The mission is to destroy ISIS -- not to contain it."\n\n"Containment" has been U.S. policy against major foes since the Korean War.\n';
    const { quotes } = run(text, [{ type: 'PER', forms: ['Jeb Bush', 'Bush'] }, { type: 'PER', forms: ['Hillary Clinton', 'Clinton'] }]);
    const q = quotes.find((x) => x.text === 'Containment')!;
    assert.strictEqual(q.speaker, undefined);
    assert.notStrictEqual(q.kind, 'direct');
  });
});

describe('a quotation after a sentence of its own that ends with a colon (PolNeAR train excerpt)', () => {
  it('keeps “Q2” after "In a Fox interview later that day, Trump went even further:" apart from Trump\'s quotation before it', () => {
    const text = 'Rubio would lose.\n\u201cI certainly don\u2019t think that he would be considered by anybody as a vice president,\u201d Trump said in an MSNBC interview. In a Fox interview later that day, Trump went even further: \u201cIf he goes forward and loses, it\u2019s the end of his career.\u201d\n';
    const { quotes, names } = run(text, [{ type: 'PER', forms: ['Donald Trump', 'Trump'] }, { type: 'PER', forms: ['Marco Rubio', 'Rubio'] }]);
    const q2 = quotes.find((q) => q.text.startsWith('If he goes'))!;
    assert.strictEqual(q2.continuesFrom, undefined);
    assert.strictEqual(names[q2.speaker!.local], 'Donald Trump');
  });
});
