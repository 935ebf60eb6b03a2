// Issue 24: the share-readiness scan works within a time and byte budget. What it did not reach it
// cannot vouch for: a scan that stopped early, a folder cut short, unreadable files and folders are
// "could not verify", never a silent pass. docs/checks.md#share-scan-coverage lists where it looks.
import { defineCheck, type FindingDraft } from './define-check.js';
import { appliesWhenSharing } from './shared/share.js';

const SHOWN = 5;
const STOP_REASONS = ['deadline', 'max-files', 'max-bytes', 'max-entries'] as const;
const isStopReason = (s: string): s is (typeof STOP_REASONS)[number] => (STOP_REASONS as readonly string[]).includes(s);

export const shareScanCoverage = defineCheck({
  id: 'share-scan-coverage',
  group: 'share',
  needs: ['secrets'],
  title: {
    en: 'What the secrets scan covered',
    'zh-CN': '敏感信息扫描的覆盖范围',
    'pt-BR': 'O que a varredura de segredos cobriu',
    id: 'Cakupan pemindaian rahasia',
  },
  description: {
    en: 'The scan reads the likely places within a time and size budget; what it could not read is reported, not assumed clean.',
    'zh-CN': '扫描在限定的时间和数据量内读取最可能存放敏感信息的位置；未能读取的部分会如实报告，而不会当作没有问题。',
    'pt-BR':
      'A varredura lê os lugares prováveis dentro de um limite de tempo e tamanho; o que ela não conseguiu ler é relatado, não presumido limpo.',
    id: 'Pemindaian membaca tempat-tempat yang mungkin dalam batas waktu dan ukuran; yang tidak terbaca dilaporkan, bukan dianggap bersih.',
  },
  docs: {
    en: `The scan runs inside the agent, in Node (no extra process, so it also works where there is no
PowerShell), on request: \`check --share\`, \`collect --share\`, or \`"share": true\` in the config. It reads,
in this order:

1. in every profile under \`C:\\Users\` (never through a link: \`All Users\`, \`Default User\`) and in the
   system profile (\`C:\\Windows\\System32\\config\\systemprofile\`, where TAT commands run): the files
   tools keep credentials in (see the checks above), PowerShell history, Credential Manager folders,
   browsers' password stores;
2. the answer files (share-answer-files);
3. a bounded walk of every text file in each profile's own folder (not its subfolders), \`Desktop\`,
   \`Documents\` and \`Downloads\`; configuration files (\`.json .ini .conf .cfg .config .yaml .yml .xml
   .toml .properties .env .txt .ps1 .bat .cmd .sh .py .js .reg\`, key files, extension-less names) under
   \`AppData\\Roaming\` (4 levels, not \`Microsoft\`) and \`C:\\ProgramData\` (4 levels, not \`Microsoft\` or
   \`Package Cache\`); every text file in \`C:\\\` itself, \`C:\\inetpub\`, and the IIS sites' physical paths
   on the system drive (\`applicationHost.config\`; a site on another drive is not in an image of the system
   disk); folders added by \`shareScan.extraFolders\`.

Limits (config \`shareScan\`): depth 6 below each folder, files up to 1 MiB (larger ones are counted as
too large), 64 MiB and 20,000 files read in all, 250,000 directory entries, 30 s and never past the
run's \`--timeout\`; each walked folder may use a quarter of the file and entry budget, so one huge folder
cannot starve the rest. A file is text if it starts with a UTF-16 BOM or has no NUL byte in its first
8 KiB. Links and junctions are never followed. \`node_modules\`, \`.git\` and \`$Recycle.Bin\` are not
entered. One unreadable file never stops the scan.

\`--share-root DIR\` (or \`shareScan.root\`) scans a folder as the system drive: a copy of a disk, or an
image mounted elsewhere (also on Linux, with \`check --snapshot\`).`,
    'zh-CN': `扫描在代理内部、在 Node 中运行（不启动额外进程，因此在没有 PowerShell 的地方也能工作），
按需进行：\`check --share\`、\`collect --share\`，或配置中的 \`"share": true\`。它按以下顺序
读取：

1. 在 \`C:\\Users\` 下的每个用户配置文件中（从不经由链接：\`All Users\`、\`Default User\`）以及在
   系统配置文件中（\`C:\\Windows\\System32\\config\\systemprofile\`，自动化助手命令在此运行）：
   各工具保存凭证的文件（见上文各检查）、PowerShell 历史记录、凭据管理器文件夹、
   浏览器的密码存储；
2. 应答文件（share-answer-files）；
3. 有界遍历：每个用户配置文件自身文件夹（不含子文件夹）、\`Desktop\`、
   \`Documents\` 和 \`Downloads\` 中的每个文本文件；\`AppData\\Roaming\`（4 层，不含 \`Microsoft\`）和
   \`C:\\ProgramData\`（4 层，不含 \`Microsoft\` 和 \`Package Cache\`）下的配置文件（\`.json .ini .conf .cfg
   .config .yaml .yml .xml .toml .properties .env .txt .ps1 .bat .cmd .sh .py .js .reg\`、密钥文件、
   无扩展名的文件）；\`C:\\\` 本身、\`C:\\inetpub\` 以及系统盘上 IIS 站点物理路径中的每个文本文件
   （\`applicationHost.config\`；位于其他驱动器上的站点不在系统盘的镜像中）；
   由 \`shareScan.extraFolders\` 添加的文件夹。

限制（配置 \`shareScan\`）：每个文件夹下深度 6，文件最大 1 MiB（更大的文件计为
过大），总共读取 64 MiB 和 20,000 个文件，250,000 个目录项，30 秒，且绝不超过
本次运行的 \`--timeout\`；每个遍历的文件夹最多使用文件和目录项预算的四分之一，因此单个巨大的文件夹
不会耗尽其余预算。文件以 UTF-16 BOM 开头或其前 8 KiB 中没有 NUL 字节时视为文本。
从不跟随链接和联接点。不进入 \`node_modules\`、\`.git\` 和 \`$Recycle.Bin\`。
单个无法读取的文件绝不会中止扫描。

\`--share-root DIR\`（或 \`shareScan.root\`）将某个文件夹作为系统盘扫描：磁盘的副本，或挂载在
其他位置的镜像（在 Linux 上也可以，配合 \`check --snapshot\`）。`,
    'pt-BR': `A varredura roda dentro do agente, no Node (sem processo extra, então funciona também onde não há
PowerShell), sob demanda: \`check --share\`, \`collect --share\` ou \`"share": true\` na configuração. Ela lê,
nesta ordem:

1. em todo perfil em \`C:\\Users\` (nunca através de um link: \`All Users\`, \`Default User\`) e no
   perfil do sistema (\`C:\\Windows\\System32\\config\\systemprofile\`, onde os comandos do TAT rodam): os arquivos
   em que as ferramentas guardam credenciais (veja as verificações acima), o histórico do PowerShell, as pastas do
   Gerenciador de Credenciais, os armazenamentos de senhas dos navegadores;
2. os arquivos de resposta (share-answer-files);
3. um percurso limitado por todo arquivo de texto na pasta própria de cada perfil (não nas subpastas), \`Desktop\`,
   \`Documents\` e \`Downloads\`; arquivos de configuração (\`.json .ini .conf .cfg .config .yaml .yml .xml
   .toml .properties .env .txt .ps1 .bat .cmd .sh .py .js .reg\`, arquivos de chave, nomes sem extensão) em
   \`AppData\\Roaming\` (4 níveis, não \`Microsoft\`) e \`C:\\ProgramData\` (4 níveis, não \`Microsoft\` nem
   \`Package Cache\`); todo arquivo de texto no próprio \`C:\\\`, em \`C:\\inetpub\` e nos caminhos físicos dos sites
   do IIS na unidade do sistema (\`applicationHost.config\`; um site em outra unidade não está numa imagem do disco do
   sistema); pastas adicionadas por \`shareScan.extraFolders\`.

Limites (config \`shareScan\`): profundidade 6 abaixo de cada pasta, arquivos de até 1 MiB (os maiores são contados
como grandes demais), 64 MiB e 20.000 arquivos lidos no total, 250.000 entradas de diretório, 30 s e nunca além do
\`--timeout\` da execução; cada pasta percorrida pode usar um quarto do orçamento de arquivos e entradas, então uma
pasta enorme não esgota o resto. Um arquivo é texto se começa com um BOM UTF-16 ou não tem byte NUL nos primeiros
8 KiB. Links e junções nunca são seguidos. \`node_modules\`, \`.git\` e \`$Recycle.Bin\` não são
percorridos. Um arquivo ilegível nunca interrompe a varredura.

\`--share-root DIR\` (ou \`shareScan.root\`) varre uma pasta como se fosse a unidade do sistema: uma cópia de um disco,
ou uma imagem montada em outro lugar (também no Linux, com \`check --snapshot\`).`,
    id: `Pemindaian berjalan di dalam agen, di Node (tanpa proses tambahan, jadi juga berfungsi di tempat yang tidak memiliki
PowerShell), atas permintaan: \`check --share\`, \`collect --share\`, atau \`"share": true\` di konfigurasi. Pemindaian
membaca, dalam urutan ini:

1. di setiap profil di bawah \`C:\\Users\` (tidak pernah melalui link: \`All Users\`, \`Default User\`) dan di
   profil sistem (\`C:\\Windows\\System32\\config\\systemprofile\`, tempat perintah TAT berjalan): berkas tempat
   alat menyimpan kredensial (lihat pemeriksaan di atas), riwayat PowerShell, folder Credential Manager,
   penyimpanan kata sandi browser;
2. berkas jawaban (share-answer-files);
3. penelusuran terbatas atas setiap berkas teks di folder milik setiap profil (bukan subfoldernya), \`Desktop\`,
   \`Documents\`, dan \`Downloads\`; berkas konfigurasi (\`.json .ini .conf .cfg .config .yaml .yml .xml
   .toml .properties .env .txt .ps1 .bat .cmd .sh .py .js .reg\`, berkas kunci, nama tanpa ekstensi) di bawah
   \`AppData\\Roaming\` (4 tingkat, bukan \`Microsoft\`) dan \`C:\\ProgramData\` (4 tingkat, bukan \`Microsoft\` atau
   \`Package Cache\`); setiap berkas teks di \`C:\\\` itu sendiri, \`C:\\inetpub\`, dan jalur fisik situs IIS
   di drive sistem (\`applicationHost.config\`; situs di drive lain tidak ada dalam citra disk sistem); folder
   yang ditambahkan lewat \`shareScan.extraFolders\`.

Batas (konfigurasi \`shareScan\`): kedalaman 6 di bawah setiap folder, berkas hingga 1 MiB (yang lebih besar dihitung
sebagai terlalu besar), total 64 MiB dan 20.000 berkas dibaca, 250.000 entri direktori, 30 dtk dan tidak pernah
melewati \`--timeout\` eksekusi; setiap folder yang ditelusuri boleh memakai seperempat anggaran berkas dan entri, jadi
satu folder raksasa tidak dapat menghabiskan jatah sisanya. Berkas dianggap teks jika diawali BOM UTF-16 atau tidak
memiliki byte NUL di 8 KiB pertamanya. Link dan junction tidak pernah diikuti. \`node_modules\`, \`.git\`, dan
\`$Recycle.Bin\` tidak dimasuki. Satu berkas yang tidak terbaca tidak pernah menghentikan pemindaian.

\`--share-root DIR\` (atau \`shareScan.root\`) memindai sebuah folder sebagai drive sistem: salinan disk, atau citra
yang di-mount di tempat lain (juga di Linux, dengan \`check --snapshot\`).`,
  },
  findings: {
    'scan-stopped': {
      severity: 'unknown',
      message: {
        en: 'could not verify everything: the scan stopped ({reason}) after {files, plural, one {# file} other {# files}}; what it did not reach may hold secrets',
        'zh-CN': '无法核实全部内容：扫描在读取 {files} 个文件后停止（{reason}）；未扫描到的部分可能含有敏感信息',
        'pt-BR':
          'não foi possível verificar tudo: a varredura parou ({reason}) após {files, plural, one {# arquivo} other {# arquivos}}; o que ela não alcançou pode conter segredos',
        id: 'tidak dapat memverifikasi semuanya: pemindaian berhenti ({reason}) setelah {files} file; yang tidak terjangkau mungkin berisi rahasia',
      },
    },
    'folders-cut-short': {
      severity: 'unknown',
      message: {
        en: 'could not verify all of {folders}: each folder may use only a share of the scan’s budget',
        'zh-CN': '无法完整核实 {folders}：每个文件夹只能使用扫描预算的一部分',
        'pt-BR': 'não foi possível verificar todo o conteúdo de {folders}: cada pasta só pode usar uma parte do limite da varredura',
        id: 'tidak dapat memverifikasi seluruh isi {folders}: setiap folder hanya boleh memakai sebagian anggaran pemindaian',
      },
    },
    unreadable: {
      severity: 'unknown',
      message: {
        en: 'could not verify {count, plural, one {# file or folder} other {# files or folders}} the scan could not read: {paths}',
        'zh-CN': '无法核实扫描读取不了的 {count} 个文件或文件夹：{paths}',
        'pt-BR':
          'não foi possível verificar {count, plural, one {# arquivo ou pasta} other {# arquivos ou pastas}} que a varredura não conseguiu ler: {paths}',
        id: 'tidak dapat memverifikasi {count} file atau folder yang tidak dapat dibaca pemindaian: {paths}',
      },
    },
    'too-large': {
      severity: 'info',
      message: {
        en: '{count, plural, one {# file larger than {limit} KiB was} other {# files larger than {limit} KiB were}} not read: {paths}',
        'zh-CN': '{count} 个大于 {limit} KiB 的文件未读取：{paths}',
        'pt-BR':
          '{count, plural, one {# arquivo maior que {limit} KiB não foi lido} other {# arquivos maiores que {limit} KiB não foram lidos}}: {paths}',
        id: '{count} file yang lebih besar dari {limit} KiB tidak dibaca: {paths}',
      },
    },
    'findings-dropped': {
      severity: 'info',
      message: {
        en: '{count, plural, one {# more hit} other {# more hits}} than the snapshot keeps (at most 50 per file): the files named are the ones to clean',
        'zh-CN': '命中数比快照保存的多 {count} 个（每个文件最多 50 个）：请清理已列出的文件',
        'pt-BR':
          '{count, plural, one {Mais # ocorrência} other {Mais # ocorrências}} do que o snapshot guarda (no máximo 50 por arquivo): os arquivos citados são os que devem ser limpos',
        id: '{count} temuan lebih banyak dari yang disimpan snapshot (paling banyak 50 per file): file yang disebut adalah yang perlu dibersihkan',
      },
    },
    'scan-complete': {
      severity: 'pass',
      message: {
        en: 'Scanned {files, plural, one {# file} other {# files}} ({size} MiB) in {folders, plural, one {# folder} other {# folders}} and {profiles, plural, one {# profile} other {# profiles}} in {seconds} s',
        'zh-CN': '已扫描 {profiles} 个用户配置文件和 {folders} 个文件夹中的 {files} 个文件（{size} MiB），用时 {seconds} 秒',
        'pt-BR':
          'Varredura de {files, plural, one {# arquivo} other {# arquivos}} ({size} MiB) em {folders, plural, one {# pasta} other {# pastas}} e {profiles, plural, one {# perfil} other {# perfis}} em {seconds} s',
        id: 'Memindai {files} file ({size} MiB) di {folders} folder dan {profiles} profil dalam {seconds} detik',
      },
    },
  },
  messages: {
    deadline: { en: 'time limit', 'zh-CN': '达到时间上限', 'pt-BR': 'limite de tempo', id: 'batas waktu' },
    'max-files': { en: 'file limit', 'zh-CN': '达到文件数上限', 'pt-BR': 'limite de arquivos', id: 'batas jumlah file' },
    'max-bytes': { en: 'size limit', 'zh-CN': '达到数据量上限', 'pt-BR': 'limite de tamanho', id: 'batas ukuran' },
    'max-entries': {
      en: 'folder-entry limit',
      'zh-CN': '达到目录项上限',
      'pt-BR': 'limite de entradas de pasta',
      id: 'batas entri folder',
    },
    andMore: { en: '{count} more', 'zh-CN': '另有 {count} 个', 'pt-BR': 'mais {count}', id: '{count} lainnya' },
    fixBudget: {
      en: 'Run it again with a longer --timeout, or raise the limits under shareScan in the config (docs/config.md).',
      'zh-CN': '使用更长的 --timeout 重新运行，或在配置文件的 shareScan 中调高上限（见 docs/config.md）。',
      'pt-BR': 'Execute de novo com um --timeout maior ou aumente os limites em shareScan na configuração (docs/config.md).',
      id: 'Jalankan lagi dengan --timeout yang lebih panjang, atau naikkan batas di shareScan pada konfigurasi (docs/config.md).',
    },
    fixElevate: {
      en: 'Run it elevated (as Administrator, or as SYSTEM from the scheduled task), or check these paths by hand.',
      'zh-CN': '以提升的权限运行（以管理员身份，或通过计划任务以 SYSTEM 身份），或手动检查这些路径。',
      'pt-BR':
        'Execute com privilégios elevados (como Administrador, ou como SYSTEM pela tarefa agendada) ou verifique esses caminhos manualmente.',
      id: 'Jalankan dengan hak elevasi (sebagai Administrator, atau sebagai SYSTEM dari tugas terjadwal), atau periksa jalur-jalur ini secara manual.',
    },
    fixLarge: {
      en: 'Check these files by hand, or raise shareScan.maxFileKiB in the config.',
      'zh-CN': '手动检查这些文件，或在配置文件中调高 shareScan.maxFileKiB。',
      'pt-BR': 'Verifique esses arquivos manualmente ou aumente shareScan.maxFileKiB na configuração.',
      id: 'Periksa file-file ini secara manual, atau naikkan shareScan.maxFileKiB di konfigurasi.',
    },
  },
  appliesTo: appliesWhenSharing,
  run({ secrets }, { finding, text }) {
    const scan = secrets.scan;
    const out: FindingDraft[] = [];
    const shown = (paths: readonly string[], total: number) => ({
      list: [...paths.slice(0, SHOWN), ...(total > SHOWN ? [text('andMore', { count: total - Math.min(SHOWN, paths.length) })] : [])],
      join: 'comma' as const,
    });
    const budgetFix = [{ message: text('fixBudget') }];
    if (scan.stoppedBy) {
      const reason = isStopReason(scan.stoppedBy) ? text(scan.stoppedBy) : scan.stoppedBy;
      out.push(
        finding(
          'scan-stopped',
          { reason, files: scan.filesRead },
          {
            evidence: [
              {
                kind: 'fact',
                ref: 'secrets.scan',
                data: { stoppedBy: scan.stoppedBy, filesRead: scan.filesRead, bytesRead: scan.bytesRead, entriesSeen: scan.entriesSeen },
              },
            ],
            fix: budgetFix,
          },
        ),
      );
    }
    if (scan.cutShort.length > 0)
      out.push(
        finding(
          'folders-cut-short',
          { folders: shown(scan.cutShort, scan.cutShort.length) },
          { evidence: scan.cutShort.slice(0, SHOWN).map((p) => ({ kind: 'file', ref: p, data: { cutShort: true } })), fix: budgetFix },
        ),
      );
    if (scan.skipped.unreadable > 0)
      out.push(
        finding(
          'unreadable',
          {
            count: scan.skipped.unreadable,
            paths: shown(
              scan.unreadable.map((u) => u.path),
              scan.skipped.unreadable,
            ),
          },
          {
            evidence: scan.unreadable.slice(0, SHOWN).map((u) => ({ kind: 'file', ref: u.path, data: { error: u.code } })),
            fix: [{ message: text('fixElevate') }],
          },
        ),
      );
    if (scan.skipped.tooLarge > 0)
      out.push(
        finding(
          'too-large',
          {
            count: scan.skipped.tooLarge,
            limit: Math.round(scan.limits.maxFileBytes / 1024),
            paths: shown(scan.tooLarge, scan.skipped.tooLarge),
          },
          { fix: [{ message: text('fixLarge') }] },
        ),
      );
    if (scan.findingsDropped > 0) out.push(finding('findings-dropped', { count: scan.findingsDropped }));
    if (!out.some((f) => f.severity === 'unknown'))
      out.push(
        finding('scan-complete', {
          files: scan.filesRead,
          size: { decimal: scan.bytesRead / (1024 * 1024), digits: 1 },
          folders: scan.folders.length,
          profiles: scan.profiles.length,
          seconds: { decimal: scan.durationMs / 1000, digits: 1 },
        }),
      );
    return out;
  },
});
