// `collect`: this machine's snapshot as JSON, or the collection script to run by hand.
import type { Lang } from '../messages/types.js';
import { resolveConfig } from '../config/resolve.js';
import { collectLive, shareScanRequest, withDeadline, type LiveArgs, type LiveEnv } from './live.js';
import { printed, type Outcome } from './outcome.js';

export interface CollectArgs extends LiveArgs {
  output?: string;
  printScript: boolean;
  record?: string;
  redact: boolean;
  /** Also run the share-readiness scan: the snapshot gets its secrets group (masked). */
  share?: boolean;
  shareRoot?: string;
}

export async function runCollect(args: CollectArgs, env: LiveEnv, lang: Lang): Promise<Outcome> {
  if (args.printScript) {
    const { buildCollectionScript } = await import('../collect/script.js');
    return printed(buildCollectionScript({ stream: false }), lang, 0, args.output);
  }
  const record = args.record ? { dir: args.record, redact: args.redact } : undefined;
  const share = shareScanRequest(resolveConfig(), args);
  const snapshot = await withDeadline(args.timeout, lang, env, (deadline) =>
    collectLive(args, env, { deadline, ...(record ? { record } : {}), ...(share ? { share } : {}) }),
  );
  return printed(`${JSON.stringify(snapshot, null, 2)}\n`, lang, 0, args.output);
}
