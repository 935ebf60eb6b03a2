// `fix` and `restore`. fix turns the current report (a live check, --snapshot FILE or --report FILE) into a
// plan and prints it (text, json, or a PowerShell script); with --apply it runs the plan on this machine,
// elevated, journaled, re-checked step by step. restore undoes what fix --apply changed. Nothing is changed
// without --apply or restore, and nothing before the prompt is known to be elevated.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../config/load.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import { judge, reportLang } from '../engine/judge.js';
import { EXIT, InputError } from '../errors.js';
import { isLang, langFromEnv } from '../messages/lang.js';
import type { Lang, MessageRef } from '../messages/types.js';
import { readSavedReport } from '../report/saved-report.js';
import { readSnapshotFile } from '../snapshot/load.js';
import { decodeText } from '../util/decode-text.js';
import type { Deadline } from '../util/deadline.js';
import { parseJson } from '../util/parse-json.js';
import { readInputFile } from '../util/read-input.js';
import { TOOL_NAME } from '../version.js';
import { collectLive, liveRunner, shareScanRequest, withDeadline, type LiveArgs, type LiveEnv } from './live.js';
import type { Outcome } from './outcome.js';

export const FIX_FORMATS = ['text', 'json', 'ps1'] as const;
export type FixFormat = (typeof FIX_FORMATS)[number];

export interface FixArgs extends LiveArgs {
  lang?: Lang;
  snapshot?: string;
  report?: string;
  config?: string;
  apply: boolean;
  logoffSessions: boolean;
  format: FixFormat;
  output?: string;
}

export interface FixEnv extends LiveEnv {
  /** How the admin starts this program (for the restore command fix prints). */
  self?: { command: string; prefixArgs: string[] };
  /** The journal's folder; %ProgramData%\image-preflight\fix by default (tests give a folder of their own). */
  fixDir?: string;
  /** Waits between polls of a service's state (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/** A run of an apply or restore is at most this long unless --timeout says otherwise; collection gets a minute of it. */
const COLLECTION_SHARE_MS = 60_000;
/** Reports and snapshots from disk are read through the same limit as summarize's. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

const journalDir = async (env: FixEnv) => env.fixDir ?? (await import('../fix/journal.js')).defaultJournalDir(env.env);

/** The findings and where they came from; the language is the report's unless --lang or the environment says otherwise. */
async function currentFindings(args: FixArgs, env: FixEnv, config: ResolvedConfig, deadline: Deadline | undefined) {
  const { findingsOfReport, findingsOfSavedReport } = await import('../fix/plan.js');
  if (args.report) {
    const what: MessageRef = { id: 'what.reportFile', params: { file: args.report } };
    const bytes = readInputFile(args.report, { id: 'what.report' }, MAX_REPORT_BYTES);
    const read = readSavedReport(parseJson(decodeText(bytes, what).text, what));
    if (!read.ok) throw new InputError('error.notAReport', { file: args.report, reason: read.reason });
    const saved = read.report;
    // Like a report's own language: --lang, else the environment's, else the language the report was written in.
    const lang = args.lang ?? langFromEnv(env.env) ?? (saved.lang && isLang(saved.lang) ? saved.lang : 'en');
    return {
      findings: findingsOfSavedReport(saved),
      lang,
      computerName: saved.snapshot.computerName,
      source: { kind: 'report' as const, file: args.report, collectedAt: saved.snapshot.collectedAt },
    };
  }
  // A config that intends sharing scans for secrets in a live check, as check and the scheduled run do.
  const share = args.snapshot ? undefined : shareScanRequest(config, {});
  const snapshot = args.snapshot
    ? readSnapshotFile(args.snapshot)
    : await collectLive(args, env, {
        deadline: requireDeadline(deadline),
        reserveMs: Math.max(0, requireDeadline(deadline).remaining() - COLLECTION_SHARE_MS),
        ...(share ? { share } : {}),
      });
  const lang = reportLang(args.lang, env.env, snapshot);
  const report = judge(snapshot, config, { lang });
  return {
    findings: findingsOfReport(report),
    lang,
    computerName: report.snapshot.computerName,
    source: args.snapshot
      ? { kind: 'snapshot' as const, file: args.snapshot, collectedAt: snapshot.collectedAt }
      : { kind: 'live' as const, collectedAt: snapshot.collectedAt },
  };
}

function requireDeadline(deadline: Deadline | undefined): Deadline {
  if (!deadline) throw new Error('live collection without a deadline');
  return deadline;
}

/**
 * The command that undoes it, as the admin would type it here. A path with a space is quoted, and then
 * cmd.exe and PowerShell need different lines (PowerShell runs a quoted path only after `&`).
 */
function restoreCommands(env: FixEnv): string[] {
  const self = env.self ?? { command: TOOL_NAME, prefixArgs: [] };
  const parts = [self.command, ...self.prefixArgs];
  if (!parts.some((p) => /\s/.test(p))) return [[...parts, 'restore'].join(' ')];
  const line = [...parts.map((p) => (/\s/.test(p) ? `"${p}"` : p)), 'restore'].join(' ');
  return [`cmd.exe:    ${line}`, `PowerShell: & ${line}`];
}

export async function runFix(args: FixArgs, env: FixEnv, envLang: Lang): Promise<Outcome> {
  if (args.snapshot && args.report) throw new InputError('error.fixOneSource');
  if (args.apply && args.format !== 'text') throw new InputError('error.applyFormat', { format: args.format });
  const config = args.config ? loadConfigFile(args.config) : resolveConfig();
  const needsClock = args.apply || (!args.snapshot && !args.report);
  if (args.apply && env.platform !== 'win32') throw new InputError('error.fixNeedsWindows');
  if (!needsClock) return planOnly(args, env, config, undefined);
  return withDeadline(args.timeout, envLang, env, (deadline) =>
    args.apply ? applyOnMachine(args, env, config, deadline) : planOnly(args, env, config, deadline),
  );
}

async function planFor(args: FixArgs, env: FixEnv, config: ResolvedConfig, deadline: Deadline | undefined) {
  const { buildPlan } = await import('../fix/plan.js');
  const found = await currentFindings(args, env, config, deadline);
  const plan = buildPlan(
    found.findings,
    { securityProducts: config.securityProducts },
    { computerName: found.computerName, source: found.source },
  );
  return { plan, lang: found.lang };
}

/** A journal an earlier fix left unrestored, as a line before the plan (never an error: it may be unreadable to a non-admin). */
async function pendingNotice(env: FixEnv): Promise<MessageRef | undefined> {
  if (env.platform !== 'win32' && !env.fixDir) return undefined;
  try {
    const { readJournal, unrestored, JOURNAL_FILE } = await import('../fix/journal.js');
    const dir = await journalDir(env);
    const journal = readJournal(dir);
    const owed = journal ? unrestored(journal).length : 0;
    return owed > 0 && journal
      ? { id: 'fix.plan.pendingJournal', params: { count: owed, since: journal.createdAt, file: join(dir, JOURNAL_FILE) } }
      : undefined;
  } catch {
    return undefined;
  }
}

async function planOnly(args: FixArgs, env: FixEnv, config: ResolvedConfig, deadline: Deadline | undefined): Promise<Outcome> {
  const { plan, lang } = await planFor(args, env, config, deadline);
  const render = await import('../fix/render.js');
  let text: string;
  if (args.format === 'json') text = render.renderPlanJson(plan, lang);
  else if (args.format === 'ps1') {
    const { renderPlanPs1 } = await import('../fix/ps1.js');
    // A BOM in a file: Windows PowerShell 5.1 reads a .ps1 without one in the ANSI code page.
    text = `${args.output ? '\uFEFF' : ''}${renderPlanPs1(plan, lang, (env.now ?? (() => new Date()))())}`;
  } else text = render.renderPlanText(plan, lang, await pendingNotice(env));
  return { lang, exitCode: EXIT.READY, text, output: args.output };
}

async function runtime(env: FixEnv, deadline: Deadline) {
  const [{ realInstallFiles, restrictFolderArgs }, { runProgram, failed }] = await Promise.all([
    import('../schedule/install-files.js'),
    import('../schedule/task-service.js'),
  ]);
  const dir = await journalDir(env);
  const rt = {
    runner: await liveRunner(env),
    env: env.env,
    deadline,
    dir,
    sleep: env.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    now: env.now ?? (() => new Date()),
  };
  /** The journal's folder, made if missing and restricted to SYSTEM and Administrators either way. */
  const prepare = async () => {
    try {
      realInstallFiles.makeFolder(dir);
    } catch (err) {
      const { errnoReason } = await import('../util/errno.js');
      throw new InputError('error.cannotWrite', { file: dir, why: errnoReason(err) });
    }
    const r = await runProgram(rt, 'icacls.exe', restrictFolderArgs(dir));
    if (r.exitCode !== 0) throw failed('icacls.exe', r);
  };
  return { rt, prepare };
}

/** Elevated, this machine's name and MachineGuid: checked before anything is changed. */
async function identify(rt: Awaited<ReturnType<typeof runtime>>['rt'], env: FixEnv, command: string) {
  const { isElevated, machineGuid } = await import('../fix/machine.js');
  if (!(await isElevated(rt))) throw new InputError('error.notElevated', { command });
  return { computerName: env.env.COMPUTERNAME ?? hostname(), machineGuid: await machineGuid(rt) };
}

async function applyOnMachine(args: FixArgs, env: FixEnv, config: ResolvedConfig, deadline: Deadline): Promise<Outcome> {
  const { rt, prepare } = await runtime(env, deadline);
  const here = await identify(rt, env, 'fix --apply');
  const { plan, lang } = await planFor(args, env, config, deadline);
  if (plan.computerName && plan.computerName.toLowerCase() !== here.computerName.toLowerCase())
    throw new InputError('error.planOtherMachine', { computer: plan.computerName, here: here.computerName });
  const [{ readJournal, newJournal, sameMachine, unrestored, JOURNAL_FILE }, { applyPlan }, { renderApplyText }] = await Promise.all([
    import('../fix/journal.js'),
    import('../fix/apply.js'),
    import('../fix/render.js'),
  ]);
  await prepare();
  const file = join(rt.dir, JOURNAL_FILE);
  const existing = readJournal(rt.dir);
  if (existing && !sameMachine(existing, here))
    throw new InputError('error.journalOtherMachine', { file, computer: existing.machine.computerName, here: here.computerName });
  const reused = existing ? unrestored(existing).length : 0;
  const journal = existing ?? newJournal(here, rt.now());
  const result = await applyPlan(rt, journal, plan, { logoffSessions: args.logoffSessions });
  return {
    lang,
    exitCode: result.failed ? EXIT.ACTION_FAILED : EXIT.READY,
    text: renderApplyText(plan, result, lang, { file, reused, owed: unrestored(journal).length }, restoreCommands(env)),
    output: args.output,
  };
}

export interface RestoreArgs extends LiveArgs {
  lang?: Lang;
  output?: string;
}

export async function runRestore(args: RestoreArgs, env: FixEnv, envLang: Lang): Promise<Outcome> {
  if (env.platform !== 'win32') throw new InputError('error.fixNeedsWindows');
  const lang = args.lang ?? envLang;
  return withDeadline(args.timeout, lang, env, async (deadline) => {
    const { rt, prepare } = await runtime(env, deadline);
    const here = await identify(rt, env, 'restore');
    const [{ readJournal, sameMachine, JOURNAL_FILE }, { restoreJournal }, { renderRestoreText }, { translator }] = await Promise.all([
      import('../fix/journal.js'),
      import('../fix/restore.js'),
      import('../fix/render.js'),
      import('../messages/format.js'),
    ]);
    const file = join(rt.dir, JOURNAL_FILE);
    const journal = readJournal(rt.dir);
    if (!journal)
      return { lang, exitCode: EXIT.READY, text: `${translator(lang).t('restore.nothing', { dir: rt.dir })}\n`, output: args.output };
    if (!sameMachine(journal, here))
      throw new InputError('error.journalOtherMachine', { file, computer: journal.machine.computerName, here: here.computerName });
    await prepare();
    const result = await restoreJournal(rt, journal);
    const failedAny = result.reports.some((r) => r.outcome === 'failed');
    const text = renderRestoreText(result, lang, file, journal.createdAt);
    return { lang, exitCode: failedAny ? EXIT.ACTION_FAILED : EXIT.READY, text, output: args.output };
  });
}
