// `check`: a snapshot (from a file, or collected live) judged and rendered.
import { judgeInDetail, reportLang } from '../engine/judge.js';
import { loadConfigFile } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import type { Lang } from '../messages/types.js';
import { renderReport, type Format } from '../report/render.js';
import { readSnapshotFile } from '../snapshot/load.js';
import { collectLive, withDeadline, type LiveArgs, type LiveEnv } from './live.js';
import type { Outcome } from './outcome.js';

export interface CheckArgs extends LiveArgs {
  lang?: Lang;
  snapshot?: string;
  config?: string;
  format: Format;
  output?: string;
  color?: boolean;
  /** The capture will run Sysprep: check its preconditions (as config "sysprep": true). */
  sysprep?: boolean;
}

export interface CheckEnv extends LiveEnv {
  stdoutIsTTY: boolean;
}

/** `envLang` words what goes wrong before the snapshot says which language to report in. */
export async function runCheck(args: CheckArgs, env: CheckEnv, envLang: Lang): Promise<Outcome> {
  const loaded = args.config ? loadConfigFile(args.config) : resolveConfig();
  const config = args.sysprep ? { ...loaded, sysprep: true } : loaded;
  const snapshot = args.snapshot
    ? readSnapshotFile(args.snapshot)
    : await withDeadline(args.timeout, envLang, env, (deadline) => collectLive(args, env, { deadline }));
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
    diagnostics: crashed.map((c) => `check ${c.checkId} failed: ${c.error.stack ?? c.error.message}`),
  };
}
