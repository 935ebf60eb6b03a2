// The action table: which finding `fix` answers, and how. A key is a finding's `checkId/code`; a new
// action for a new finding code is one entry here (reusing a builder below, or a new one). Builders read
// only the finding (its evidence and parameters), so a plan is the same from a live check, a snapshot or
// a saved report, and the same machine data never reaches a shell: it becomes program arguments.
import type { Evidence, Severity } from '../checks/define-check.js';
import { REGISTRY_KEYS } from '../catalog/registry-keys.js';
import type { SecurityProduct } from '../catalog/security-products.js';
import { TENCENT_ALLOW_PATHS } from '../catalog/tencent-paths.js';
import type { MessageRef, ParamValue } from '../messages/types.js';
import {
  stepTarget,
  type ActionPhase,
  type EndProcessStep,
  type PlannedAction,
  type RegistryStep,
  type ServiceState,
  type ServiceStep,
  type StartType,
  type Step,
} from './model.js';

/** A finding as a plan reads it: from a live or snapshot report, or from a saved report file. */
export interface PlanFinding {
  checkId: string;
  code: string;
  severity: Severity;
  /** The finding's sentence as the report worded it (in the report's language). */
  message: string;
  params: Record<string, unknown>;
  evidence: Evidence[];
}

export interface PlanContext {
  securityProducts: readonly SecurityProduct[];
}

type Builder = (f: PlanFinding, ctx: PlanContext) => PlannedAction[];

const WER = REGISTRY_KEYS.errorReporting.path;
const RELIABILITY_POLICY = REGISTRY_KEYS.reliabilityPolicy.path;
const POLICIES_SYSTEM = REGISTRY_KEYS.policiesSystem.path;
const CDROM = REGISTRY_KEYS.cdrom.path;
const LOGON_NOTICE_VALUES: ReadonlyArray<readonly [string, readonly string[]]> = [
  [REGISTRY_KEYS.policiesSystem.path, ['legalnoticecaption', 'legalnoticetext']],
  [REGISTRY_KEYS.winlogon.path, ['LegalNoticeCaption', 'LegalNoticeText']],
];

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

const START_MODES: Record<string, StartType> = {
  auto: 'auto',
  automatic: 'auto',
  manual: 'demand',
  demand: 'demand',
  disabled: 'disabled',
  boot: 'boot',
  system: 'system',
};
const STATE_CODES: Record<string, number> = {
  stopped: 1,
  startpending: 2,
  stoppending: 3,
  running: 4,
  continuepending: 5,
  pausepending: 6,
  paused: 7,
};
const squash = (s: string) => s.replace(/[\s_-]/g, '').toLowerCase();

/** The state the report saw a service in (for the plan's undo line), from its evidence. */
export function seenService(e: Evidence): ServiceState | undefined {
  const mode = START_MODES[squash(str(e.data?.StartMode) ?? '')];
  const code = STATE_CODES[squash(str(e.data?.State) ?? '')];
  if (!mode || code === undefined) return undefined;
  return { startType: mode === 'auto' && e.data?.DelayedAutoStart === true ? 'delayed-auto' : mode, stateCode: code };
}

const services = (f: PlanFinding) => f.evidence.filter((e) => e.kind === 'service' && e.ref !== '');
const processes = (f: PlanFinding) => f.evidence.filter((e) => e.kind === 'process');

function action(f: PlanFinding, phase: ActionPhase, title: MessageRef, steps: Step[], extra: Partial<PlannedAction> = {}): PlannedAction[] {
  if (steps.length === 0) return [];
  // How the report saw each service, for the plan's exact commands and undo.
  const seen: Record<string, ServiceState> = {};
  for (const e of services(f)) {
    const state = seenService(e);
    if (state) seen[stepTarget({ kind: 'service', name: e.ref })] = state;
  }
  return [{ finding: `${f.checkId}/${f.code}`, phase, title, why: f.message, steps, notes: [], seen, ...extra }];
}

/** A service the finding names (its evidence), started and set to start automatically. */
const startService =
  (title: 'fix.action.startAgent' | 'fix.action.startRequired'): Builder =>
  (f) =>
    services(f).flatMap((e) =>
      action(f, 'agents', { id: title, params: { name: e.ref } }, [{ kind: 'service', name: e.ref, startType: 'auto', state: 'running' }]),
    );

/** A service the finding names, stopped and left to start on demand (unless it is disabled). */
const stopService =
  (title: 'fix.action.stopUi0detect'): Builder =>
  (f) =>
    services(f).flatMap((e) =>
      action(f, 'popups', { id: title }, [{ kind: 'service', name: e.ref, startType: 'manual-if-auto', state: 'stopped' }]),
    );

/** One DWORD the action table owns, written; restore writes it back or deletes it. */
const setDword =
  (phase: ActionPhase, title: MessageRef, key: string, name: string, data: number): Builder =>
  (f) =>
    action(f, phase, title, [{ kind: 'registry', key, name, value: { type: 'REG_DWORD', data } }]);

const trustedInstaller: Builder = (f) =>
  services(f).flatMap((e) =>
    action(f, 'servicing', { id: 'fix.action.trustedInstaller' }, [{ kind: 'service', name: e.ref, startType: 'demand' }]),
  );

/**
 * Every service of the product set to Manual (a stopped service left at Automatic starts again at boot,
 * in the captured image too) and stopped; its processes that no running service of it hosts ended by PID.
 */
const stopSecurityProduct: Builder = (f, ctx) => {
  // The table's products name themselves {product}; the unrecognised ones {name}.
  const name = str(f.params.product) ?? str(f.params.name) ?? '?';
  const product = ctx.securityProducts.find((p) => p.name === name);
  const svc = services(f);
  const hostPids = new Set(svc.filter((e) => seenService(e)?.stateCode !== 1).flatMap((e) => int(e.data?.ProcessId) ?? []));
  const serviceSteps = svc.map((e): ServiceStep => ({ kind: 'service', name: e.ref, startType: 'manual-if-auto', state: 'stopped' }));
  const processSteps = processes(f).flatMap((e): EndProcessStep[] => {
    const pid = int(e.data?.ProcessId);
    return pid !== undefined && pid > 0 && !hostPids.has(pid) ? [{ kind: 'end-process', pid, image: e.ref }] : [];
  });
  const notes: MessageRef[] = [];
  if (product?.selfProtection) notes.push({ id: 'fix.note.resists', params: { product: name, paths: allowPaths() } });
  return action(f, 'security', { id: 'fix.action.stopProduct', params: { product: name } }, [...serviceSteps, ...processSteps], { notes });
};

/** Tencent's agents' folders, for a product that cannot be turned off (src/catalog/tencent-paths.ts). */
export const allowPaths = (): ParamValue => ({ list: TENCENT_ALLOW_PATHS.map((p) => p.path), join: 'comma' });

const closeCrashDialogs: Builder = (f) =>
  action(
    f,
    'popups',
    { id: 'fix.action.closeCrashDialogs' },
    processes(f).flatMap((e): EndProcessStep[] => {
      const pid = int(e.data?.ProcessId);
      return pid !== undefined && pid > 0 ? [{ kind: 'end-process', pid, image: e.ref }] : [];
    }),
  );

/** The notice's values deleted (not set to ""): no value shows no notice. Names come from our own list. */
const clearLogonNotice: Builder = (f) => {
  const steps: RegistryStep[] = [];
  for (const e of f.evidence) {
    if (e.kind !== 'registry') continue;
    const known = LOGON_NOTICE_VALUES.find(([key]) => key.toLowerCase() === e.ref.toLowerCase());
    for (const name of known?.[1] ?? [])
      if (e.data && name in e.data) steps.push({ kind: 'registry', key: known?.[0] ?? e.ref, name, value: null });
  }
  return action(
    f,
    'popups',
    { id: 'fix.action.clearLogonNotice', params: { names: { list: steps.map((s) => s.name), join: 'comma' } } },
    steps,
  );
};

const logoffSessions: Builder = (f) => {
  const steps = f.evidence.flatMap((e): Step[] => {
    const id = /^\d+$/.test(e.ref) ? Number(e.ref) : undefined;
    if (e.kind !== 'session' || id === undefined || id === 0) return [];
    const user = str(e.data?.userName);
    return [user ? { kind: 'logoff', sessionId: id, user } : { kind: 'logoff', sessionId: id }];
  });
  const users = steps.map((s) => (s.kind === 'logoff' ? (s.user ?? String(s.sessionId)) : ''));
  return action(f, 'sessions', { id: 'fix.action.logoff', params: { users: { list: users, join: 'comma' } } }, steps, {
    requires: 'logoff-sessions',
  });
};

export const ACTIONS: Readonly<Record<string, Builder>> = {
  'tencent-agents/agent-disabled': startService('fix.action.startAgent'),
  'tencent-agents/agent-not-running': startService('fix.action.startAgent'),
  'required-services/required-not-running': startService('fix.action.startRequired'),
  'windows-modules-installer/ti-disabled': trustedInstaller,
  'security-software/safedog-running': stopSecurityProduct,
  'security-software/third-party-running': stopSecurityProduct,
  'crash-dialogs/wer-ui-default': setDword('popups', { id: 'fix.action.hideWer' }, WER, 'DontShowUI', 1),
  'crash-dialogs/crash-dialog-open': closeCrashDialogs,
  'system-dialogs/logon-notice': clearLogonNotice,
  'shutdown-readiness/shutdown-tracker-on': setDword('popups', { id: 'fix.action.trackerOff' }, RELIABILITY_POLICY, 'ShutdownReasonOn', 0),
  'shutdown-readiness/shutdown-without-logon-off': setDword(
    'popups',
    { id: 'fix.action.shutdownWithoutLogon' },
    POLICIES_SYSTEM,
    'ShutdownWithoutLogon',
    1,
  ),
  'cloudbase-init/cdrom-disabled': setDword('agents', { id: 'fix.action.cdromOn' }, CDROM, 'Start', 1),
  'unknown-security-software/unrecognised-running': stopSecurityProduct,
  'system-dialogs/ui0detect-running': stopService('fix.action.stopUi0detect'),
  'other-sessions/other-sessions': logoffSessions,
};

/**
 * The registry values `fix` may change and `restore` may write back: a journal naming any other value is
 * refused (a journal is a file, and restore writes HKLM as an administrator).
 */
export const REGISTRY_TARGETS: ReadonlySet<string> = new Set(
  [
    [WER, 'DontShowUI'],
    [RELIABILITY_POLICY, 'ShutdownReasonOn'],
    [POLICIES_SYSTEM, 'ShutdownWithoutLogon'],
    [CDROM, 'Start'],
    ...LOGON_NOTICE_VALUES.flatMap(([key, names]) => names.map((n) => [key, n])),
  ].map(([key, name]) => `${key}\\${name}`.toLowerCase()),
);
