// What the share-readiness checks have in common: when they run (sharing is intended, or the snapshot
// carries the scan), how severe a live secret is (fail when sharing, warn otherwise), evidence that
// shows a secret only masked, and delete commands for paths that can be quoted safely.
import type { ResolvedConfig } from '../../config/resolve.js';
import type { SecretFinding } from '../../snapshot/schema.js';
import type { Evidence, FactPresence, Severity } from '../define-check.js';

/** The share checks run when the image is meant to be shared (--share, config share) or the snapshot holds a scan. */
export const appliesWhenSharing = (config: ResolvedConfig, snapshot: FactPresence): boolean => config.share || snapshot.has('secrets');

/**
 * A live credential's severity: its code declares fail (sharing intended); without that intent it is a
 * warning, since the image may stay in this account.
 */
export const liveSecretSeverity = (config: ResolvedConfig): Severity | undefined => (config.share ? undefined : 'warn');

/** Files reported one finding each, at most this many per check; the rest are counted in one more. */
export const MAX_FILES_REPORTED = 40;
/** Hits shown as evidence per file. */
export const MAX_EVIDENCE = 10;

/** Findings of the given kinds, grouped by file (in the scan's order), the first MAX_FILES_REPORTED of them. */
export function byFile(
  findings: readonly SecretFinding[],
  kinds: ReadonlySet<string>,
): { files: Array<{ path: string; hits: SecretFinding[] }>; more: number } {
  const map = new Map<string, SecretFinding[]>();
  for (const f of findings) {
    if (!kinds.has(f.kind)) continue;
    const list = map.get(f.path);
    if (list) list.push(f);
    else map.set(f.path, [f]);
  }
  const all = [...map].map(([path, hits]) => ({ path, hits }));
  return { files: all.slice(0, MAX_FILES_REPORTED), more: Math.max(0, all.length - MAX_FILES_REPORTED) };
}

/** A hit as evidence: where, what kind, the secret masked. Never more. */
export function hitEvidence(f: SecretFinding): Evidence {
  const data: Record<string, unknown> = { kind: f.kind };
  if (f.line !== undefined && f.line !== null) data.line = f.line;
  if (f.masked) data.secret = f.masked;
  if (f.detail) data.detail = f.detail;
  if (f.user) data.user = f.user;
  if (f.count !== undefined) data.count = f.count;
  return { kind: 'file', ref: f.path, data };
}

export function fileEvidence(hits: readonly SecretFinding[]): Evidence[] {
  return hits.slice(0, MAX_EVIDENCE).map(hitEvidence);
}

/**
 * A path in double quotes that cmd.exe and Windows PowerShell both pass on unchanged, or undefined when
 * it holds a character either would interpret: cmd's %VAR% and !VAR!, PowerShell's $, backtick and
 * typographic quotes, the wildcards * ? [ ] (Remove-Item would match other files), a quote or a
 * control character. Paths come from the machine: never trusted into a command.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const UNQUOTABLE = /["%!$`*?[\]\u2018-\u201f\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

export function quotedPath(path: string): string | undefined {
  return path === '' || UNQUOTABLE.test(path) ? undefined : `"${path}"`;
}

/**
 * `cmd.exe /d /c del "<path>"` for each path, or undefined when one cannot be quoted safely. cmd's del
 * through cmd.exe: a printed command names its program with .exe, so it runs the same pasted into
 * cmd.exe or Windows PowerShell (src/util/shell-command.ts).
 */
export function deleteCommands(paths: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const p of paths) {
    const q = quotedPath(p);
    if (q === undefined) return undefined;
    out.push(`cmd.exe /d /c del ${q}`);
  }
  return out;
}

/** The 1-based line as a report shows it, or "?" when the hit has none. */
export const lineOf = (f: SecretFinding): string => (f.line === undefined || f.line === null ? '?' : String(f.line));
