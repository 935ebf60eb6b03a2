import { readFileSync } from 'node:fs';
import { judge } from '../src/engine/judge.js';
import { parseConfig } from '../src/config/load.js';
import { resolveConfig } from '../src/config/resolve.js';
import type { Report, ReportFinding } from '../src/report/build-report.js';
import { parseSnapshot } from '../src/snapshot/load.js';
import { normaliseKeyPath } from '../src/snapshot/registry.js';
import type { Snapshot } from '../src/snapshot/schema.js';

export const FIXTURES = new URL('../fixtures/snapshots/', import.meta.url);

export function fixturePath(name: string): string {
  return new URL(`${name}.json`, FIXTURES).pathname;
}

export function loadFixture(name: string): Snapshot {
  return parseSnapshot(readFileSync(fixturePath(name)), name);
}

/** A deep copy of a fixture to change for one test. */
export function machine(name = 'healthy-server-2019'): Snapshot {
  return structuredClone(loadFixture(name));
}

export function run(snapshot: Snapshot, config: unknown = undefined): Report {
  return judge(snapshot, config === undefined ? resolveConfig() : parseConfig(config), { now: new Date('2026-11-23T00:00:00Z') });
}

export function findings(report: Report, checkId: string): ReportFinding[] {
  const check = report.checks.find((c) => c.id === checkId);
  if (!check) throw new Error(`no check ${checkId}`);
  return check.findings;
}

export function statusOf(report: Report, checkId: string): string {
  return report.checks.find((c) => c.id === checkId)!.status;
}

/** code:severity pairs of a check's findings, for compact assertions. */
export function codes(report: Report, checkId: string): string[] {
  return findings(report, checkId).map((f) => `${f.code}:${f.severity}`);
}

export function services(s: Snapshot) {
  if (!Array.isArray(s.services)) throw new Error('services not collected');
  return s.services;
}

export function processes(s: Snapshot) {
  if (!Array.isArray(s.processes)) throw new Error('processes not collected');
  return s.processes;
}

export function registryKeys(s: Snapshot) {
  if (!s.registry || 'collectionError' in s.registry) throw new Error('registry not collected');
  return s.registry.keys;
}

export function setService(s: Snapshot, name: string, changes: Record<string, unknown>) {
  const svc = services(s).find((x) => x.Name.toLowerCase() === name.toLowerCase());
  if (!svc) throw new Error(`no service ${name}`);
  Object.assign(svc, changes);
}

export function addService(
  s: Snapshot,
  svc: { Name: string; State: string; StartMode: string; PathName?: string | null; DisplayName?: string; ProcessId?: number },
) {
  services(s).push({ DisplayName: svc.Name, PathName: null, ProcessId: 0, ...svc });
}

export function removeService(s: Snapshot, name: string) {
  s.services = services(s).filter((x) => x.Name.toLowerCase() !== name.toLowerCase());
}

export function addProcess(s: Snapshot, Name: string, ExecutablePath: string | null = null, SessionId = 0) {
  processes(s).push({ Name, ProcessId: 90_000 + processes(s).length, ExecutablePath, SessionId });
}

export function setKey(
  s: Snapshot,
  path: string,
  entry: { exists?: boolean; values?: Array<{ name: string; type: string; data: unknown }>; subkeys?: string[]; error?: string },
) {
  const keys = registryKeys(s);
  const at = keys.findIndex((k) => normaliseKeyPath(k.path) === normaliseKeyPath(path));
  const next = { path, ...entry } as (typeof keys)[number];
  if (at >= 0) keys[at] = next;
  else keys.push(next);
}

/** Sets one value of a registry key, keeping its others (the key is created when absent). */
export function setValue(
  s: Snapshot,
  path: string,
  name: string,
  type: 'REG_DWORD' | 'REG_SZ' | 'REG_BINARY' | 'REG_MULTI_SZ',
  data: unknown,
) {
  const keys = registryKeys(s);
  let key = keys.find((k) => normaliseKeyPath(k.path) === normaliseKeyPath(path));
  if (!key) {
    key = { path, exists: true, values: [] };
    keys.push(key);
  }
  key.exists = true;
  const values = (key.values ??= []);
  const next = { name, type, data } as (typeof values)[number];
  const at = values.findIndex((v) => v.name.toLowerCase() === name.toLowerCase());
  if (at >= 0) values[at] = next;
  else values.push(next);
}

/** Removes one value of a registry key. */
export function deleteValue(s: Snapshot, path: string, name: string) {
  const key = registryKeys(s).find((k) => normaliseKeyPath(k.path) === normaliseKeyPath(path));
  if (key?.values) key.values = key.values.filter((v) => v.name.toLowerCase() !== name.toLowerCase());
}
