// Tencent's FAQ, cause 4: pop-ups interrupt the creation tool. An open crash dialog (WerFault.exe in
// an interactive session) is one right now; the error-reporting and hard-error settings decide whether
// the next crash shows one. Windows' defaults show them, so those settings are information only.
import { defineCheck, DOCS, type FindingDraft } from './define-check.js';
import { processEvidence } from './shared/services.js';
import { unreadableKeys } from './shared/unreadable.js';
import { REGISTRY_KEYS } from '../catalog/registry-keys.js';
import { factValue } from '../snapshot/facts.js';
import { asNumber, lookupKey, lookupValue } from '../snapshot/registry.js';
import { imageKey } from '../util/windows-path.js';

const CRASH_DIALOG_PROCESSES = ['WerFault.exe', 'WerFaultSecure.exe'];
const WER_KEY = REGISTRY_KEYS.errorReporting.path;

export const crashDialogs = defineCheck({
  meta: {
    id: 'crash-dialogs',
    group: 'popups',
    title: 'crash.title',
    description: 'crash.description',
    docsUrl: `${DOCS}#crash-dialogs`,
    requiredFacts: ['processes'],
    optionalFacts: ['registry'],
  },
  run({ snapshot }) {
    const findings: FindingDraft[] = [];
    const registry = factValue(snapshot, 'registry');
    const policy = registry && lookupKey(registry, REGISTRY_KEYS.errorReportingPolicy.path);
    const local = registry && lookupKey(registry, WER_KEY);
    const read = (name: string) => (policy && local ? asNumber(lookupValue(policy, name)) ?? asNumber(lookupValue(local, name)) : undefined);
    const suppressed = read('DontShowUI') === 1 || read('Disabled') === 1;

    const processes = factValue(snapshot, 'processes') ?? [];
    const wer = processes.filter((p) => CRASH_DIALOG_PROCESSES.some((n) => imageKey(n) === imageKey(p.Name)));
    // Session 0 has no desktop, and with the UI turned off WerFault reports without a dialog anywhere.
    const onDesktop = suppressed ? [] : wer.filter((p) => p.SessionId !== 0);
    const background = wer.filter((p) => !onDesktop.includes(p));
    if (onDesktop.length > 0) {
      findings.push({
        code: 'crash-dialog-open', severity: 'warn',
        evidence: onDesktop.map(processEvidence),
        message: { id: 'crash.dialogOpen', params: { count: onDesktop.length, sessions: [...new Set(onDesktop.map((p) => p.SessionId ?? '?'))].join(', ') } },
        remediation: [{ message: { id: 'fix.closeCrashDialog' }, commands: ['taskkill.exe /IM WerFault.exe /F'] }],
      });
    } else if (background.length > 0) {
      findings.push({ code: 'crash-reporting-background', severity: 'info', evidence: background.map(processEvidence), message: { id: 'crash.background' } });
    }

    if (registry && policy && local) {
      findings.push(suppressed
        ? { code: 'wer-ui-suppressed', severity: 'pass', message: { id: 'crash.werSuppressed' }, evidence: [{ kind: 'registry', ref: WER_KEY, data: { DontShowUI: read('DontShowUI') ?? null, Disabled: read('Disabled') ?? null } }] }
        : {
          code: 'wer-ui-default', severity: 'info', message: { id: 'crash.werDefault' },
          evidence: [{ kind: 'registry', ref: WER_KEY, data: { DontShowUI: read('DontShowUI') ?? '(not set: dialogs shown)' } }],
          remediation: [{ message: { id: 'fix.werSuppress' }, commands: [`reg.exe add "${WER_KEY}" /v DontShowUI /t REG_DWORD /d 1 /f`] }],
        });
      const ctl = lookupKey(registry, REGISTRY_KEYS.controlWindows.path);
      const unreadable = unreadableKeys('registry-unreadable', [policy, local, ctl]);
      if (unreadable) findings.push(unreadable);
      const mode = asNumber(lookupValue(ctl, 'ErrorMode')) ?? 0;
      if (mode !== 2) {
        findings.push({
          code: 'hard-error-dialogs', severity: 'info', message: { id: 'crash.errorMode', params: { mode } },
          evidence: [{ kind: 'registry', ref: REGISTRY_KEYS.controlWindows.path, data: { ErrorMode: mode } }],
          remediation: [{ message: { id: 'fix.errorMode' }, commands: [`reg.exe add "${REGISTRY_KEYS.controlWindows.path}" /v ErrorMode /t REG_DWORD /d 2 /f`] }],
        });
      }
    }
    if (findings.length === 0) findings.push({ code: 'no-crash-dialogs', severity: 'pass', message: { id: 'crash.none' } });
    return findings;
  },
});
