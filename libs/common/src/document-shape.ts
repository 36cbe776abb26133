/**
 * What makes a parsed JSON document unsafe to hand to class-transformer, class-validator or
 * Postgres, whatever its schema: nesting deeper than the caller allows (those libraries recurse once
 * per level, and a few thousand levels overflowed the stack — a 500 on HTTP, a consumer stopped for
 * good on Kafka), a key naming an object's prototype machinery, or a string that is not text (a NUL
 * or half a surrogate pair, which Postgres refuses to store in text and jsonb alike). The HTTP body
 * parser and the event contracts both ask this before any parsing into classes.
 */
export type DocumentShapeProblem =
  | { kind: 'too-deep'; field: string }
  | { kind: 'prototype-key'; field: string }
  | { kind: 'not-text'; field: string };

/** Keys that are never fields of ours: class-transformer skips them silently, and a copy onto an object could change its prototype. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A NUL character or half of a surrogate pair (with the u flag, a whole pair is one code point and does not match). */
const NOT_TEXT = /[\u0000\uD800-\uDFFF]/u;

/**
 * The first problem of a document's shape, with the path where it is (`household.members[2]`), or
 * undefined. Iterative (an explicit stack): the point is to refuse documents too deep for recursion.
 */
export function documentShapeProblem(doc: unknown, maxDepth: number): DocumentShapeProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: doc, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string' && NOT_TEXT.test(value)) return { kind: 'not-text', field: path };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { kind: 'too-deep', field: path };
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, v] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key) || NOT_TEXT.test(key)) return { kind: 'prototype-key', field };
      stack.push({ value: v, path: field, depth: depth + 1 });
    }
  }
  return undefined;
}
