// Turns the first zod issue into one line that names the bad path, e.g.
// `services[3].State: expected a string, got a number`.
import type { z } from 'zod';
import type { MessageId } from '../messages/en.js';
import { formatMessage } from '../messages/format.js';

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
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<Key, unknown>)[key as string];
  }
  return cur;
}

function kindOf(value: unknown): string {
  if (value === null) return formatMessage('kind.null');
  if (Array.isArray(value)) return formatMessage('kind.array');
  if (typeof value === 'object') return formatMessage('kind.object');
  if (typeof value === 'string') return formatMessage('kind.string');
  if (typeof value === 'number') return formatMessage(Number.isInteger(value) ? 'kind.number' : 'kind.fraction');
  if (typeof value === 'boolean') return formatMessage(value ? 'kind.true' : 'kind.false');
  return typeof value;
}

const EXPECTED: Record<string, MessageId> = {
  string: 'kind.string', number: 'kind.number', int: 'kind.int', boolean: 'kind.boolean', array: 'kind.array',
  object: 'kind.object', null: 'kind.null',
};
const expected = (name: string) => (EXPECTED[name] ? formatMessage(EXPECTED[name]) : name);

/** Unions report every branch; keep the branch that got furthest into the input. */
function deepestIssue(issue: Issue): Issue & { fullPath: Key[] } {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: (Issue & { fullPath: Key[] }) | undefined;
    for (const branch of issue.errors) {
      const first = branch[0];
      if (!first) continue;
      const inner = deepestIssue(first);
      const candidate = { ...inner, fullPath: [...issue.path, ...inner.fullPath] } as Issue & { fullPath: Key[] };
      if (!best || candidate.fullPath.length >= best.fullPath.length) best = candidate;
    }
    if (best) return best;
  }
  return { ...issue, fullPath: [...issue.path] } as Issue & { fullPath: Key[] };
}

export function describeIssue(issue: Issue, input: unknown): string {
  const deepest = deepestIssue(issue);
  const path = formatPath(deepest.fullPath);
  const actual = valueAt(input, deepest.fullPath);
  switch (deepest.code) {
    case 'invalid_type':
      if (actual === undefined) return formatMessage('validation.missing', { path, expected: expected(deepest.expected) });
      return formatMessage('validation.type', { path, expected: expected(deepest.expected), actual: kindOf(actual) });
    case 'invalid_value':
      return formatMessage('validation.oneOf', { path, values: deepest.values.map((v) => JSON.stringify(v)).join(', '), actual: JSON.stringify(actual) });
    case 'unrecognized_keys':
      return formatMessage('validation.unknownKeys', { path, keys: deepest.keys.map((k) => JSON.stringify(k)).join(', ') });
    default:
      return formatMessage('validation.other', { path, message: deepest.message });
  }
}
