// Every source Windows uses to say "restart needed", one at a time, with its evidence. Shared by the
// pending-reboot check and the Windows Modules Installer check (Automatic + a pending reboot is normal).
import { REGISTRY_KEYS } from '../../catalog/registry-keys.js';
import { asNumber, asString, asStrings, lookupKey, lookupValue, type KeyLookup } from '../../snapshot/registry.js';
import type { Registry } from '../../snapshot/schema.js';
import type { Evidence } from '../define-check.js';
import { globMatch } from '../../util/glob.js';

export type RebootSourceCode =
  | 'cbs-reboot-pending'
  | 'cbs-packages-pending'
  | 'cbs-reboot-in-progress'
  | 'wu-reboot-required'
  | 'wu-services-pending'
  | 'wu-post-reboot-reporting'
  | 'server-manager-reboot'
  | 'dvd-reboot-signal'
  | 'computer-rename-first-boot'
  | 'file-rename-operations'
  | 'update-exe-volatile'
  | 'computer-rename'
  | 'domain-join';

export type SourceResult =
  | { code: RebootSourceCode; state: 'pending'; evidence: Evidence[]; renames?: FileRename[] }
  | { code: RebootSourceCode; state: 'clear' }
  | { code: RebootSourceCode; state: 'unknown'; path: string; message: string };

export interface FileRename {
  from: string;
  /** Empty means "delete at boot". */
  to: string;
}

const SERVICING_SOURCES: readonly RebootSourceCode[] = [
  'cbs-reboot-pending',
  'cbs-packages-pending',
  'cbs-reboot-in-progress',
  'wu-reboot-required',
];

/** A Services\Pending subkey seen on Server 2012 machines that needed no restart (atc0005/check-restart's default ignore). */
const BENIGN_WU_PENDING = new Set(['117cab2d-82b1-4b5a-a08c-4d62dbee7782']);

/** Cloudbase-Init's SetHostNamePlugin ran for some instance (its Plugins key, cloudbase-init init.py). */
function cloudbaseInitSetHostname(registry: Registry): boolean {
  const prefix = `${REGISTRY_KEYS.cloudbaseInit.path}\\`.toUpperCase();
  return registry.keys.some(
    (k) =>
      k.path.toUpperCase().startsWith(prefix) &&
      /\\PLUGINS$/i.test(k.path) &&
      (k.values ?? []).some((v) => v.name.toLowerCase() === 'sethostnameplugin' && v.data === 1),
  );
}

function keyEvidence(key: KeyLookup & { state: 'present' }, data?: Record<string, unknown>): Evidence {
  return { kind: 'registry', ref: key.path, data: data ?? { exists: true } };
}

function keyExists(registry: Registry, code: RebootSourceCode, path: string): SourceResult {
  const key = lookupKey(registry, path);
  if (key.state === 'error') return { code, state: 'unknown', path, message: key.message };
  if (key.state === 'absent') return { code, state: 'clear' };
  return { code, state: 'pending', evidence: [keyEvidence(key)] };
}

/** PendingFileRenameOperations holds pairs: source, then destination ("" = delete). */
export function parseFileRenames(entries: readonly string[]): FileRename[] {
  const out: FileRename[] = [];
  for (let i = 0; i < entries.length; i += 2) {
    const from = cleanRenamePath(entries[i] ?? '');
    if (!from) continue;
    out.push({ from, to: cleanRenamePath(entries[i + 1] ?? '') });
  }
  return out;
}

function cleanRenamePath(p: string): string {
  return p
    .replace(/^!/, '')
    .replace(/^\\\?\?\\/, '')
    .trim();
}

export function isAllowListed(path: string, allowList: readonly string[]): boolean {
  return allowList.some((g) => globMatch(g.replace(/^\\\?\?\\/, ''), path));
}

export function pendingRebootSources(registry: Registry, allowList: readonly string[] = []): SourceResult[] {
  const K = REGISTRY_KEYS;
  const results: SourceResult[] = [
    keyExists(registry, 'cbs-reboot-pending', K.cbsRebootPending.path),
    keyExists(registry, 'cbs-packages-pending', K.cbsPackagesPending.path),
    keyExists(registry, 'cbs-reboot-in-progress', K.cbsRebootInProgress.path),
    keyExists(registry, 'wu-reboot-required', K.wuRebootRequired.path),
    keyExists(registry, 'wu-post-reboot-reporting', K.wuPostRebootReporting.path),
    keyExists(registry, 'server-manager-reboot', K.serverManagerRebootAttempts.path),
  ];

  const wuPending = lookupKey(registry, K.wuServicesPending.path);
  if (wuPending.state === 'error')
    results.push({ code: 'wu-services-pending', state: 'unknown', path: wuPending.path, message: wuPending.message });
  else {
    const subkeys = wuPending.state === 'present' ? wuPending.subkeys.filter((k) => !BENIGN_WU_PENDING.has(k.toLowerCase())) : [];
    results.push(
      wuPending.state === 'present' && subkeys.length > 0
        ? { code: 'wu-services-pending', state: 'pending', evidence: [keyEvidence(wuPending, { subkeys })] }
        : { code: 'wu-services-pending', state: 'clear' },
    );
  }

  const runOnce = lookupKey(registry, K.runOnce.path);
  if (runOnce.state === 'error')
    results.push({ code: 'dvd-reboot-signal', state: 'unknown', path: runOnce.path, message: runOnce.message });
  else {
    const signal = lookupValue(runOnce, 'DVDRebootSignal');
    results.push(
      runOnce.state === 'present' && signal
        ? { code: 'dvd-reboot-signal', state: 'pending', evidence: [keyEvidence(runOnce, { value: 'DVDRebootSignal' })] }
        : { code: 'dvd-reboot-signal', state: 'clear' },
    );
  }

  const sm = lookupKey(registry, K.sessionManager.path);
  if (sm.state === 'error') results.push({ code: 'file-rename-operations', state: 'unknown', path: sm.path, message: sm.message });
  else {
    const raw = [
      ...asStrings(lookupValue(sm, 'PendingFileRenameOperations')),
      ...asStrings(lookupValue(sm, 'PendingFileRenameOperations2')),
    ];
    const renames = parseFileRenames(raw).filter((r) => !isAllowListed(r.from, allowList));
    results.push(
      sm.state === 'present' && renames.length > 0
        ? {
            code: 'file-rename-operations',
            state: 'pending',
            renames,
            evidence: [keyEvidence(sm, { value: 'PendingFileRenameOperations', entries: renames.length })],
          }
        : { code: 'file-rename-operations', state: 'clear' },
    );
  }

  const upd = lookupKey(registry, K.updates.path);
  if (upd.state === 'error') results.push({ code: 'update-exe-volatile', state: 'unknown', path: upd.path, message: upd.message });
  else {
    const flags = asNumber(lookupValue(upd, 'UpdateExeVolatile'));
    results.push(
      upd.state === 'present' && flags !== undefined && flags !== 0
        ? { code: 'update-exe-volatile', state: 'pending', evidence: [keyEvidence(upd, { UpdateExeVolatile: flags })] }
        : { code: 'update-exe-volatile', state: 'clear' },
    );
  }

  const active = lookupKey(registry, K.activeComputerName.path);
  const pending = lookupKey(registry, K.pendingComputerName.path);
  const bad = [active, pending].find((k): k is KeyLookup & { state: 'error' } => k.state === 'error');
  if (bad) results.push({ code: 'computer-rename', state: 'unknown', path: bad.path, message: bad.message });
  else {
    const now = asString(lookupValue(active, 'ComputerName'));
    const next = asString(lookupValue(pending, 'ComputerName'));
    // Cloudbase-Init renames a new CVM at first boot without restarting it (allow_reboot=false): that
    // rename is expected and takes effect at the next restart.
    results.push(
      now && next && now.toLowerCase() !== next.toLowerCase() && active.state === 'present' && pending.state === 'present'
        ? {
            code: cloudbaseInitSetHostname(registry) ? 'computer-rename-first-boot' : 'computer-rename',
            state: 'pending',
            evidence: [keyEvidence(active, { ComputerName: now }), keyEvidence(pending, { ComputerName: next })],
          }
        : { code: 'computer-rename', state: 'clear' },
    );
  }

  const netlogon = lookupKey(registry, K.netlogon.path);
  if (netlogon.state === 'error') results.push({ code: 'domain-join', state: 'unknown', path: netlogon.path, message: netlogon.message });
  else {
    const marks = netlogon.state === 'present' ? netlogon.subkeys.filter((s) => /^(JoinDomain|AvoidSpnSet)$/i.test(s)) : [];
    results.push(
      netlogon.state === 'present' && marks.length > 0
        ? { code: 'domain-join', state: 'pending', evidence: [keyEvidence(netlogon, { subkeys: marks })] }
        : { code: 'domain-join', state: 'clear' },
    );
  }
  return results;
}

/** A component-servicing reboot (CBS or Windows Update) is pending. */
export function servicingRebootPending(registry: Registry): boolean {
  return pendingRebootSources(registry).some((s) => s.state === 'pending' && SERVICING_SOURCES.includes(s.code));
}
