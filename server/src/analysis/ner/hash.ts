/**
 * 32-bit string and integer hashing for feature ids. Features are never built as strings:
 * each token's strings are hashed once, and a feature id is a mix of a template number and
 * one to three of those hashes, masked to the model's bucket count.
 */

/** FNV-1a over the UTF-16 code units of s[from, to). */
export function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/**
 * One mixing stage (murmur3 finaliser) of h with a value: mix1(t, a) is stage(t, a), and longer
 * combinations continue from the last stage, so a caller can work out the first stages once.
 */
export function stage(h: number, x: number): number {
  h = Math.imul(h + 0x9e3779b9, 0x85ebca6b) ^ x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A well-mixed combination of a template id with one value. */
export function mix1(t: number, a: number): number {
  return stage(t, a);
}

/** mix1(mix1(t, a), b). */
export function mix2(t: number, a: number, b: number): number {
  return stage(stage(t, a), b);
}

/** mix1(mix1(mix1(t, a), b), c). */
export function mix3(t: number, a: number, b: number, c: number): number {
  return stage(stage(stage(t, a), b), c);
}
