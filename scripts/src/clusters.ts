/**
 * Distributional word clusters from unlabeled text (placeholder: filled in below).
 */
export function buildClusters(texts: string[], trainWords: string[][], log: (...a: unknown[]) => void): Map<number, number> {
  void texts; void trainWords; void log;
  return new Map();
}
