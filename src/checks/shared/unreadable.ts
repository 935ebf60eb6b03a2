import type { KeyLookup } from '../../snapshot/registry.js';
import type { Evidence } from '../define-check.js';

/** The parameters and evidence of a registry-unreadable finding for the keys that could not be read. */
export function unreadableKeys(keys: readonly KeyLookup[]): { params: { paths: string }; evidence: Evidence[] } | undefined {
  const bad = keys.filter((k): k is KeyLookup & { state: 'error' } => k.state === 'error');
  if (bad.length === 0) return undefined;
  return {
    params: { paths: bad.map((k) => k.path).join(', ') },
    evidence: bad.map((k) => ({ kind: 'registry', ref: k.path, data: { error: k.message } })),
  };
}
