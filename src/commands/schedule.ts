// CLI handlers for `schedule install|remove|status|run` (Windows Task Scheduler).
import type { ResolvedConfig } from '../config/resolve.js';
import { InputError } from '../errors.js';
import { formatRef } from '../messages/format.js';
import type { Lang } from '../messages/types.js';
import type { InstallArgs } from '../schedule/commands.js';
import { judge, reportLang } from './check.js';
import { collectLive, liveRunner, openLog, type LiveArgs, type LiveEnv } from './live.js';

export interface ScheduleEnv extends LiveEnv {
  self?: { command: string; prefixArgs: string[] };
  now?: () => Date;
}

export interface ScheduleArgs extends LiveArgs, InstallArgs {
  action: 'install' | 'remove' | 'status' | 'run';
}

async function context(env: ScheduleEnv, state: { lang: Lang }) {
  if (env.platform !== 'win32') throw new InputError('error.scheduleNeedsWindows');
  const [commands, os] = await Promise.all([import('../schedule/commands.js'), import('node:os')]);
  const ctx = {
    runner: await liveRunner(env),
    env: env.env,
    tempDir: env.live?.tempDir ?? os.tmpdir(),
    self: env.self ?? { command: process.execPath, prefixArgs: process.argv[1] ? [process.argv[1]] : [] },
    now: env.now ?? (() => new Date()),
    get lang() {
      return state.lang;
    },
  };
  return { commands, ctx };
}

export async function runSchedule(args: ScheduleArgs, env: ScheduleEnv, config: () => ResolvedConfig, state: { lang: Lang }): Promise<{ stdout: string; exitCode: number }> {
  const { commands, ctx } = await context(env, state);
  switch (args.action) {
    case 'install':
      return { stdout: await commands.installTask(ctx, args), exitCode: 0 };
    case 'remove':
      return { stdout: await commands.removeTask(ctx), exitCode: 0 };
    case 'status': {
      const s = await commands.taskStatus(ctx, args.reportDir);
      return { stdout: s.text, exitCode: s.installed ? 0 : 1 };
    }
    case 'run': {
      if (!Number.isInteger(args.keep) || args.keep < 1) throw new InputError('error.badKeep', { value: String(args.keep) });
      const reportDir = args.reportDir ?? commands.defaultReportDir(env.env);
      const log = await openLog(args, args.logDir ?? commands.defaultLogDir(env.env));
      try {
        const snapshot = await collectLive(args, env, log);
        // Without --lang (baked in at install) or LANG, the task speaks the machine's UI language.
        state.lang = reportLang(args.lang, env.env, snapshot);
        const report = judge(snapshot, config(), { lang: state.lang });
        const outcome = await commands.recordRun(ctx, report, reportDir, args.keep);
        log.summary(`${outcome.eventMessage}${outcome.pruned.length ? ` (pruned ${outcome.pruned.length} old report(s))` : ''}${outcome.eventLogged ? '' : ' (eventcreate.exe failed)'}`);
        return { stdout: `${outcome.eventMessage}\n`, exitCode: report.exitCode };
      } catch (err) {
        const message = (err as Error).message.split('\n')[0] ?? String(err);
        log.summary(`scheduled check failed: ${message}`);
        const worded = err instanceof InputError ? formatRef(err.ref, state.lang) : message;
        await commands.recordFailure(ctx, worded).catch(() => undefined);
        throw err;
      } finally {
        await log.close();
      }
    }
  }
}
