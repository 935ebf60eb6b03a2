// Recognises the output of the batch `collect --print-script --batch` prints, as the admin copies it back
// from the server: cmd.exe's `>` writes the console's OEM code page, Windows PowerShell's `>` writes
// UTF-16LE with a BOM. Light on purpose: the start-up bundle asks this before it hands such a file to
// the full bundle, which turns it into a snapshot (offline.ts).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Starts every line the batch writes about itself (sections, exit codes, the end). */
export const MARK = '##IPF';
/** The batch's first line: `##IPF image-preflight-batch <version> <catalogue fingerprint>`. */
export const BATCH_HEADER = `${MARK} image-preflight-batch`;

/** The text of the bytes' beginning, whichever of the two encodings wrote it (ASCII is all we look for). */
export function batchOutputText(bytes: Uint8Array): { text: string; utf16: boolean } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xff && b[1] === 0xfe) return { text: b.subarray(2).toString('utf16le'), utf16: true };
  // UTF-16LE without a BOM (Out-File -Encoding Unicode writes one; a copy through some editors does not).
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return { text: b.toString('utf16le'), utf16: true };
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  return { text: b.subarray(start).toString('latin1'), utf16: false };
}

export function looksLikeBatchOutput(bytes: Uint8Array): boolean {
  return batchOutputText(bytes.subarray(0, 256)).text.trimStart().startsWith(`${BATCH_HEADER} `);
}

/** Whether the file begins like the batch's output; false for anything unreadable (the loader will say why). */
export function fileLooksLikeBatchOutput(file: string): boolean {
  let fd: number | undefined;
  try {
    // Never blocks on a FIFO (O_NONBLOCK) and reads only a regular file; anything else is the loader's to refuse.
    fd = openSync(file, process.platform === 'win32' ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return false;
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    return looksLikeBatchOutput(head.subarray(0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The commands and the download messages name (verbatim in every language): the route without PowerShell
 * 3.0, and Microsoft's WMF 5.1 package for Server 2008 R2 SP1 ("Install and Configure WMF 5.1"). */
export const BY_HAND = {
  printBatch: 'image-preflight collect --print-script --batch --output collect.cmd',
  runBatch: 'collect.cmd > facts.txt',
  checkBatch: 'image-preflight check --snapshot facts.txt',
  package: 'Win7AndW2K8R2-KB3191566-x64.zip',
} as const;
