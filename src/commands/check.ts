// `check`: a snapshot (from a file, or collected live) judged and rendered.
import { judgeInDetail, reportLang } from '../engine/judge.js';
import { loadConfigFile } from '../config/load.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import type { Lang } from '../messages/types.js';
import { renderReport, type Format } from '../report/render.js';
import { readSnapshotInput } from './snapshot-input.js';
import { InputError } from '../errors.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { Deadline } from '../util/deadline.js';
import type { CloudContext, CloudEnv, CloudTarget } from './cloud.js';
import {
  collectLive,
  runShareScan,
  shareScanRequest,
  withDeadline,
  withSecrets,
  type LiveArgs,
  type LiveEnv,
  type ShareScanRequest,
} from './live.js';
import { styleOf, type Outcome } from './outcome.js';

/** Live collection leaves at least this much of --timeout (or a third of it) for the API calls of --cloud. */
const CLOUD_RESERVE_MS = 20_000;

export interface CheckArgs extends LiveArgs {
  lang?: Lang;
  snapshot?: string;
  config?: string;
  format: Format;
  output?: string;
  color?: boolean;
  /** The capture will run Sysprep: check its preconditions (as config "sysprep": true). */
  sysprep?: boolean;
  /** Also ask the Tencent Cloud API (the cloud-capture check), for the instance and region of `target`. */
  cloud?: boolean;
  target?: CloudTarget;
  /** The image name a capture will use (--name): checked against the limit and the names taken. */
  imageName?: string;
  /** The capture will shut the instance down (capture --force-poweroff). */
  forcePoweroff?: boolean;
  /** --format json only: the compact report (src/report/compact.ts). */
  compact?: boolean;
  /** The image will be shared: scan for secrets (live) and fail on them. */
  share?: boolean;
  /** Scan this folder as the system drive (also with --snapshot: a copy of a disk). */
  shareRoot?: string;
}

export interface CheckEnv extends LiveEnv {
  stdoutIsTTY: boolean;
  cloud?: CloudEnv;
}

/** The config file (or the defaults) with what the command line says about the capture. */
export function checkConfig(args: Pick<CheckArgs, 'config' | 'sysprep' | 'imageName' | 'forcePoweroff' | 'share'>): ResolvedConfig {
  const loaded = args.config ? loadConfigFile(args.config) : resolveConfig();
  return {
    ...loaded,
    sysprep: args.sysprep === true || loaded.sysprep,
    share: args.share === true || loaded.share,
    capture: { imageName: args.imageName ?? null, forcePoweroff: args.forcePoweroff === true },
  };
}

/**
 * The snapshot to judge: read from a file or collected live (with the share-readiness scan when sharing
 * is intended), and with --cloud the API's facts added.
 * Live collection and the API calls share the command's one deadline (--timeout).
 */
export async function snapshotToJudge(
  args: CheckArgs,
  env: CheckEnv,
  deadline: Deadline,
  log: string[],
  opened?: CloudContext,
  /** Also ends the API calls (capture's Ctrl-C). */
  interrupted?: AbortSignal,
): Promise<Snapshot> {
  const reserveMs = args.cloud ? Math.min(CLOUD_RESERVE_MS, deadline.remaining() / 3) : 0;
  const share = shareScanRequest(checkConfig(args), args);
  let snapshot: Snapshot;
  if (!args.snapshot) snapshot = await collectLive(args, env, { deadline, reserveMs, ...(share ? { share } : {}) });
  else {
    snapshot = await readSnapshotInput(args.snapshot);
    if (share && args.shareRoot !== undefined) snapshot = withSecrets(snapshot, await runShareScan(share, env, deadline));
  }
  if (!args.cloud) return snapshot;
  const { openCloud, collectCloudGroup } = await import('./cloud.js');
  const target = args.target ?? {};
  const cloud = opened ?? (await openCloud(env.env, env.cloud, target));
  try {
    const signal = interrupted ? AbortSignal.any([deadline.signal, interrupted]) : deadline.signal;
    return { ...snapshot, cloud: await collectCloudGroup(cloud, snapshot, target, env.env, signal) };
  } finally {
    log.push(...cloud.log.splice(0));
  }
}

/** `envLang` words what goes wrong before the snapshot says which language to report in. */
export async function runCheck(args: CheckArgs, env: CheckEnv, envLang: Lang): Promise<Outcome> {
  if (args.compact && args.format !== 'json') throw new InputError('error.compactNeedsJson', { format: args.format });
  const config = checkConfig(args);
  const log: string[] = [];
  const snapshot =
    args.snapshot && !args.cloud
      ? await judgedSnapshot(args.snapshot, args, env, envLang, args.shareRoot !== undefined ? shareScanRequest(config, args) : undefined)
      : await withDeadline(args.timeout, envLang, env, (deadline) => snapshotToJudge(args, env, deadline, log));
  const lang = reportLang(args.lang, env.env, snapshot);
  const { report, crashed } = judgeInDetail(snapshot, config, { lang });
  const noColor = env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '';
  // process.stdout.isTTY is undefined, not false, when stdout is redirected.
  const color = !noColor && (args.color ?? (env.stdoutIsTTY && !args.output));
  return {
    lang,
    exitCode: report.exitCode,
    text: await renderReport(report, { format: args.format, color, windowsSymbols: env.platform === 'win32', compact: args.compact }),
    output: args.output,
    style: styleOf(args.format),
    diagnostics: [...log, ...crashed.map((c) => `check ${c.checkId} failed: ${c.error.stack ?? c.error.message}`)],
  };
}

/** A snapshot file, with a share-readiness scan of a folder (a copy of its disk) put in when asked for. */
async function judgedSnapshot(
  file: string,
  args: LiveArgs,
  env: LiveEnv,
  lang: Lang,
  share: ShareScanRequest | undefined,
): Promise<Snapshot> {
  const snapshot = await readSnapshotInput(file);
  if (!share) return snapshot;
  return withSecrets(snapshot, await withDeadline(args.timeout, lang, env, (deadline) => runShareScan(share, env, deadline)));
}
