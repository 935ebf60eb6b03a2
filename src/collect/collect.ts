// Live collection: one PowerShell pass (stream mode) on the main path; when PowerShell is missing,
// blocked, too old or produced nothing usable, one cmd.exe batch of native tools instead. Two processes
// at most either way, each within what is left of one overall timeout. Whatever could not be collected
// becomes a collectionError, and the result always passes the core snapshot loader.
import { win32 } from 'node:path';
import { REGISTRY_KEY_LIST } from '../catalog/registry-keys.js';
import { InputError } from '../errors.js';
import { formatRef } from '../messages/format.js';
import { COLLECTOR_FACTS, FACT_NAMES, type FactName, type Snapshot } from '../snapshot/schema.js';
import { checkSnapshot, validateSnapshot } from '../snapshot/load.js';
import { isCollectionError } from '../snapshot/facts.js';
import { isRecord } from '../util/guards.js';
import { VERSION } from '../version.js';
import { buildFallbackBatch } from './fallback/batch.js';
import { groupsFromFallback } from './fallback/snapshot-from-fallback.js';
import { parseStream } from './parse-stream.js';
import { powershellArgs, powershellEnv, powershellPath } from './powershell.js';
import { protectRegistry } from './protect-registry.js';
import { makePrivateDir } from '../util/private-dir.js';
import { collectionError, exitCodeText, stderrDetail, type SimpleRef } from './collection-error.js';
import type { RunRequest, RunResult, Runner } from './runner.js';
import { BOOTSTRAP, buildCollectionScript } from './script.js';
import type { NetworkFacts, NetworkProbe } from './net-probes.js';

export interface ProbeRecord {
  command: string;
  durationMs: number;
  exitCode: number | null;
  timedOut: boolean;
  startError?: string;
  stdoutBytes: number;
  stderrBytes: number;
}

export interface CollectLog {
  probe(record: ProbeRecord): void;
  info(message: string): void;
}

export interface CollectOptions {
  runner: Runner;
  platform: NodeJS.Platform;
  arch: string;
  env: Record<string, string | undefined>;
  pid: number;
  timeoutMs: number;
  /** The command's deadline: every probe is ended when it fires, whatever its own budget. */
  signal?: AbortSignal;
  tempDir: string;
  fileExists: (path: string) => boolean;
  log?: CollectLog;
  now?: () => Date;
  /** Metadata service and KMS reachability, from Node while PowerShell runs (no process). */
  probeNetwork?: NetworkProbe;
}

export interface CollectResult {
  snapshot: Snapshot;
  method: 'powershell' | 'fallback';
  processesSpawned: number;
}

const quiet: CollectLog = { probe() {}, info() {} };
/** Groups the native tools can collect when WMI failed them (sc.exe, tasklist, reg.exe). */
const FALLBACK_GROUPS: readonly FactName[] = ['services', 'processes', 'registry'];
/** Kept back from PowerShell for the native tools: a quarter of the budget, 15 s at most. */
const FALLBACK_RESERVE_MS = 15_000;

export async function collectSnapshot(opts: CollectOptions): Promise<CollectResult> {
  if (opts.platform !== 'win32') throw new InputError('error.needsWindows');
  const log = opts.log ?? quiet;
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  const remaining = () => opts.timeoutMs - (Date.now() - started);
  const notes: string[] = [];
  const noteRefs: SimpleRef[] = [];
  /** Notes keep their English text (the snapshot contract) and their catalogue id (for other languages). */
  const note = (ref: SimpleRef) => {
    notes.push(formatRef(ref));
    noteRefs.push(ref);
  };
  let spawned = 0;
  // Started first: it runs while PowerShell collects and is awaited at the end.
  const network: Promise<NetworkFacts> | undefined = opts.probeNetwork?.(opts.signal);

  const run = async (
    command: string,
    file: string,
    args: string[],
    timeoutMs: number,
    extra: Pick<RunRequest, 'env' | 'stdin'> = {},
  ): Promise<RunResult> => {
    spawned += 1;
    const r = await opts.runner.run({ file, args, timeoutMs: Math.max(1000, timeoutMs), signal: opts.signal, ...extra });
    log.probe({
      command,
      durationMs: r.durationMs,
      exitCode: r.exitCode,
      timedOut: r.timedOut,
      startError: r.startError,
      stdoutBytes: r.stdout.length,
      stderrBytes: r.stderr.length,
    });
    return r;
  };

  /** The native tools in one cmd.exe: the fallback, and what fills groups a cut-short PowerShell missed. */
  const runFallback = async (powershellVersion: string | null): Promise<Partial<Record<FactName, unknown>> | { startError: string }> => {
    const dir = makePrivateDir(opts.tempDir);
    const batch = dir.write('fallback.cmd', buildFallbackBatch(REGISTRY_KEY_LIST), 'latin1');
    const cmd = opts.env.ComSpec ?? win32.join(opts.env.SystemRoot ?? 'C:\\Windows', 'System32', 'cmd.exe');
    let r: RunResult;
    try {
      r = await run(`cmd.exe /d /c ${batch}`, cmd, ['/d', '/c', batch], remaining());
    } finally {
      dir.remove();
    }
    if (r.startError) return { startError: r.startError };
    const fb = groupsFromFallback(r.stdout, {
      keys: REGISTRY_KEY_LIST,
      computerName: opts.env.COMPUTERNAME,
      systemRoot: opts.env.SystemRoot,
      systemDrive: opts.env.SystemDrive,
      pid: opts.pid,
      cutShort: r.timedOut ? 'timed out' : undefined,
      powershellVersion,
    });
    if (fb.codePage) log.info(`fallback: console code page ${fb.codePage}`);
    return fb.groups;
  };

  // Main path: PowerShell, with part of the budget kept back so the native tools can still run if it hangs.
  const ps = powershellPath(opts.env, opts.arch);
  const psBudgetMs = opts.timeoutMs - Math.min(FALLBACK_RESERVE_MS, opts.timeoutMs / 4);
  let powershellVersion: string | null = null;
  let timings: Partial<Record<FactName, number>> = {};
  let fallbackReason: SimpleRef;
  if (!opts.fileExists(ps)) {
    fallbackReason = { id: 'collector.psNotFound', params: { path: ps } };
  } else {
    // The script ends its own groups a little before we would kill it, so it can still say what it has.
    const script = buildCollectionScript({ stream: true, budgetSeconds: Math.max(1, Math.floor(psBudgetMs / 1000) - 2) });
    const args = powershellArgs(BOOTSTRAP);
    const r = await run(
      `${win32.basename(ps)} ${args.slice(0, -1).join(' ')} <bootstrap>, script on stdin (${script.length} chars)`,
      ps,
      args,
      psBudgetMs,
      {
        env: powershellEnv(opts.env),
        stdin: Buffer.from(script, 'utf8'),
      },
    );
    const parsed = parseStream(Buffer.from(r.stdout).toString('utf8'));
    timings = parsed.timings;
    const got = Object.keys(parsed.groups).length;
    for (const [group, ms] of Object.entries(parsed.timings)) log.info(`powershell: ${group} collected in ${ms} ms`);
    const seconds = Math.round(psBudgetMs / 1000);
    const fatal: SimpleRef | undefined = parsed.fatal ? { id: 'collector.psFatal', params: { message: parsed.fatal.message } } : undefined;
    if (parsed.tooOld) {
      powershellVersion = parsed.tooOld;
      fallbackReason = { id: 'collector.psTooOld', params: { version: parsed.tooOld } };
    } else if (parsed.constrained) {
      fallbackReason = { id: 'collector.psConstrained', params: { mode: parsed.constrained } };
    } else if (r.startError) {
      fallbackReason = { id: 'collector.psCouldNotStart', params: { error: r.startError } };
    } else if (got > 0) {
      if (parsed.badLines > 0) note({ id: 'collector.badLines', params: { count: parsed.badLines } });
      const groups = { ...parsed.groups };
      if (parsed.done && !fatal) {
        // Finished, but a WMI query may have failed or timed out: the native tools can still give those.
        const failed = FALLBACK_GROUPS.filter((name) => isCollectionError(groups[name]));
        if (failed.length > 0 && remaining() >= 1000) await fillFromFallback(groups, failed);
        return finish(fillMissing(groups, { id: 'collector.scriptDidNotReport' }, 'failed', 'powershell'), 'powershell');
      }
      const cutShort: { ref: SimpleRef; code: string } = fatal
        ? { ref: fatal, code: 'failed' }
        : r.timedOut
          ? { ref: { id: 'collector.psTimeout', params: { seconds } }, code: 'timeout' }
          : { ref: { id: 'collector.psStopped', params: { code: exitCodeText(r), detail: stderrDetail(r) } }, code: 'failed' };
      note(cutShort.ref);
      if (remaining() >= 1000)
        await fillFromFallback(
          groups,
          COLLECTOR_FACTS.filter((name) => groups[name] === undefined),
        );
      return finish(fillMissing(groups, cutShort.ref, cutShort.code, 'powershell'), 'powershell');
    } else if (fatal) {
      fallbackReason = fatal;
    } else if (r.timedOut) {
      fallbackReason = { id: 'collector.psNothing', params: { seconds } };
    } else {
      fallbackReason = { id: 'collector.psUnusable', params: { code: exitCodeText(r), detail: stderrDetail(r) } };
    }
  }

  // Fallback: native tools in one cmd.exe.
  note({ id: 'collector.usedFallback', params: { reason: fallbackReason } });
  log.info(`fallback: ${formatRef(fallbackReason)}`);
  if (remaining() < 1000) {
    note({ id: 'collector.noTimeForFallback' });
    return finish(fillMissing({}, { id: 'collector.noTimeToCollect' }, 'timeout', 'fallback'), 'fallback');
  }
  const fb = await runFallback(powershellVersion);
  if ('startError' in fb) {
    const ref: SimpleRef = { id: 'collector.cmdCouldNotStart', params: { error: fb.startError } };
    note(ref);
    return finish(fillMissing({}, ref, 'failed', 'fallback'), 'fallback');
  }
  return finish(fillMissing(fb, { id: 'collector.notCollected' }, 'failed', 'fallback'), 'fallback');

  /** Runs the native tools once and puts what they collected into `wanted` groups of `groups`. */
  async function fillFromFallback(groups: Partial<Record<FactName, unknown>>, wanted: readonly FactName[]): Promise<void> {
    const fb = await runFallback(null);
    if ('startError' in fb) return;
    const filled = wanted.filter((name) => fb[name] !== undefined && !isCollectionError(fb[name]));
    for (const name of filled) groups[name] = fb[name];
    if (filled.length > 0) note({ id: 'collector.filled', params: { groups: filled.join(', ') } });
  }

  async function finish(groups: Partial<Record<FactName, unknown>>, method: 'powershell' | 'fallback'): Promise<CollectResult> {
    if (network) {
      const net = await network;
      groups.instance = net.instance;
      groups.reachability = net.reachability;
    }
    // Secret-bearing values never reach the snapshot whole, whichever path read them.
    groups.registry = protectRegistry(groups.registry, REGISTRY_KEY_LIST);
    const host = groups.host;
    if (isRecord(host) && host.elevated === false) {
      note({ id: 'collector.notElevated' });
    }
    const doc: Record<string, unknown> = {
      schemaVersion: 1,
      collectedAt: now().toISOString(),
      collector: {
        name: 'image-preflight',
        version: VERSION,
        method,
        durationMs: Date.now() - started,
        processesSpawned: spawned,
        notes,
        noteRefs,
        // How long each group took on this machine: real timings from CVMs, to compare later.
        ...(Object.keys(timings).length > 0 ? { groupTimings: timings } : {}),
      },
      ...groups,
    };
    return { snapshot: validateOrQuarantine(doc), method, processesSpawned: spawned };
  }
}

function fillMissing(
  groups: Partial<Record<FactName, unknown>>,
  ref: SimpleRef,
  code: string,
  source: string,
): Partial<Record<FactName, unknown>> {
  const out = { ...groups };
  for (const name of COLLECTOR_FACTS) if (out[name] === undefined) out[name] = collectionError(ref, source, code);
  return out;
}

/** A group that does not fit the schema (an odd value on some machine) is replaced by its error, so one
 * surprise loses one group, never the report. */
function validateOrQuarantine(doc: Record<string, unknown>): Snapshot {
  for (let attempt = 0; attempt <= FACT_NAMES.length; attempt++) {
    const checked = checkSnapshot(doc);
    if (checked.ok) return checked.snapshot;
    const group = checked.group;
    if (typeof group !== 'string' || !(FACT_NAMES as readonly string[]).includes(group)) break;
    const problem = typeof checked.problem === 'string' ? checked.problem : formatRef(checked.problem);
    doc[group] = collectionError({ id: 'collector.unexpectedData', params: { problem } }, group, 'parse-error');
  }
  return validateSnapshot(doc, { id: 'what.collectedSnapshot' });
}
