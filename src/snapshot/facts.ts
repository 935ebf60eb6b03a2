// Uniform access to fact groups: each is collected (a value), failed (a collectionError) or missing.
import { FACT_NAMES, type CollectionError, type FactName, type Snapshot } from './schema.js';

export { FACT_NAMES, type FactName } from './schema.js';

export function isFactName(name: string): name is FactName {
  return (FACT_NAMES as readonly string[]).includes(name);
}

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

function isCollected<K extends FactName>(raw: NonNullable<Snapshot[K]>): raw is FactValue<K> {
  return !isCollectionError(raw);
}

export function fact<K extends FactName>(snapshot: Snapshot, name: K): FactState<K> {
  const raw = snapshot[name];
  if (raw === undefined) return { status: 'missing' };
  if (isCollectionError(raw)) {
    const e = raw.collectionError;
    return { status: 'error', message: e.message, source: e.source, code: e.code, messageId: e.messageId, params: e.params };
  }
  return isCollected<K>(raw) ? { status: 'ok', value: raw } : { status: 'missing' };
}

/** The value when collected, otherwise undefined: for facts a check can do without. */
export function factValue<K extends FactName>(snapshot: Snapshot, name: K): FactValue<K> | undefined {
  const state = fact(snapshot, name);
  return state.status === 'ok' ? state.value : undefined;
}
