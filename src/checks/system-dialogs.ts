// Tencent's FAQ, cause 4: settings that put a dialog in front of unattended work. Windows' defaults
// are normal; only settings that force a prompt (UAC asking every time or for credentials, a logon
// legal notice, Interactive Services Detection running) are a risk.
import { defineCheck, DOCS, type FindingDraft } from './define-check.js';
import { findService, serviceEvidence, serviceState } from './shared/services.js';
import { unreadableKeys } from './shared/unreadable.js';
import { REGISTRY_KEYS } from '../catalog/registry-keys.js';
import { factValue } from '../snapshot/facts.js';
import { asNumber, asString, lookupKey, lookupValue } from '../snapshot/registry.js';
import type { Host, Registry, Service } from '../snapshot/schema.js';

const K = REGISTRY_KEYS;

function uac(registry: Registry): FindingDraft {
  const key = lookupKey(registry, K.policiesSystem.path);
  const enableLua = asNumber(lookupValue(key, 'EnableLUA')) ?? 1;
  const cpba = asNumber(lookupValue(key, 'ConsentPromptBehaviorAdmin')) ?? 5;
  const evidence = [{ kind: 'registry' as const, ref: K.policiesSystem.path, data: { EnableLUA: enableLua, ConsentPromptBehaviorAdmin: cpba } }];
  if (enableLua === 0) return { code: 'uac-off', severity: 'pass', evidence, message: { id: 'dialogs.uacOff' } };
  // 1 and 3 ask for credentials, 2 asks even for Windows' own binaries: each stops unattended elevation.
  if (cpba === 1 || cpba === 2 || cpba === 3) {
    return {
      code: 'uac-prompts', severity: 'warn', evidence,
      message: { id: cpba === 2 ? 'dialogs.uacAlways' : 'dialogs.uacCredentials', params: { value: cpba } },
      remediation: [{ message: { id: 'fix.uacDefault' }, commands: [`reg.exe add "${K.policiesSystem.path}" /v ConsentPromptBehaviorAdmin /t REG_DWORD /d 5 /f`] }],
    };
  }
  return { code: 'uac-default', severity: 'pass', evidence, message: { id: 'dialogs.uacDefault', params: { value: cpba } } };
}

function legalNotice(registry: Registry): FindingDraft {
  const found: Array<{ path: string; name: string; text: string }> = [];
  for (const [spec, names] of [[K.policiesSystem, ['legalnoticecaption', 'legalnoticetext']], [K.winlogon, ['LegalNoticeCaption', 'LegalNoticeText']]] as const) {
    const key = lookupKey(registry, spec.path);
    for (const name of names) {
      const text = asString(lookupValue(key, name))?.trim();
      if (text) found.push({ path: spec.path, name, text });
    }
  }
  if (found.length === 0) return { code: 'no-logon-notice', severity: 'pass', message: { id: 'dialogs.noLegalNotice' } };
  return {
    code: 'logon-notice', severity: 'warn',
    evidence: found.map((f) => ({ kind: 'registry' as const, ref: f.path, data: { [f.name]: f.text.length > 80 ? `${f.text.slice(0, 77)}...` : f.text } })),
    message: { id: 'dialogs.legalNotice' },
    remediation: [{
      message: { id: 'fix.legalNotice' },
      commands: found.map((f) => `reg.exe add "${f.path}" /v ${f.name} /t REG_SZ /d "" /f`),
    }],
  };
}

function shutdownTracker(registry: Registry, host: Host | undefined): FindingDraft {
  const policy = lookupKey(registry, K.reliabilityPolicy.path);
  const local = lookupKey(registry, K.reliability.path);
  const on = asNumber(lookupValue(policy, 'ShutdownReasonOn')) ?? asNumber(lookupValue(local, 'ShutdownReasonOn'));
  const isServer = /server/i.test(`${host?.osCaption ?? ''} ${host?.installationType ?? ''} ${host?.editionId ?? ''}`);
  const enabled = on === undefined ? isServer : on !== 0;
  const evidence = [{ kind: 'registry' as const, ref: K.reliabilityPolicy.path, data: { ShutdownReasonOn: on ?? (isServer ? '(not set: on by default on Server)' : '(not set)') } }];
  if (!enabled) return { code: 'shutdown-tracker-off', severity: 'pass', evidence, message: { id: 'dialogs.trackerOff' } };
  return {
    code: 'shutdown-tracker-on', severity: 'info', evidence, message: { id: 'dialogs.trackerOn' },
    remediation: [{ message: { id: 'fix.trackerOff' }, commands: [`reg.exe add "${K.reliabilityPolicy.path}" /v ShutdownReasonOn /t REG_DWORD /d 0 /f`] }],
  };
}

function interactiveServices(registry: Registry | undefined, services: readonly Service[] | undefined): FindingDraft | undefined {
  const ui0 = services ? findService(services, 'UI0Detect') : undefined;
  if (ui0 && serviceState(ui0) === 'running') {
    return {
      code: 'ui0detect-running', severity: 'warn', evidence: [serviceEvidence(ui0)], message: { id: 'dialogs.ui0detectRunning' },
      remediation: [{ message: { id: 'fix.ui0detect' }, commands: ['sc.exe stop UI0Detect', 'sc.exe config UI0Detect start= demand'] }],
    };
  }
  const allowed = registry ? asNumber(lookupValue(lookupKey(registry, K.controlWindows.path), 'NoInteractiveServices')) : undefined;
  if (allowed === 0) {
    return {
      code: 'interactive-services-allowed', severity: 'info', message: { id: 'dialogs.interactiveServicesAllowed' },
      evidence: [{ kind: 'registry', ref: K.controlWindows.path, data: { NoInteractiveServices: 0 } }],
      remediation: [{ message: { id: 'fix.noInteractiveServices' }, commands: [`reg.exe add "${K.controlWindows.path}" /v NoInteractiveServices /t REG_DWORD /d 1 /f`] }],
    };
  }
  return undefined;
}

export const systemDialogs = defineCheck({
  meta: {
    id: 'system-dialogs',
    group: 'popups',
    title: 'dialogs.title',
    description: 'dialogs.description',
    docsUrl: `${DOCS}#system-dialogs`,
    requiredFacts: ['registry'],
    optionalFacts: ['services', 'host'],
  },
  run({ snapshot }) {
    const registry = factValue(snapshot, 'registry')!;
    const services = factValue(snapshot, 'services');
    const host = factValue(snapshot, 'host');
    const findings = [uac(registry), legalNotice(registry), shutdownTracker(registry, host)];
    const keys = [K.policiesSystem, K.winlogon, K.reliabilityPolicy, K.reliability, K.controlWindows];
    const unreadable = unreadableKeys('registry-unreadable', keys.map((k) => lookupKey(registry, k.path)));
    if (unreadable) findings.push(unreadable);
    const isd = interactiveServices(registry, services);
    if (isd) findings.push(isd);
    return findings;
  },
});
