// Uniform access to fact groups: each is collected (a value), failed (a collectionError) or missing.
import type { CollectionError, FactName, Snapshot } from './schema.js';

export { FACT_NAMES, type FactName } from './schema.js';

type FactValue<K extends FactName> = Exclude<NonNullable<Snapshot[K]>, CollectionError>;
/** Each fact group's value once collected: what a check's run() receives. */
export type FactValues = { [K in FactName]: FactValue<K> };

export type FactState<K extends FactName> =
  | { status: 'ok'; value: FactValue<K> }
  | { status: 'error'; message: string; source?: string; code?: string; messageId?: string; params?: Record<string, unknown> }
  | { status: 'missing' };

export function isCollectionError(value: unknown): value is CollectionError {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'collectionError' in value;
}

export function fact<K extends FactName>(snapshot: Snapshot, name: K): FactState<K> {
  const raw = snapshot[name];
  if (raw === undefined || raw === null) return { status: 'missing' };
  if (isCollectionError(raw)) {
    const e = raw.collectionError;
    return { status: 'error', message: e.message, source: e.source, code: e.code, messageId: e.messageId, params: e.params };
  }
  return { status: 'ok', value: raw as FactValue<K> };
}

/** The value when collected, otherwise undefined: for facts a check can do without. */
export function factValue<K extends FactName>(snapshot: Snapshot, name: K): FactValue<K> | undefined {
  const state = fact(snapshot, name);
  return state.status === 'ok' ? state.value : undefined;
}
