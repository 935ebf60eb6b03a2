// Issue 24: a private key on the system disk (SSH, TLS, PuTTY, PKCS#12) is in every instance made from
// the image. Shapes from gitleaks' private-key rule and trufflehog's privatekey detector (PEM), the
// OpenSSH key format (cipher name in the header), PuTTY's .ppk header: docs/checks.md#share-private-keys.
import { defineCheck, type FindingDraft } from './define-check.js';
import { appliesWhenSharing, byFile, deleteCommands, fileEvidence, lineOf, liveSecretSeverity } from './shared/share.js';

export const sharePrivateKeys = defineCheck({
  id: 'share-private-keys',
  group: 'share',
  needs: ['secrets'],
  title: { en: 'Private keys', 'zh-CN': '私钥', 'pt-BR': 'Chaves privadas', id: 'Kunci privat' },
  description: {
    en: 'SSH, TLS and other private keys on the system disk are copied into every instance made from the image.',
    'zh-CN': '系统盘上的 SSH、TLS 等私钥会被复制到用该镜像创建的每台实例中。',
    'pt-BR': 'Chaves privadas SSH, TLS e outras no disco do sistema são copiadas para toda instância criada a partir da imagem.',
    id: 'Kunci privat SSH, TLS, dan lainnya di disk sistem tersalin ke setiap instans yang dibuat dari citra.',
  },
  docs: {
    en: `Looked for: every profile's \`.ssh\\id_*\` (not \`.pub\`), and in every file of the bounded scan a PEM
block \`-----BEGIN … PRIVATE KEY-----\` with a real base64 body (RSA, EC, DSA, OPENSSH, PKCS#8; the rule
of gitleaks' \`private-key\` and trufflehog's \`privatekey\`: documentation stubs such as \`...\` are not
keys), PuTTY keys (\`PuTTY-User-Key-File-2:\`/\`-3:\`), and PKCS#12 files (\`.pfx\`, \`.p12\`) by name.

| code | when |
| --- | --- |
| private-key | a key without a passphrase: **fail** when the image is meant to be shared, **warn** otherwise |
| encrypted-private-key | \`ENCRYPTED PRIVATE KEY\`, \`Proc-Type: 4,ENCRYPTED\`, an OpenSSH key whose cipher is not \`none\`, a PuTTY key with \`Encryption\` other than \`none\`: **warn** (a passphrase can be guessed offline) |
| key-container | a \`.pfx\`/\`.p12\` file: **warn** (usually password-protected; not read) |

Fix: move the key off the machine (a password manager or key vault) and delete it here; if it was
ever on a shared image, replace it wherever it is trusted (\`authorized_keys\`, a certificate).`,
    'zh-CN': `查找：每个用户配置文件的 \`.ssh\\id_*\`（不含 \`.pub\`），以及有界扫描的每个文件中带真实 base64 正文的 PEM
块 \`-----BEGIN … PRIVATE KEY-----\`（RSA、EC、DSA、OPENSSH、PKCS#8；采用
gitleaks 的 \`private-key\` 和 trufflehog 的 \`privatekey\` 规则：\`...\` 之类的文档占位内容不算
密钥）、PuTTY 密钥（\`PuTTY-User-Key-File-2:\`/\`-3:\`），以及按名称识别的 PKCS#12 文件（\`.pfx\`、\`.p12\`）。

| 代码 | 条件 |
| --- | --- |
| private-key | 没有密码短语的密钥：镜像打算共享时为 **fail**，否则为 **warn** |
| encrypted-private-key | \`ENCRYPTED PRIVATE KEY\`、\`Proc-Type: 4,ENCRYPTED\`、加密算法不是 \`none\` 的 OpenSSH 密钥、\`Encryption\` 不是 \`none\` 的 PuTTY 密钥：**warn**（密码短语可被离线猜解） |
| key-container | \`.pfx\`/\`.p12\` 文件：**warn**（通常受密码保护；不读取） |

修复：将密钥移出本机（放入密码管理器或密钥保管库）并在此处删除；如果它曾
出现在共享镜像中，请在所有信任它的地方（\`authorized_keys\`、证书）更换它。`,
    'pt-BR': `Procurados: o \`.ssh\\id_*\` de todo perfil (não \`.pub\`) e, em todo arquivo da varredura limitada, um bloco PEM
\`-----BEGIN … PRIVATE KEY-----\` com corpo base64 real (RSA, EC, DSA, OPENSSH, PKCS#8; a regra
do \`private-key\` do gitleaks e do \`privatekey\` do trufflehog: trechos de documentação como \`...\` não são
chaves), chaves PuTTY (\`PuTTY-User-Key-File-2:\`/\`-3:\`) e arquivos PKCS#12 (\`.pfx\`, \`.p12\`) pelo nome.

| código | quando |
| --- | --- |
| private-key | uma chave sem frase secreta: **fail** quando a imagem vai ser compartilhada, **warn** nos demais casos |
| encrypted-private-key | \`ENCRYPTED PRIVATE KEY\`, \`Proc-Type: 4,ENCRYPTED\`, uma chave OpenSSH cuja cifra não é \`none\`, uma chave PuTTY com \`Encryption\` diferente de \`none\`: **warn** (uma frase secreta pode ser adivinhada offline) |
| key-container | um arquivo \`.pfx\`/\`.p12\`: **warn** (normalmente protegido por senha; não é lido) |

Correção: tire a chave da máquina (um gerenciador de senhas ou cofre de chaves) e exclua-a daqui; se ela já
esteve numa imagem compartilhada, substitua-a onde quer que seja confiável (\`authorized_keys\`, um certificado).`,
    id: `Dicari: \`.ssh\\id_*\` di setiap profil (bukan \`.pub\`), dan di setiap berkas dalam pemindaian terbatas, blok PEM
\`-----BEGIN … PRIVATE KEY-----\` dengan isi base64 yang nyata (RSA, EC, DSA, OPENSSH, PKCS#8; aturan
\`private-key\` dari gitleaks dan \`privatekey\` dari trufflehog: potongan dokumentasi seperti \`...\` bukan
kunci), kunci PuTTY (\`PuTTY-User-Key-File-2:\`/\`-3:\`), dan berkas PKCS#12 (\`.pfx\`, \`.p12\`) berdasarkan nama.

| kode | kapan |
| --- | --- |
| private-key | kunci tanpa passphrase: **fail** jika citra akan dibagikan, selain itu **warn** |
| encrypted-private-key | \`ENCRYPTED PRIVATE KEY\`, \`Proc-Type: 4,ENCRYPTED\`, kunci OpenSSH yang cipher-nya bukan \`none\`, kunci PuTTY dengan \`Encryption\` selain \`none\`: **warn** (passphrase dapat ditebak secara offline) |
| key-container | berkas \`.pfx\`/\`.p12\`: **warn** (biasanya dilindungi kata sandi; tidak dibaca) |

Perbaikan: pindahkan kunci dari mesin ini (ke pengelola kata sandi atau key vault) dan hapus di sini; jika kunci itu
pernah ada di citra yang dibagikan, ganti di mana pun kunci itu dipercaya (\`authorized_keys\`, sertifikat).`,
  },
  findings: {
    'private-key': {
      severity: 'fail',
      message: {
        en: 'Private key without a passphrase in {path}: {keys}',
        'zh-CN': '{path} 中有未加口令保护的私钥：{keys}',
        'pt-BR': 'Chave privada sem senha em {path}: {keys}',
        id: 'Kunci privat tanpa frasa sandi di {path}: {keys}',
      },
    },
    'encrypted-private-key': {
      severity: 'warn',
      message: {
        en: 'Passphrase-protected private key in {path}: {keys}',
        'zh-CN': '{path} 中有受口令保护的私钥：{keys}',
        'pt-BR': 'Chave privada protegida por senha em {path}: {keys}',
        id: 'Kunci privat berfrasa sandi di {path}: {keys}',
      },
    },
    'key-container': {
      severity: 'warn',
      message: {
        en: 'Certificate with its private key (PKCS#12): {path}',
        'zh-CN': '含私钥的证书文件（PKCS#12）：{path}',
        'pt-BR': 'Certificado com a chave privada (PKCS#12): {path}',
        id: 'Sertifikat beserta kunci privatnya (PKCS#12): {path}',
      },
    },
    'more-files': {
      severity: 'warn',
      message: {
        en: '{count, plural, one {# more file} other {# more files}} with private keys (see the snapshot)',
        'zh-CN': '还有 {count} 个文件含有私钥（见快照）',
        'pt-BR': '{count, plural, one {Mais # arquivo} other {Mais # arquivos}} com chaves privadas (veja o snapshot)',
        id: '{count} file lain berisi kunci privat (lihat snapshot)',
      },
    },
    'none-found': {
      severity: 'pass',
      message: {
        en: 'No private key found',
        'zh-CN': '未发现私钥',
        'pt-BR': 'Nenhuma chave privada encontrada',
        id: 'Tidak ditemukan kunci privat',
      },
    },
  },
  messages: {
    key: {
      en: '{type} {masked} (line {line})',
      'zh-CN': '{type} {masked}（第 {line} 行）',
      'pt-BR': '{type} {masked} (linha {line})',
      id: '{type} {masked} (baris {line})',
    },
    keyFile: { en: 'a key file', 'zh-CN': '密钥文件', 'pt-BR': 'um arquivo de chave', id: 'file kunci' },
    fixMove: {
      en: 'Move the key off this machine (a password manager or key vault) and delete it before the capture; if an image with it was shared, replace the key wherever it is trusted:',
      'zh-CN': '把私钥移出本机（存入密码管理器或密钥库），创建镜像前删除它；如果带有它的镜像已经共享，请在所有信任它的地方更换密钥：',
      'pt-BR':
        'Tire a chave desta máquina (um gerenciador de senhas ou cofre de chaves) e exclua-a antes de criar a imagem; se uma imagem com ela foi compartilhada, troque a chave onde ela é confiável:',
      id: 'Pindahkan kunci dari mesin ini (pengelola kata sandi atau brankas kunci) dan hapus sebelum pembuatan citra; jika citra yang memuatnya sudah dibagikan, ganti kunci di mana pun kunci itu dipercaya:',
    },
    fixMoveNoCommand: {
      en: 'Move {path} off this machine and delete it in Explorer before the capture (its name holds characters a shell would interpret).',
      'zh-CN': '把 {path} 移出本机，并在创建镜像前于资源管理器中删除（其名称包含会被命令行解释的字符）。',
      'pt-BR':
        'Tire {path} desta máquina e exclua-o no Explorador antes de criar a imagem (o nome contém caracteres que um shell interpretaria).',
      id: 'Pindahkan {path} dari mesin ini dan hapus lewat Explorer sebelum pembuatan citra (namanya berisi karakter yang akan ditafsirkan shell).',
    },
  },
  appliesTo: appliesWhenSharing,
  run({ secrets }, { config, finding, text }) {
    const out: FindingDraft[] = [];
    const fix = (path: string) => {
      const del = deleteCommands([path]);
      return del ? [{ message: text('fixMove'), commands: del }] : [{ message: text('fixMoveNoCommand', { path }) }];
    };
    const keys = byFile(secrets.findings, new Set(['private-key', 'private-key-encrypted', 'key-container']));
    for (const { path, hits } of keys.files) {
      const evidence = fileEvidence(hits);
      const list = {
        list: hits
          .slice(0, 4)
          .map((h) => (h.masked ? text('key', { type: h.detail ?? 'PRIVATE KEY', masked: h.masked, line: lineOf(h) }) : text('keyFile'))),
        join: 'comma' as const,
      };
      if (hits.some((h) => h.kind === 'private-key'))
        out.push(finding('private-key', { path, keys: list }, { evidence, fix: fix(path), severity: liveSecretSeverity(config) }));
      else if (hits.some((h) => h.kind === 'private-key-encrypted'))
        out.push(finding('encrypted-private-key', { path, keys: list }, { evidence, fix: fix(path) }));
      else out.push(finding('key-container', { path }, { evidence, fix: fix(path) }));
    }
    if (keys.more > 0) out.push(finding('more-files', { count: keys.more }));
    if (out.length === 0) out.push(finding('none-found'));
    return out;
  },
});
