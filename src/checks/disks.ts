// Only the system disk is captured (data disks only when chosen), and instances boot it on their own:
// Windows must boot from one basic disk, and data on other volumes is not in the image.
import { defineCheck, type FindingDraft } from './define-check.js';

/** MBR partition type 0x42 (PARTITION_LDM) and the GPT types of a dynamic disk (LDM metadata and data). */
const LDM_MBR_TYPE = 0x42;
const LDM_GPT_TYPES = new Set(['5808c8aa-7e8f-42e0-85d2-e1e90434cfb3', 'af9b60a0-1431-4f62-bc68-3311714a69ad']);
const GIB = 1024 ** 3;

const gib = (bytes: number | null | undefined) => (bytes ? Math.round((bytes / GIB) * 10) / 10 : 0);

export const disks = defineCheck({
  id: 'disks',
  group: 'instances',
  needs: ['disks'],
  optional: ['host'],
  title: {
    en: 'Disks and volumes',
    'zh-CN': '磁盘与卷',
    'pt-BR': 'Discos e volumes',
    id: 'Disk dan volume',
  },
  description: {
    en: 'Windows must boot from one basic system disk; volumes on other disks are not in the image unless chosen.',
    'zh-CN': 'Windows 必须从一块基本系统盘启动；其他磁盘上的卷除非选择，否则不在镜像中。',
    'pt-BR':
      'O Windows precisa iniciar de um único disco básico do sistema; volumes em outros discos não entram na imagem a menos que escolhidos.',
    id: 'Windows harus boot dari satu disk sistem dasar; volume di disk lain tidak ada di citra kecuali dipilih.',
  },
  docs: {
    en: `From the Storage provider (\`MSFT_Disk\`, \`MSFT_Partition\`) and \`Win32_LogicalDisk\`. A custom image holds
the system disk, and data disks only when they are chosen at creation (Tencent's "Creating custom images").

| finding | rule |
| --- | --- |
| dynamic-system-disk (fail) | a partition of the boot disk is an LDM one (\`MbrType\` 0x42, or \`GptType\` LDM metadata \`5808c8aa-…\` / data \`af9b60a0-…\`; Microsoft's VDS and GPT type references): a dynamic system disk is not supported for imported images and is not a basic boot disk |
| boot-split (fail) | the system partition (\`IsSystem\`) and the boot volume (\`IsBoot\`, the Windows volume) are on different disks: the image of the system disk alone does not boot |
| several-active (warn) | more than one active (bootable) partition on an MBR system disk |
| other-volumes (info) | fixed volumes on other disks, with their size and use: not in the image unless their disk is captured as a data disk |`,
    'zh-CN': `来自存储提供程序（\`MSFT_Disk\`、\`MSFT_Partition\`）和 \`Win32_LogicalDisk\`。自定义镜像包含系统盘，
数据盘仅在创建时被选中才包含在内（腾讯云《创建自定义镜像》）。

| 发现项 | 规则 |
| --- | --- |
| dynamic-system-disk (fail) | 启动盘的某个分区是 LDM 分区（\`MbrType\` 0x42，或 \`GptType\` LDM 元数据 \`5808c8aa-…\` / 数据 \`af9b60a0-…\`；Microsoft 的 VDS 和 GPT 类型参考）：导入镜像不支持动态系统盘，且它不是基本启动盘 |
| boot-split (fail) | 系统分区（\`IsSystem\`）和启动卷（\`IsBoot\`，即 Windows 卷）位于不同的磁盘上：仅系统盘的镜像无法启动 |
| several-active (warn) | MBR 系统盘上有多个活动（可启动）分区 |
| other-volumes (info) | 其他磁盘上的固定卷及其大小和用途：除非其磁盘作为数据盘一起制作，否则不在镜像中 |`,
    'pt-BR': `Do provedor de Armazenamento (\`MSFT_Disk\`, \`MSFT_Partition\`) e do \`Win32_LogicalDisk\`. Uma imagem personalizada
contém o disco do sistema, e os discos de dados só quando são escolhidos na criação ("Criar imagens
personalizadas" da Tencent).

| constatação | regra |
| --- | --- |
| dynamic-system-disk (fail) | uma partição do disco de inicialização é LDM (\`MbrType\` 0x42, ou \`GptType\` de metadados LDM \`5808c8aa-…\` / dados \`af9b60a0-…\`; referências de tipos VDS e GPT da Microsoft): um disco do sistema dinâmico não é compatível com imagens importadas e não é um disco de inicialização básico |
| boot-split (fail) | a partição do sistema (\`IsSystem\`) e o volume de inicialização (\`IsBoot\`, o volume do Windows) estão em discos diferentes: a imagem só do disco do sistema não inicializa |
| several-active (warn) | mais de uma partição ativa (inicializável) num disco do sistema MBR |
| other-volumes (info) | volumes fixos em outros discos, com tamanho e uso: não entram na imagem, a menos que o disco deles seja capturado como disco de dados |`,
    id: `Dari penyedia Storage (\`MSFT_Disk\`, \`MSFT_Partition\`) dan \`Win32_LogicalDisk\`. Citra kustom memuat disk sistem,
dan disk data hanya jika dipilih saat pembuatan ("Creating custom images" dari Tencent).

| temuan | aturan |
| --- | --- |
| dynamic-system-disk (fail) | sebuah partisi disk boot adalah partisi LDM (\`MbrType\` 0x42, atau \`GptType\` metadata LDM \`5808c8aa-…\` / data \`af9b60a0-…\`; referensi tipe VDS dan GPT dari Microsoft): disk sistem dinamis tidak didukung untuk citra yang diimpor dan bukan disk boot basic |
| boot-split (fail) | partisi sistem (\`IsSystem\`) dan volume boot (\`IsBoot\`, volume Windows) berada di disk yang berbeda: citra dari disk sistem saja tidak dapat boot |
| several-active (warn) | lebih dari satu partisi aktif (dapat di-boot) pada disk sistem MBR |
| other-volumes (info) | volume tetap di disk lain, beserta ukuran dan penggunaannya: tidak termasuk dalam citra kecuali disknya ikut dibuatkan citra sebagai disk data |`,
  },
  findings: {
    'dynamic-system-disk': {
      severity: 'fail',
      message: {
        en: 'The system disk is a dynamic (LDM) disk: convert it to a basic disk before making an image',
        'zh-CN': '系统盘是动态（LDM）磁盘：制作镜像前请将其转换为基本磁盘',
        'pt-BR': 'O disco do sistema é dinâmico (LDM): converta-o em disco básico antes de criar a imagem',
        id: 'Disk sistem adalah disk dinamis (LDM): ubah menjadi disk dasar sebelum membuat citra',
      },
    },
    'boot-split': {
      severity: 'fail',
      message: {
        en: 'Windows boots from disk {system} but is installed on disk {boot}: an image of the system disk alone would not start',
        'zh-CN': 'Windows 从磁盘 {system} 引导，但安装在磁盘 {boot} 上：仅包含系统盘的镜像将无法启动',
        'pt-BR':
          'O Windows inicia pelo disco {system}, mas está instalado no disco {boot}: uma imagem só do disco do sistema não iniciaria',
        id: 'Windows boot dari disk {system} tetapi diinstal di disk {boot}: citra yang hanya berisi disk sistem tidak akan berjalan',
      },
    },
    'several-active': {
      severity: 'warn',
      message: {
        en: '{count} partitions of the system disk are marked active (bootable)',
        'zh-CN': '系统盘上有 {count} 个分区被标记为活动（可引导）',
        'pt-BR': '{count} partições do disco do sistema estão marcadas como ativas (inicializáveis)',
        id: '{count} partisi pada disk sistem ditandai aktif (dapat di-boot)',
      },
    },
    'other-volumes': {
      severity: 'info',
      message: {
        en: 'Not in the image unless captured as data disks: {volumes}',
        'zh-CN': '除非作为数据盘一起制作，否则不在镜像中：{volumes}',
        'pt-BR': 'Fora da imagem, a não ser que capturados como discos de dados: {volumes}',
        id: 'Tidak ada di citra kecuali dibuat sebagai disk data: {volumes}',
      },
    },
    'basic-system-disk': {
      severity: 'pass',
      message: {
        en: 'Windows boots from one basic disk ({style}, {size} GiB)',
        'zh-CN': 'Windows 从一块基本磁盘启动（{style}，{size} GiB）',
        'pt-BR': 'O Windows inicia de um único disco básico ({style}, {size} GiB)',
        id: 'Windows boot dari satu disk dasar ({style}, {size} GiB)',
      },
    },
  },
  messages: {
    volume: {
      en: '{drive} {size} GiB ({used} GiB used)',
      'zh-CN': '{drive} {size} GiB（已用 {used} GiB）',
      'pt-BR': '{drive} {size} GiB ({used} GiB usados)',
      id: '{drive} {size} GiB ({used} GiB terpakai)',
    },
    fixBasic: {
      en: 'Move Windows to a basic disk (Disk Management cannot convert a system disk back in place; back it up and reinstall or migrate).',
      'zh-CN': '将 Windows 迁移到基本磁盘（磁盘管理无法就地将系统盘转换回基本磁盘；请备份后重装或迁移）。',
      'pt-BR':
        'Leve o Windows para um disco básico (o Gerenciamento de Disco não converte um disco do sistema no lugar; faça backup e reinstale ou migre).',
      id: 'Pindahkan Windows ke disk dasar (Disk Management tidak dapat mengubah disk sistem di tempat; cadangkan lalu instal ulang atau migrasikan).',
    },
  },
  run({ disks: facts, host }, { finding, text }) {
    const findings: FindingDraft[] = [];
    const bootDisk = facts.disks.find((d) => d.IsBoot) ?? facts.disks.find((d) => d.IsSystem);
    const systemDrive = (host?.systemDrive ?? 'C:').replace(/:$/, '').toUpperCase();
    const onDisk = (n: number) => facts.partitions.filter((p) => p.DiskNumber === n);
    if (bootDisk) {
      const parts = onDisk(bootDisk.Number);
      const ldm = parts.filter(
        (p) => p.MbrType === LDM_MBR_TYPE || LDM_GPT_TYPES.has((p.GptType ?? '').replace(/[{}]/g, '').toLowerCase()),
      );
      if (ldm.length > 0)
        findings.push(
          finding(
            'dynamic-system-disk',
            {},
            {
              evidence: ldm.map((p) => ({
                kind: 'disk' as const,
                ref: `disk ${p.DiskNumber} partition ${p.PartitionNumber ?? '?'}`,
                data: { MbrType: p.MbrType ?? null, GptType: p.GptType ?? null },
              })),
              fix: [{ message: text('fixBasic') }],
            },
          ),
        );
      const systemPartition = facts.partitions.find((p) => p.IsSystem);
      const bootPartition =
        facts.partitions.find((p) => p.IsBoot) ?? facts.partitions.find((p) => (p.DriveLetter ?? '').toUpperCase() === systemDrive);
      if (systemPartition && bootPartition && systemPartition.DiskNumber !== bootPartition.DiskNumber)
        findings.push(finding('boot-split', { system: systemPartition.DiskNumber, boot: bootPartition.DiskNumber }));
      const active = parts.filter((p) => p.IsActive);
      if (bootDisk.PartitionStyle === 1 && active.length > 1) findings.push(finding('several-active', { count: active.length }));
    }
    const bootLetters = new Set((bootDisk ? onDisk(bootDisk.Number) : []).map((p) => (p.DriveLetter ?? '').toUpperCase()).filter((l) => l));
    const others = facts.volumes.filter((v) => {
      const letter = v.DeviceID.replace(/:$/, '').toUpperCase();
      return letter !== systemDrive && !bootLetters.has(letter);
    });
    if (others.length > 0)
      findings.push(
        finding('other-volumes', {
          volumes: {
            list: others.map((v) =>
              text('volume', { drive: v.DeviceID, size: gib(v.Size), used: gib((v.Size ?? 0) - (v.FreeSpace ?? 0)) }),
            ),
            join: 'comma',
          },
        }),
      );
    if (!findings.some((f) => f.severity !== 'info'))
      findings.unshift(
        finding('basic-system-disk', {
          style: bootDisk?.PartitionStyle === 2 ? 'GPT' : bootDisk?.PartitionStyle === 1 ? 'MBR' : '?',
          size: gib(bootDisk?.Size),
        }),
      );
    return findings;
  },
});
