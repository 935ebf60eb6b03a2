// The Task Scheduler task through schtasks.exe: install, remove, status. What the task runs is
// src/schedule/run-record.ts (history and the Event Log) driven by src/commands/schedule.ts.
import { makePrivateDir } from '../util/private-dir.js';
import { win32 } from 'node:path';
import { firstLine, type Runner, type RunResult } from '../collect/runner.js';
import type { Deadline } from '../util/deadline.js';
import { InputError } from '../errors.js';
import { formatMessage, translator } from '../messages/format.js';
import type { Lang, MessageRef } from '../messages/types.js';
import { errnoReason } from '../util/errno.js';
import { listRuns, readLatest } from './history.js';
import { restrictFolderArgs, type InstallFiles } from './install-files.js';
import { buildTaskXml, encodeTaskXml, EXECUTION_TIME_LIMIT_MINUTES, quoteArg, schtasks, TASK_NAME, type Every } from './task.js';

export interface ScheduleContext {
  runner: Runner;
  env: Record<string, string | undefined>;
  tempDir: string;
  /** How the task starts this program: the exe itself, or node.exe plus the script. */
  self: { command: string; prefixArgs: string[] };
  now: () => Date;
  /** Language of what these commands print and of the Event Log entries. */
  lang: Lang;
  files: InstallFiles;
  /** The command's one deadline: each program it starts gets at most PROGRAM_BUDGET_MS of what is left. */
  deadline: Deadline;
}

/** No single schtasks, icacls or eventcreate call may take longer than this, deadline or not. */
const PROGRAM_BUDGET_MS = 30_000;

/** What running one of Windows' programs needs: the runner, the environment (SystemRoot) and the deadline. */
export type ProgramContext = Pick<ScheduleContext, 'runner' | 'env' | 'deadline'>;

/** Runs one of Windows' programs within the command's deadline. */
export function runProgram(ctx: ProgramContext, exe: string, args: string[]): Promise<RunResult> {
  return ctx.runner.run({
    file: system32(ctx.env, exe),
    args,
    timeoutMs: ctx.deadline.budget(PROGRAM_BUDGET_MS),
    signal: ctx.deadline.signal,
  });
}

export const system32 = (env: ScheduleContext['env'], exe: string) => win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32', exe);
export const defaultReportDir = (env: ScheduleContext['env']) =>
  win32.join(env.ProgramData ?? 'C:\\ProgramData', 'image-preflight', 'reports');
export const installDir = (env: ScheduleContext['env']) => win32.join(env.ProgramFiles ?? 'C:\\Program Files', 'image-preflight');
export const defaultLogDir = (env: ScheduleContext['env']) => win32.join(env.ProgramData ?? 'C:\\ProgramData', 'image-preflight', 'logs');

/** Why a program failed, worded later: could not start, timed out, or its exit code and first line of output. */
export function failureRef(what: string, r: RunResult): MessageRef & { id: 'error.processFailed' } {
  const why: MessageRef = r.startError
    ? { id: 'why.couldNotStart', params: { error: r.startError } }
    : r.timedOut
      ? { id: 'why.timedOut' }
      : { id: 'why.exitCode', params: { code: String(r.exitCode) } };
  const detail = firstLine(r.stderr.length ? r.stderr : r.stdout);
  return { id: 'error.processFailed', params: { what, why, detail: detail ? `: ${detail}` : '' } };
}

export function failed(what: string, r: RunResult): InputError {
  const ref = failureRef(what, r);
  return new InputError(ref.id, ref.params);
}

export interface InstallArgs {
  every: Every;
  at: string;
  reportDir?: string;
  keep: number;
  config?: string;
  logDir?: string;
  /** Given explicitly at install: the task keeps it (else each run decides from the machine's UI language). */
  lang?: Lang;
}

/** The folder made (or found) and, when it was ours to restrict, restricted to SYSTEM and Administrators. */
async function prepareFolder(ctx: ScheduleContext, folder: string, ours: boolean): Promise<MessageRef | undefined> {
  let created: boolean;
  try {
    created = ctx.files.makeFolder(folder);
  } catch (err) {
    throw new InputError('error.cannotWrite', { file: folder, why: errnoReason(err) });
  }
  // A folder the admin named that already existed keeps its permissions: it may be shared on purpose.
  if (!created && !ours) return { id: 'schedule.folderKept', params: { dir: folder } };
  const r = await runProgram(ctx, 'icacls.exe', restrictFolderArgs(folder));
  if (r.exitCode !== 0) throw failed('icacls.exe', r);
  return undefined;
}

export async function installTask(ctx: ScheduleContext, args: InstallArgs): Promise<string> {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(args.at)) throw new InputError('error.badAt', { value: args.at });
  if (!Number.isInteger(args.keep) || args.keep < 1) throw new InputError('error.badKeep', { value: String(args.keep) });
  // Run by node.exe, the task would run a script from wherever it lies, as SYSTEM: only the single
  // executable is installed, into a folder ordinary users cannot change.
  if (ctx.self.prefixArgs.length > 0) throw new InputError('error.installNeedsExe');
  const exe = win32.join(installDir(ctx.env), 'image-preflight.exe');
  if (ctx.self.command.toLowerCase() !== exe.toLowerCase()) {
    try {
      ctx.files.installExecutable(ctx.self.command, exe);
    } catch (err) {
      throw new InputError('error.cannotWrite', { file: exe, why: errnoReason(err) });
    }
  }
  const reportDir = args.reportDir ?? defaultReportDir(ctx.env);
  const logDir = args.logDir ?? defaultLogDir(ctx.env);
  const notes: MessageRef[] = [];
  for (const [folder, ours] of [
    [reportDir, !args.reportDir],
    [logDir, !args.logDir],
  ] as const) {
    const note = await prepareFolder(ctx, folder, ours);
    if (note) notes.push(note);
  }
  const runArgs = ['schedule', 'run', '--report-dir', reportDir, '--keep', String(args.keep)];
  if (args.config) runArgs.push('--config', win32.resolve(args.config));
  if (args.logDir) runArgs.push('--log-dir', args.logDir);
  if (args.lang) runArgs.push('--lang', args.lang);
  const now = ctx.now();
  const startDate = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const xml = buildTaskXml({
    every: args.every,
    at: args.at,
    command: exe,
    arguments: runArgs.map(quoteArg).join(' '),
    startDate,
  });
  const dir = makePrivateDir(ctx.tempDir);
  const xmlFile = dir.write('task.xml', encodeTaskXml(xml));
  try {
    const r = await runProgram(ctx, 'schtasks.exe', schtasks.create(xmlFile));
    if (r.exitCode !== 0) throw failed('schtasks.exe /Create', r);
  } finally {
    dir.remove();
  }
  const { t } = translator(ctx.lang);
  const when: MessageRef = { id: args.every === 'hourly' ? 'schedule.hourly' : 'schedule.daily', params: { at: args.at } };
  const lines = [
    t('schedule.installed', { task: TASK_NAME, when, limit: EXECUTION_TIME_LIMIT_MINUTES, dir: reportDir, keep: args.keep }),
    t('schedule.installedExe', { exe }),
    ...notes.map((n) => translator(ctx.lang).ref(n)),
  ];
  return `${lines.join('\n')}\n`;
}

export async function removeTask(ctx: ScheduleContext): Promise<string> {
  const r = await runProgram(ctx, 'schtasks.exe', schtasks.remove());
  if (r.exitCode !== 0) throw failed('schtasks.exe /Delete', r);
  return `${formatMessage('schedule.removed', { task: TASK_NAME }, ctx.lang)}\n`;
}

/** Reads the task definition schtasks prints (XML: no localized text), UTF-16 or UTF-8. */
function decodeXml(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b.length > 1 && b[1] === 0)) return b.toString('utf16le').replace(/^\uFEFF/, '');
  return b.toString('utf8').replace(/^\uFEFF/, '');
}

export async function taskStatus(ctx: ScheduleContext, reportDir?: string): Promise<{ text: string; installed: boolean }> {
  const { t } = translator(ctx.lang);
  const r = await runProgram(ctx, 'schtasks.exe', schtasks.query());
  const dir = reportDir ?? defaultReportDir(ctx.env);
  const lines: string[] = [];
  const xml = r.exitCode === 0 ? decodeXml(r.stdout) : '';
  // Exit code 0 without a task definition is not "installed" (Wine's schtasks does that, say).
  if (r.exitCode === 0 && !/<Task[\s>]/.test(xml))
    throw new InputError('error.processFailed', { what: 'schtasks.exe /Query', why: { id: 'schedule.noDefinition' }, detail: '' });
  const installed = r.exitCode === 0;
  if (installed) {
    const hourly = /<Interval>PT1H<\/Interval>/.test(xml);
    const at = /<StartBoundary>[^<]*T(\d\d:\d\d)/.exec(xml)?.[1] ?? '?';
    const enabled = !/<Settings>[\s\S]*<Enabled>false<\/Enabled>[\s\S]*<\/Settings>/.test(xml);
    const command = /<Command>([^<]*)<\/Command>/.exec(xml)?.[1] ?? '?';
    const when: MessageRef = { id: hourly ? 'schedule.hourly' : 'schedule.daily', params: { at } };
    lines.push(t(enabled ? 'schedule.statusInstalled' : 'schedule.statusDisabled', { task: TASK_NAME, when, command }));
  } else if (r.startError) {
    throw failed('schtasks.exe /Query', r);
  } else {
    lines.push(t('schedule.statusMissing', { task: TASK_NAME }));
  }
  const latest = readLatest(dir);
  const runs = listRuns(dir);
  if (latest)
    lines.push(t('schedule.lastRun', { at: latest.generatedAt, verdict: { id: `verdict.${latest.verdict}` as const }, ...latest.counts }));
  else lines.push(t('schedule.noRun', { dir }));
  lines.push(t('schedule.reports', { dir, count: runs.length }));
  return { text: `${lines.join('\n')}\n`, installed };
}
