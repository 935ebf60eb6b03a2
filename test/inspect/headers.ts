// Image headers made by hand, for tests that need no disk tools (bad files, the CLI, the exe under Wine).

/** A qcow2 header (version 3 unless told), 64 KiB clusters, refcount table at 64 KiB, in a file of `fileSize` bytes. */
export function qcow2Header(opts: {
  version?: number;
  size: bigint;
  l1Size: number;
  l1Offset: bigint;
  incompatible?: bigint;
  fileSize?: number;
}): Buffer {
  const buf = Buffer.alloc(opts.fileSize ?? 196608);
  buf.write('QFI\xfb', 0, 'latin1');
  buf.writeUInt32BE(opts.version ?? 3, 4);
  buf.writeUInt32BE(16, 20);
  buf.writeBigUInt64BE(opts.size, 24);
  buf.writeUInt32BE(opts.l1Size, 36);
  buf.writeBigUInt64BE(opts.l1Offset, 40);
  buf.writeBigUInt64BE(65536n, 48);
  buf.writeUInt32BE(1, 56);
  if ((opts.version ?? 3) >= 3) {
    buf.writeBigUInt64BE(opts.incompatible ?? 0n, 72);
    buf.writeUInt32BE(4, 96);
    buf.writeUInt32BE(104, 100);
  }
  return buf;
}
