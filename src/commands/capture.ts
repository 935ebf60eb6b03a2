// `capture`: the full check (guest and cloud), then the custom image itself. Refuses on BLOCKED (exit 2)
// and on AT RISK unless --accept-risk (exit 1), nothing created either way; then CreateImage, always as a
// dry run first, and DescribeImages until the image is NORMAL (exit 0) or failed, the wait timed out, or
// Ctrl-C left it being created in the cloud (exit 4, saying so, with its id). Every failure says whether
// an image was created. --dry-run stops after the dry run and prints the exact request and its tccli line.
import { EXIT, InputError } from '../errors.js';
import { judgeInDetail, reportLang } from '../engine/judge.js';
import { translator } from '../messages/format.js';
import type { Lang } from '../messages/types.js';
import { renderReport } from '../report/render.js';
import { charCount, IMAGE_DESCRIPTION_MAX_CHARS } from '../cloud/limits.js';
import { createDeadline } from '../util/deadline.js';
import { cloudErrorRef } from '../util/cloud-error-ref.js';
import { checkConfig, snapshotToJudge, type CheckArgs, type CheckEnv } from './check.js';
import type { CloudTarget } from './cloud.js';
import { liveRunner, withDeadline, type LiveArgs } from './live.js';
import type { Outcome } from './outcome.js';
import { elapsedText, progressLine, type LongRunEnv } from './progress.js';

export interface CaptureArgs extends LiveArgs {
  lang?: Lang;
  snapshot?: string;
  config?: string;
  name: string;
  description?: string;
  /** CreateImage Sysprep, and the guest check of what Sysprep needs. */
  sysprep: boolean;
  forcePoweroff: boolean;
  /** Comma-separated cloud disk IDs to include (a whole-machine image). */
  dataDisks?: string;
  acceptRisk: boolean;
  dryRun: boolean;
  target: CloudTarget;
  /** Seconds to wait for the image to be NORMAL. */
  waitTimeout: number;
}

export interface CaptureEnv extends CheckEnv, LongRunEnv {}

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const DISK_ID = /^disk-[a-z0-9]+$/i;
/** eventcreate may take this long on a busy machine. */
const EVENT_LOG_MS = 15_000;

/** What the command line says, checked before anything runs (a bad name must not cost a live collection). */
function checkInput(args: CaptureArgs): string[] {
  if (args.name.trim() === '') throw new InputError('error.imageNameEmpty');
  if (CONTROL.test(args.name)) throw new InputError('error.imageNameControl', { option: '--name' });
  if (args.description !== undefined) {
    if (charCount(args.description) > IMAGE_DESCRIPTION_MAX_CHARS)
      throw new InputError('error.descriptionTooLong', { count: charCount(args.description), max: IMAGE_DESCRIPTION_MAX_CHARS });
    if (CONTROL.test(args.description)) throw new InputError('error.imageNameControl', { option: '--description' });
  }
  if (!Number.isFinite(args.waitTimeout) || args.waitTimeout <= 0)
    throw new InputError('error.badWaitTimeout', { value: String(args.waitTimeout) });
  const disks = (args.dataDisks ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  for (const d of disks) if (!DISK_ID.test(d)) throw new InputError('error.badDataDisk', { value: d });
  return disks;
}

export async function runCapture(args: CaptureArgs, env: CaptureEnv, envLang: Lang): Promise<Outcome> {
  const dataDiskIds = checkInput(args);
  const config = checkConfig({ config: args.config, sysprep: args.sysprep, imageName: args.name, forcePoweroff: args.forcePoweroff });
  const { openCloud, resolveCredentials, resolveTarget } = await import('./cloud.js');
  const cloud = await openCloud(env.env, env.cloud, args.target);
  // No keys, no capture: say so before spending a collection on it.
  const creds = await resolveCredentials(cloud);
  if (!creds.ok) throw new InputError('capture.failed.notCreated', { error: creds.ref });

  // Ctrl-C from here on: before the real request it stops the capture at the next step, saying that
  // nothing was created; after it, the image is left being created, and the message says so.
  const interrupted = env.interrupts?.() ?? new AbortController().signal;
  const stopBefore = () => new InputError('capture.interruptedBefore');
  // A function, not the property: TypeScript would take one reading of it for all the later ones.
  const stopped = () => interrupted.aborted;

  // The full check: the guest (collected live, or --snapshot) and the cloud.
  const log = cloud.log;
  const checkArgs: CheckArgs = { ...args, format: 'text', cloud: true, target: args.target };
  const checkLog: string[] = [];
  const snapshot = await withDeadline(args.timeout, envLang, env, (deadline) =>
    snapshotToJudge(checkArgs, env, deadline, checkLog, cloud, interrupted),
  );
  log.unshift(...checkLog);
  if (stopped()) throw stopBefore();
  const lang = reportLang(args.lang, env.env, snapshot);
  const tr = translator(lang);
  const { t } = tr;
  const { instanceId, region, why } = resolveTarget(snapshot, args.target, env.env);
  if (instanceId === null || region === null)
    return {
      lang,
      exitCode: EXIT.INPUT,
      text: '',
      diagnostics: log,
      error: new InputError('error.captureNoInstance', { reason: why ?? 'the snapshot has no instance group' }),
    };

  const { report, crashed } = judgeInDetail(snapshot, config, { lang });
  for (const c of crashed) log.push(`check ${c.checkId} failed: ${c.error.stack ?? c.error.message}`);
  const noColor = env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '';
  const reportText = await renderReport(report, {
    format: 'text',
    color: !noColor && env.stdoutIsTTY,
    windowsSymbols: env.platform === 'win32',
  });

  // What is printed: the report, then a line per step. A long run prints them as they happen (the
  // console of the CLI entry); what is left goes out at the end with the exit code.
  const live = env.console;
  const pending: string[] = [reportText];
  const say = (line: string) => {
    if (live && pending.length === 0) live.out(`${line}\n`);
    else pending.push(`${line}\n`);
  };
  const flush = () => {
    if (live) for (const text of pending.splice(0)) live.out(text);
  };
  const end = (exitCode: number, error?: InputError): Outcome => ({ lang, exitCode, text: pending.join(''), diagnostics: log, error });

  const verdict = t(`verdict.${report.verdict}`);
  if (report.verdict === 'BLOCKED') {
    say(t('capture.refused.blocked', { verdict }));
    return end(EXIT.BLOCKED);
  }
  if (report.verdict === 'AT RISK' && !args.acceptRisk) {
    say(t('capture.refused.atRisk', { verdict }));
    return end(EXIT.AT_RISK);
  }
  if (report.verdict === 'AT RISK') say(t('capture.acceptedRisk', { verdict }));

  const request = {
    instanceId,
    name: args.name,
    description: args.description,
    sysprep: args.sysprep ? true : undefined,
    forcePoweroff: args.forcePoweroff ? true : undefined,
    dataDiskIds: dataDiskIds.length > 0 ? dataDiskIds : undefined,
  };
  const api = await cloud.api(region);
  const nothingCreated = (err: unknown) => {
    const error = cloud.lib.isCloudError(err) ? err : new cloud.lib.CloudError('service', String(err));
    return end(EXIT.INPUT, new InputError('capture.failed.notCreated', { error: cloudErrorRef(error.kind, error.message) }));
  };

  if (args.dryRun) {
    const summary = cloud.credentials.summary();
    say(t('capture.dryRun.request', { region, credentials: summary ? `${summary.source}, SecretId ${summary.secretId}` : '?' }));
    say(`  CreateImage ${JSON.stringify(cloud.lib.createImageParams(request, true))}`);
    for (const shell of ['cmd', 'powershell'] as const) {
      try {
        const line = cloud.lib.tccliCreateImageCommand({ ...request, region, dryRun: true }, shell);
        say(t('capture.dryRun.tccli', { shell }));
        say(`  ${line}`);
      } catch {
        say(t('capture.dryRun.noPowerShell'));
      }
    }
    try {
      await cloud.lib.createImage(api, { ...request, dryRun: true });
    } catch (err) {
      return nothingCreated(err);
    }
    say(t('capture.dryRun.accepted'));
    return end(EXIT.READY);
  }

  // The dry run: a refusal here means nothing was created.
  try {
    await cloud.lib.createImage(api, { ...request, dryRun: true }, { signal: interrupted });
  } catch (err) {
    if (stopped()) return end(EXIT.INPUT, stopBefore());
    return nothingCreated(err);
  }
  if (stopped()) return end(EXIT.INPUT, stopBefore());

  // The run takes minutes from here: what was said so far goes out now.
  flush();
  const follow = (id: string) => `tccli cvm DescribeImages --region ${region} --ImageIds ${id}`;
  let imageId: string;
  try {
    // Not cancelled by Ctrl-C: only the answer says whether an image now exists.
    imageId = (await cloud.lib.requestImage(api, request)).imageId;
  } catch (err) {
    const error = cloud.lib.isCloudError(err) ? err : new cloud.lib.CloudError('service', String(err));
    if (!cloud.lib.mayHaveCreated(error)) return nothingCreated(error);
    // No clear answer: an image may exist, and its name says whether it does.
    const errorRef = cloudErrorRef(error.kind, error.message);
    let found: string | null;
    try {
      found = (await cloud.lib.findPrivateImagesByName(api, args.name))[0]?.ImageId ?? null;
    } catch {
      say(t('capture.unknownOutcome', { error: errorRef, name: args.name }));
      return end(EXIT.ACTION_FAILED);
    }
    if (found === null) return end(EXIT.INPUT, new InputError('capture.noneAfterError', { error: errorRef, name: args.name }));
    say(t('capture.foundAfterError', { error: errorRef, imageId: found, name: args.name }));
    imageId = found;
  }
  say(t('capture.requested', { imageId, name: args.name, instanceId, region }));

  const event = eventLogger(env, log);
  const identity = snapshot.instance && !('collectionError' in snapshot.instance) ? snapshot.instance : undefined;
  if (identity?.instanceId === instanceId && (args.forcePoweroff || args.sysprep)) {
    // This instance shuts down for the capture, and this program with it: what follows may never print.
    say(t('capture.selfShutdown', { command: follow(imageId) }));
    await event('capture-started', t('event.captureStarted', { imageId, name: args.name, instanceId, region }));
  }

  const progress = progressLine(live);
  // What the last poll saw, for the line that ends the wait.
  const last: { state: string | null; elapsedMs: number } = { state: null, elapsedMs: 0 };
  try {
    const ready = await cloud.lib.waitForImage(api, imageId, {
      timeoutMs: args.waitTimeout * 1000,
      pollMs: env.cloud?.pollMs,
      maxPollMs: env.cloud?.maxPollMs,
      sleep: env.cloud?.sleep,
      signal: interrupted,
      onProgress: (p) => {
        last.state = p.state;
        last.elapsedMs = p.elapsedMs;
        const state = p.state ?? t('capture.notListed');
        progress.update(t('capture.progress', { imageId, state, elapsed: elapsedText(p.elapsedMs, t) }), state);
      },
    });
    progress.done();
    say(t('capture.done', { imageId, name: args.name, state: ready.state, elapsed: elapsedText(ready.elapsedMs, t) }));
    await event('capture-done', t('event.captureDone', { imageId, name: args.name, instanceId }));
    return end(EXIT.READY);
  } catch (err) {
    progress.done();
    const error = cloud.lib.isCloudError(err) ? err : new cloud.lib.CloudError('service', String(err));
    const state = last.state ?? t('capture.notListed');
    let line: string;
    if (error.kind === 'aborted') line = t('capture.interrupted', { imageId, state, command: follow(imageId) });
    else if (error.kind === 'timeout' && error.action === 'DescribeImages' && !error.code)
      line = t('capture.timedOut', {
        imageId,
        state,
        elapsed: elapsedText(Math.max(last.elapsedMs, args.waitTimeout * 1000), t),
        command: follow(imageId),
      });
    else if (error.kind === 'image-failed')
      line = last.state ? t('capture.failed.state', { imageId, state: last.state }) : t('capture.failed.vanished', { imageId });
    else line = t('capture.lostTrack', { imageId, error: cloudErrorRef(error.kind, error.message), command: follow(imageId) });
    say(line);
    await event('capture-failed', t('event.captureFailed', { instanceId, result: line }));
    return end(EXIT.ACTION_FAILED);
  }
}

/**
 * The Windows Event Log (Application, source image-preflight) hears about every capture that requested an
 * image, and about its start when the instance goes down with it; other systems have none. A failure to
 * write it is logged, never the capture's failure.
 */
function eventLogger(env: CaptureEnv, log: string[]) {
  return async (kind: 'capture-started' | 'capture-done' | 'capture-failed', message: string): Promise<void> => {
    if (env.platform !== 'win32') return;
    const [{ runProgram }, { eventcreateArgs }] = await Promise.all([
      import('../schedule/task-service.js'),
      import('../schedule/event-log.js'),
    ]);
    const deadline = createDeadline(EVENT_LOG_MS);
    try {
      const r = await runProgram(
        { runner: await liveRunner(env), env: env.env, deadline },
        'eventcreate.exe',
        eventcreateArgs(kind, message),
      );
      log.push(`eventcreate ${kind}: exit code ${String(r.exitCode)}`);
    } finally {
      deadline.dispose();
    }
  };
}
