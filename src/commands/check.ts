// `check`: a snapshot (from a file, or collected live) judged and rendered.
import { judgeInDetail, reportLang } from '../engine/judge.js';
import { loadConfigFile } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import type { Lang } from '../messages/types.js';
import { renderReport, type Format } from '../report/render.js';
import { readSnapshotInput } from './snapshot-input.js';
import type { Snapshot } from '../snapshot/schema.js';
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

export interface CheckArgs extends LiveArgs {
  lang?: Lang;
  snapshot?: string;
  config?: string;
  format: Format;
  output?: string;
  color?: boolean;
  /** The capture will run Sysprep: check its preconditions (as config "sysprep": true). */
  sysprep?: boolean;
  /** The image will be shared: scan for secrets (live) and fail on them. */
  share?: boolean;
  /** Scan this folder as the system drive (also with --snapshot: a copy of a disk). */
  shareRoot?: string;
}

export interface CheckEnv extends LiveEnv {
  stdoutIsTTY: boolean;
}

/** `envLang` words what goes wrong before the snapshot says which language to report in. */
export async function runCheck(args: CheckArgs, env: CheckEnv, envLang: Lang): Promise<Outcome> {
  const loaded = args.config ? loadConfigFile(args.config) : resolveConfig();
  const withSysprep = args.sysprep ? { ...loaded, sysprep: true } : loaded;
  const config = args.share ? { ...withSysprep, share: true } : withSysprep;
  const share = shareScanRequest(config, args);
  const snapshot = args.snapshot
    ? await judgedSnapshot(args.snapshot, args, env, envLang, args.shareRoot !== undefined ? share : undefined)
    : await withDeadline(args.timeout, envLang, env, (deadline) => collectLive(args, env, { deadline, ...(share ? { share } : {}) }));
  const lang = reportLang(args.lang, env.env, snapshot);
  const { report, crashed } = judgeInDetail(snapshot, config, { lang });
  const noColor = env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '';
  // process.stdout.isTTY is undefined, not false, when stdout is redirected.
  const color = !noColor && (args.color ?? (env.stdoutIsTTY && !args.output));
  return {
    lang,
    exitCode: report.exitCode,
    text: await renderReport(report, { format: args.format, color, windowsSymbols: env.platform === 'win32' }),
    output: args.output,
    style: styleOf(args.format),
    diagnostics: crashed.map((c) => `check ${c.checkId} failed: ${c.error.stack ?? c.error.message}`),
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
