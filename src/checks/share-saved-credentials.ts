// Issue 24: saved Windows credentials (Credential Manager, saved RDP passwords) and browsers' password
// stores are in the profiles an image copies. Counted or noted only, never read. Locations: Credential
// Manager's %APPDATA% and %LOCALAPPDATA%\Microsoft\Credentials (DPAPI blobs), Chrome/Edge "Login Data",
// Firefox logins.json: docs/checks.md#share-saved-credentials.
import { defineCheck, type FindingDraft } from './define-check.js';
import { appliesWhenSharing, hitEvidence, MAX_FILES_REPORTED } from './shared/share.js';

const BROWSERS: Record<string, string> = { chrome: 'Google Chrome', edge: 'Microsoft Edge', firefox: 'Mozilla Firefox' };

export const shareSavedCredentials = defineCheck({
  id: 'share-saved-credentials',
  group: 'share',
  needs: ['secrets'],
  title: {
    en: 'Saved Windows and browser passwords',
    'zh-CN': '保存的 Windows 凭据和浏览器密码',
    'pt-BR': 'Senhas salvas do Windows e dos navegadores',
    id: 'Kata sandi Windows dan peramban yang tersimpan',
  },
  description: {
    en: 'Credential Manager entries (saved RDP passwords among them) and browsers’ saved passwords stay in the user profiles an image copies.',
    'zh-CN': '凭据管理器中的条目（包括保存的远程桌面密码）和浏览器保存的密码留在镜像会复制的用户配置文件中。',
    'pt-BR':
      'As entradas do Gerenciador de Credenciais (entre elas as senhas de RDP salvas) e as senhas salvas nos navegadores ficam nos perfis de usuário que a imagem copia.',
    id: 'Entri Credential Manager (termasuk kata sandi RDP yang tersimpan) dan kata sandi yang disimpan peramban tetap ada di profil pengguna yang disalin citra.',
  },
  docs: {
    en: `Counted, never read: the files under each profile's \`AppData\\Local\\Microsoft\\Credentials\` and
\`AppData\\Roaming\\Microsoft\\Credentials\` (Windows Credential Manager; saved RDP passwords are its
\`TERMSRV/<host>\` entries). They are DPAPI-encrypted for their user; the user, who exists in every
clone, may open them there [U]. \`cmdkey /list\` is not used: its output is in the server's language.

Noted by presence only: Chrome's and Edge's \`User Data\\<profile>\\Login Data\` and Firefox's
\`Profiles\\<profile>\\logins.json\`. These stores exist once the browser has run, with or without saved
passwords, so they are notes.

| code | severity |
| --- | --- |
| saved-credentials | warn |
| browser-password-store | info |`,
    'zh-CN': `只计数，从不读取：每个用户配置文件 \`AppData\\Local\\Microsoft\\Credentials\` 和
\`AppData\\Roaming\\Microsoft\\Credentials\` 下的文件（Windows 凭据管理器；保存的 RDP 密码是其中的
\`TERMSRV/<host>\` 条目）。它们已用 DPAPI 为其用户加密；该用户存在于每个
克隆中，可能在那里打开它们 [U]。不使用 \`cmdkey /list\`：其输出使用服务器的语言。

仅记录是否存在：Chrome 和 Edge 的 \`User Data\\<profile>\\Login Data\` 以及 Firefox 的
\`Profiles\\<profile>\\logins.json\`。浏览器运行过后这些存储就会存在，无论是否保存了
密码，因此它们为提示。

| 代码 | 严重级别 |
| --- | --- |
| saved-credentials | warn |
| browser-password-store | info |`,
    'pt-BR': `Contados, nunca lidos: os arquivos em \`AppData\\Local\\Microsoft\\Credentials\` e
\`AppData\\Roaming\\Microsoft\\Credentials\` de cada perfil (Gerenciador de Credenciais do Windows; senhas de RDP salvas
são as entradas \`TERMSRV/<host>\` dele). Eles são criptografados com DPAPI para o seu usuário; o usuário, que existe
em todo clone, pode abri-los lá [U]. O \`cmdkey /list\` não é usado: a saída dele vem no idioma do servidor.

Anotados só pela presença: \`User Data\\<profile>\\Login Data\` do Chrome e do Edge e
\`Profiles\\<profile>\\logins.json\` do Firefox. Esses repositórios existem assim que o navegador é executado, com ou
sem senhas salvas, então são notas.

| código | gravidade |
| --- | --- |
| saved-credentials | warn |
| browser-password-store | info |`,
    id: `Dihitung, tidak pernah dibaca: berkas di bawah \`AppData\\Local\\Microsoft\\Credentials\` dan
\`AppData\\Roaming\\Microsoft\\Credentials\` setiap profil (Windows Credential Manager; kata sandi RDP yang disimpan
adalah entri \`TERMSRV/<host>\`-nya). Berkas itu dienkripsi DPAPI untuk penggunanya; pengguna itu, yang ada di setiap
klon, mungkin dapat membukanya di sana [U]. \`cmdkey /list\` tidak dipakai: keluarannya dalam bahasa server.

Dicatat hanya keberadaannya: \`User Data\\<profile>\\Login Data\` milik Chrome dan Edge serta
\`Profiles\\<profile>\\logins.json\` milik Firefox. Penyimpanan ini ada begitu browser pernah dijalankan, dengan atau
tanpa kata sandi tersimpan, jadi hanya menjadi catatan.

| kode | tingkat |
| --- | --- |
| saved-credentials | warn |
| browser-password-store | info |`,
  },
  findings: {
    'saved-credentials': {
      severity: 'warn',
      message: {
        en: '{count, plural, one {# saved Windows credential} other {# saved Windows credentials}} of {user} (Credential Manager, saved RDP passwords) in {path}',
        'zh-CN': '{path} 中有 {user} 保存的 {count} 个 Windows 凭据（凭据管理器、保存的远程桌面密码）',
        'pt-BR':
          '{count, plural, one {# credencial do Windows salva} other {# credenciais do Windows salvas}} de {user} (Gerenciador de Credenciais, senhas de RDP salvas) em {path}',
        id: '{count} kredensial Windows tersimpan milik {user} (Credential Manager, kata sandi RDP tersimpan) di {path}',
      },
    },
    'browser-password-store': {
      severity: 'info',
      message: {
        en: '{browser} keeps a password store for {user}: {path}',
        'zh-CN': '{browser} 为 {user} 保存了密码库：{path}',
        'pt-BR': 'O {browser} mantém um repositório de senhas para {user}: {path}',
        id: '{browser} menyimpan penyimpanan kata sandi untuk {user}: {path}',
      },
    },
    'none-found': {
      severity: 'pass',
      message: {
        en: 'No saved Windows credentials or browser password stores found',
        'zh-CN': '未发现保存的 Windows 凭据或浏览器密码库',
        'pt-BR': 'Nenhuma credencial do Windows salva ou repositório de senhas de navegador encontrado',
        id: 'Tidak ditemukan kredensial Windows tersimpan atau penyimpanan kata sandi peramban',
      },
    },
  },
  messages: {
    someone: { en: 'a user', 'zh-CN': '某用户', 'pt-BR': 'um usuário', id: 'seorang pengguna' },
    fixCmdkey: {
      en: 'Signed in as {user}, list the saved credentials and remove each with cmdkey /delete:<target> (or in Control Panel > Credential Manager):',
      'zh-CN': '以 {user} 身份登录，列出保存的凭据，并用 cmdkey /delete:<目标> 逐个删除（或在“控制面板 > 凭据管理器”中删除）：',
      'pt-BR':
        'Conectado como {user}, liste as credenciais salvas e remova cada uma com cmdkey /delete:<destino> (ou em Painel de Controle > Gerenciador de Credenciais):',
      id: 'Masuk sebagai {user}, tampilkan kredensial yang tersimpan dan hapus satu per satu dengan cmdkey /delete:<target> (atau di Panel Kontrol > Manajer Kredensial):',
    },
    fixBrowser: {
      en: 'Signed in as {user}, open {browser}’s password settings and remove the saved passwords (or delete the browser profile) before the capture.',
      'zh-CN': '以 {user} 身份登录，在 {browser} 的密码设置中删除保存的密码（或删除浏览器配置文件），然后再创建镜像。',
      'pt-BR':
        'Conectado como {user}, abra as configurações de senhas do {browser} e remova as senhas salvas (ou exclua o perfil do navegador) antes de criar a imagem.',
      id: 'Masuk sebagai {user}, buka pengaturan kata sandi {browser} dan hapus kata sandi yang tersimpan (atau hapus profil peramban) sebelum pembuatan citra.',
    },
  },
  appliesTo: appliesWhenSharing,
  run({ secrets }, { finding, text }) {
    const out: FindingDraft[] = [];
    const stores = secrets.findings.filter((f) => f.kind === 'credential-manager' || f.kind === 'browser-passwords');
    for (const f of stores.slice(0, MAX_FILES_REPORTED)) {
      const user = f.user ?? text('someone');
      if (f.kind === 'credential-manager' && (f.count ?? 0) > 0)
        out.push(
          finding(
            'saved-credentials',
            { count: f.count ?? 0, user, path: f.path },
            { evidence: [hitEvidence(f)], fix: [{ message: text('fixCmdkey', { user }), commands: ['cmdkey.exe /list'] }] },
          ),
        );
      else if (f.kind === 'browser-passwords') {
        const browser = BROWSERS[f.source] ?? f.source;
        out.push(
          finding(
            'browser-password-store',
            { browser, user, path: f.path },
            { evidence: [hitEvidence(f)], fix: [{ message: text('fixBrowser', { user, browser }) }] },
          ),
        );
      }
    }
    if (out.length === 0) out.push(finding('none-found'));
    return out;
  },
});
