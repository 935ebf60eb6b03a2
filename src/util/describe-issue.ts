// Turns the first zod issue into one line that names the bad path, e.g.
// `services[3].State: expected a string, got a number`.
import type { z } from 'zod';
import type { MessageId } from '../messages/en.js';
import type { MessageRef } from '../messages/types.js';
import { isRecord } from './guards.js';

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(top level)';
}

function valueAt(root: unknown, path: readonly Key[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (Array.isArray(cur) && typeof key === 'number') cur = cur[key];
    else if (isRecord(cur) && typeof key === 'string') cur = cur[key];
    else return undefined;
  }
  return cur;
}

function kindOf(value: unknown): MessageRef | string {
  if (value === null) return { id: 'kind.null' };
  if (Array.isArray(value)) return { id: 'kind.array' };
  if (typeof value === 'object') return { id: 'kind.object' };
  if (typeof value === 'string') return { id: 'kind.string' };
  if (typeof value === 'number') return { id: Number.isInteger(value) ? 'kind.number' : 'kind.fraction' };
  if (typeof value === 'boolean') return { id: value ? 'kind.true' : 'kind.false' };
  return typeof value;
}

const EXPECTED: Record<string, MessageId> = {
  string: 'kind.string',
  number: 'kind.number',
  int: 'kind.int',
  boolean: 'kind.boolean',
  array: 'kind.array',
  object: 'kind.object',
  null: 'kind.null',
};
const expected = (name: string): MessageRef | string => (EXPECTED[name] ? { id: EXPECTED[name] } : name);

/** Unions report every branch; keep the branch that got furthest into the input. */
function deepestIssue(issue: Issue): Issue & { fullPath: Key[] } {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: (Issue & { fullPath: Key[] }) | undefined;
    for (const branch of issue.errors) {
      const first = branch[0];
      if (!first) continue;
      const inner = deepestIssue(first);
      const candidate = { ...inner, fullPath: [...issue.path, ...inner.fullPath] };
      if (!best || candidate.fullPath.length >= best.fullPath.length) best = candidate;
    }
    if (best) return best;
  }
  return { ...issue, fullPath: [...issue.path] };
}

export function describeIssue(issue: Issue, input: unknown): MessageRef {
  const deepest = deepestIssue(issue);
  const path = formatPath(deepest.fullPath);
  const actual = valueAt(input, deepest.fullPath);
  switch (deepest.code) {
    case 'invalid_type':
      if (actual === undefined) return { id: 'validation.missing', params: { path, expected: expected(deepest.expected) } };
      return { id: 'validation.type', params: { path, expected: expected(deepest.expected), actual: kindOf(actual) } };
    case 'invalid_value':
      return {
        id: 'validation.oneOf',
        params: { path, values: deepest.values.map((v) => JSON.stringify(v)).join(', '), actual: JSON.stringify(actual) },
      };
    case 'unrecognized_keys':
      return { id: 'validation.unknownKeys', params: { path, keys: deepest.keys.map((k) => JSON.stringify(k)).join(', ') } };
    default:
      return { id: 'validation.other', params: { path, message: deepest.message } };
  }
}
