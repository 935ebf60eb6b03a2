// Issue 24: Windows Setup and Sysprep answer files can keep passwords in plain text, and Setup caches
// them under %WINDIR%\Panther. Sources: Microsoft's "Windows Setup Automation Overview" (search order,
// caching, "you must delete the cached answer file"), "Hide Sensitive Data in an Answer File"
// (PlainText false is Base64, not encryption): docs/checks.md#share-answer-files.
import { defineCheck, type FindingDraft } from './define-check.js';
import { appliesWhenSharing, byFile, deleteCommands, fileEvidence, lineOf, liveSecretSeverity } from './shared/share.js';

export const shareAnswerFiles = defineCheck({
  id: 'share-answer-files',
  group: 'share',
  needs: ['secrets'],
  title: {
    en: 'Passwords in answer files (unattend.xml)',
    'zh-CN': '应答文件中的密码（unattend.xml）',
    'pt-BR': 'Senhas em arquivos de resposta (unattend.xml)',
    id: 'Kata sandi di file jawaban (unattend.xml)',
  },
  description: {
    en: 'Setup and Sysprep answer files can keep the Administrator, auto-logon and domain-join passwords readable on the disk.',
    'zh-CN': '安装和 Sysprep 应答文件可能在磁盘上以可读形式保留管理员、自动登录和加入域的密码。',
    'pt-BR':
      'Arquivos de resposta da instalação e do Sysprep podem deixar legíveis no disco as senhas do Administrador, de logon automático e de ingresso no domínio.',
    id: 'File jawaban Setup dan Sysprep dapat menyimpan kata sandi Administrator, masuk otomatis, dan bergabung ke domain dalam bentuk terbaca di disk.',
  },
  docs: {
    en: `Read: \`C:\\unattend.xml\` and \`C:\\autounattend.xml\`, \`%WINDIR%\\Panther\\*unattend*.xml\`,
\`%WINDIR%\\Panther\\Unattend\\*.xml\`, \`%WINDIR%\\Panther\\UnattendGC\\*.xml\`,
\`%WINDIR%\\System32\\Sysprep\\*.xml\` and \`…\\Sysprep\\Panther\\*unattend*.xml\`, \`C:\\sysprep.inf\`,
\`C:\\sysprep\\*.xml\` and \`sysprep.inf\` (Microsoft "Windows Setup Automation Overview": the implicit
search order and "Windows Setup caches answer files to this location"; legacy paths as PowerSploit-derived
scanners list them).

A finding is any \`…Password\` element (\`AdministratorPassword\`, \`AutoLogon/Password\`,
\`LocalAccount/Password\`, \`Credentials/Password\` for domain join) with a value: \`<PlainText>true</PlainText>\`
(or none) is plain text; \`false\` is Base64 of the password and a suffix, which "only hides the passwords…
It does not provide encryption" (Microsoft "Hide Sensitive Data in an Answer File"), so it counts too.
Setup's own \`*SENSITIVE*DATA*DELETED*\` and empty values are not findings; \`AdminPassword=*\` in
sysprep.inf means blank. Severity: **fail** when the image is meant to be shared, **warn** otherwise.

Fix: delete the file ("you must delete the cached answer file in the %WINDIR%\\panther directory"), and
change the password wherever it is still used.`,
    'zh-CN': `读取：\`C:\\unattend.xml\` 和 \`C:\\autounattend.xml\`、\`%WINDIR%\\Panther\\*unattend*.xml\`、
\`%WINDIR%\\Panther\\Unattend\\*.xml\`、\`%WINDIR%\\Panther\\UnattendGC\\*.xml\`、
\`%WINDIR%\\System32\\Sysprep\\*.xml\` 和 \`…\\Sysprep\\Panther\\*unattend*.xml\`、\`C:\\sysprep.inf\`、
\`C:\\sysprep\\*.xml\` 和 \`sysprep.inf\`（Microsoft《Windows 安装程序自动化概述》：隐式
搜索顺序以及“Windows 安装程序会将应答文件缓存到此位置”；旧路径按源自 PowerSploit 的
扫描工具所列）。

发现项是任何带值的 \`…Password\` 元素（\`AdministratorPassword\`、\`AutoLogon/Password\`、
\`LocalAccount/Password\`、用于加入域的 \`Credentials/Password\`）：\`<PlainText>true</PlainText>\`
（或没有该元素）为明文；\`false\` 为密码加后缀的 Base64，它“只是隐藏密码……
并不提供加密”（Microsoft《隐藏应答文件中的敏感数据》），因此同样计入。
安装程序自己写入的 \`*SENSITIVE*DATA*DELETED*\` 和空值不算发现项；sysprep.inf 中的 \`AdminPassword=*\`
表示空密码。严重级别：镜像打算共享时为 **fail**，否则为 **warn**。

修复：删除该文件（“you must delete the cached answer file in the %WINDIR%\\panther directory”），并
在仍使用该密码的所有地方更改密码。`,
    'pt-BR': `Lidos: \`C:\\unattend.xml\` e \`C:\\autounattend.xml\`, \`%WINDIR%\\Panther\\*unattend*.xml\`,
\`%WINDIR%\\Panther\\Unattend\\*.xml\`, \`%WINDIR%\\Panther\\UnattendGC\\*.xml\`,
\`%WINDIR%\\System32\\Sysprep\\*.xml\` e \`…\\Sysprep\\Panther\\*unattend*.xml\`, \`C:\\sysprep.inf\`,
\`C:\\sysprep\\*.xml\` e \`sysprep.inf\` (Microsoft, "Visão geral da automação da Instalação do Windows": a ordem
de pesquisa implícita e "a Instalação do Windows armazena em cache os arquivos de resposta neste local"; caminhos
antigos conforme os listam os scanners derivados do PowerSploit).

Uma constatação é qualquer elemento \`…Password\` (\`AdministratorPassword\`, \`AutoLogon/Password\`,
\`LocalAccount/Password\`, \`Credentials/Password\` para ingresso no domínio) com valor: \`<PlainText>true</PlainText>\`
(ou nenhum) é texto simples; \`false\` é Base64 da senha mais um sufixo, o que "apenas oculta as senhas…
Não fornece criptografia" (Microsoft, "Ocultar dados confidenciais em um arquivo de resposta"), então também conta.
O \`*SENSITIVE*DATA*DELETED*\` da própria Instalação e valores vazios não são constatações; \`AdminPassword=*\` no
sysprep.inf significa em branco. Gravidade: **fail** quando a imagem vai ser compartilhada, **warn** nos demais casos.

Correção: exclua o arquivo ("you must delete the cached answer file in the %WINDIR%\\panther directory") e
troque a senha onde quer que ela ainda seja usada.`,
    id: `Dibaca: \`C:\\unattend.xml\` dan \`C:\\autounattend.xml\`, \`%WINDIR%\\Panther\\*unattend*.xml\`,
\`%WINDIR%\\Panther\\Unattend\\*.xml\`, \`%WINDIR%\\Panther\\UnattendGC\\*.xml\`,
\`%WINDIR%\\System32\\Sysprep\\*.xml\` dan \`…\\Sysprep\\Panther\\*unattend*.xml\`, \`C:\\sysprep.inf\`,
\`C:\\sysprep\\*.xml\` dan \`sysprep.inf\` (Microsoft "Windows Setup Automation Overview": urutan pencarian
implisit dan "Windows Setup caches answer files to this location"; jalur lama sebagaimana dicantumkan pemindai
turunan PowerSploit).

Temuan adalah setiap elemen \`…Password\` (\`AdministratorPassword\`, \`AutoLogon/Password\`,
\`LocalAccount/Password\`, \`Credentials/Password\` untuk bergabung ke domain) yang bernilai: \`<PlainText>true</PlainText>\`
(atau tidak ada) berarti teks biasa; \`false\` berarti Base64 dari kata sandi ditambah sufiks, yang "only hides the
passwords… It does not provide encryption" (Microsoft "Hide Sensitive Data in an Answer File"), jadi ikut dihitung.
\`*SENSITIVE*DATA*DELETED*\` milik Setup sendiri dan nilai kosong bukan temuan; \`AdminPassword=*\` di
sysprep.inf berarti kosong. Tingkat: **fail** jika citra akan dibagikan, selain itu **warn**.

Perbaikan: hapus berkasnya ("you must delete the cached answer file in the %WINDIR%\\panther directory"), dan
ganti kata sandinya di mana pun masih dipakai.`,
  },
  findings: {
    'plaintext-password': {
      severity: 'fail',
      message: {
        en: 'Answer file {path} holds a password in plain text: {passwords}',
        'zh-CN': '应答文件 {path} 中有明文密码：{passwords}',
        'pt-BR': 'O arquivo de resposta {path} contém uma senha em texto simples: {passwords}',
        id: 'File jawaban {path} berisi kata sandi dalam teks biasa: {passwords}',
      },
    },
    'encoded-password': {
      severity: 'fail',
      message: {
        en: 'Answer file {path} holds a password in Base64, which anyone can decode: {passwords}',
        'zh-CN': '应答文件 {path} 中有 Base64 编码的密码，任何人都能解码：{passwords}',
        'pt-BR': 'O arquivo de resposta {path} contém uma senha em Base64, que qualquer um decodifica: {passwords}',
        id: 'File jawaban {path} berisi kata sandi dalam Base64, yang bisa didekode siapa saja: {passwords}',
      },
    },
    'none-found': {
      severity: 'pass',
      message: {
        en: 'No password found in answer files',
        'zh-CN': '应答文件中未发现密码',
        'pt-BR': 'Nenhuma senha encontrada em arquivos de resposta',
        id: 'Tidak ditemukan kata sandi di file jawaban',
      },
    },
  },
  messages: {
    password: {
      en: '{where} {masked} (line {line})',
      'zh-CN': '{where} {masked}（第 {line} 行）',
      'pt-BR': '{where} {masked} (linha {line})',
      id: '{where} {masked} (baris {line})',
    },
    fixDelete: {
      en: 'Delete the answer file before the capture (keep a copy off the machine if you need it), and change the password wherever it is still used:',
      'zh-CN': '创建镜像前删除该应答文件（如仍需要，请把副本保存在本机以外），并在仍使用该密码的地方更改密码：',
      'pt-BR':
        'Exclua o arquivo de resposta antes de criar a imagem (guarde uma cópia fora da máquina, se precisar) e troque a senha onde ela ainda for usada:',
      id: 'Hapus file jawaban sebelum pembuatan citra (simpan salinannya di luar mesin jika perlu), dan ganti kata sandinya di mana pun masih dipakai:',
    },
    fixDeleteNoCommand: {
      en: 'Delete {path} in Explorer before the capture (its name holds characters a shell would interpret), and change the password wherever it is still used.',
      'zh-CN': '创建镜像前在资源管理器中删除 {path}（其名称包含会被命令行解释的字符），并在仍使用该密码的地方更改密码。',
      'pt-BR':
        'Exclua {path} no Explorador antes de criar a imagem (o nome contém caracteres que um shell interpretaria) e troque a senha onde ela ainda for usada.',
      id: 'Hapus {path} lewat Explorer sebelum pembuatan citra (namanya berisi karakter yang akan ditafsirkan shell), dan ganti kata sandinya di mana pun masih dipakai.',
    },
  },
  appliesTo: appliesWhenSharing,
  run({ secrets }, { config, finding, text }) {
    const out: FindingDraft[] = [];
    const { files } = byFile(secrets.findings, new Set(['answer-file-password', 'answer-file-encoded-password']));
    for (const { path, hits } of files) {
      const passwords = {
        list: hits.slice(0, 6).map((h) => text('password', { where: h.detail ?? 'Password', masked: h.masked ?? '?', line: lineOf(h) })),
        join: 'comma' as const,
      };
      const del = deleteCommands([path]);
      const fix = del ? [{ message: text('fixDelete'), commands: del }] : [{ message: text('fixDeleteNoCommand', { path }) }];
      const code = hits.some((h) => h.kind === 'answer-file-password') ? 'plaintext-password' : 'encoded-password';
      out.push(finding(code, { path, passwords }, { evidence: fileEvidence(hits), fix, severity: liveSecretSeverity(config) }));
    }
    if (out.length === 0) out.push(finding('none-found'));
    return out;
  },
});
