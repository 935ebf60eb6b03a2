// What `check --snapshot FILE` and `fix --snapshot FILE` read: a snapshot (JSON), or the output of the
// batch `collect --print-script --batch` prints (Server 2008 R2 and other machines without PowerShell
// 3.0), turned into a snapshot here. The converter lives in the full bundle; the start-up bundle hands
// such a file over before it runs (src/startup/full-build.ts).
import { statSync } from 'node:fs';
import { looksLikeBatchOutput } from '../collect/fallback/batch-output.js';
import { parseSnapshot } from '../snapshot/load.js';
import type { Snapshot } from '../snapshot/schema.js';
import { readInputFile } from '../util/read-input.js';

export async function readSnapshotInput(file: string): Promise<Snapshot> {
  const bytes = readInputFile(file, { id: 'what.snapshot' });
  const what = { id: 'what.snapshotFile', params: { file } } as const;
  if (!looksLikeBatchOutput(bytes)) return parseSnapshot(bytes, what);
  const { snapshotFromBatchOutput } = await import('../collect/fallback/offline.js');
  return snapshotFromBatchOutput(bytes, { what, modifiedAt: statSync(file).mtime });
}
