// Issue 24: other clouds' CLI credentials on the system disk go with a shared image too. Sources: the
// AWS shared credentials file (%USERPROFILE%\.aws\credentials, AWS_ACCESS_KEY_ID), the Azure CLI's
// token caches (MSAL-based Azure CLI: encrypted on Windows from 2.30.0, plain accessTokens.json
// before), the Alibaba Cloud CLI's C:\Users\<user>\.aliyun\config.json: docs/checks.md#share-cloud-credentials.
import { REGISTRY_KEYS } from '../catalog/registry-keys.js';
import { lookupKey } from '../snapshot/registry.js';
import type { SecretFinding } from '../snapshot/schema.js';
import { defineCheck, type FindingDraft } from './define-check.js';
import { appliesWhenSharing, byFile, deleteCommands, fileEvidence, lineOf, liveSecretSeverity } from './shared/share.js';

const LIVE_KINDS: ReadonlySet<string> = new Set(['aws-access-key', 'alibaba-access-key', 'azure-token']);
const ENCRYPTED_KINDS: ReadonlySet<string> = new Set(['azure-token-encrypted']);
const CLOUD_OF: Record<string, string> = {
  'aws-access-key': 'AWS',
  'alibaba-access-key': 'Alibaba Cloud',
  'azure-token': 'Azure',
  'azure-token-encrypted': 'Azure',
};
const AWS_VARIABLES: ReadonlySet<string> = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

export const shareCloudCredentials = defineCheck({
  id: 'share-cloud-credentials',
  group: 'share',
  needs: ['secrets'],
  optional: ['registry'],
  title: {
    en: 'Other clouds’ credentials (AWS, Azure, Alibaba Cloud)',
    'zh-CN': '其他云的凭证（AWS、Azure、阿里云）',
    'pt-BR': 'Credenciais de outras nuvens (AWS, Azure, Alibaba Cloud)',
    id: 'Kredensial cloud lain (AWS, Azure, Alibaba Cloud)',
  },
  description: {
    en: 'Command-line tools of other clouds keep keys and tokens in the user profile; a shared image carries them.',
    'zh-CN': '其他云的命令行工具会把密钥和令牌保存在用户配置文件中，共享的镜像会把它们一并带出。',
    'pt-BR':
      'As ferramentas de linha de comando de outras nuvens guardam chaves e tokens no perfil do usuário; uma imagem compartilhada os leva junto.',
    id: 'Alat baris perintah cloud lain menyimpan kunci dan token di profil pengguna; citra yang dibagikan ikut membawanya.',
  },
  docs: {
    en: `Looked for in every profile, and by pattern in the bounded scan:

| where | what | source |
| --- | --- | --- |
| \`.aws\\credentials\`, \`.aws\\config\` | \`aws_access_key_id\` (\`AKIA\`/\`ASIA\`… + 16, gitleaks' rule; \`AKIAIOSFODNN7EXAMPLE\` is AWS's example) | AWS shared credentials file ("Windows: %USERPROFILE%\\.aws\\credentials") |
| registry Environment keys | \`AWS_ACCESS_KEY_ID\`, \`AWS_SECRET_ACCESS_KEY\`, \`AWS_SESSION_TOKEN\` | AWS CLI environment variables |
| \`.azure\\accessTokens.json\`, \`msal_token_cache.json\`, \`service_principal_entries.json\` | tokens and service principal secrets in plain text (Azure CLI before 2.30.0, or plain-text caches) | Microsoft Learn "MSAL-based Azure CLI" |
| \`.azure\\msal_token_cache.bin\`, \`service_principal_entries.bin\` | the same, DPAPI-encrypted for the user (Azure CLI 2.30.0+ on Windows): warn, since a clone with that user's password may open them [U] | same |
| \`.aliyun\\config.json\` | profiles' \`access_key_id\` (\`LTAI\`…, or \`STS.\` for temporary ones) | Alibaba Cloud CLI "Configure credentials" (key names [U]) |

Severity: **fail** when the image is meant to be shared, **warn** otherwise. Fix: delete the file (or
the variable) and deactivate the key in that cloud's console (AWS IAM, Alibaba Cloud RAM), or sign out
(\`az logout\` as that user).`,
    'zh-CN': `在每个用户配置文件中查找，并在有界扫描中按模式查找：

| 位置 | 内容 | 来源 |
| --- | --- | --- |
| \`.aws\\credentials\`、\`.aws\\config\` | \`aws_access_key_id\`（\`AKIA\`/\`ASIA\`… + 16 位，gitleaks 的规则；\`AKIAIOSFODNN7EXAMPLE\` 是 AWS 的示例） | AWS 共享凭证文件（“Windows: %USERPROFILE%\\.aws\\credentials”） |
| 注册表 Environment 项 | \`AWS_ACCESS_KEY_ID\`、\`AWS_SECRET_ACCESS_KEY\`、\`AWS_SESSION_TOKEN\` | AWS CLI 环境变量 |
| \`.azure\\accessTokens.json\`、\`msal_token_cache.json\`、\`service_principal_entries.json\` | 明文令牌和服务主体密钥（Azure CLI 2.30.0 之前的版本，或明文缓存） | Microsoft Learn“基于 MSAL 的 Azure CLI” |
| \`.azure\\msal_token_cache.bin\`、\`service_principal_entries.bin\` | 同上，但已用 DPAPI 为该用户加密（Windows 上的 Azure CLI 2.30.0+）：warn，因为知道该用户密码的克隆可能会打开它们 [U] | 同上 |
| \`.aliyun\\config.json\` | 各配置的 \`access_key_id\`（\`LTAI\`…，临时密钥为 \`STS.\`） | 阿里云 CLI“配置凭证”（键名 [U]） |

严重级别：镜像打算共享时为 **fail**，否则为 **warn**。修复：删除该文件（或
该变量）并在相应云的控制台中停用密钥（AWS IAM、阿里云 RAM），或退出登录
（以该用户身份执行 \`az logout\`）。`,
    'pt-BR': `Procurados em todos os perfis, e por padrão na varredura limitada:

| onde | o quê | fonte |
| --- | --- | --- |
| \`.aws\\credentials\`, \`.aws\\config\` | \`aws_access_key_id\` (\`AKIA\`/\`ASIA\`… + 16, regra do gitleaks; \`AKIAIOSFODNN7EXAMPLE\` é o exemplo da AWS) | arquivo de credenciais compartilhado da AWS ("Windows: %USERPROFILE%\\.aws\\credentials") |
| chaves Environment do Registro | \`AWS_ACCESS_KEY_ID\`, \`AWS_SECRET_ACCESS_KEY\`, \`AWS_SESSION_TOKEN\` | variáveis de ambiente da AWS CLI |
| \`.azure\\accessTokens.json\`, \`msal_token_cache.json\`, \`service_principal_entries.json\` | tokens e segredos de entidade de serviço em texto simples (Azure CLI anterior à 2.30.0, ou caches em texto simples) | Microsoft Learn, "Azure CLI baseada em MSAL" |
| \`.azure\\msal_token_cache.bin\`, \`service_principal_entries.bin\` | o mesmo, criptografado com DPAPI para o usuário (Azure CLI 2.30.0+ no Windows): warn, já que um clone com a senha desse usuário pode abri-los [U] | idem |
| \`.aliyun\\config.json\` | \`access_key_id\` dos perfis (\`LTAI\`…, ou \`STS.\` para as temporárias) | Alibaba Cloud CLI, "Configurar credenciais" (nomes das chaves [U]) |

Gravidade: **fail** quando a imagem vai ser compartilhada, **warn** nos demais casos. Correção: exclua o arquivo (ou
a variável) e desative a chave no console dessa nuvem (AWS IAM, Alibaba Cloud RAM), ou saia da conta
(\`az logout\` como esse usuário).`,
    id: `Dicari di setiap profil, dan berdasarkan pola dalam pemindaian terbatas:

| lokasi | apa | sumber |
| --- | --- | --- |
| \`.aws\\credentials\`, \`.aws\\config\` | \`aws_access_key_id\` (\`AKIA\`/\`ASIA\`… + 16, aturan gitleaks; \`AKIAIOSFODNN7EXAMPLE\` adalah contoh AWS) | berkas kredensial bersama AWS ("Windows: %USERPROFILE%\\.aws\\credentials") |
| kunci Environment di registri | \`AWS_ACCESS_KEY_ID\`, \`AWS_SECRET_ACCESS_KEY\`, \`AWS_SESSION_TOKEN\` | variabel lingkungan AWS CLI |
| \`.azure\\accessTokens.json\`, \`msal_token_cache.json\`, \`service_principal_entries.json\` | token dan rahasia service principal dalam teks biasa (Azure CLI sebelum 2.30.0, atau cache teks biasa) | Microsoft Learn "MSAL-based Azure CLI" |
| \`.azure\\msal_token_cache.bin\`, \`service_principal_entries.bin\` | sama, dienkripsi DPAPI untuk pengguna tersebut (Azure CLI 2.30.0+ di Windows): warn, karena klon dengan kata sandi pengguna itu mungkin dapat membukanya [U] | sama |
| \`.aliyun\\config.json\` | \`access_key_id\` milik profil (\`LTAI\`…, atau \`STS.\` untuk yang sementara) | Alibaba Cloud CLI "Configure credentials" (nama kunci [U]) |

Tingkat: **fail** jika citra akan dibagikan, selain itu **warn**. Perbaikan: hapus berkasnya (atau
variabelnya) dan nonaktifkan kuncinya di konsol cloud tersebut (AWS IAM, Alibaba Cloud RAM), atau keluar
(\`az logout\` sebagai pengguna itu).`,
  },
  findings: {
    'cloud-credential': {
      severity: 'fail',
      message: {
        en: '{cloud} credentials in {path}: {secrets}',
        'zh-CN': '{path} 中有 {cloud} 凭证：{secrets}',
        'pt-BR': 'Credenciais da {cloud} em {path}: {secrets}',
        id: 'Kredensial {cloud} di {path}: {secrets}',
      },
    },
    'environment-variable': {
      severity: 'fail',
      message: {
        en: 'Environment variable {name} holds an AWS credential {secret} ({path})',
        'zh-CN': '环境变量 {name} 中有 AWS 凭证 {secret}（{path}）',
        'pt-BR': 'A variável de ambiente {name} contém uma credencial da AWS {secret} ({path})',
        id: 'Variabel lingkungan {name} berisi kredensial AWS {secret} ({path})',
      },
    },
    'encrypted-token-cache': {
      severity: 'warn',
      message: {
        en: '{cloud} CLI token cache {path} (encrypted for its user, who signs in to clones too)',
        'zh-CN': '{cloud} CLI 令牌缓存 {path}（按用户加密，但该用户在克隆的实例上同样能登录）',
        'pt-BR': 'Cache de tokens da CLI da {cloud} {path} (criptografado para o usuário, que também entra nos clones)',
        id: 'Cache token CLI {cloud} {path} (dienkripsi untuk penggunanya, yang juga bisa masuk ke klon)',
      },
    },
    'more-files': {
      severity: 'warn',
      message: {
        en: '{count, plural, one {# more file} other {# more files}} with cloud credentials (see the snapshot)',
        'zh-CN': '还有 {count} 个文件含有云凭证（见快照）',
        'pt-BR': '{count, plural, one {Mais # arquivo} other {Mais # arquivos}} com credenciais de nuvem (veja o snapshot)',
        id: '{count} file lain berisi kredensial cloud (lihat snapshot)',
      },
    },
    'none-found': {
      severity: 'pass',
      message: {
        en: 'No AWS, Azure or Alibaba Cloud credentials found',
        'zh-CN': '未发现 AWS、Azure 或阿里云凭证',
        'pt-BR': 'Nenhuma credencial da AWS, do Azure ou da Alibaba Cloud encontrada',
        id: 'Tidak ditemukan kredensial AWS, Azure, atau Alibaba Cloud',
      },
    },
  },
  messages: {
    keyId: {
      en: 'key {masked} (line {line})',
      'zh-CN': '密钥 {masked}（第 {line} 行）',
      'pt-BR': 'chave {masked} (linha {line})',
      id: 'kunci {masked} (baris {line})',
    },
    tokens: { en: 'tokens', 'zh-CN': '令牌', 'pt-BR': 'tokens de acesso', id: 'token' },
    fixDelete: {
      en: 'Delete it before the capture, then {how}:',
      'zh-CN': '创建镜像前删除它，然后{how}：',
      'pt-BR': 'Exclua-o antes de criar a imagem e depois {how}:',
      id: 'Hapus sebelum pembuatan citra, lalu {how}:',
    },
    fixDeleteNoCommand: {
      en: 'Delete {path} in Explorer before the capture (its name holds characters a shell would interpret), then {how}.',
      'zh-CN': '创建镜像前在资源管理器中删除 {path}（其名称包含会被命令行解释的字符），然后{how}。',
      'pt-BR': 'Exclua {path} no Explorador antes de criar a imagem (o nome contém caracteres que um shell interpretaria) e depois {how}.',
      id: 'Hapus {path} lewat Explorer sebelum pembuatan citra (namanya berisi karakter yang akan ditafsirkan shell), lalu {how}.',
    },
    howAWS: {
      en: 'deactivate and delete the access key in AWS IAM',
      'zh-CN': '在 AWS IAM 中停用并删除该访问密钥',
      'pt-BR': 'desative e exclua a chave de acesso no AWS IAM',
      id: 'nonaktifkan dan hapus access key tersebut di AWS IAM',
    },
    howAlibaba: {
      en: 'disable and delete the AccessKey in Alibaba Cloud RAM',
      'zh-CN': '在阿里云 RAM 中禁用并删除该 AccessKey',
      'pt-BR': 'desative e exclua a AccessKey no Alibaba Cloud RAM',
      id: 'nonaktifkan dan hapus AccessKey tersebut di Alibaba Cloud RAM',
    },
    howAzure: {
      en: 'run az logout as that user and rotate any service principal secret it held',
      'zh-CN': '以该用户身份运行 az logout，并轮换其中保存的服务主体密钥',
      'pt-BR': 'execute az logout como esse usuário e troque qualquer segredo de entidade de serviço que ele guardava',
      id: 'jalankan az logout sebagai pengguna tersebut dan ganti rahasia service principal yang disimpannya',
    },
    fixVariable: {
      en: 'Delete the variable (elevated prompt), then deactivate and delete the access key in AWS IAM:',
      'zh-CN': '删除该变量（在管理员命令提示符中运行），然后在 AWS IAM 中停用该密钥：',
      'pt-BR': 'Exclua a variável (prompt como Administrador) e depois desative a chave no AWS IAM:',
      id: 'Hapus variabel tersebut (prompt sebagai Administrator), lalu nonaktifkan kuncinya di AWS IAM:',
    },
  },
  appliesTo: appliesWhenSharing,
  run({ secrets, registry }, { config, finding, text }) {
    const severity = liveSecretSeverity(config);
    const out: FindingDraft[] = [];
    const describe = (h: SecretFinding) => (h.masked ? text('keyId', { masked: h.masked, line: lineOf(h) }) : text('tokens'));
    const fixFor = (path: string, cloud: string) => {
      const how = text(cloud === 'AWS' ? 'howAWS' : cloud === 'Azure' ? 'howAzure' : 'howAlibaba');
      const del = deleteCommands([path]);
      return del ? [{ message: text('fixDelete', { how }), commands: del }] : [{ message: text('fixDeleteNoCommand', { path, how }) }];
    };

    const live = byFile(secrets.findings, LIVE_KINDS);
    for (const { path, hits } of live.files) {
      const cloud = CLOUD_OF[hits[0]?.kind ?? ''] ?? '?';
      out.push(
        finding(
          'cloud-credential',
          { cloud, path, secrets: { list: hits.slice(0, 6).map(describe), join: 'comma' } },
          { evidence: fileEvidence(hits), fix: fixFor(path, cloud), severity },
        ),
      );
    }
    const encrypted = byFile(secrets.findings, ENCRYPTED_KINDS);
    for (const { path, hits } of encrypted.files) {
      const cloud = CLOUD_OF[hits[0]?.kind ?? ''] ?? '?';
      out.push(finding('encrypted-token-cache', { cloud, path }, { evidence: fileEvidence(hits), fix: fixFor(path, cloud) }));
    }
    if (live.more + encrypted.more > 0) out.push(finding('more-files', { count: live.more + encrypted.more }, { severity }));

    if (registry) {
      const paths = registry.keys
        .map((k) => k.path)
        .filter((p) => p.toUpperCase() === REGISTRY_KEYS.machineEnvironment.path.toUpperCase() || /^HKU\\[^\\]+\\Environment$/i.test(p));
      for (const path of paths) {
        const key = lookupKey(registry, path);
        if (key.state !== 'present') continue;
        for (const v of key.values) {
          if (!AWS_VARIABLES.has(v.name.toUpperCase()) || !v.secret || !['aws-access-key', 'secret'].includes(v.secret.shape)) continue;
          const secret = typeof v.data === 'string' ? v.data : '?';
          const safe = /^(HKLM|HKU)\\[A-Za-z0-9 .\\_-]+$/.test(path);
          out.push(
            finding(
              'environment-variable',
              { name: v.name, secret, path },
              {
                evidence: [{ kind: 'registry', ref: path, data: { value: v.name, secret, shape: v.secret.shape } }],
                ...(safe ? { fix: [{ message: text('fixVariable'), commands: [`reg.exe delete "${path}" /v ${v.name} /f`] }] } : {}),
                severity,
              },
            ),
          );
        }
      }
    }
    if (out.length === 0) out.push(finding('none-found'));
    return out;
  },
});
