// Builds fact groups from the fallback batch's output: the bytes are decoded with the console's OEM code
// page (936/GBK on Chinese Windows, 850/860 on Portuguese), read from the registry in the same run.
import { collectionError } from '../collection-error.js';
import iconv from 'iconv-lite';
import type { RegistryKeySpec } from '../../catalog/registry-keys.js';
import { REGISTRY_KEYS } from '../../catalog/registry-keys.js';
import { cultureOfLcid } from '../../catalog/ui-languages.js';
import { normaliseKeyPath } from '../../snapshot/registry.js';
import type { FactName, RegistryKey, RegistryValue } from '../../snapshot/schema.js';
import { SERVICES_KEY, splitSections, type Section } from './batch.js';
import { parseRegQuery, type RegKeyDump } from './parse-reg.js';
import { parseScQueryEx, STATE_NAMES } from './parse-sc.js';
import { parseTasklist } from './parse-tasklist.js';

const START_MODES: Record<number, string> = { 0: 'Boot', 1: 'System', 2: 'Auto', 3: 'Manual', 4: 'Disabled' };

export interface FallbackContext {
  keys: readonly RegistryKeySpec[];
  computerName?: string;
  systemRoot?: string;
  systemDrive?: string;
  /** The agent's own PID, to find the session it runs in. */
  pid: number;
  /** Why the process ended early, for the groups it never reached. */
  cutShort?: string;
  powershellVersion?: string | null;
}

export function decodeConsoleOutput(bytes: Uint8Array): { text: string; codePage: number | null } {
  const ascii = Buffer.from(bytes).toString('latin1');
  const m = /OEMCP\s+REG_SZ\s+(\d+)/.exec(ascii);
  const codePage = m ? Number(m[1]) : null;
  if (codePage === 65001) return { text: Buffer.from(bytes).toString('utf8'), codePage };
  const name = codePage ? `cp${codePage}` : 'cp437';
  return { text: iconv.encodingExists(name) ? iconv.decode(Buffer.from(bytes), name) : ascii, codePage };
}

function missing(section: Section | undefined, tool: string, ctx: FallbackContext) {
  if (!section)
    return collectionError(
      { id: ctx.cutShort ? 'collector.toolTimedOut' : 'collector.toolDidNotRun', params: { tool } },
      tool,
      ctx.cutShort ? 'timeout' : 'failed',
    );
  if (section.exitCode === 0) return collectionError({ id: 'collector.toolUnreadable', params: { tool } }, tool, 'parse-error');
  if (section.exitCode === null) return collectionError({ id: 'collector.toolCutShort', params: { tool } }, tool, 'timeout');
  return collectionError({ id: 'collector.toolFailed', params: { tool, code: section.exitCode } }, tool, 'failed');
}

/** What Get-UICulture would say for SYSTEM: the system's preferred UI language, else the installed one. */
function systemUiCulture(preferred: unknown, installLanguage: unknown): string | null {
  const first: unknown = Array.isArray(preferred) ? preferred[0] : preferred;
  if (typeof first === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/i.test(first.trim())) return first.trim();
  return cultureOfLcid(installLanguage) ?? null;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('\\') + 1);
}

function registryEntries(spec: RegistryKeySpec, section: Section | undefined, ctx: FallbackContext): RegistryKey[] {
  if (!section || section.exitCode === null)
    return [{ path: spec.path, error: `reg.exe query did not finish${ctx.cutShort ? ` (${ctx.cutShort})` : ''}` }];
  // reg.exe exits 1 both for "not found" and "access denied" and says which only in localized text;
  // HKLM keys read here are readable by administrators, so 1 is taken as absent.
  if (section.exitCode !== 0) return [{ path: spec.path, exists: false }];
  return treeEntries(spec.path, spec, parseRegQuery(section.body));
}

/**
 * A key's entries from reg.exe's dumps: the key (the values the spec names; its subkeys if asked for or
 * read deep), then, to the spec's depth, every key below it (`childValues`). A key printed more than once
 * (listed as a subkey, then queried itself) has the values of all its dumps. Redacted values keep their
 * name and type only.
 */
function treeEntries(path: string, spec: RegistryKeySpec, dumps: readonly RegKeyDump[]): RegistryKey[] {
  const wanted = normaliseKeyPath(path);
  const rootDepth = wanted.split('\\').length;
  const depth = spec.depth ?? 0;
  const redact = new Set((spec.redact ?? []).map((v) => v.toLowerCase()));
  const pick = (same: readonly RegKeyDump[], names: readonly string[] | undefined): RegistryValue[] => {
    const filter = names ? new Set(names.map((v) => v.toLowerCase())) : undefined;
    const seen = new Set<string>();
    return same
      .flatMap((d) => d.values)
      .filter((v) => {
        const name = v.name.toLowerCase();
        if ((filter && !filter.has(name)) || seen.has(name)) return false;
        seen.add(name);
        return true;
      })
      .map((v) => (redact.has(v.name.toLowerCase()) ? { ...v, data: null, redacted: true } : v));
  };
  // Every key under the queried one, by its depth below it (reg.exe lists subkeys' names at depth 1 too),
  // each with all its dumps.
  const below = new Map<number, Map<string, RegKeyDump[]>>();
  for (const d of dumps) {
    const p = normaliseKeyPath(d.path);
    if (p !== wanted && !p.startsWith(`${wanted}\\`)) continue;
    const level = p.split('\\').length - rootDepth;
    const atLevel = below.get(level) ?? new Map<string, RegKeyDump[]>();
    atLevel.set(p, [...(atLevel.get(p) ?? []), d]);
    below.set(level, atLevel);
  }
  const childrenOf = (key: string) => {
    const parent = normaliseKeyPath(key);
    return [...(below.get(parent.split('\\').length - rootDepth + 1) ?? new Map<string, RegKeyDump[]>()).entries()]
      .filter(([p]) => p.startsWith(`${parent}\\`))
      .map(([, same]) => same);
  };
  const nameOf = (same: readonly RegKeyDump[]) => lastSegment(same[0]?.path ?? '');
  const entry: RegistryKey = { path, exists: true, values: pick(below.get(0)?.get(wanted) ?? [], spec.values) };
  if (spec.subkeys || depth > 0) entry.subkeys = childrenOf(path).map(nameOf);
  const out = [entry];
  for (let level = 1; level <= depth; level++) {
    for (const same of below.get(level)?.values() ?? []) {
      const keyPath = same[0]?.path ?? '';
      const child: RegistryKey = { path: keyPath, exists: true, values: pick(same, spec.childValues) };
      if (level < depth) child.subkeys = childrenOf(keyPath).map(nameOf);
      out.push(child);
    }
  }
  return out;
}

/** Names of the keys one level below `parent` (normalised) among the dumps. */
function childNames(parent: string, dumps: readonly RegKeyDump[]): string[] {
  const names: string[] = [];
  for (const d of dumps) {
    const p = normaliseKeyPath(d.path);
    if (!p.startsWith(`${parent}\\`) || p.slice(parent.length + 1).includes('\\')) continue;
    const name = lastSegment(d.path);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * A `*` path's entries: the part before the `*`, with the subkeys it matches, then the key below each
 * of them that reg.exe printed (one it did not print does not exist).
 */
function wildcardEntries(spec: RegistryKeySpec, section: Section | undefined, ctx: FallbackContext): RegistryKey[] {
  const [parentPath = '', rest = ''] = spec.path.split('\\*');
  if (!section || section.exitCode === null)
    return [{ path: parentPath, error: `reg.exe query did not finish${ctx.cutShort ? ` (${ctx.cutShort})` : ''}` }];
  const dumps = parseRegQuery(section.body);
  const parent = normaliseKeyPath(parentPath);
  if (!dumps.some((d) => normaliseKeyPath(d.path) === parent || normaliseKeyPath(d.path).startsWith(`${parent}\\`)))
    return [{ path: parentPath, exists: false }];
  const match = spec.match ? new RegExp(spec.match, 'i') : /./;
  const names = childNames(parent, dumps).filter((n) => match.test(n));
  const out: RegistryKey[] = [{ path: parentPath, exists: true, values: [], subkeys: names }];
  for (const name of names) {
    const path = `${parentPath}\\${name}${rest}`;
    // A listed subkey exists; a key below it exists when reg.exe printed it.
    const exists = rest === '' || dumps.some((d) => normaliseKeyPath(d.path) === normaliseKeyPath(path));
    if (exists) out.push(...treeEntries(path, spec, dumps));
    else out.push({ path, exists: false });
  }
  return out;
}

function value(dump: RegKeyDump | undefined, name: string): RegistryValue['data'] | undefined {
  return dump?.values.find((v) => v.name.toLowerCase() === name.toLowerCase())?.data;
}

export function groupsFromFallback(
  bytes: Uint8Array,
  ctx: FallbackContext,
): { groups: Partial<Record<FactName, unknown>>; codePage: number | null; done: boolean } {
  const { text, codePage } = decodeConsoleOutput(bytes);
  const { sections, done } = splitSections(text);
  const groups: Partial<Record<FactName, unknown>> = {};

  // services: runtime state from sc.exe, configuration from the Services key.
  const sc = sections.get('sc');
  const scRows = sc && sc.exitCode === 0 ? parseScQueryEx(sc.body) : [];
  if (scRows.length === 0) groups.services = missing(sc, 'sc.exe queryex', ctx);
  else {
    const reg = sections.get('services');
    const depth = SERVICES_KEY.split('\\').length + 1;
    const config = new Map<string, RegKeyDump>();
    if (reg && reg.exitCode === 0) {
      for (const d of parseRegQuery(reg.body)) if (d.path.split('\\').length === depth) config.set(lastSegment(d.path).toLowerCase(), d);
    }
    groups.services = scRows.map((s) => {
      const c = config.get(s.name.toLowerCase());
      const start = value(c, 'Start');
      const path = value(c, 'ImagePath');
      return {
        Name: s.name,
        DisplayName: s.displayName,
        State: (s.stateCode !== null && STATE_NAMES[s.stateCode]) || 'Unknown',
        StartMode: (typeof start === 'number' && START_MODES[start]) || 'Unknown',
        PathName: typeof path === 'string' ? path : null,
        ProcessId: s.pid,
        DelayedAutoStart: value(c, 'DelayedAutostart') === 1,
      };
    });
  }

  const tl = sections.get('tasklist');
  const tasks = tl && tl.exitCode === 0 ? parseTasklist(tl.body) : [];
  groups.processes = tasks.length > 0 ? tasks.map((t) => ({ ...t, ExecutablePath: null })) : missing(tl, 'tasklist.exe', ctx);

  const keys = ctx.keys.flatMap((spec, i) =>
    spec.path.includes('\\*') ? wildcardEntries(spec, sections.get(`key ${i}`), ctx) : registryEntries(spec, sections.get(`key ${i}`), ctx),
  );
  groups.registry = { keys };

  const keyValue = (path: string, name: string) =>
    keys.find((k) => k.path === path)?.values?.find((v) => v.name.toLowerCase() === name.toLowerCase())?.data;
  const cvValue = (name: string) => keyValue(REGISTRY_KEYS.currentVersion.path, name);
  const elevated = sections.get('elevated');
  const own = tasks.find((t) => t.ProcessId === ctx.pid);
  groups.host = {
    computerName: ctx.computerName ?? 'unknown',
    osCaption:
      typeof cvValue('ProductName') === 'string'
        ? `Microsoft ${String(cvValue('ProductName')).replace(/^Microsoft /, '')}`
        : 'Windows (version unknown)',
    buildNumber: typeof cvValue('CurrentBuild') === 'string' ? cvValue('CurrentBuild') : null,
    editionId: typeof cvValue('EditionID') === 'string' ? cvValue('EditionID') : null,
    installationType: typeof cvValue('InstallationType') === 'string' ? cvValue('InstallationType') : null,
    powershellVersion: ctx.powershellVersion ?? null,
    uiCulture: systemUiCulture(
      keyValue(REGISTRY_KEYS.muiSettings.path, 'PreferredUILanguages'),
      keyValue(REGISTRY_KEYS.nlsLanguage.path, 'InstallLanguage'),
    ),
    elevated: elevated && elevated.exitCode !== null ? elevated.exitCode === 0 : null,
    systemRoot: ctx.systemRoot ?? null,
    systemDrive: ctx.systemDrive ?? null,
    currentSessionId: own?.SessionId ?? null,
  };

  const notCollected = (source: string) => collectionError({ id: 'collector.fallbackNotSupported' }, source, 'not-supported');
  groups.sessions = notCollected('Win32_Process.GetOwner');
  groups.systemDisk = notCollected('Win32_LogicalDisk');
  groups.licensing = notCollected('SoftwareLicensingProduct');
  return { groups, codePage, done };
}
