/**
 * The AWS Query protocol flattens structures and lists into dotted names:
 * `Tags.Tag.1.Key=k&Tags.Tag.1.Value=v`, `Filters.Filter.1.Values.Value.1=x`.
 * This turns them back into objects and arrays, so zod schemas can read them.
 */
type Nested = { [key: string]: Nested | string };

const MAX_LIST_INDEX = 1000;
const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

export function expandQueryParams(flat: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Nested = Object.create(null) as Nested;
  for (const [name, value] of Object.entries(flat)) {
    const parts = name.split('.');
    // No RDS parameter has these names; as path segments they would reach object prototypes.
    if (parts.some((part) => UNSAFE_SEGMENTS.has(part))) continue;
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const next = node[part];
      if (typeof next === 'object') node = next;
      else node = node[part] = Object.create(null) as Nested;
    }
    const leaf = parts[parts.length - 1]!;
    if (typeof node[leaf] !== 'object') node[leaf] = value;
  }
  return toListsWhereIndexed(root) as Record<string, unknown>;
}

function isIndexed(keys: readonly string[]): boolean {
  return keys.length > 0 && keys.every((k) => /^[1-9]\d*$/.test(k) && Number(k) <= MAX_LIST_INDEX);
}

function toListsWhereIndexed(node: Nested | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (isIndexed(keys)) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => toListsWhereIndexed(node[k]!));
  }
  // `Tags.Tag.N` / `Names.member.N`: a list wrapped in its member name.
  if (keys.length === 1) {
    const only = node[keys[0]!]!;
    if (typeof only === 'object' && isIndexed(Object.keys(only))) return toListsWhereIndexed(only);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = toListsWhereIndexed(node[k]!);
  return out;
}
