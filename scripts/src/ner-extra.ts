/**
 * Extra hand-written training documents, written for this project in the style of wire news about
 * armies, ministries and the war in Ukraine (curly quotes, em dashes, "Maj Gen", ordinal army names,
 * title-case headlines, datelines). None is taken from the seed articles or from evaluation data;
 * most names are invented. They teach what CoNLL-2003 (1996 Reuters) rarely shows: ranks written
 * without periods stay outside a person's name, "58th Combined Arms Army" is one organisation,
 * "X region" keeps the place, messaging apps and mercenary groups are organisations.
 *
 * Markup: [TYPE words] marks an entity; each line is one paragraph; a blank line separates documents.
 */
import { layout, tokenize } from '../../server/out/analysis/text';
import { ConllDoc } from './conll';

const DOCS = `
Ukrainian Drones Strike Fuel Depot Near [LOC Melitopol]
([ORG Reuters]) – A fuel depot near the occupied city of [LOC Melitopol] burned through the night after a drone attack, [MISC Ukrainian] officials said on Sunday.
Maj Gen [PER Pavel Dorokhin], who leads the [ORG 35th Combined Arms Army], said in a post on [ORG Telegram] that air defences had shot down most of the drones.
Lt Gen [PER Mikhail Teplinsky] visited the front line in the [LOC Kherson] region, according to the [ORG Russian Defence Ministry].
The [ORG Institute for the Study of War] ([ORG ISW]), a think tank based in [LOC Washington], said the strike would slow [MISC Russian] logistics in the south.
[ORG ISW] analysts added that [PER Dorokhin]’s troops were short of ammunition.

Kremlin Replaces Commander After Complaints From the Front
[LOC Moscow] — The army has replaced the commander of the [ORG 20th Guards Army], Major-General [PER Andrei Kolotovkin], after he complained about shortages, two [MISC Russian] military bloggers said.
General [PER Kolotovkin] had told the [ORG General Staff] that his men in the [LOC Luhansk] region needed rest.
“We were ordered to hold at any cost,” Gen [PER Kolotovkin] said in an audio message shared on [ORG Telegram].
The [ORG Defense Ministry] in [LOC Moscow] did not comment. Defence Minister [PER Sergei Shoigu] has not spoken publicly about the dismissal.
Chief of the General Staff [PER Valery Gerasimov] was said to have signed the order.

Mercenary Group Recruits in Prisons Again
Fighters of the [ORG Wagner] group were seen in [LOC Belarus] this week, [ORG CNN] reported.
The [ORG Wagner] founder, [PER Yevgeny Prigozhin], had led a short-lived mutiny in June.
Several [ORG Wagner] commanders later joined the [ORG Russian National Guard], the [ORG BBC] said.
Lieutenant General [PER Oleg Markov], the deputy commander of the [ORG Central Military District], was quoted by the [ORG Tass] news agency.
[MISC Russian] MP [PER Viktor Sobolev] said the group’s future was unclear.
[PER Markov]’s comments were later deleted.

Shelling Hits Power Station in Southern Region
Heavy fighting continued in the southern [LOC Zaporizhzhia] region, where [MISC Ukrainian] forces advanced near [LOC Robotyne], the [ORG Ukrainian General Staff] said.
The [ORG 58th Army] and the [ORG 7th Airborne Division] have defended the area since the spring, according to the [ORG Institute for the Study of War].
A [MISC Ukrainian] spokesman, Colonel [PER Oleksandr Shtupun], said [MISC Russian] troops had lost a command post near [LOC Tokmak].
The attack used [MISC British] [MISC Storm Shadow] missiles, the [ORG UK Ministry of Defence] confirmed.
Residents of [LOC Enerhodar] and [LOC Vasylivka] reported long power cuts.

General Says He Was Fired for Telling the Truth
A senior [MISC Russian] commander says he was removed from his post after raising concerns about losses in the [LOC Donetsk] region.
Maj Gen [PER Ilya Sorokin] was in charge of the [ORG 8th Combined Arms Army], which has been fighting near [LOC Bakhmut].
In a voice note, Maj Gen [PER Sorokin] said he had asked for more artillery support.
His message was posted by [MISC Russian] lawmaker [PER Anna Kuznetsova] on the messaging app [ORG Telegram].
[PER Sorokin]’s dismissal was approved by the defence minister, [PER Sergei Shoigu], according to the [ORG Rybar] channel.
“I could not stay silent,” [PER Sorokin] said.

Ministry Denies Rift Among Top Brass
The [ORG Russian Defence Ministry] on Thursday denied reports of a rift between Gen [PER Gerasimov] and field commanders.
Col Gen [PER Gennady Anashkin], commander of the [ORG Southern Military District], appeared on state television.
[ORG RIA Novosti] and [ORG Interfax] both carried the ministry’s statement.
The [ORG Federation Council] speaker, [PER Valentina Matviyenko], called the reports “a provocation”.
Brig Gen [PER Patrick Ryder], a [ORG Pentagon] spokesman, said [LOC Washington] was watching closely.

Ex-Officer Describes Chaos in Occupied South
[LOC Kyiv], [LOC Ukraine] ([ORG AP]) – A former officer of the [ORG 42nd Motor Rifle Division] described chaos in the occupied south.
He spoke to the [ORG Associated Press] from [LOC Georgia], where he fled in the autumn.
President [PER Volodymyr Zelensky] said on Wednesday that [MISC Ukrainian] troops had retaken two villages near [LOC Orikhiv].
[MISC Ukrainian] President [PER Zelensky] thanked [MISC American] and [MISC European] partners.
[PER Zelensky]’s chief of staff, [PER Andriy Yermak], met envoys in [LOC Kyiv].

Russian Blogger Says Generals Are Hiding the Losses
The military blogger, who writes as [PER Vladlen Tatarsky], told his 500,000 followers on [ORG Telegram] that the losses were being hidden.
Defence Minister [PER Shoigu] and Gen [PER Valery Gerasimov] were responsible, he wrote.
The [ORG Ministry of Defence] did not respond to a request for comment from [ORG Reuters].
Army General [PER Sergei Surovikin] has not been seen since the mutiny, [ORG The Moscow Times] reported.
[PER Surovikin]’s daughter said he was “resting”.

Title: Commander Accuses [ORG Defense Ministry] of Lying About Losses
Subtitle: Second Senior Officer in a Month Breaks Ranks Over [LOC Bakhmut]
Furthermore, the general said the ministry had ignored his reports.
Moreover, two of his deputies were moved to other units without notice.
Meanwhile, the [ORG Defence Ministry] in [LOC Moscow] said the losses were “within expectations”.
Nevertheless, [MISC Russian] bloggers kept publishing the figures.
Consequently, the [ORG General Staff] opened an inquiry, [ORG Interfax] reported.
Photo by [PER Tomasz Wrona] on [ORG Unsplash]
Officials Blame [ORG Interior Ministry] of [LOC Dagestan] for the Delay
`;

/** Parse the markup into CoNLL-like documents, tokenised by our own tokenizer. */
export function EXTRA_TRAINING(): ConllDoc[] {
  const out: ConllDoc[] = [];
  for (const block of DOCS.split(/\n\s*\n/)) {
    if (!block.trim()) continue;
    let text = '';
    const spans: Array<{ start: number; end: number; type: string }> = [];
    const re = /\[(PER|ORG|LOC|MISC) ([^\]]+)\]/g;
    let last = 0;
    const src = block.trim();
    for (let m = re.exec(src); m; m = re.exec(src)) {
      text += src.slice(last, m.index);
      spans.push({ start: text.length, end: text.length + m[2].length, type: m[1] });
      text += m[2];
      last = m.index + m[0].length;
    }
    text += src.slice(last);
    const lay = layout(text, tokenize(text));
    const tokens = lay.tokens.map((t) => t.text);
    const tags = lay.tokens.map(() => 'O');
    for (const s of spans) {
      let first = true;
      for (let i = 0; i < lay.tokens.length; i++) {
        const t = lay.tokens[i];
        if (t.start >= s.start && t.end <= s.end) { tags[i] = (first ? 'B-' : 'I-') + s.type; first = false; }
        else if (t.start < s.end && t.end > s.start) throw new Error(`extra training: token ${t.text} crosses entity ${text.slice(s.start, s.end)}`);
      }
    }
    out.push({ tokens, tags, sentences: lay.sentences.map((s) => [s.tokenStart, s.tokenEnd] as [number, number]) });
  }
  return out;
}
