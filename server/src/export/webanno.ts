/**
 * W3C Web Annotation (JSON-LD): one AnnotationCollection per article; each entity mention is an
 * annotation whose body tags it with its type (and links the global entity), each quote one whose body
 * names its speaker. Targets carry a TextQuoteSelector (exact, prefix, suffix) and a
 * TextPositionSelector (code points, as the model specifies).
 */
import { makeAnchor } from '../annotations/anchor';
import { ExportDoc, Offsets } from './common';

export function toWebAnnotation(d: ExportDoc, sourceUri: string): object {
  const off = new Offsets(d.text);
  const target = (start: number, end: number): object => {
    const a = makeAnchor(d.text, start, end);
    return {
      source: sourceUri,
      selector: [
        { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        { type: 'TextPositionSelector', start: off.codePoint(start), end: off.codePoint(end) },
      ],
    };
  };
  const items: object[] = [];
  d.doc.mentions.forEach((m, i) => {
    const g = m.type === 'DATE' ? undefined : d.entityId(m.local);
    const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: m.type }];
    if (g) body.push({ type: 'TextualBody', purpose: 'identifying', value: g });
    if (m.value) body.push({ type: 'TextualBody', purpose: 'describing', value: m.value });
    items.push({ id: `#mention-${i + 1}`, type: 'Annotation', motivation: 'identifying', body, target: target(m.start, m.end) });
  });
  d.doc.quotes.forEach((q, i) => {
    const body: object[] = [{ type: 'TextualBody', purpose: 'classifying', value: `quote:${q.kind}` }];
    if (q.speaker) {
      const g = d.entityId(q.speaker.local);
      body.push({ type: 'TextualBody', purpose: 'describing', value: `speaker: ${q.speaker.text}${g ? ` (${g})` : ''}` });
    }
    items.push({ id: `#quote-${i + 1}`, type: 'Annotation', motivation: 'classifying', body, target: target(q.start, q.end) });
  });
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `${sourceUri}#byline`,
    type: 'AnnotationCollection',
    label: `Byline annotations of ${d.path} (${d.source})`,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
