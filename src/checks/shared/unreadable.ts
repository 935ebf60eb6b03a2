import type { KeyLookup } from '../../snapshot/registry.js';
import type { FindingDraft } from '../define-check.js';

/** An "unknown" finding for registry keys the collector could not read, so a denied read never passes. */
export function unreadableKeys(code: string, keys: readonly KeyLookup[]): FindingDraft | undefined {
  const bad = keys.filter((k): k is KeyLookup & { state: 'error' } => k.state === 'error');
  if (bad.length === 0) return undefined;
  return {
    code, severity: 'unknown',
    message: { id: 'common.keyUnreadable', params: { paths: bad.map((k) => k.path).join(', ') } },
    evidence: bad.map((k) => ({ kind: 'registry', ref: k.path, data: { error: k.message } })),
  };
}
