/** Diagnostics: where the sources disagree, and problems with the file itself. */
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { Severity } from '../analysis/model';
import { Articles } from '../workspace/articles';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** `imported`: someone else's annotations of this article, shown as hints (see workspace/imports.ts). */
export function diagnostics(articles: Articles, uri: string, imported: Array<{ start: number; end: number; message: string }> = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const h of imported) {
    out.push({ range: articles.range(uri, h.start, h.end), severity: DiagnosticSeverity.Hint, source: 'byline (imported)', code: 'imported', message: h.message });
  }
  const entry = articles.entry(uri);
  for (const p of entry?.problems ?? []) {
    out.push({ range: articles.range(uri, p.start, p.end), severity: p.code === 'encoding' || p.code === 'annotation' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      source: 'byline', code: p.code, message: p.message });
  }
  for (const d of articles.index.diagnostics(uri)) {
    out.push({
      range: articles.range(uri, d.start, d.end),
      severity: SEVERITY[d.severity],
      source: 'byline',
      code: d.code,
      message: d.message,
      relatedInformation: d.related.map((r) => ({ location: { uri: r.uri, range: articles.range(r.uri, r.start, r.end) }, message: r.message })),
      tags: [] as DiagnosticTag[],
      data: { key: d.key, entity: d.entity, ...d.data },
    });
  }
  return out;
}
