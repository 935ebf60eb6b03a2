// Recordings of a live collection, for the replay tests and for support: every process the collector
// started, with its exact command, stdin, raw stdout and stderr bytes, exit code and timing, plus a few
// facts about the environment that decide how Windows printed them (PowerShell version, language mode,
// console code page). `collect --record DIR` writes one; `replayRecording(DIR)` plays it back through
// the collector, which then builds the same snapshot. With `--redact` the computer's identity (its name,
// domain, users, SIDs, addresses) and secret-looking values are masked in every file. Credentials the
// collector reads (the Environment keys' TENCENTCLOUD_SECRET_* values, SecretIds) are masked in every
// recording, with or without --redact: reg.exe prints them whole, and no file the tool writes holds one.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { InputError } from '../errors.js';
import type { Snapshot } from '../snapshot/schema.js';
import { isRecord } from '../util/guards.js';
import { errnoReason } from '../util/errno.js';
import { TOOL_NAME, VERSION } from '../version.js';
import type { NetworkFacts, NetworkProbe } from './net-probes.js';
import type { RunRequest, RunResult, Runner } from './runner.js';
import { SECRET_ENVIRONMENT_VARIABLES } from '../catalog/registry-keys.js';
import { maskSecret } from './share-scan/mask.js';

export const RECORDING_VERSION = 1;
export const MANIFEST = 'recording.json';

const ProbeSchema = z.object({
  /** The program's file name without .exe, lower case: powershell, cmd. */
  program: z.string(),
  file: z.string(),
  args: z.array(z.string()),
  stdinFile: z.string().optional(),
  stdoutFile: z.string(),
  stderrFile: z.string(),
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
  aborted: z.boolean().optional(),
  startError: z.string().optional(),
  durationMs: z.number(),
});
type RecordedProbe = z.infer<typeof ProbeSchema>;

const ManifestSchema = z.object({
  recordingVersion: z.literal(RECORDING_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  recordedAt: z.string(),
  redacted: z.boolean(),
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  probes: z.array(ProbeSchema),
  /** What Node's own probes found (metadata service, KMS): no process, so no stdout to keep. */
  network: z.object({ instance: z.unknown(), reachability: z.unknown() }).optional(),
});
export type RecordingManifest = z.infer<typeof ManifestSchema>;

const programOf = (file: string) => (file.split(/[\\/]/).pop() ?? file).toLowerCase().replace(/\.exe$/, '');

/** A runner that remembers every request and result it passes through. */
export function recordingRunner(inner: Runner): { runner: Runner; calls: Array<{ request: RunRequest; result: RunResult }> } {
  const calls: Array<{ request: RunRequest; result: RunResult }> = [];
  return {
    calls,
    runner: {
      async run(request) {
        const result = await inner.run(request);
        calls.push({ request, result });
        return result;
      },
    },
  };
}

/** Words that name this machine or its people, and the masks they become. */
function identityOf(snapshot: Snapshot): Array<[string, string]> {
  const pairs = new Map<string, string>();
  const add = (value: unknown, mask: string) => {
    // The first mask wins: a local account's domain is the computer's own name.
    if (typeof value === 'string' && value.trim().length >= 2 && !pairs.has(value)) pairs.set(value, mask);
  };
  const host = snapshot.host;
  if (isRecord(host) && !('collectionError' in host)) {
    add(host.computerName, 'REDACTED-HOST');
    if (typeof host.currentUser === 'string') {
      const [domain, user] = host.currentUser.includes('\\') ? host.currentUser.split('\\') : [undefined, host.currentUser];
      add(domain, 'REDACTED-DOMAIN');
      add(user, 'redacted-user');
    }
  }
  if (Array.isArray(snapshot.sessions)) {
    snapshot.sessions.forEach((s, i) => {
      const name = s.userName ?? '';
      const [domain, user] = name.includes('\\') ? name.split('\\') : [undefined, name];
      add(domain, 'REDACTED-DOMAIN');
      add(user, `redacted-user${i + 1}`);
    });
  }
  // Longest first, so a name is masked before any shorter part of it.
  return [...pairs].sort((a, b) => b[0].length - a[0].length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** How a string appears inside the script's ASCII JSON (non-ASCII as \uXXXX). */
const asJson = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Masks identity and secret-looking values in text (bytes read as latin1 keep every other byte as it was). */
export function redactText(text: string, identity: ReadonlyArray<[string, string]>): string {
  let out = text;
  for (const [value, mask] of identity) {
    for (const form of new Set([value, asJson(value)])) out = out.replace(new RegExp(escapeRegExp(form), 'gi'), mask);
  }
  return out
    .replace(/\bS-1-5-21-\d+-\d+-\d+/g, 'S-1-5-21-0-0-0')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, (ip) => (ip.startsWith('127.') || ip === '0.0.0.0' ? ip : '192.0.2.1'))
    .replace(/\bAKID[A-Za-z0-9_-]{16,}/g, 'AKID-REDACTED')
    .replace(/("name":"[^"]*(?:password|secret|token)[^"]*","type":"[^"]*","data":)"(?:[^"\\]|\\.)*"/gi, '$1"REDACTED"');
}

/** A secret masked in ASCII (recordings are bytes read as latin1): at most its first 4 and last 2 characters. */
const asciiMask = (secret: string) =>
  // Already masked (by the collection script: its ellipsis arrives as \u2026): kept, so a replay gives the same snapshot.
  /\\u2026|\u2026|\.\.\./.test(secret) ? secret : maskSecret(secret).replace(/\u2026/g, '...');
const VARIABLES = SECRET_ENVIRONMENT_VARIABLES.map(escapeRegExp).join('|');
/** reg.exe's "    NAME    REG_SZ    value" line of a credential variable. */
const REG_LINE = new RegExp(`^( {4}(?:${VARIABLES}) {4}REG_[A-Z_]+ {4})(.+?)(\r?)$`, 'gim');
/** The collection script's {"name":"NAME","type":"REG_SZ","data":"value"} of one. */
const JSON_VALUE = new RegExp(`("name":"(?:${VARIABLES})","type":"[A-Z_]+","data":)"((?:[^"\\\\]|\\\\.)*)"`, 'gi');

/** Credentials masked in recorded output, always: credential variables' values and Tencent SecretIds. */
export function maskRecordedSecrets(text: string): string {
  return text
    .replace(REG_LINE, (_m, head: string, value: string, cr: string) => `${head}${asciiMask(value)}${cr}`)
    .replace(JSON_VALUE, (_m, head: string, value: string) => `${head}"${asciiMask(value)}"`)
    .replace(/(?<![A-Za-z0-9_-])(?:AKID|IKID)[A-Za-z0-9_-]{16,}/g, (id) => asciiMask(id));
}

export interface WriteRecordingOptions {
  redact: boolean;
  now?: Date;
  platform: string;
  arch: string;
  /** The collection's time budget: replay with it to get the same notes ("did not finish within N s"). */
  timeoutMs: number;
  network?: NetworkFacts;
}

/**
 * Writes a recording into `dir`, which must be new or empty (the tool writes only in folders it made or
 * was given empty, never over someone's files).
 */
export function writeRecording(
  dir: string,
  calls: ReadonlyArray<{ request: RunRequest; result: RunResult }>,
  snapshot: Snapshot,
  options: WriteRecordingOptions,
): RecordingManifest {
  try {
    mkdirSync(dir, { recursive: true });
    if (readdirSync(dir).length > 0) throw new InputError('error.recordingDirNotEmpty', { dir });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('error.cannotWrite', { file: dir, why: errnoReason(err) });
  }
  const identity = options.redact ? identityOf(snapshot) : [];
  // What the machine printed has its credentials masked; what we sent it (the script on stdin) is our own.
  const clean = (bytes: Uint8Array, machineOutput = true): Buffer => {
    const raw = Buffer.from(bytes).toString('latin1');
    const text = machineOutput ? maskRecordedSecrets(raw) : raw;
    return Buffer.from(options.redact ? redactText(text, identity) : text, 'latin1');
  };
  const cleanText = (s: string) => (options.redact ? redactText(maskRecordedSecrets(s), identity) : maskRecordedSecrets(s));
  const counts = new Map<string, number>();
  const probes: RecordedProbe[] = calls.map(({ request, result }) => {
    const program = programOf(request.file);
    const n = (counts.get(program) ?? 0) + 1;
    counts.set(program, n);
    const base = n === 1 ? program : `${program}.${n}`;
    const write = (name: string, bytes: Uint8Array, machineOutput = true) => {
      writeFileSync(join(dir, name), clean(bytes, machineOutput), { flag: 'wx' });
      return name;
    };
    return {
      program,
      file: cleanText(request.file),
      args: request.args.map(cleanText),
      ...(request.stdin ? { stdinFile: write(`${base}.stdin`, request.stdin, false) } : {}),
      stdoutFile: write(`${base}.stdout`, result.stdout),
      stderrFile: write(`${base}.stderr`, result.stderr),
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      ...(result.aborted ? { aborted: true } : {}),
      ...(result.startError ? { startError: result.startError } : {}),
      durationMs: result.durationMs,
    };
  });
  const host = isRecord(snapshot.host) && !('collectionError' in snapshot.host) ? snapshot.host : undefined;
  const fact = (name: string): string | number | boolean | null => {
    const v: unknown = host?.[name];
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? (typeof v === 'string' ? cleanText(v) : v) : null;
  };
  const manifest: RecordingManifest = {
    recordingVersion: RECORDING_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    recordedAt: (options.now ?? new Date()).toISOString(),
    redacted: options.redact,
    environment: {
      platform: options.platform,
      arch: options.arch,
      timeoutMs: options.timeoutMs,
      method: snapshot.collector?.method ?? null,
      powershellVersion: fact('powershellVersion'),
      languageMode: fact('languageMode'),
      consoleCodePage: fact('consoleCodePage'),
      uiCulture: fact('uiCulture'),
      osCaption: fact('osCaption'),
      buildNumber: fact('buildNumber'),
    },
    probes,
    ...(options.network ? { network: redactNetwork(options.network, options.redact, cleanText) } : {}),
  };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  return manifest;
}

/** The instance's identity masked like the rest: its id, image, addresses and role name. */
function redactNetwork(net: NetworkFacts, redact: boolean, cleanText: (s: string) => string): NetworkFacts {
  if (!redact || 'collectionError' in net.instance) return net;
  const i = net.instance;
  return {
    instance: {
      ...i,
      instanceId: 'ins-REDACTED',
      localIpv4: i.localIpv4 ? '10.0.0.1' : null,
      imageId: i.imageId ? 'img-REDACTED' : null,
      camRoleName: i.camRoleName ? cleanText('REDACTED-ROLE') : null,
    },
    reachability: net.reachability,
  };
}

/** The recorded network probes, played back: the same facts, at once. Undefined for a recording without them. */
export function replayNetwork(dir: string): NetworkProbe | undefined {
  const network = readRecording(dir).network;
  if (!network) return undefined;
  const facts = { instance: network.instance, reachability: network.reachability } as NetworkFacts; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- the snapshot loader validates both groups after replay
  return () => Promise.resolve(structuredClone(facts));
}

export function readRecording(dir: string): RecordingManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch (err) {
    throw new InputError('error.cannotRead', { what: { id: 'what.recording' }, file: dir, why: errnoReason(err) });
  }
  const parsed = ManifestSchema.safeParse(doc);
  if (!parsed.success)
    throw new InputError('error.invalid', { what: { id: 'what.recording' }, problem: parsed.error.issues[0]?.message ?? '?' });
  return parsed.data;
}

/** A runner that answers each program's calls, in order, with what the recording holds. */
export function replayRecording(dir: string): Runner {
  const manifest = readRecording(dir);
  const queues = new Map<string, RecordedProbe[]>();
  for (const p of manifest.probes) queues.set(p.program, [...(queues.get(p.program) ?? []), p]);
  const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
  return {
    run(request) {
      const probe = queues.get(programOf(request.file))?.shift();
      if (!probe)
        return Promise.resolve({
          exitCode: null,
          stdout: new Uint8Array(),
          stderr: new Uint8Array(),
          timedOut: false,
          startError: 'ENOENT',
          durationMs: 0,
        });
      return Promise.resolve({
        exitCode: probe.exitCode,
        stdout: read(probe.stdoutFile),
        stderr: read(probe.stderrFile),
        timedOut: probe.timedOut,
        ...(probe.aborted ? { aborted: true } : {}),
        ...(probe.startError ? { startError: probe.startError } : {}),
        durationMs: probe.durationMs,
      });
    },
  };
}
