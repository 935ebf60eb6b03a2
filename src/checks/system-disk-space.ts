// Tencent's FAQ, cause 4: a nearly full system disk raises low-disk notices, and the capture's own
// scripts and logs need room to write.
import { defineCheck } from './define-check.js';

const GiB = 1024 ** 3;

export const systemDiskSpace = defineCheck({
  id: 'system-disk-space',
  group: 'popups',
  needs: ['systemDisk'],
  title: {
    en: 'System disk space',
    'zh-CN': '系统盘空间',
    'pt-BR': 'Espaço no disco do sistema',
    id: 'Ruang disk sistem',
  },
  description: {
    en: 'A nearly full system disk shows low-space notices and leaves the capture scripts no room.',
    'zh-CN': '系统盘空间将满时会弹出磁盘空间不足通知，镜像创建脚本也没有空间可用。',
    'pt-BR': 'Um disco do sistema quase cheio exibe avisos de pouco espaço e não deixa espaço para os scripts de criação da imagem.',
    id: 'Disk sistem yang hampir penuh menampilkan pemberitahuan ruang rendah dan tidak menyisakan ruang bagi skrip pembuatan citra.',
  },
  docs: {
    en: `Cause 4. Less than 2 GiB free, or less than 5% free while under 10 GiB: warn (low-disk notices; the
capture needs room for its scripts and logs). Thresholds are configurable.`,
    'zh-CN': `原因 4。可用空间少于 2 GiB，或在小于 10 GiB 时可用空间少于 5%：warn（磁盘空间不足提示；
制作镜像需要空间存放其脚本和日志）。阈值可配置。`,
    'pt-BR': `Causa 4. Menos de 2 GiB livres, ou menos de 5% livres com menos de 10 GiB: warn (avisos de pouco espaço em disco; a
captura precisa de espaço para os scripts e logs dela). Os limites são configuráveis.`,
    id: `Penyebab 4. Ruang kosong kurang dari 2 GiB, atau kurang dari 5% saat di bawah 10 GiB: warn (pemberitahuan disk
hampir penuh; pembuatan citra butuh ruang untuk skrip dan log-nya). Ambang batas dapat dikonfigurasi.`,
  },
  findings: {
    'disk-low': {
      severity: 'warn',
      message: {
        en: '{drive} has only {free} GiB free of {size} GiB ({percent}%)',
        'zh-CN': '{drive} 可用空间仅剩 {free} GiB，共 {size} GiB（{percent}%）',
        'pt-BR': '{drive} tem apenas {free} GiB livres de {size} GiB ({percent}%)',
        id: '{drive} hanya memiliki {free} GiB kosong dari {size} GiB ({percent}%)',
      },
    },
    'disk-ok': {
      severity: 'pass',
      message: {
        en: '{drive} has {free} GiB free of {size} GiB ({percent}%)',
        'zh-CN': '{drive} 可用空间 {free} GiB，共 {size} GiB（{percent}%）',
        'pt-BR': '{drive} tem {free} GiB livres de {size} GiB ({percent}%)',
        id: '{drive} memiliki {free} GiB kosong dari {size} GiB ({percent}%)',
      },
    },
  },
  messages: {
    fixFreeDisk: {
      en: 'Free space on the system disk: delete what you no longer need (old logs, installers, files in C:\\Windows\\Temp), and remove superseded Windows components (elevated prompt; it can take a while):',
      'zh-CN':
        '清理系统盘空间：删除不再需要的文件（旧日志、安装包、C:\\Windows\\Temp 中的文件），并清除已被取代的 Windows 组件（在管理员命令提示符中运行；可能需要较长时间）：',
      'pt-BR':
        'Libere espaço no disco do sistema: apague o que não for mais necessário (logs antigos, instaladores, arquivos em C:\\Windows\\Temp) e remova componentes substituídos do Windows (prompt de comando como Administrador; pode demorar):',
      id: 'Kosongkan ruang di disk sistem: hapus yang tidak diperlukan lagi (log lama, penginstal, file di C:\\Windows\\Temp), lalu bersihkan komponen Windows yang sudah digantikan (prompt perintah sebagai Administrator; bisa memakan waktu):',
    },
  },
  run({ systemDisk: disk }, { config, finding, text }) {
    const { systemDiskMinFreeGiB: minGiB, systemDiskMinFreePercent: minPct } = config.thresholds;
    const percent = disk.sizeBytes > 0 ? (disk.freeBytes / disk.sizeBytes) * 100 : 0;
    const decimal = (n: number) => ({ decimal: Math.round(n * 10) / 10 });
    const params = {
      drive: disk.drive,
      free: decimal(disk.freeBytes / GiB),
      size: decimal(disk.sizeBytes / GiB),
      percent: decimal(percent),
    };
    const evidence = [{ kind: 'disk' as const, ref: disk.drive, data: { freeBytes: disk.freeBytes, sizeBytes: disk.sizeBytes } }];
    // Both limits must be broken for large disks: 4% of 500 GB is still plenty of room.
    const low = disk.freeBytes < minGiB * GiB || (percent < minPct && disk.freeBytes < 10 * GiB);
    if (!low) return [finding('disk-ok', params, { evidence })];
    return [
      finding('disk-low', params, {
        evidence,
        // Not cleanmgr.exe: Server Core has none, and /sagerun does nothing without an earlier /sageset.
        fix: [{ message: text('fixFreeDisk'), commands: ['DISM.exe /Online /Cleanup-Image /StartComponentCleanup'] }],
      }),
    ];
  },
});
