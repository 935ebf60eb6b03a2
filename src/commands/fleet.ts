// `fleet run`: the check on many Windows CVMs through TAT (Automation Tools), in one command. Targets
// by ID, tag or file; the library (src/cloud/fleet, loaded here on demand with the SDK) sends one
// PowerShell command per batch and saves each report as <report-dir>/<instance-id>.json; this prints the
// `summarize` table with instance IDs, one row per instance without a report and why, and exits with
// the fleet's verdict: 0 only when every targeted instance is READY. An instance without a report
// counts as AT RISK (nothing could be verified there), like a check that could not verify. Ctrl-C
// leaves a state file in the report folder; `--resume` continues from it without sending twice.
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { FleetOutcome, FleetProgress, FleetTargets, NoReportOutcome, NoReportReason } from '../cloud/index.js';
import { EXIT, InputError } from '../errors.js';
import type { FleetSummary } from '../fleet/summarize.js';
import { translator, type Translator } from '../messages/format.js';
import type { MessageId } from '../messages/en.js';
import type { Lang } from '../messages/types.js';
import { decodeText } from '../util/decode-text.js';
import { errnoReason } from '../util/errno.js';
import { readInputFile } from '../util/read-input.js';
import { visible } from '../util/safe-text.js';
import { displayWidth, padEndDisplay } from '../util/display-width.js';
import { checkInstanceId, checkRegion, cloudInputError, type CloudEnv } from './cloud.js';
import type { Outcome } from './outcome.js';
import { elapsedText, progressLine, type LongRunEnv } from './progress.js';

export const FLEET_FORMATS = ['text', 'json'] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

export interface FleetRunArgs {
  lang?: Lang;
  instances?: string;
  tag?: string;
  instancesFile?: string;
  region?: string;
  profile?: string;
  exeUrl?: string;
  exeSha256?: string;
  concurrency: number;
  instanceTimeout: number;
  reportDir?: string;
  outputCos?: string;
  resume: boolean;
  format: FleetFormat;
  output?: string;
}

export interface FleetEnv extends LongRunEnv {
  env: Record<string, string | undefined>;
  cloud?: CloudEnv;
  /** The clock (tests): the default report folder's name and the progress line. */
  now?: () => Date;
}

/** The state file's name in the report folder: not *.json, so `summarize DIR` never lists it as skipped. */
export const FLEET_STATE_FILE = '.image-preflight-fleet.state';
export const MAX_CONCURRENCY = 20;
/** An instances file is a list of IDs: 1 MB is some 70,000 of them. */
const MAX_INSTANCES_FILE_BYTES = 1024 * 1024;
/** How each reason is worded (a table, so that every message id is written out once). */
const REASON_TEXT = {
  'agent-offline': 'fleet.reason.agent-offline',
  'timed-out': 'fleet.reason.timed-out',
  'command-failed': 'fleet.reason.command-failed',
  'report-truncated': 'fleet.reason.report-truncated',
  'not-windows': 'fleet.reason.not-windows',
  'not-running': 'fleet.reason.not-running',
  'not-found': 'fleet.reason.not-found',
} as const satisfies Record<NoReportReason, MessageId>;
/** Reasons an instance is left out without counting against the fleet: image-preflight is for Windows. */
const NOT_COUNTED: ReadonlySet<NoReportReason> = new Set(['not-windows']);
const COS_BUCKET = /^https:\/\/[a-z0-9-]+-\d+\.cos\.[a-z0-9-]+\.myqcloud\.com$/;

/** What the command line says, checked before any call: one line and exit 3 for each mistake. */
export function fleetTargets(args: Pick<FleetRunArgs, 'instances' | 'tag' | 'instancesFile'>): FleetTargets {
  const given = [args.instances, args.tag, args.instancesFile].filter((v) => v !== undefined);
  if (given.length !== 1) throw new InputError('error.fleetTargets');
  if (args.tag !== undefined) {
    const m = /^([^=]+)=(.*)$/s.exec(args.tag);
    const key = m?.[1]?.trim() ?? '';
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (!m || key === '' || /[\u0000-\u001f\u007f]/.test(args.tag)) throw new InputError('error.badTag', { value: args.tag });
    return { tag: { key, value: m[2] ?? '' } };
  }
  if (args.instances !== undefined) {
    const ids = args.instances.split(/[\s,]+/).filter((s) => s !== '');
    if (ids.length === 0) throw new InputError('error.fleetTargets');
    return { instanceIds: [...new Set(ids.map(checkInstanceId))] };
  }
  const file = args.instancesFile ?? '';
  const text = decodeText(readInputFile(file, { id: 'what.instancesFile' }, MAX_INSTANCES_FILE_BYTES), 'file').text;
  const ids: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    for (const value of raw.replace(/#.*$/, '').split(/[\s,]+/)) {
      if (value === '') continue;
      if (!/^ins-[a-z0-9]+$/i.test(value)) throw new InputError('error.instancesFileBad', { file, line: i + 1, value });
      ids.push(value);
    }
  });
  if (ids.length === 0) throw new InputError('error.instancesFileEmpty', { file });
  return { instanceIds: [...new Set(ids)] };
}

function checkOptions(args: FleetRunArgs): { outputCos?: { bucketUrl: string; keyPrefix?: string } } {
  if (args.exeSha256 !== undefined && !/^[0-9a-f]{64}$/i.test(args.exeSha256))
    throw new InputError('error.badSha256', { value: args.exeSha256 });
  if (args.exeUrl !== undefined) {
    if (args.exeSha256 === undefined) throw new InputError('error.exeUrlNeedsSha');
    let ok = /^[\x21-\x7e]+$/.test(args.exeUrl);
    try {
      ok &&= new URL(args.exeUrl).protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw new InputError('error.badExeUrl', { value: args.exeUrl });
  }
  if (!Number.isInteger(args.concurrency) || args.concurrency < 1 || args.concurrency > MAX_CONCURRENCY)
    throw new InputError('error.badConcurrency', { value: String(args.concurrency), max: MAX_CONCURRENCY });
  if (!Number.isInteger(args.instanceTimeout) || args.instanceTimeout < 1 || args.instanceTimeout > 86_400)
    throw new InputError('error.badInstanceTimeout', { value: String(args.instanceTimeout) });
  if (args.outputCos === undefined) return {};
  const m = /^(https:\/\/[^/]+)(?:\/(.*))?$/.exec(args.outputCos);
  const bucketUrl = m?.[1] ?? '';
  const keyPrefix = (m?.[2] ?? '').replace(/\/+$/, '');
  const badPrefix = keyPrefix.length > 60 || keyPrefix.includes('//') || keyPrefix.split('/').includes('..') || /[\s\\]/.test(keyPrefix);
  if (!COS_BUCKET.test(bucketUrl) || badPrefix) throw new InputError('error.badOutputCos', { value: args.outputCos });
  return { outputCos: keyPrefix ? { bucketUrl, keyPrefix } : { bucketUrl } };
}

/** 20261125-080000: the default report folder's suffix, in UTC so it sorts. */
function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}

/** The report folder is the run's own: new or empty, or (with --resume) one that holds a run. */
function claimReportDir(dir: string, resume: boolean): void {
  const state = join(dir, FLEET_STATE_FILE);
  let entries: string[] | null = null;
  try {
    if (statSync(dir).isDirectory()) entries = readdirSync(dir);
    else throw new InputError('error.reportDirNotFolder', { dir });
  } catch (err) {
    if (err instanceof InputError) throw err;
    // Absent: made below.
  }
  if (resume) {
    if (!existsSync(state)) throw new InputError('error.nothingToResume', { dir });
    return;
  }
  if (entries !== null && entries.includes(FLEET_STATE_FILE)) throw new InputError('error.reportDirHasRun', { dir });
  if (entries !== null && entries.length > 0) throw new InputError('error.reportDirInUse', { dir });
  try {
    // Reports describe machines: readable by this user only (POSIX; on Windows the folder inherits).
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new InputError('error.cannotWrite', { file: dir, why: errnoReason(err) });
  }
}

/** The fleet's verdict: the worst report, and no better than AT RISK while an instance has none. */
function fleetVerdict(summary: FleetSummary, counted: number): 'READY' | 'AT RISK' | 'BLOCKED' {
  if (summary.byVerdict.BLOCKED > 0) return 'BLOCKED';
  if (summary.byVerdict['AT RISK'] > 0 || counted > 0) return 'AT RISK';
  return 'READY';
}

const EXIT_OF = { READY: EXIT.READY, 'AT RISK': EXIT.AT_RISK, BLOCKED: EXIT.BLOCKED } as const;

export async function runFleetCommand(args: FleetRunArgs, env: FleetEnv, envLang: Lang): Promise<Outcome> {
  const lang = args.lang ?? envLang;
  const tr = translator(lang);
  const { t } = tr;
  const targets = fleetTargets(args);
  const { outputCos } = checkOptions(args);
  const regionText = args.region ?? env.env.TENCENTCLOUD_REGION;
  if (!regionText) throw new InputError('error.fleetRegion');
  const region = checkRegion(regionText);
  const now = () => (env.now ? env.now().getTime() : Date.now());
  const reportDir = resolve(args.reportDir ?? `image-preflight-fleet-${stamp(now())}`);
  if (args.resume && args.reportDir === undefined) throw new InputError('error.resumeNeedsDir');

  const { openCloud, resolveCredentials } = await import('./cloud.js');
  const cloud = await openCloud(env.env, env.cloud, { region, profile: args.profile });
  const creds = await resolveCredentials(cloud);
  if (!creds.ok) throw cloudInputError(creds.error);
  claimReportDir(reportDir, args.resume);
  const statePath = join(reportDir, FLEET_STATE_FILE);
  if (args.resume) {
    let saved;
    try {
      saved = cloud.lib.loadFleetState(statePath);
    } catch {
      throw new InputError('error.badFleetState', { file: statePath });
    }
    const asked = cloud.lib.describeFleetTargets(targets);
    if (saved && (saved.region !== region || saved.targets !== asked))
      throw new InputError('error.resumeOther', { dir: reportDir, saved: `${saved.region}, ${saved.targets}` });
  }
  const api = await cloud.api(region);

  const interrupted = env.interrupts?.() ?? new AbortController().signal;
  const started = now();
  const progress = progressLine(env.console, now);
  // An object, not a variable: TypeScript would take the callback's writes to a `let` for none at all.
  const last: { progress: FleetProgress | null } = { progress: null };
  const onProgress = (p: FleetProgress) => {
    last.progress = p;
    const line = t('fleet.run.progress', { ...p, elapsed: elapsedText(now() - started, t) });
    progress.update(line, `${p.done}/${p.failed}/${p.running}`);
  };
  const resumeHint = { dir: reportDir };

  let outcomes: FleetOutcome[];
  try {
    const result = await cloud.lib.runFleet({
      api,
      targets,
      exeUrl: args.exeUrl,
      exeSha256: args.exeSha256,
      concurrency: args.concurrency,
      perInstanceTimeoutS: args.instanceTimeout,
      reportDir,
      statePath,
      resume: args.resume,
      outputCos,
      readCos: outputCos ? cloud.lib.cosReader({ credentials: cloud.credentials, ...cloud.cos }) : undefined,
      signal: interrupted,
      onProgress,
      pollIntervalMs: env.cloud?.pollMs,
      maxPollIntervalMs: env.cloud?.maxPollMs,
      sleep: env.cloud?.sleep,
    });
    outcomes = result.outcomes;
  } catch (err) {
    progress.done();
    const error = cloud.lib.isCloudError(err) ? err : new cloud.lib.CloudError('service', String(err));
    const end = (exitCode: number, e: InputError): Outcome => ({ lang, exitCode, text: '', diagnostics: cloud.log, error: e });
    const p = last.progress;
    if (error.kind === 'aborted' && !existsSync(statePath)) {
      releaseReportDir(reportDir, statePath);
      return end(EXIT.INPUT, new InputError('fleet.run.interruptedBefore'));
    }
    if (error.kind === 'aborted') {
      const finished = p ? p.done + p.failed : 0;
      return end(EXIT.ACTION_FAILED, new InputError('fleet.run.interrupted', { finished, total: p?.total ?? 0, ...resumeHint }));
    }
    const refused = cloudInputError(error);
    // The state file is written once the targets are known: before that nothing was sent, and the
    // folder is left as it was found so that the same command can simply run again.
    if (!existsSync(statePath)) {
      releaseReportDir(reportDir, statePath);
      return end(EXIT.INPUT, refused);
    }
    return end(
      EXIT.INPUT,
      new InputError('fleet.run.failedSaved', { error: { id: refused.messageId, params: refused.params }, ...resumeHint }),
    );
  }
  progress.done();

  if (outcomes.length === 0) {
    releaseReportDir(reportDir, statePath);
    const what = 'instanceIds' in targets ? targets.instanceIds.join(',') : `tag:${targets.tag.key}=${targets.tag.value}`;
    throw new InputError('error.fleetNoTargets', { targets: what, region });
  }

  const files = new Map<string, string>();
  for (const o of outcomes) if (o.status === 'report') files.set(o.file, o.instanceId);
  const [{ summarize }, { renderSummaryText }] = await Promise.all([import('../fleet/summarize.js'), import('../fleet/render.js')]);
  const summary = summarize({ files: [...files.keys()], skipped: [] }, { lang, instanceIdFor: (f) => files.get(f) });
  // A saved report that cannot be read back (damaged, not a report) is an instance without a report.
  const unreadable: NoReportOutcome[] = summary.skipped.map((s) => ({
    instanceId: files.get(s.file) ?? basename(s.file, '.json'),
    status: 'no-report',
    reason: 'command-failed',
    detail: s.reason,
  }));
  const noReport = [...outcomes.filter((o): o is NoReportOutcome => o.status === 'no-report'), ...unreadable];
  const counted = noReport.filter((o) => !NOT_COUNTED.has(o.reason));
  const skipped = noReport.filter((o) => NOT_COUNTED.has(o.reason));
  const verdict = fleetVerdict(summary, counted.length);
  const exitCode = EXIT_OF[verdict];
  const fromCos = outcomes.filter((o) => o.status === 'report' && o.source === 'cos').map((o) => o.instanceId);
  const verdictLine = t('fleet.run.verdict', {
    verdict: t(`verdict.${verdict}`),
    targeted: outcomes.length,
    reports: summary.machines,
    noReport: counted.length,
    skipped: skipped.length,
  });

  if (args.format === 'json') {
    const row = (o: NoReportOutcome) => ({
      instanceId: o.instanceId,
      reason: o.reason,
      localizedReason: t(REASON_TEXT[o.reason]),
      detail: o.detail,
      ...(o.invocationTaskId ? { invocationTaskId: o.invocationTaskId } : {}),
      ...(o.outputUrl ? { outputUrl: o.outputUrl } : {}),
    });
    const doc = {
      fleetRunVersion: 1,
      region,
      reportDir,
      verdict,
      exitCode,
      targeted: outcomes.length,
      summary: { ...summary, skipped: [] },
      reportsFromCos: fromCos,
      noReport: counted.map(row),
      skippedInstances: skipped.map(row),
    };
    return { lang, exitCode, text: `${JSON.stringify(doc, null, 2)}\n`, output: args.output, diagnostics: cloud.log };
  }
  const text = [
    renderSummaryText({ ...summary, skipped: [] }).trimEnd(),
    ...noReportLines(tr, 'fleet.run.noReport', counted),
    ...noReportLines(tr, 'fleet.run.skippedInstances', skipped),
    ...(fromCos.length > 0 ? ['', t('fleet.run.fromCos', { count: fromCos.length })] : []),
    '',
    verdictLine,
    t('fleet.run.reports', { dir: visible(reportDir) }),
  ].join('\n');
  return { lang, exitCode, text: `${text}\n`, output: args.output, diagnostics: cloud.log };
}

/** "No report (12):" and a row per instance: its ID, why (worded), and the specifics (English, from the API or the script). */
function noReportLines({ t }: Translator, header: 'fleet.run.noReport' | 'fleet.run.skippedInstances', rows: NoReportOutcome[]): string[] {
  if (rows.length === 0) return [];
  let idWidth = 0;
  let reasonWidth = 0;
  for (const o of rows) {
    idWidth = Math.max(idWidth, displayWidth(visible(o.instanceId)));
    reasonWidth = Math.max(reasonWidth, displayWidth(t(REASON_TEXT[o.reason])));
  }
  return [
    '',
    t(header, { count: rows.length }),
    ...rows.map(
      (o) =>
        `  ${padEndDisplay(visible(o.instanceId), idWidth)}  ${padEndDisplay(t(REASON_TEXT[o.reason]), reasonWidth)}  ${visible(detailText(t, o))}`,
    ),
  ];
}

/** The specifics (English, from the API or the script); why a COS copy could not be read is worded here. */
function detailText(t: Translator['t'], o: NoReportOutcome): string {
  if (o.cosError === undefined) return o.detail;
  const suffix = `; COS copy unreadable: ${o.cosError}`;
  const base = o.detail.endsWith(suffix) ? o.detail.slice(0, -suffix.length) : o.detail;
  return `${base}; ${t('fleet.run.cosUnreadable', { why: o.cosError })}`;
}

/** Undo claimReportDir when the run never started: the state file, and the folder if it is empty. */
function releaseReportDir(dir: string, statePath: string): void {
  try {
    rmSync(statePath, { force: true });
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // Best effort: what is left is an empty folder or a state file with nothing sent.
  }
}
