// Security software the product table does not know still blocks Tencent's image creation scripts
// (FAQ cause 3). A heuristic finds it by words in service display names and descriptions and in the
// folders programs run from, in the four languages of the reports (src/catalog/security-keywords.ts).
// Display names and descriptions are localized text, so a match only ever warns: blocking is for table
// matches by service name or path (security-software). Windows' own security services, Tencent's
// agents and products the table already reports are left out.
import { defineCheck, type Evidence, type FindingDraft } from './define-check.js';
import { tencentComponentFilter } from './shared/agent-match.js';
import { detectAll } from './shared/security-match.js';
import { serviceFix } from './shared/fixes.js';
import { processEvidence, scCommands, serviceEvidence, serviceState } from './shared/services.js';
import { SECURITY_PHRASES, SECURITY_WORDS, WINDOWS_SECURITY_FOLDERS, WINDOWS_SECURITY_SERVICES } from '../catalog/security-keywords.js';
import type { Process, Service } from '../snapshot/schema.js';
import { imageKey } from '../util/windows-path.js';
import { keysOf } from './shared/service-keys.js';

/** The folders Tencent's password-reset troubleshooting page asks security software to trust. */
const TENCENT_FOLDERS = 'C:\\Program Files\\QCloud, C:\\Program Files\\Cloudbase Solutions';

/** Windows' service hosts: a service they run is part of Windows, whatever its localized name says. */
const WINDOWS_HOSTS = new Set(['svchost', 'lsass', 'services']);

interface Match {
  field: 'DisplayName' | 'Description' | 'PathName' | 'ExecutablePath';
  phrase: string;
}

interface Candidate {
  /** The program's folder, lower-cased: services and processes of one product share it. */
  key: string;
  label: string;
  services: Array<{ svc: Service; match: Match }>;
  processes: Array<{ proc: Process; match?: Match }>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression for every phrase and word: one pass over each text, whatever the table's size. */
function makeMatcher(extra: readonly string[]) {
  const phrases = [...SECURITY_PHRASES, ...extra].map((p) => escape(p.toLowerCase()));
  // The words share one pair of boundary checks: each \p{L} class costs the regex engine ICU set-up, and
  // an alternation inside one group tries the words in the same order as one group per word would.
  const words = SECURITY_WORDS.length > 0 ? [`(?<![\\p{L}\\p{N}])(?:${SECURITY_WORDS.map(escape).join('|')})(?![\\p{L}\\p{N}])`] : [];
  const any = new RegExp([...phrases, ...words].join('|'), 'u');
  return (text: string | null | undefined): string | undefined => (text ? any.exec(text.toLowerCase())?.[0] : undefined);
}

/** The folder part of a path, with the file name dropped, lower-cased and with a trailing backslash. */
function folderOf(path: string): string {
  const lower = path.toLowerCase();
  return lower.slice(0, lower.lastIndexOf('\\') + 1);
}

/** Groups a product's files: the vendor folder under Program Files or ProgramData, else the program's folder. */
function productKey(path: string): string {
  const folder = folderOf(path);
  const m = /^(.*?\\(?:program files|program files \(x86\)|programdata)\\[^\\]+\\)/.exec(folder);
  return m?.[1] ?? folder;
}

export const unknownSecuritySoftware = defineCheck({
  id: 'unknown-security-software',
  group: 'security',
  needs: ['services', 'processes'],
  title: {
    en: 'Unrecognised security software',
    'zh-CN': '未识别的安全软件',
    'pt-BR': 'Software de segurança não reconhecido',
    id: 'Perangkat lunak keamanan yang tidak dikenali',
  },
  description: {
    en: 'Security software the product table does not know, found by words in its names and folders.',
    'zh-CN': '产品列表中没有的安全软件，根据其名称和安装目录中的关键词发现。',
    'pt-BR': 'Software de segurança que a tabela de produtos não conhece, encontrado por palavras nos nomes e nas pastas.',
    id: 'Perangkat lunak keamanan yang tidak ada di tabel produk, ditemukan dari kata-kata pada nama dan foldernya.',
  },
  docs: {
    en: `Cause 3 again, for products the table of \`security-software\` does not know. A heuristic looks for words
that name security software in a service's display name and description (\`Win32_Service.DisplayName\`,
\`.Description\`) and in the folder of a service's or process's program, in the four languages of the
reports: "antivirus", "anti-malware", "endpoint protection", "EDR", "HIPS", "杀毒", "防病毒", "安全卫士",
"主机防护", "主机安全", "实时防护", "antivírus", "proteção em tempo real", "perlindungan real-time" and
more (\`src/catalog/security-keywords.ts\`; Tencent's own pages call such products "安全软件", "programa de
segurança", "program keamanan"). Broad words such as "security" or "防护" alone are not used: Windows' own
services carry them.

Left out: Windows' own security services by service name (\`WinDefend\`, \`WdNisSvc\`, \`Sense\`,
\`SecurityHealthService\`, \`wscsvc\`, \`mpssvc\`, \`MDCoreSvc\`, \`MsMpSvc\`, \`webthreatdefsvc\`,
\`SgrmBroker\`, \`BFE\`; Microsoft's service guidance for Windows Server), any service hosted by
\`svchost.exe\`/\`lsass.exe\`/\`services.exe\`, Defender's folders, Tencent's agents, and everything the
product table already reports.

Display names and descriptions are in the server's language, so a match never blocks: running, it
warns ("unrecognised security software", with the words that matched as evidence); installed but
stopped, it is a note. Stop it or allow-list Tencent's folders (\`C:\\Program Files\\QCloud\`,
\`C:\\Program Files\\Cloudbase Solutions\`, the folders Tencent's password-reset troubleshooting page
asks security software to trust) for the capture. Software that is not security software is silenced
with \`ignoreSoftware\` in the config; words are added with \`securityKeywords\`.`,
    'zh-CN': `再次针对原因 3，用于 \`security-software\` 列表不认识的产品。启发式方法在服务的显示名称和描述
（\`Win32_Service.DisplayName\`、\`.Description\`）以及服务或进程的程序所在文件夹中，查找以报告的
四种语言表示安全软件的词语：“antivirus”、“anti-malware”、“endpoint protection”、“EDR”、“HIPS”、“杀毒”、“防病毒”、“安全卫士”、
“主机防护”、“主机安全”、“实时防护”、“antivírus”、“proteção em tempo real”、“perlindungan real-time”等
（\`src/catalog/security-keywords.ts\`；腾讯云自己的页面称此类产品为“安全软件”、“programa de
segurança”、“program keamanan”）。不单独使用“security”或“防护”这类宽泛的词：Windows 自己的
服务也带有这些词。

排除：按服务名排除 Windows 自己的安全服务（\`WinDefend\`、\`WdNisSvc\`、\`Sense\`、
\`SecurityHealthService\`、\`wscsvc\`、\`mpssvc\`、\`MDCoreSvc\`、\`MsMpSvc\`、\`webthreatdefsvc\`、
\`SgrmBroker\`、\`BFE\`；Microsoft 针对 Windows Server 的服务指南）、由
\`svchost.exe\`/\`lsass.exe\`/\`services.exe\` 承载的任何服务、Defender 的文件夹、腾讯云的代理，以及
产品列表已报告的所有内容。

显示名称和描述使用服务器的语言，因此匹配结果绝不会阻止：正在运行时
警告（“无法识别的安全软件”，以匹配到的词语作为证据）；已安装但
已停止时为提示。制作镜像期间请停止它，或将腾讯云的文件夹加入允许列表（\`C:\\Program Files\\QCloud\`、
\`C:\\Program Files\\Cloudbase Solutions\`，腾讯云重置密码故障处理页面
要求安全软件信任的文件夹）。不是安全软件的软件可在配置中用 \`ignoreSoftware\`
静默；用 \`securityKeywords\` 添加词语。`,
    'pt-BR': `Causa 3 de novo, para produtos que a tabela de \`security-software\` não conhece. Uma heurística procura palavras
que nomeiam software de segurança no nome de exibição e na descrição de um serviço (\`Win32_Service.DisplayName\`,
\`.Description\`) e na pasta do programa de um serviço ou processo, nos quatro idiomas dos
relatórios: "antivirus", "anti-malware", "endpoint protection", "EDR", "HIPS", "杀毒", "防病毒", "安全卫士",
"主机防护", "主机安全", "实时防护", "antivírus", "proteção em tempo real", "perlindungan real-time" e
outras (\`src/catalog/security-keywords.ts\`; as próprias páginas da Tencent chamam esses produtos de "安全软件", "programa de
segurança", "program keamanan"). Palavras amplas como "security" ou "防护" sozinhas não são usadas: os serviços do
próprio Windows as contêm.

Ficam de fora: os serviços de segurança do próprio Windows, pelo nome do serviço (\`WinDefend\`, \`WdNisSvc\`, \`Sense\`,
\`SecurityHealthService\`, \`wscsvc\`, \`mpssvc\`, \`MDCoreSvc\`, \`MsMpSvc\`, \`webthreatdefsvc\`,
\`SgrmBroker\`, \`BFE\`; orientações de serviços da Microsoft para o Windows Server), qualquer serviço hospedado pelo
\`svchost.exe\`/\`lsass.exe\`/\`services.exe\`, as pastas do Defender, os agentes da Tencent e tudo o que a
tabela de produtos já relata.

Nomes de exibição e descrições estão no idioma do servidor, então uma correspondência nunca bloqueia: em execução, gera
aviso ("software de segurança não reconhecido", com as palavras que corresponderam como evidência); instalado mas
parado, é uma nota. Pare-o ou coloque as pastas da Tencent na lista de permissões (\`C:\\Program Files\\QCloud\`,
\`C:\\Program Files\\Cloudbase Solutions\`, as pastas que a página de solução de problemas de redefinição de senha da
Tencent pede que o software de segurança confie) durante a captura. Software que não é de segurança é silenciado
com \`ignoreSoftware\` na configuração; palavras são adicionadas com \`securityKeywords\`.`,
    id: `Penyebab 3 lagi, untuk produk yang tidak dikenal tabel \`security-software\`. Sebuah heuristik mencari kata-kata
yang menamai perangkat lunak keamanan di display name dan deskripsi layanan (\`Win32_Service.DisplayName\`,
\`.Description\`) dan di folder program layanan atau proses, dalam empat bahasa
laporan: "antivirus", "anti-malware", "endpoint protection", "EDR", "HIPS", "杀毒", "防病毒", "安全卫士",
"主机防护", "主机安全", "实时防护", "antivírus", "proteção em tempo real", "perlindungan real-time", dan
lainnya (\`src/catalog/security-keywords.ts\`; halaman Tencent sendiri menyebut produk seperti itu "安全软件", "programa de
segurança", "program keamanan"). Kata umum seperti "security" atau "防护" saja tidak dipakai: layanan milik Windows
sendiri memuatnya.

Dikecualikan: layanan keamanan milik Windows sendiri berdasarkan nama layanan (\`WinDefend\`, \`WdNisSvc\`, \`Sense\`,
\`SecurityHealthService\`, \`wscsvc\`, \`mpssvc\`, \`MDCoreSvc\`, \`MsMpSvc\`, \`webthreatdefsvc\`,
\`SgrmBroker\`, \`BFE\`; panduan layanan Microsoft untuk Windows Server), layanan apa pun yang di-host oleh
\`svchost.exe\`/\`lsass.exe\`/\`services.exe\`, folder Defender, agen Tencent, dan semua yang sudah dilaporkan
tabel produk.

Display name dan deskripsi ditulis dalam bahasa server, jadi kecocokan tidak pernah memblokir: jika berjalan, ia
memberi peringatan ("perangkat lunak keamanan tidak dikenal", dengan kata yang cocok sebagai bukti); jika diinstal tetapi
berhenti, menjadi catatan. Hentikan atau masukkan folder Tencent ke daftar izin (\`C:\\Program Files\\QCloud\`,
\`C:\\Program Files\\Cloudbase Solutions\`, folder yang diminta halaman pemecahan masalah pengaturan ulang kata sandi
Tencent agar dipercaya perangkat lunak keamanan) selama pembuatan citra. Perangkat lunak yang bukan perangkat lunak
keamanan dibungkam dengan \`ignoreSoftware\` di konfigurasi; kata ditambahkan dengan \`securityKeywords\`.`,
  },
  findings: {
    'unrecognised-running': {
      severity: 'warn',
      message: {
        en: 'Unrecognised security software is running: {name} (matched "{phrase}")',
        'zh-CN': '未识别的安全软件正在运行：{name}（匹配“{phrase}”）',
        'pt-BR': 'Um software de segurança não reconhecido está em execução: {name} (corresponde a "{phrase}")',
        id: 'Perangkat lunak keamanan yang tidak dikenali sedang berjalan: {name} (cocok dengan "{phrase}")',
      },
    },
    'unrecognised-installed': {
      severity: 'info',
      message: {
        en: 'Unrecognised security software is installed but not running: {name} (matched "{phrase}")',
        'zh-CN': '已安装但未运行的未识别安全软件：{name}（匹配“{phrase}”）',
        'pt-BR': 'Um software de segurança não reconhecido está instalado, mas não está em execução: {name} (corresponde a "{phrase}")',
        id: 'Perangkat lunak keamanan yang tidak dikenali diinstal tetapi tidak berjalan: {name} (cocok dengan "{phrase}")',
      },
    },
    'none-found': {
      severity: 'pass',
      message: {
        en: 'No other security software found by name or folder',
        'zh-CN': '未根据名称或目录发现其他安全软件',
        'pt-BR': 'Nenhum outro software de segurança encontrado pelo nome ou pela pasta',
        id: 'Tidak ditemukan perangkat lunak keamanan lain berdasarkan nama atau folder',
      },
    },
  },
  messages: {
    fixCheck: {
      en: 'Find out what {name} is. If it is security software, turn it off for the capture (from its console), or allow-list {folders} in it; if it is not, add its name to ignoreSoftware in the config.',
      'zh-CN':
        '确认 {name} 是什么软件。如果是安全软件，请在创建镜像期间（在其控制台中）将其关闭，或在其中将 {folders} 加入信任列表；如果不是，请将其名称加入配置文件的 ignoreSoftware。',
      'pt-BR':
        'Descubra o que é {name}. Se for software de segurança, desative-o durante a criação da imagem (pelo console dele) ou libere {folders} nele; se não for, adicione o nome dele a ignoreSoftware na configuração.',
      id: 'Cari tahu apa itu {name}. Jika itu perangkat lunak keamanan, matikan selama pembuatan citra (dari konsolnya), atau masukkan {folders} ke daftar izinnya; jika bukan, tambahkan namanya ke ignoreSoftware di konfigurasi.',
    },
    fixStop: {
      en: 'To stop its services for the capture (its self-protection may refuse):',
      'zh-CN': '创建镜像期间停止其服务（其自我保护可能会拒绝）：',
      'pt-BR': 'Para parar os serviços dele durante a criação da imagem (a autoproteção pode recusar):',
      id: 'Untuk menghentikan layanannya selama pembuatan citra (perlindungan dirinya dapat menolak):',
    },
    fixStart: {
      en: 'After the capture, start them again:',
      'zh-CN': '创建镜像后，重新启动这些服务：',
      'pt-BR': 'Depois de criar a imagem, inicie-os de novo:',
      id: 'Setelah pembuatan citra, jalankan lagi:',
    },
  },
  run({ services, processes }, { config, finding, text }) {
    const match = makeMatcher(config.securityKeywords);
    const ignored = new Set(config.ignoreSoftware.map((n) => imageKey(n)));
    const windowsServices = new Set(WINDOWS_SECURITY_SERVICES.map((n) => n.toLowerCase()));
    const tencent = tencentComponentFilter(config.agents, services);
    const known = detectAll(config.securityProducts, services, processes);
    const knownServices = new Set(known.flatMap((d) => d.services));
    const knownProcesses = new Set(known.flatMap((d) => d.processes));
    const windowsFolder = (path: string) => {
      const lower = path.toLowerCase();
      return WINDOWS_SECURITY_FOLDERS.some((f) => lower.includes(f)) || lower.includes('\\qcloud\\');
    };

    const candidates = new Map<string, Candidate>();
    const candidateFor = (key: string, label: string): Candidate => {
      let c = candidates.get(key);
      if (!c) candidates.set(key, (c = { key, label, services: [], processes: [] }));
      return c;
    };
    const pidToCandidate = new Map<number, Candidate>();
    const folderPhrase = new Map<string, string>();
    const pathPhrase = new Map<string, string>();

    for (const svc of services) {
      if (windowsServices.has(keysOf(svc).name) || (ignored.size > 0 && ignored.has(imageKey(svc.Name)))) continue;
      if (knownServices.has(svc) || tencent.service(svc)) continue;
      const keys = keysOf(svc);
      const exe = keys.exe ?? '';
      if (keys.exeKey && (WINDOWS_HOSTS.has(keys.exeKey) || windowsFolder(exe) || ignored.has(keys.exeKey))) continue;
      const found: Match | undefined = ((): Match | undefined => {
        const byName = match(svc.DisplayName);
        if (byName) return { field: 'DisplayName', phrase: byName };
        const byDescription = match(svc.Description);
        if (byDescription) return { field: 'Description', phrase: byDescription };
        const byFolder = exe ? match(folderOf(exe)) : undefined;
        return byFolder ? { field: 'PathName', phrase: byFolder } : undefined;
      })();
      if (!found) continue;
      const c = candidateFor(exe ? productKey(exe) : `service:${svc.Name.toLowerCase()}`, svc.DisplayName?.trim() || svc.Name);
      c.services.push({ svc, match: found });
      if (svc.ProcessId) pidToCandidate.set(svc.ProcessId, c);
    }

    for (const proc of processes) {
      if (knownProcesses.has(proc) || tencent.process(proc) || ignored.has(imageKey(proc.Name))) continue;
      const byService = proc.ProcessId ? pidToCandidate.get(proc.ProcessId) : undefined;
      if (byService) {
        byService.processes.push({ proc });
        continue;
      }
      const path = proc.ExecutablePath;
      if (!path) continue;
      // Thousands of processes run the same few programs: each path as written, and each folder, is judged once.
      let phrase = pathPhrase.get(path);
      if (phrase === undefined) {
        const folder = folderOf(path);
        phrase = folderPhrase.get(folder);
        if (phrase === undefined) folderPhrase.set(folder, (phrase = windowsFolder(path) ? '' : (match(folder) ?? '')));
        pathPhrase.set(path, phrase);
      }
      if (!phrase) continue;
      candidateFor(productKey(path), proc.Name).processes.push({ proc, match: { field: 'ExecutablePath', phrase } });
    }

    const findings: FindingDraft[] = [];
    for (const c of candidates.values()) {
      const first = c.services[0]?.match ?? c.processes.find((p) => p.match)?.match;
      if (!first) continue;
      const runningServices = c.services.map((s) => s.svc).filter((s) => serviceState(s) === 'running');
      const running = runningServices.length > 0 || c.processes.length > 0;
      const evidence: Evidence[] = [
        ...c.services.map(({ svc, match: m }) => {
          const e = serviceEvidence(svc);
          return { ...e, data: { ...e.data, DisplayName: svc.DisplayName ?? null, matched: `${m.field}: ${m.phrase}` } };
        }),
        ...c.processes.map(({ proc, match: m }) => {
          const e = processEvidence(proc);
          return m ? { ...e, data: { ...e.data, matched: `${m.field}: ${m.phrase}` } } : e;
        }),
      ];
      const params = { name: c.label, phrase: first.phrase };
      if (!running) {
        findings.push(finding('unrecognised-installed', params, { evidence }));
        continue;
      }
      const names = runningServices.map((s) => s.Name).join(', ');
      const fix = [
        { message: text('fixCheck', { name: c.label, folders: TENCENT_FOLDERS }) },
        ...(runningServices.length > 0
          ? [
              ...serviceFix(
                text('fixStop'),
                names,
                scCommands(runningServices, (q) => [`sc.exe stop ${q}`]),
              ),
              ...serviceFix(
                text('fixStart'),
                names,
                scCommands(runningServices, (q) => [`sc.exe start ${q}`]),
              ),
            ]
          : []),
      ];
      findings.push(finding('unrecognised-running', params, { evidence, fix }));
    }
    if (findings.length === 0) findings.push(finding('none-found'));
    return findings;
  },
});
