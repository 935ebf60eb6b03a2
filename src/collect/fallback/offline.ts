// The snapshot from the output of the batch `collect --print-script --batch` prints, for servers where the
// agent cannot run and the collection script cannot either (Server 2008 R2 with Windows PowerShell 2.0).
// The admin runs the batch there (`collect.cmd > facts.txt`), copies the file back, and
// `check --snapshot facts.txt` lands here: the same parsers as the live fallback, the same
// not-collected groups, the same validation. Decoding is deliberate: cmd.exe's `>` leaves the console's
// OEM code page (read from the registry in the same output), PowerShell's `>` leaves UTF-16LE.
import { REGISTRY_KEY_LIST } from '../../catalog/registry-keys.js';
import { InputError } from '../../errors.js';
import { formatRef } from '../../messages/format.js';
import type { ParamValue } from '../../messages/types.js';
import type { FactName, Snapshot } from '../../snapshot/schema.js';
import { fillMissing, validateOrQuarantine } from '../collect.js';
import { collectionError, type SimpleRef } from '../collection-error.js';
import { isRecord } from '../../util/guards.js';
import { protectRegistry } from '../protect-registry.js';
import { batchFingerprint, splitSections } from './batch.js';
import { BATCH_HEADER, BY_HAND, batchOutputText } from './batch-output.js';
import { decodeConsoleOutput, groupsFromFallbackText } from './snapshot-from-fallback.js';

export interface BatchOutputSource {
  /** Names the input in error messages. */
  what: ParamValue;
  /** When the output file was last written: the batch records no clock (cmd's %DATE% is in the machine's locale). */
  modifiedAt: Date;
}

/** The header's version and fingerprint, and the environment section's variables. */
function header(text: string): { version: string; fingerprint: string } | undefined {
  const line = text.trimStart().split(/\r?\n/, 1)[0]?.trim();
  const m = line?.startsWith(`${BATCH_HEADER} `) ? /^(\S+)\s+(\S+)$/.exec(line.slice(BATCH_HEADER.length + 1).trim()) : null;
  return m?.[1] && m[2] ? { version: m[1], fingerprint: m[2] } : undefined;
}

function environment(body: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (body ?? '').split('\n')) {
    const m = /^([A-Za-z_][\w()]*)=(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

export function snapshotFromBatchOutput(bytes: Uint8Array, source: BatchOutputSource): Snapshot {
  const redirected = batchOutputText(bytes);
  // UTF-16LE: PowerShell already decoded the console's bytes. Otherwise they are the OEM code page's.
  const text = redirected.utf16 ? redirected.text : decodeConsoleOutput(bytes).text.replace(/^\uFEFF/, '');
  const head = header(text);
  if (!head) throw new InputError('error.batchHeader', { what: source.what, printBatch: BY_HAND.printBatch });
  if (head.fingerprint !== batchFingerprint(REGISTRY_KEY_LIST))
    throw new InputError('error.batchOtherVersion', { what: source.what, version: head.version, printBatch: BY_HAND.printBatch });

  const env = environment(splitSections(text).sections.get('env')?.body);
  const { groups, done } = groupsFromFallbackText(text, {
    keys: REGISTRY_KEY_LIST,
    ...(env.computername ? { computerName: env.computername } : {}),
    ...(env.systemroot ? { systemRoot: env.systemroot } : {}),
    ...(env.systemdrive ? { systemDrive: env.systemdrive } : {}),
    // No agent process ran there: the session it ran in stays unknown.
    pid: -1,
    powershellVersion: null,
  });
  const notes: SimpleRef[] = [{ id: 'collector.fromBatch', params: { version: head.version, command: 'collect --print-script --batch' } }];
  if (!done) notes.push({ id: 'collector.batchIncomplete' });
  // Node's own probes (metadata service, KMS) run only beside a live collection.
  const noProbe = (name: string) => collectionError({ id: 'collector.batchNoProbe' }, name, 'not-supported');
  const all: Partial<Record<FactName, unknown>> = {
    ...fillMissing(
      { ...groups, instance: noProbe('metadata'), reachability: noProbe('kms') },
      { id: 'collector.notCollected' },
      'failed',
      'fallback',
    ),
  };
  all.registry = protectRegistry(all.registry, REGISTRY_KEY_LIST);
  if (isRecord(all.host) && all.host.elevated === false) notes.push({ id: 'collector.notElevated' });
  return validateOrQuarantine({
    schemaVersion: 1,
    collectedAt: source.modifiedAt.toISOString(),
    collector: {
      name: 'image-preflight',
      version: head.version,
      method: 'fallback',
      notes: notes.map((n) => formatRef(n)),
      noteRefs: notes,
    },
    ...all,
  });
}
