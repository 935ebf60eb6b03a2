// What `fix` changes, as data: a plan is actions, an action is steps, and a step is one thing on the
// machine (a service's start type and state, a registry value, a process, a session) with the state it is
// brought to. Undoing a step means putting back the state recorded just before it changed, so an undo
// never depends on how far the change got.
import type { Severity } from '../checks/define-check.js';
import type { MessageRef } from '../messages/types.js';

/** A service's start type as `sc.exe config … start=` names it. */
export const START_TYPES = ['boot', 'system', 'auto', 'delayed-auto', 'demand', 'disabled'] as const;
export type StartType = (typeof START_TYPES)[number];

/** Registry value types the journal can record and `reg.exe add` can put back exactly. */
export const RESTORABLE_TYPES = ['REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_BINARY'] as const;
export type RestorableType = (typeof RESTORABLE_TYPES)[number];

export interface ServiceStep {
  kind: 'service';
  name: string;
  /** auto and demand are set as they are; manual-if-auto turns auto and delayed-auto into demand and leaves the rest. */
  startType?: 'auto' | 'demand' | 'manual-if-auto';
  state?: 'running' | 'stopped';
}

export interface RegistryStep {
  kind: 'registry';
  /** HKLM\…, one of the keys the action table names (src/fix/actions.ts). */
  key: string;
  name: string;
  /** The DWORD to write, or null to delete the value. */
  value: { type: 'REG_DWORD'; data: number } | null;
}

export interface EndProcessStep {
  kind: 'end-process';
  pid: number;
  /** The image the PID must still belong to (a PID is reused once its process ends). */
  image: string;
}

export interface LogoffStep {
  kind: 'logoff';
  sessionId: number;
  user?: string;
}

export type Step = ServiceStep | RegistryStep | EndProcessStep | LogoffStep;

/** A service as recorded before a change: its start type and, by sc.exe's number, its state. */
export interface ServiceState {
  startType: StartType;
  /** 1 stopped, 2 start pending, 3 stop pending, 4 running, 5-7 continue/pause pending, paused. */
  stateCode: number;
}

export type RegistryData = string | number | string[];

/** A registry value as recorded before a change: absent (and which keys did not exist), or its type and data. */
export type RegistryState = { exists: false; createdKeys: string[] } | { exists: true; type: RestorableType; data: RegistryData };

export type PreviousState = { service: ServiceState } | { registry: RegistryState };

/** Steps that cannot be undone: a process ended, a user logged off. */
export const irreversible = (step: Step): boolean => step.kind === 'end-process' || step.kind === 'logoff';

/** What a step changes, so that two actions touching the same thing share one journal entry. */
export function stepTarget(step: Step): string {
  switch (step.kind) {
    case 'service':
      return `service:${step.name.toLowerCase()}`;
    case 'registry':
      return `registry:${step.key.toLowerCase()}\\${step.name.toLowerCase()}`;
    case 'end-process':
      return `process:${step.pid}`;
    case 'logoff':
      return `session:${step.sessionId}`;
  }
}

/** Start type wanted for a service now of type `current`, or undefined when the step leaves it. */
export function wantedStartType(step: ServiceStep, current: StartType): StartType | undefined {
  if (step.startType === 'auto' || step.startType === 'demand') return step.startType;
  if (step.startType === 'manual-if-auto') return current === 'auto' || current === 'delayed-auto' ? 'demand' : undefined;
  return undefined;
}

export type ActionPhase = 'agents' | 'servicing' | 'security' | 'popups' | 'sessions';
/** Tencent's causes in the order their fixes make sense: agents first, sessions last. */
export const PHASES: readonly ActionPhase[] = ['agents', 'servicing', 'security', 'popups', 'sessions'];

/** One thing `fix` does, with why (the finding) and how it will be undone. */
export interface PlannedAction {
  /** The finding it answers: `checkId/code`, the key of the action table. */
  finding: string;
  phase: ActionPhase;
  /** What is done, worded. */
  title: MessageRef;
  /** The finding's own sentence, as the report worded it. */
  why: string;
  steps: Step[];
  /** Said before the action: a product that resists being stopped, and what to do instead. */
  notes: MessageRef[];
  /** Only run with this flag (logging users off loses their unsaved work). */
  requires?: 'logoff-sessions';
  /** Services as the report saw them, by step target: the plan prints the exact commands and their undo. */
  seen?: Record<string, ServiceState>;
}

/** A finding the plan does not act on, with the words of the report. */
export interface UnhandledFinding {
  finding: string;
  severity: Severity;
  message: string;
}

export interface FixPlan {
  /** Computer the report is about (a plan applies only there). */
  computerName: string | null;
  /** Where the findings came from: live | snapshot FILE | report FILE. */
  source: { kind: 'live' | 'snapshot' | 'report'; file?: string; collectedAt?: string };
  actions: PlannedAction[];
  /** Warnings and failures left for the admin (pending restart, activation, disk...). */
  unhandled: UnhandledFinding[];
}
