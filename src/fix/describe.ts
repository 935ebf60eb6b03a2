// How a step and a state read in the apply and restore logs. Names and values are machine data, shown as
// they are (the renderer makes control characters visible); the words around them come from the
// message catalogues.
import { STATE_NAMES } from '../collect/fallback/parse-sc.js';
import type { MessageRef, ParamValue } from '../messages/types.js';
import type { RegistryState, ServiceState, Step } from './model.js';

const MAX_DATA = 60;

export function subjectOf(step: Step): MessageRef {
  switch (step.kind) {
    case 'service':
      return { id: 'fix.subject.service', params: { name: step.name } };
    case 'registry':
      return { id: 'fix.subject.registry', params: { key: step.key, name: step.name } };
    case 'end-process':
      return { id: 'fix.subject.process', params: { image: step.image, pid: step.pid } };
    case 'logoff':
      return { id: 'fix.subject.session', params: { id: step.sessionId, user: step.user ?? '?' } };
  }
}

export function serviceStateText(s: ServiceState): string {
  return `${s.startType}, ${STATE_NAMES[s.stateCode] ?? String(s.stateCode)}`;
}

export function registryStateText(s: RegistryState): ParamValue {
  if (!s.exists) return { id: 'fix.state.absent' };
  const data = Array.isArray(s.data) ? s.data.join(' | ') : typeof s.data === 'number' ? `0x${s.data.toString(16)} (${s.data})` : s.data;
  return `${s.type} ${data.length > MAX_DATA ? `${data.slice(0, MAX_DATA - 3)}...` : data}`;
}

export function stateText(s: { service: ServiceState } | { registry: RegistryState }): ParamValue {
  return 'service' in s ? serviceStateText(s.service) : registryStateText(s.registry);
}
