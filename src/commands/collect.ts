// `collect`: this machine's snapshot as JSON, or the collection script to run by hand.
import type { Lang } from '../messages/types.js';
import { InputError } from '../errors.js';
import { BY_HAND } from '../collect/fallback/batch-output.js';
import { VERSION } from '../version.js';
import { resolveConfig } from '../config/resolve.js';
import { collectLive, shareScanRequest, withDeadline, type LiveArgs, type LiveEnv } from './live.js';
import { printed, type Outcome } from './outcome.js';

export interface CollectArgs extends LiveArgs {
  output?: string;
  printScript: boolean;
  /** With printScript: the native-tools batch instead (Server 2008 R2, Windows PowerShell 2.0). */
  batch?: boolean;
  record?: string;
  redact: boolean;
  /** Also run the share-readiness scan: the snapshot gets its secrets group (masked). */
  share?: boolean;
  shareRoot?: string;
}

export async function runCollect(args: CollectArgs, env: LiveEnv, lang: Lang): Promise<Outcome> {
  if (args.batch && !args.printScript) throw new InputError('error.batchNeedsPrintScript', { printBatch: BY_HAND.printBatch });
  if (args.printScript && args.batch) {
    // Pure ASCII with CRLF line ends, as cmd.exe reads a batch file; --output writes it byte for byte
    // (Windows PowerShell's `>` would write UTF-16LE, which cmd.exe cannot run).
    const { buildFallbackBatch } = await import('../collect/fallback/batch.js');
    const { REGISTRY_KEY_LIST } = await import('../catalog/registry-keys.js');
    return printed(buildFallbackBatch(REGISTRY_KEY_LIST, { version: VERSION }), lang, 0, args.output);
  }
  if (args.printScript) {
    const { buildCollectionScript } = await import('../collect/script.js');
    return printed(buildCollectionScript({ stream: false, lang }), lang, 0, args.output);
  }
  const record = args.record ? { dir: args.record, redact: args.redact } : undefined;
  const share = shareScanRequest(resolveConfig(), args);
  const snapshot = await withDeadline(args.timeout, lang, env, (deadline) =>
    collectLive(args, env, { deadline, ...(record ? { record } : {}), ...(share ? { share } : {}) }),
  );
  return printed(`${JSON.stringify(snapshot, null, 2)}\n`, lang, 0, args.output);
}
