// How people log on to instances made from the image: Cloudbase-Init sets the password of the user its
// conf names (Tencent's: Administrator) and silently skips a user that does not exist; AutoLogon logs
// every instance on by itself, with its password in the registry in plain text.
import { defineCheck, type FindingDraft } from './define-check.js';
import { findService, quotedServiceName } from './shared/services.js';
import { REGISTRY_KEYS as K } from '../catalog/registry-keys.js';
import { asString, lookupKey, lookupValue } from '../snapshot/registry.js';

export const logon = defineCheck({
  id: 'logon',
  group: 'instances',
  needs: ['registry'],
  optional: ['accounts', 'services', 'cloudbaseInit'],
  title: {
    en: 'Logon of new instances',
    'zh-CN': '新实例的登录',
    'pt-BR': 'Logon das novas instâncias',
    id: 'Masuk ke instans baru',
  },
  description: {
    en: 'The Administrator account Cloudbase-Init sets the password of must be usable; AutoLogon must be off.',
    'zh-CN': 'Cloudbase-Init 为其设置密码的 Administrator 帐户必须可用；自动登录必须关闭。',
    'pt-BR':
      'A conta Administrator cuja senha o Cloudbase-Init define precisa estar utilizável; o logon automático precisa estar desativado.',
    id: 'Akun Administrator yang kata sandinya diatur Cloudbase-Init harus dapat digunakan; AutoLogon harus nonaktif.',
  },
  docs: {
    en: `Cloudbase-Init sets, at first boot and on each password reset, the password of the user its conf names
(\`username\`; Tencent's conf: \`Administrator\`); its SetUserPasswordPlugin skips a user that does not exist
without a word (cloudbase-init setuserpassword.py).

| finding | rule |
| --- | --- |
| administrator-disabled (fail) | the built-in Administrator (the local account whose SID ends in -500, \`Win32_UserAccount\`) is disabled while Cloudbase-Init sets its password: nobody can log on to new instances |
| administrator-renamed (warn) | the built-in Administrator is called something else while Cloudbase-Init's \`username\` is Administrator: the password set in the console goes nowhere |
| autologon (warn) | \`AutoAdminLogon\` = 1 under \`HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\` (String or DWORD): every instance logs itself on at boot (Microsoft, "Turn on automatic logon"; AWS's image checks flag it) |
| autologon-password (warn) | \`DefaultPassword\` exists there: a password in plain text in every instance. The collector records only that it exists, never its value |`,
    'zh-CN': `Cloudbase-Init 在首次启动时以及每次重置密码时，为其 conf 指定的用户设置密码
（\`username\`；腾讯云的 conf：\`Administrator\`）；其 SetUserPasswordPlugin 会静默跳过不存在的用户
（cloudbase-init setuserpassword.py）。

| 发现项 | 规则 |
| --- | --- |
| administrator-disabled (fail) | 内置 Administrator（SID 以 -500 结尾的本地帐户，\`Win32_UserAccount\`）已禁用，而 Cloudbase-Init 设置的正是它的密码：没有人能登录新实例 |
| administrator-renamed (warn) | 内置 Administrator 被改成了其他名称，而 Cloudbase-Init 的 \`username\` 是 Administrator：在控制台设置的密码不会生效 |
| autologon (warn) | \`HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\` 下 \`AutoAdminLogon\` = 1（String 或 DWORD）：每个实例启动时都会自动登录（Microsoft，“启用自动登录”；AWS 的镜像检查也会标记它） |
| autologon-password (warn) | 该处存在 \`DefaultPassword\`：每个实例中都有一个明文密码。收集器只记录它是否存在，从不记录其值 |`,
    'pt-BR': `O Cloudbase-Init define, na primeira inicialização e a cada redefinição de senha, a senha do usuário que o conf dele
indica (\`username\`; conf da Tencent: \`Administrator\`); o SetUserPasswordPlugin dele pula em silêncio um usuário que
não existe (cloudbase-init setuserpassword.py).

| constatação | regra |
| --- | --- |
| administrator-disabled (fail) | o Administrator interno (a conta local cujo SID termina em -500, \`Win32_UserAccount\`) está desabilitado enquanto o Cloudbase-Init define a senha dele: ninguém consegue fazer logon nas novas instâncias |
| administrator-renamed (warn) | o Administrator interno tem outro nome enquanto o \`username\` do Cloudbase-Init é Administrator: a senha definida no console não vai para lugar nenhum |
| autologon (warn) | \`AutoAdminLogon\` = 1 em \`HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\` (String ou DWORD): toda instância faz logon sozinha na inicialização (Microsoft, "Ativar o logon automático"; as verificações de imagem da AWS também apontam isso) |
| autologon-password (warn) | \`DefaultPassword\` existe ali: uma senha em texto simples em toda instância. O coletor só registra que ela existe, nunca o valor |`,
    id: `Cloudbase-Init mengatur, saat boot pertama dan setiap pengaturan ulang kata sandi, kata sandi pengguna yang disebut
conf-nya (\`username\`; conf Tencent: \`Administrator\`); SetUserPasswordPlugin-nya melewati pengguna yang tidak ada
tanpa pemberitahuan (cloudbase-init setuserpassword.py).

| temuan | aturan |
| --- | --- |
| administrator-disabled (fail) | Administrator bawaan (akun lokal yang SID-nya berakhiran -500, \`Win32_UserAccount\`) dinonaktifkan sementara Cloudbase-Init mengatur kata sandinya: tidak ada yang bisa log on ke instans baru |
| administrator-renamed (warn) | Administrator bawaan diberi nama lain sementara \`username\` Cloudbase-Init adalah Administrator: kata sandi yang diatur di konsol tidak berpengaruh ke mana pun |
| autologon (warn) | \`AutoAdminLogon\` = 1 di bawah \`HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\` (String atau DWORD): setiap instans log on sendiri saat boot (Microsoft, "Turn on automatic logon"; pemeriksaan citra AWS juga menandainya) |
| autologon-password (warn) | \`DefaultPassword\` ada di sana: kata sandi dalam teks biasa di setiap instans. Kolektor hanya mencatat bahwa nilai itu ada, tidak pernah isinya |`,
  },
  findings: {
    'administrator-disabled': {
      severity: 'fail',
      message: {
        en: 'The built-in Administrator ({name}) is disabled: Cloudbase-Init sets its password, so nobody could log on to new instances',
        'zh-CN': '内置 Administrator 帐户（{name}）已被禁用：Cloudbase-Init 为它设置密码，新实例将无人能够登录',
        'pt-BR':
          'O Administrator interno ({name}) está desativado: o Cloudbase-Init define a senha dele, então ninguém conseguiria entrar nas novas instâncias',
        id: 'Administrator bawaan ({name}) dinonaktifkan: Cloudbase-Init mengatur kata sandinya, sehingga tak seorang pun dapat masuk ke instans baru',
      },
    },
    'administrator-renamed': {
      severity: 'warn',
      message: {
        en: 'The built-in Administrator is named {name}, but Cloudbase-Init sets the password of {user}: the password chosen in the console would not apply',
        'zh-CN': '内置 Administrator 帐户名为 {name}，但 Cloudbase-Init 设置的是 {user} 的密码：在控制台设置的密码将不会生效',
        'pt-BR':
          'O Administrator interno se chama {name}, mas o Cloudbase-Init define a senha de {user}: a senha escolhida no console não valeria',
        id: 'Administrator bawaan bernama {name}, tetapi Cloudbase-Init mengatur kata sandi {user}: kata sandi yang dipilih di konsol tidak akan berlaku',
      },
    },
    autologon: {
      severity: 'warn',
      message: {
        en: 'AutoLogon is on (as {user}): every instance made from the image would log itself on at boot',
        'zh-CN': '已开启自动登录（用户 {user}）：用镜像创建的每个实例都会在启动时自动登录',
        'pt-BR': 'O logon automático está ativado (como {user}): toda instância criada a partir da imagem entraria sozinha ao iniciar',
        id: 'AutoLogon aktif (sebagai {user}): setiap instans dari citra akan masuk sendiri saat boot',
      },
    },
    'autologon-password': {
      severity: 'warn',
      message: {
        en: 'A logon password is stored in plain text in the registry (Winlogon DefaultPassword): every instance would carry it',
        'zh-CN': '注册表中以明文保存了登录密码（Winlogon DefaultPassword）：每个实例都会带有它',
        'pt-BR': 'Uma senha de logon está guardada em texto claro no Registro (Winlogon DefaultPassword): toda instância a levaria',
        id: 'Kata sandi masuk tersimpan sebagai teks biasa di Registri (Winlogon DefaultPassword): setiap instans akan membawanya',
      },
    },
    ok: {
      severity: 'pass',
      message: {
        en: 'The built-in Administrator is enabled and AutoLogon is off',
        'zh-CN': '内置 Administrator 帐户已启用，自动登录已关闭',
        'pt-BR': 'O Administrator interno está ativado e o logon automático está desativado',
        id: 'Administrator bawaan aktif dan AutoLogon nonaktif',
      },
    },
  },
  messages: {
    fixEnable: {
      en: 'Enable the built-in Administrator (elevated prompt):',
      'zh-CN': '启用内置 Administrator 帐户（在管理员命令提示符中运行）：',
      'pt-BR': 'Ative o Administrator interno (prompt de comando como Administrador):',
      id: 'Aktifkan Administrator bawaan (prompt perintah sebagai Administrator):',
    },
    fixRename: {
      en: 'Rename it back to Administrator, or set username= in cloudbase-init.conf to its name.',
      'zh-CN': '将其改回 Administrator，或在 cloudbase-init.conf 中将 username= 设为该名称。',
      'pt-BR': 'Renomeie-o de volta para Administrator ou defina username= no cloudbase-init.conf com o nome dele.',
      id: 'Ganti namanya kembali menjadi Administrator, atau atur username= di cloudbase-init.conf ke namanya.',
    },
    fixAutologon: {
      en: 'Turn AutoLogon off and delete the stored password (elevated prompt):',
      'zh-CN': '关闭自动登录并删除保存的密码（在管理员命令提示符中运行）：',
      'pt-BR': 'Desative o logon automático e apague a senha guardada (prompt de comando como Administrador):',
      id: 'Matikan AutoLogon dan hapus kata sandi yang tersimpan (prompt perintah sebagai Administrator):',
    },
  },
  run({ registry, accounts, services, cloudbaseInit }, { finding, text }) {
    const findings: FindingDraft[] = [];
    const admin = accounts?.builtinAdministrator;
    const cloudbase = services ? findService(services, 'cloudbase-init') : undefined;
    const user = cloudbaseInit?.settings.username?.replace(/^"|"$/g, '').trim() || 'Administrator';
    if (admin && cloudbase) {
      const evidence = [
        { kind: 'host' as const, ref: 'Win32_UserAccount', data: { Name: admin.name, SID: admin.sid ?? null, Disabled: admin.disabled } },
      ];
      if (admin.disabled && admin.name.toLowerCase() === user.toLowerCase()) {
        const quoted = quotedServiceName(admin.name);
        findings.push(
          finding(
            'administrator-disabled',
            { name: admin.name },
            { evidence, fix: [{ message: text('fixEnable'), commands: quoted ? [`net.exe user ${quoted} /active:yes`] : [] }] },
          ),
        );
      } else if (admin.name.toLowerCase() !== user.toLowerCase() && user.toLowerCase() === 'administrator') {
        findings.push(finding('administrator-renamed', { name: admin.name, user }, { evidence, fix: [{ message: text('fixRename') }] }));
      }
    }

    const winlogon = lookupKey(registry, K.winlogon.path);
    const auto = asString(lookupValue(winlogon, 'AutoAdminLogon'))?.trim();
    const password = lookupValue(winlogon, 'DefaultPassword');
    const path = K.winlogon.path;
    const fix = [
      {
        message: text('fixAutologon'),
        commands: [
          `reg.exe add "${path}" /v AutoAdminLogon /t REG_SZ /d 0 /f`,
          ...(password ? [`reg.exe delete "${path}" /v DefaultPassword /f`] : []),
        ],
      },
    ];
    if (auto === '1') {
      const who = asString(lookupValue(winlogon, 'DefaultUserName')) ?? '?';
      findings.push(
        finding(
          'autologon',
          { user: who },
          { evidence: [{ kind: 'registry', ref: path, data: { AutoAdminLogon: auto, DefaultUserName: who } }], fix },
        ),
      );
    }
    if (password)
      findings.push(
        finding(
          'autologon-password',
          {},
          { evidence: [{ kind: 'registry', ref: path, data: { DefaultPassword: '(present; not collected)' } }], fix },
        ),
      );

    if (findings.length === 0) findings.push(finding('ok'));
    return findings;
  },
});
