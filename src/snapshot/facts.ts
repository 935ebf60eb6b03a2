// Uniform access to fact groups: each is collected (a value), failed (a collectionError) or missing.
import { FACT_NAMES, type CollectionError, type FactName, type FactValues, type Snapshot } from './schema.js';

export { FACT_NAMES, type FactName, type FactValues } from './schema.js';

export function isFactName(name: string): name is FactName {
  return (FACT_NAMES as readonly string[]).includes(name);
}

export type FactState<K extends FactName> =
  | { status: 'ok'; value: FactValues[K] }
  | { status: 'error'; message: string; source?: string; code?: string; messageId?: string; params?: Record<string, unknown> }
  | { status: 'missing' };

export function isCollectionError(value: unknown): value is CollectionError {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'collectionError' in value;
}

export function fact<K extends FactName>(snapshot: Snapshot, name: K): FactState<K> {
  const raw: unknown = snapshot[name];
  if (raw === undefined) return { status: 'missing' };
  if (isCollectionError(raw)) {
    const e = raw.collectionError;
    return { status: 'error', message: e.message, source: e.source, code: e.code, messageId: e.messageId, params: e.params };
  }
  // A validated snapshot's group is its collectionError or the value the schema checked.
  return { status: 'ok', value: raw as FactValues[K] }; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- validated by SnapshotSchema at load
}

/** The value when collected, otherwise undefined: for facts a check can do without. */
export function factValue<K extends FactName>(snapshot: Snapshot, name: K): FactValues[K] | undefined {
  const state = fact(snapshot, name);
  return state.status === 'ok' ? state.value : undefined;
}
