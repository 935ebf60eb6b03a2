import type { MessageRef } from '../checks/define-check.js';
import { en, type Catalogue, type MessageId } from './en.js';

export function formatMessage(id: MessageId, params: Record<string, string | number> = {}, catalogue: Catalogue = en): string {
  const template = catalogue[id] ?? id;
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m)).replace(/\s+$/, '');
}

export function formatRef(ref: MessageRef, catalogue: Catalogue = en): string {
  return formatMessage(ref.id, ref.params, catalogue);
}
