// `schedule install|remove|status|run` (Windows Task Scheduler). run is what the task executes: collect,
// judge, keep history, write one Event Log entry, log to a rotating file.
import * as os from 'node:os';
import { loadConfigFile } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import { judgeInDetail, reportLang } from '../engine/judge.js';
import { InputError } from '../errors.js';
import { formatRef } from '../messages/format.js';
import type { Lang } from '../messages/types.js';
import type { InstallFiles } from '../schedule/install-files.js';
import type { InstallArgs, ScheduleContext } from '../schedule/task-service.js';
import type { Deadline } from '../util/deadline.js';
import { collectLive, liveRunner, openLog, shareScanRequest, withDeadline, type LiveArgs, type LiveEnv } from './live.js';
import type { ClosableLog } from '../util/logger.js';

const EVENT_LOG_RESERVE_MS = 5000;
import { printed, type Outcome } from './outcome.js';

export interface ScheduleEnv extends LiveEnv {
  /** The fix journal's folder (default %ProgramData%\image-preflight\fix): a scheduled run reminds of an unrestored fix. */
  fixDir?: string;
  self?: { command: string; prefixArgs: string[] };
  now?: () => Date;
  /** Where install puts the program and folders; tests record instead of copying. */
  installFiles?: InstallFiles;
}

export interface ScheduleArgs extends LiveArgs, InstallArgs {
  action: 'install' | 'remove' | 'status' | 'run';
}

async function context(env: ScheduleEnv, lang: Lang, deadline: Deadline) {
  const service = await import('../schedule/task-service.js');
  const ctx: ScheduleContext = {
    runner: await liveRunner(env),
    env: env.env,
    tempDir: env.live?.tempDir ?? os.tmpdir(),
    self: env.self ?? { command: process.execPath, prefixArgs: process.argv[1] ? [process.argv[1]] : [] },
    now: env.now ?? (() => new Date()),
    lang,
    files: env.installFiles ?? (await import('../schedule/install-files.js')).realInstallFiles,
    deadline,
  };
  return { service, ctx };
}

/** `lang` is the language known before any snapshot: --lang or the environment's. */
export async function runSchedule(args: ScheduleArgs, env: ScheduleEnv, lang: Lang): Promise<Outcome> {
  if (env.platform !== 'win32') throw new InputError('error.scheduleNeedsWindows');
  // Every schtasks, icacls, PowerShell and eventcreate call of the command shares one deadline.
  return withDeadline(args.timeout, lang, env, (deadline) => schedule(args, env, lang, deadline));
}

async function schedule(args: ScheduleArgs, env: ScheduleEnv, lang: Lang, deadline: Deadline): Promise<Outcome> {
  const { service, ctx } = await context(env, lang, deadline);
  switch (args.action) {
    case 'install':
      return printed(await service.installTask(ctx, args), lang);
    case 'remove':
      return printed(await service.removeTask(ctx), lang);
    case 'status': {
      const s = await service.taskStatus(ctx, args.reportDir);
      return printed(s.text, lang, s.installed ? 0 : 1);
    }
    case 'run':
      return scheduledRun(args, env, ctx, service);
  }
}

/** One more Event Log entry while a fix --apply is not restored; never a reason for the run to fail. */
async function remindOfUnrestoredFix(ctx: ScheduleContext, env: ScheduleEnv, log: ClosableLog): Promise<void> {
  const [{ remindOfFix }, { defaultJournalDir }] = await Promise.all([import('../schedule/run-record.js'), import('../fix/journal.js')]);
  try {
    const r = await remindOfFix(ctx, env.fixDir ?? defaultJournalDir(env.env));
    if (r.owed > 0) log.summary(`fix --apply not restored: ${r.owed} change(s)${r.logged ? '' : ' (eventcreate.exe failed)'}`);
  } catch (err) {
    // A damaged journal must not stop the health check; restore reports it.
    log.summary(`fix journal unreadable: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function scheduledRun(
  args: ScheduleArgs,
  env: ScheduleEnv,
  ctx: ScheduleContext,
  service: typeof import('../schedule/task-service.js'),
): Promise<Outcome> {
  if (!Number.isInteger(args.keep) || args.keep < 1) throw new InputError('error.badKeep', { value: String(args.keep) });
  const { recordFailure, recordRun } = await import('../schedule/run-record.js');
  const reportDir = args.reportDir ?? service.defaultReportDir(env.env);
  const log = await openLog(args, args.logDir ?? service.defaultLogDir(env.env));
  // Until the snapshot says otherwise, failures are worded in the language the command started with.
  let lang = ctx.lang;
  try {
    const config = args.config ? loadConfigFile(args.config) : resolveConfig();
    // A few seconds are kept back so the Event Log still hears about a run whose collection ran out of time.
    const share = shareScanRequest(config, {});
    const snapshot = await collectLive(args, env, {
      deadline: ctx.deadline,
      reserveMs: EVENT_LOG_RESERVE_MS,
      log,
      ...(share ? { share } : {}),
    });
    // Without --lang (baked in at install) or LANG, the task speaks the machine's UI language.
    lang = reportLang(args.lang, env.env, snapshot);
    const { report, crashed } = judgeInDetail(snapshot, config, { lang });
    for (const c of crashed) log.summary(`check ${c.checkId} failed: ${c.error.stack ?? c.error.message}`);
    const outcome = await recordRun({ ...ctx, lang }, report, reportDir, args.keep);
    await remindOfUnrestoredFix({ ...ctx, lang }, env, log);
    log.summary(
      `${outcome.eventMessage}${outcome.pruned.length ? ` (pruned ${outcome.pruned.length} old report(s))` : ''}${outcome.latestKept ? ' (latest.json left alone: not a report of this tool)' : ''}${outcome.eventLogged ? '' : ' (eventcreate.exe failed)'}`,
    );
    return printed(`${outcome.eventMessage}\n`, lang, report.exitCode);
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    log.summary(`scheduled check failed: ${message}`);
    const worded = err instanceof InputError ? formatRef(err.ref, lang) : message;
    await recordFailure({ ...ctx, lang }, worded).catch(() => undefined);
    if (err instanceof InputError) return { lang, exitCode: err.exitCode, text: '', error: err };
    throw err;
  } finally {
    await log.close();
  }
}
