// Tencent's FAQ, cause 4: a nearly full system disk raises low-disk notices, and the capture's own
// scripts and logs need room to write.
import { defineCheck, DOCS } from './define-check.js';
import { factValue } from '../snapshot/facts.js';

const GiB = 1024 ** 3;

export const systemDiskSpace = defineCheck({
  meta: {
    id: 'system-disk-space',
    group: 'popups',
    title: 'disk.title',
    description: 'disk.description',
    docsUrl: `${DOCS}#system-disk-space`,
    requiredFacts: ['systemDisk'],
  },
  run({ snapshot, config }) {
    const disk = factValue(snapshot, 'systemDisk')!;
    const { systemDiskMinFreeGiB: minGiB, systemDiskMinFreePercent: minPct } = config.thresholds;
    const percent = disk.sizeBytes > 0 ? (disk.freeBytes / disk.sizeBytes) * 100 : 0;
    const decimal = (n: number) => ({ decimal: Math.round(n * 10) / 10 });
    const params = { drive: disk.drive, free: decimal(disk.freeBytes / GiB), size: decimal(disk.sizeBytes / GiB), percent: decimal(percent) };
    const evidence = [{ kind: 'disk' as const, ref: disk.drive, data: { freeBytes: disk.freeBytes, sizeBytes: disk.sizeBytes } }];
    // Both limits must be broken for large disks: 4% of 500 GB is still plenty of room.
    const low = disk.freeBytes < minGiB * GiB || (percent < minPct && disk.freeBytes < 10 * GiB);
    if (!low) return [{ code: 'disk-ok', severity: 'pass', evidence, message: { id: 'disk.ok', params } }];
    return [{
      code: 'disk-low', severity: 'warn', evidence, message: { id: 'disk.low', params },
      remediation: [{ message: { id: 'fix.freeDisk' }, commands: ['cleanmgr.exe /sagerun:1', 'DISM.exe /Online /Cleanup-Image /StartComponentCleanup'] }],
    }];
  },
});
