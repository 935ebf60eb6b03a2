// Issue 24: PSReadLine saves every command typed in PowerShell, passwords given as arguments included
// (older versions do not filter them). Source: about_PSReadLine (HistorySavePath,
// %APPDATA%\Microsoft\Windows\PowerShell\PSReadLine\ConsoleHost_history.txt); PSReadLine#3442 on
// older versions keeping sensitive lines: docs/checks.md#share-shell-history.
import { defineCheck, type FindingDraft } from './define-check.js';
import { appliesWhenSharing, byFile, deleteCommands, fileEvidence, lineOf } from './shared/share.js';

export const shareShellHistory = defineCheck({
  id: 'share-shell-history',
  group: 'share',
  needs: ['secrets'],
  title: {
    en: 'Passwords in PowerShell history',
    'zh-CN': 'PowerShell 历史记录中的密码',
    'pt-BR': 'Senhas no histórico do PowerShell',
    id: 'Kata sandi di riwayat PowerShell',
  },
  description: {
    en: 'PowerShell keeps every command typed, with any password given as an argument, in a history file per user.',
    'zh-CN': 'PowerShell 会把输入过的每条命令（包括作为参数输入的密码）保存在每个用户的历史记录文件中。',
    'pt-BR':
      'O PowerShell guarda cada comando digitado, com qualquer senha passada como argumento, em um arquivo de histórico por usuário.',
    id: 'PowerShell menyimpan setiap perintah yang diketik, termasuk kata sandi yang diberikan sebagai argumen, di file riwayat per pengguna.',
  },
  docs: {
    en: `Read: every profile's \`AppData\\Roaming\\Microsoft\\Windows\\PowerShell\\PSReadLine\\*_history.txt\`
(\`ConsoleHost_history.txt\`, \`Visual Studio Code Host_history.txt\`; about_PSReadLine, HistorySavePath).
Newer PSReadLine leaves out lines with password, asplaintext, token, apikey or secret (PR #1058); the
version in Windows Server's box may not (PSReadLine#3442), so old histories hold them.

Lines found: a quoted literal with \`ConvertTo-SecureString … -AsPlainText\`; \`-Password\` (and
\`-AccountPassword\`…) with a literal; \`net user <name> <password>\`; \`net use … /user:<u> <password>\`;
\`cmdkey … /pass:<password>\`; \`/p:<password>\` (without \`=\`, so msbuild's \`/p:Name=Value\` is not one);
\`mysql -p<password>\`; \`sqlcmd … -P <password>\`; \`tccli … secretKey <key>\`; \`coscmd config … -s <key>\`.
Not findings: variables (\`$pw\`), prompts (\`*\`, \`Read-Host\`), placeholders (\`<password>\`). A SecretId
typed into history is a share-tencent-credentials finding. Severity: **warn**.`,
    'zh-CN': `读取：每个用户配置文件的 \`AppData\\Roaming\\Microsoft\\Windows\\PowerShell\\PSReadLine\\*_history.txt\`
（\`ConsoleHost_history.txt\`、\`Visual Studio Code Host_history.txt\`；about_PSReadLine，HistorySavePath）。
较新的 PSReadLine 会省略含有 password、asplaintext、token、apikey 或 secret 的行（PR #1058）；
Windows Server 自带的版本可能不会（PSReadLine#3442），因此旧的历史记录中会有这些行。

会找出的行：带引号字面量的 \`ConvertTo-SecureString … -AsPlainText\`；带字面量的 \`-Password\`（及
\`-AccountPassword\`…）；\`net user <name> <password>\`；\`net use … /user:<u> <password>\`；
\`cmdkey … /pass:<password>\`；\`/p:<password>\`（不含 \`=\`，因此 msbuild 的 \`/p:Name=Value\` 不算）；
\`mysql -p<password>\`；\`sqlcmd … -P <password>\`；\`tccli … secretKey <key>\`；\`coscmd config … -s <key>\`。
不算发现项：变量（\`$pw\`）、提示输入（\`*\`、\`Read-Host\`）、占位符（\`<password>\`）。输入到历史记录中的
SecretId 属于 share-tencent-credentials 的发现项。严重级别：**warn**。`,
    'pt-BR': `Lidos: o \`AppData\\Roaming\\Microsoft\\Windows\\PowerShell\\PSReadLine\\*_history.txt\` de todo perfil
(\`ConsoleHost_history.txt\`, \`Visual Studio Code Host_history.txt\`; about_PSReadLine, HistorySavePath).
O PSReadLine mais novo omite linhas com password, asplaintext, token, apikey ou secret (PR #1058); a versão
que vem no Windows Server pode não omitir (PSReadLine#3442), então históricos antigos as contêm.

Linhas encontradas: um literal entre aspas com \`ConvertTo-SecureString … -AsPlainText\`; \`-Password\` (e
\`-AccountPassword\`…) com um literal; \`net user <name> <password>\`; \`net use … /user:<u> <password>\`;
\`cmdkey … /pass:<password>\`; \`/p:<password>\` (sem \`=\`, então o \`/p:Name=Value\` do msbuild não conta);
\`mysql -p<password>\`; \`sqlcmd … -P <password>\`; \`tccli … secretKey <key>\`; \`coscmd config … -s <key>\`.
Não são constatações: variáveis (\`$pw\`), solicitações (\`*\`, \`Read-Host\`), espaços reservados (\`<password>\`). Um
SecretId digitado no histórico é uma constatação de share-tencent-credentials. Gravidade: **warn**.`,
    id: `Dibaca: \`AppData\\Roaming\\Microsoft\\Windows\\PowerShell\\PSReadLine\\*_history.txt\` di setiap profil
(\`ConsoleHost_history.txt\`, \`Visual Studio Code Host_history.txt\`; about_PSReadLine, HistorySavePath).
PSReadLine yang lebih baru tidak menyimpan baris yang mengandung password, asplaintext, token, apikey, atau secret
(PR #1058); versi bawaan Windows Server mungkin tidak begitu (PSReadLine#3442), jadi riwayat lama masih memuatnya.

Baris yang ditemukan: literal berkutip dengan \`ConvertTo-SecureString … -AsPlainText\`; \`-Password\` (dan
\`-AccountPassword\`…) dengan literal; \`net user <name> <password>\`; \`net use … /user:<u> <password>\`;
\`cmdkey … /pass:<password>\`; \`/p:<password>\` (tanpa \`=\`, jadi \`/p:Name=Value\` milik msbuild tidak termasuk);
\`mysql -p<password>\`; \`sqlcmd … -P <password>\`; \`tccli … secretKey <key>\`; \`coscmd config … -s <key>\`.
Bukan temuan: variabel (\`$pw\`), prompt (\`*\`, \`Read-Host\`), placeholder (\`<password>\`). SecretId yang
diketik ke riwayat adalah temuan share-tencent-credentials. Tingkat: **warn**.`,
  },
  findings: {
    'password-in-history': {
      severity: 'warn',
      message: {
        en: 'PowerShell history {path} holds {count, plural, one {# password} other {# passwords}} typed as arguments: {lines}',
        'zh-CN': 'PowerShell 历史记录 {path} 中有 {count} 个作为参数输入的密码：{lines}',
        'pt-BR':
          'O histórico do PowerShell {path} contém {count, plural, one {# senha digitada} other {# senhas digitadas}} como argumento: {lines}',
        id: 'Riwayat PowerShell {path} berisi {count} kata sandi yang diketik sebagai argumen: {lines}',
      },
    },
    'none-found': {
      severity: 'pass',
      message: {
        en: 'No password found in PowerShell history',
        'zh-CN': 'PowerShell 历史记录中未发现密码',
        'pt-BR': 'Nenhuma senha encontrada no histórico do PowerShell',
        id: 'Tidak ditemukan kata sandi di riwayat PowerShell',
      },
    },
  },
  messages: {
    line: {
      en: '{pattern} {masked} (line {line})',
      'zh-CN': '{pattern} {masked}（第 {line} 行）',
      'pt-BR': '{pattern} {masked} (linha {line})',
      id: '{pattern} {masked} (baris {line})',
    },
    fixDelete: {
      en: 'Delete the history file before the capture, and change the passwords it shows:',
      'zh-CN': '创建镜像前删除该历史记录文件，并更改其中出现的密码：',
      'pt-BR': 'Exclua o arquivo de histórico antes de criar a imagem e troque as senhas que ele mostra:',
      id: 'Hapus file riwayat sebelum pembuatan citra, dan ganti kata sandi yang terlihat di dalamnya:',
    },
    fixDeleteNoCommand: {
      en: 'Delete {path} in Explorer before the capture (its name holds characters a shell would interpret), and change the passwords it shows.',
      'zh-CN': '创建镜像前在资源管理器中删除 {path}（其名称包含会被命令行解释的字符），并更改其中出现的密码。',
      'pt-BR':
        'Exclua {path} no Explorador antes de criar a imagem (o nome contém caracteres que um shell interpretaria) e troque as senhas que ele mostra.',
      id: 'Hapus {path} lewat Explorer sebelum pembuatan citra (namanya berisi karakter yang akan ditafsirkan shell), dan ganti kata sandi yang terlihat di dalamnya.',
    },
  },
  appliesTo: appliesWhenSharing,
  run({ secrets }, { finding, text }) {
    const out: FindingDraft[] = [];
    const { files } = byFile(secrets.findings, new Set(['history-password']));
    for (const { path, hits } of files) {
      const lines = {
        list: hits.slice(0, 6).map((h) => text('line', { pattern: h.detail ?? '?', masked: h.masked ?? '?', line: lineOf(h) })),
        join: 'comma' as const,
      };
      const del = deleteCommands([path]);
      const fix = del ? [{ message: text('fixDelete'), commands: del }] : [{ message: text('fixDeleteNoCommand', { path }) }];
      out.push(finding('password-in-history', { path, count: hits.length, lines }, { evidence: fileEvidence(hits), fix }));
    }
    if (out.length === 0) out.push(finding('none-found'));
    return out;
  },
});
