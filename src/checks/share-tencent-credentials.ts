// Issue 24: a custom image is a copy of the whole system disk and Tencent Cloud lets it be shared with
// up to 500 other accounts (ModifyImageSharePermission); a Tencent Cloud API key on the disk goes with it. Sources: tccli's
// configure.py (~/.tccli/<profile>.credential), the Python SDK's credential.py
// (~/.tencentcloud/credentials, TENCENTCLOUD_SECRET_ID/KEY), coscmd (~/.cos.conf), coscli
// (~/.cos.yaml, util/secret.go's built-in AES key), CAM's key documentation (AKID, IKID for
// sub-accounts): docs/checks.md#share-tencent-credentials.
import { REGISTRY_KEYS, SECRET_ENVIRONMENT_VARIABLES } from '../catalog/registry-keys.js';
import { lookupKey, type KeyLookup } from '../snapshot/registry.js';
import type { Registry, SecretFinding } from '../snapshot/schema.js';
import { defineCheck, type Evidence, type FindingDraft, type MessageRef } from './define-check.js';
import { appliesWhenSharing, byFile, deleteCommands, fileEvidence, lineOf, liveSecretSeverity } from './shared/share.js';

const TENCENT_KINDS: ReadonlySet<string> = new Set([
  'tencent-secret-id',
  'tencent-temporary-id',
  'tencent-secret-key',
  'tencent-token',
  'tencent-obfuscated',
]);
const TOOL_SOURCES: Record<string, string> = {
  tccli: 'tccli',
  coscmd: 'coscmd',
  coscli: 'coscli',
  'tencentcloud-sdk': 'Tencent Cloud SDK',
};
const TENCENT_VARIABLES: ReadonlySet<string> = new Set(
  SECRET_ENVIRONMENT_VARIABLES.filter((v) => /^(TENCENTCLOUD|QCLOUD|COS)_/.test(v)).map((v) => v.toUpperCase()),
);
/** Where API keys are managed (Tencent Cloud "Root Account Access Key Management": CAM > Access Key > API Keys). */
export const CAM_API_KEYS_URL = 'https://console.cloud.tencent.com/cam/capi';
const CAM_MENU = 'Access Key > API Keys';
const PERMANENT: ReadonlySet<string> = new Set(['tencent-secret-id', 'tencent-token', 'tencent-obfuscated']);
const WELL_KNOWN_SIDS: Record<string, string> = {
  'S-1-5-18': 'SYSTEM',
  'S-1-5-19': 'LOCAL SERVICE',
  'S-1-5-20': 'NETWORK SERVICE',
  '.DEFAULT': 'DEFAULT',
};
const LIVE_SHAPES: ReadonlySet<string> = new Set(['tencent-secret-id', 'tencent-temporary-id', 'secret']);
const USER_HIVE = /^HKU\\([^\\]+)\\Environment$/i;

export const shareTencentCredentials = defineCheck({
  id: 'share-tencent-credentials',
  group: 'share',
  needs: ['secrets'],
  optional: ['registry'],
  title: {
    en: 'Tencent Cloud API keys',
    'zh-CN': '腾讯云 API 密钥',
    'pt-BR': 'Chaves de API da Tencent Cloud',
    id: 'Kunci API Tencent Cloud',
  },
  description: {
    en: 'A Tencent Cloud API key on the system disk goes into every instance made from the image, in every account it is shared with.',
    'zh-CN': '系统盘上的腾讯云 API 密钥会进入用该镜像创建的每台实例，也会随镜像共享到其他账号。',
    'pt-BR':
      'Uma chave de API da Tencent Cloud no disco do sistema vai para toda instância criada a partir da imagem, em toda conta com que ela for compartilhada.',
    id: 'Kunci API Tencent Cloud di disk sistem ikut ke setiap instans yang dibuat dari citra, di setiap akun tempat citra dibagikan.',
  },
  docs: {
    en: `A custom image is a copy of the whole system disk, and an image can be shared with up to 500 other
accounts (CVM API \`ModifyImageSharePermission\`): whatever key is on the disk, every instance made from it has. Looked for (in every profile
under \`C:\\Users\` and the system profile, which TAT commands run as):

| where | what | source |
| --- | --- | --- |
| \`.tccli\\<profile>.credential\` | JSON \`secretId\`, \`secretKey\`, \`token\`, OAuth \`refreshToken\` | \`TencentCloud/tencentcloud-cli\` \`tccli/configure.py\`, \`tccli/oauth.py\`; TCCLI configuration guide |
| \`.tencentcloud\\credentials\` | INI \`secret_id\`, \`secret_key\` | \`tencentcloud-sdk-python\` \`credential.py\` (ProfileCredential) |
| \`.cos.conf\` and \`Documents\\.cos.conf\` | INI \`secret_id\`, \`secret_key\` (coscmd) | \`tencentyun/coscmd\` \`cos_cmd.py\`; COSCMD guide ("a hidden file in My Documents on Windows") |
| \`.cos.yaml\` | \`secretid\`, \`secretkey\` (coscli), encrypted with a key built into coscli, so as good as plain text | \`tencentyun/coscli\` \`util/secret.go\` |
| registry \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\` and \`HKU\\<SID>\\Environment\` | \`TENCENTCLOUD_SECRET_ID\`, \`TENCENTCLOUD_SECRET_KEY\`, \`TENCENTCLOUD_SESSION_TOKEN\`/\`SECURITY_TOKEN\`, \`QCLOUD_SECRET_*\`, \`COS_SECRET_*\` | SDK \`EnvironmentVariableCredential\`, tccli \`options_define.py\` |
| any text file in the bounded scan (see share-scan-coverage) | a SecretId | below |

A SecretId is \`AKID\` followed by 32 letters and digits (36 characters; Tencent's own example
\`AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\`); sub-account keys start with \`IKID\` (CAM "Sub-Account
Access Key Management": "A SecretId has a uniform prefix IKID"; their length is assumed to be the same
[U]); temporary (STS, CAM role) SecretIds are longer and may hold \`_\` or \`-\` (CVM metadata
\`TmpSecretId\`, 66 characters): they expire, so they warn. A SecretKey (32 letters and digits) is
reported only beside a SecretId or under a key name in a Tencent tool's file. Not findings: an
"AKID" inside a sentence, Tencent's documentation examples (\`AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\`,
\`…EXAMPLE\`, masked \`AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******\`), runs of x, placeholders such as
\`YOUR_SECRET_ID\`, variables (\`$env:X\`, \`%X%\`). A tccli profile of type \`cvm-role\` holds no key.

Severity: **fail** when the image is meant to be shared (\`check --share\`, or \`"share": true\` in the
config), **warn** otherwise. A user whose registry hive is not loaded (not signed in) cannot have their
variables read: **could not verify**, naming them (from \`ProfileList\`).

Every finding shows the secret masked (at most the first 4 and last 2 characters) with its file and
line; the snapshot stores nothing more. The fix is to delete the file (or the variable) and rotate the
key: CAM console > Access Key > API Keys (\`https://console.cloud.tencent.com/cam/capi\`; for a
sub-user: Users > the user > API Keys), create a new key for whatever needs one, then disable and
delete the old one (Tencent Cloud "Root Account Access Key Management" and "Sub-Account Access Key
Management"). Deleting the file alone is not enough: the key has already been on a disk others may copy.`,
    'zh-CN': `自定义镜像是整个系统盘的副本，且镜像最多可共享给 500 个其他
帐号（云服务器 API \`ModifyImageSharePermission\`）：磁盘上的任何密钥，由它创建的每个实例都会拥有。查找范围（\`C:\\Users\`
下的每个用户配置文件以及自动化助手命令运行时使用的系统配置文件）：

| 位置 | 内容 | 来源 |
| --- | --- | --- |
| \`.tccli\\<profile>.credential\` | JSON \`secretId\`、\`secretKey\`、\`token\`、OAuth \`refreshToken\` | \`TencentCloud/tencentcloud-cli\` \`tccli/configure.py\`、\`tccli/oauth.py\`；TCCLI 配置指南 |
| \`.tencentcloud\\credentials\` | INI \`secret_id\`、\`secret_key\` | \`tencentcloud-sdk-python\` \`credential.py\`（ProfileCredential） |
| \`.cos.conf\` 和 \`Documents\\.cos.conf\` | INI \`secret_id\`、\`secret_key\`（coscmd） | \`tencentyun/coscmd\` \`cos_cmd.py\`；COSCMD 指南（“Windows 下为‘我的文档’中的隐藏文件”） |
| \`.cos.yaml\` | \`secretid\`、\`secretkey\`（coscli），使用 coscli 内置的密钥加密，因此等同明文 | \`tencentyun/coscli\` \`util/secret.go\` |
| 注册表 \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\` 和 \`HKU\\<SID>\\Environment\` | \`TENCENTCLOUD_SECRET_ID\`、\`TENCENTCLOUD_SECRET_KEY\`、\`TENCENTCLOUD_SESSION_TOKEN\`/\`SECURITY_TOKEN\`、\`QCLOUD_SECRET_*\`、\`COS_SECRET_*\` | SDK \`EnvironmentVariableCredential\`、tccli \`options_define.py\` |
| 有界扫描中的任意文本文件（见 share-scan-coverage） | SecretId | 见下文 |

SecretId 为 \`AKID\` 后跟 32 个字母和数字（共 36 个字符；腾讯云自己的示例
\`AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\`）；子帐号密钥以 \`IKID\` 开头（访问管理 CAM《子帐号
访问密钥管理》：“SecretId 有统一前缀 IKID”；其长度假定相同
[U]）；临时（STS、CAM 角色）SecretId 更长，可能包含 \`_\` 或 \`-\`（云服务器元数据
\`TmpSecretId\`，66 个字符）：它们会过期，因此为警告。SecretKey（32 个字母和数字）只有在
SecretId 旁边或在腾讯云工具文件中的键名下才会报告。不算发现项：句子中的
“AKID”、腾讯云文档中的示例（\`AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\`、
\`…EXAMPLE\`、打码的 \`AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******\`）、连续的 x、
\`YOUR_SECRET_ID\` 之类的占位符、变量（\`$env:X\`、\`%X%\`）。类型为 \`cvm-role\` 的 tccli 配置不含密钥。

严重级别：镜像打算共享时（\`check --share\`，或配置中的 \`"share": true\`）为 **fail**，
否则为 **warn**。注册表配置单元未加载（未登录）的用户无法读取其
变量：**无法验证**，并列出这些用户（来自 \`ProfileList\`）。

每个发现项都以打码形式显示密钥（最多显示前 4 个和后 2 个字符）及其文件和
行号；快照不保存更多内容。修复方法是删除该文件（或该变量）并轮换
密钥：访问管理控制台 > 访问密钥 > API 密钥管理（\`https://console.cloud.tencent.com/cam/capi\`；
子用户：用户列表 > 该用户 > API 密钥），为需要密钥的服务创建新密钥，然后禁用并
删除旧密钥（腾讯云《主帐号访问密钥管理》和《子帐号访问密钥
管理》）。仅删除文件是不够的：该密钥已经存在于他人可能复制的磁盘上。`,
    'pt-BR': `Uma imagem personalizada é uma cópia do disco do sistema inteiro, e uma imagem pode ser compartilhada com até 500
outras contas (API da CVM \`ModifyImageSharePermission\`): qualquer chave que esteja no disco, toda instância criada a
partir dela terá. Procurados (em todo perfil em \`C:\\Users\` e no perfil do sistema, como o qual os comandos do TAT
rodam):

| onde | o quê | fonte |
| --- | --- | --- |
| \`.tccli\\<profile>.credential\` | JSON \`secretId\`, \`secretKey\`, \`token\`, OAuth \`refreshToken\` | \`TencentCloud/tencentcloud-cli\` \`tccli/configure.py\`, \`tccli/oauth.py\`; guia de configuração do TCCLI |
| \`.tencentcloud\\credentials\` | INI \`secret_id\`, \`secret_key\` | \`tencentcloud-sdk-python\` \`credential.py\` (ProfileCredential) |
| \`.cos.conf\` e \`Documents\\.cos.conf\` | INI \`secret_id\`, \`secret_key\` (coscmd) | \`tencentyun/coscmd\` \`cos_cmd.py\`; guia do COSCMD ("um arquivo oculto em Meus Documentos no Windows") |
| \`.cos.yaml\` | \`secretid\`, \`secretkey\` (coscli), criptografados com uma chave embutida no coscli, então equivalem a texto simples | \`tencentyun/coscli\` \`util/secret.go\` |
| Registro \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\` e \`HKU\\<SID>\\Environment\` | \`TENCENTCLOUD_SECRET_ID\`, \`TENCENTCLOUD_SECRET_KEY\`, \`TENCENTCLOUD_SESSION_TOKEN\`/\`SECURITY_TOKEN\`, \`QCLOUD_SECRET_*\`, \`COS_SECRET_*\` | SDK \`EnvironmentVariableCredential\`, tccli \`options_define.py\` |
| qualquer arquivo de texto na varredura limitada (veja share-scan-coverage) | um SecretId | abaixo |

Um SecretId é \`AKID\` seguido de 32 letras e dígitos (36 caracteres; o exemplo da própria Tencent
\`AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\`); chaves de subconta começam com \`IKID\` (CAM, "Gerenciamento de chaves de
acesso de subconta": "Um SecretId tem o prefixo uniforme IKID"; supõe-se que o comprimento seja o mesmo
[U]); SecretIds temporários (STS, função do CAM) são mais longos e podem conter \`_\` ou \`-\` (metadados da CVM
\`TmpSecretId\`, 66 caracteres): eles expiram, então geram aviso. Uma SecretKey (32 letras e dígitos) só é
relatada ao lado de um SecretId ou sob um nome de chave num arquivo de ferramenta da Tencent. Não são constatações:
"AKID" no meio de uma frase, os exemplos da documentação da Tencent (\`AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\`,
\`…EXAMPLE\`, o mascarado \`AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******\`), sequências de x, espaços reservados como
\`YOUR_SECRET_ID\`, variáveis (\`$env:X\`, \`%X%\`). Um perfil do tccli do tipo \`cvm-role\` não contém chave.

Gravidade: **fail** quando a imagem vai ser compartilhada (\`check --share\`, ou \`"share": true\` na
configuração), **warn** nos demais casos. Um usuário cujo hive do Registro não está carregado (sem sessão iniciada) não
pode ter as variáveis lidas: **não foi possível verificar**, com o nome dele (do \`ProfileList\`).

Toda constatação mostra o segredo mascarado (no máximo os 4 primeiros e os 2 últimos caracteres) com o arquivo e a
linha; o snapshot não guarda nada além disso. A correção é excluir o arquivo (ou a variável) e trocar a
chave: console do CAM > Access Key > API Keys (\`https://console.cloud.tencent.com/cam/capi\`; para um
subusuário: Users > o usuário > API Keys), criar uma chave nova para o que precisar de uma e depois desativar e
excluir a antiga ("Gerenciamento de chaves de acesso da conta raiz" e "Gerenciamento de chaves de acesso de
subconta" da Tencent Cloud). Excluir só o arquivo não basta: a chave já esteve num disco que outros podem copiar.`,
    id: `Citra kustom adalah salinan seluruh disk sistem, dan citra dapat dibagikan ke hingga 500 akun
lain (API CVM \`ModifyImageSharePermission\`): kunci apa pun yang ada di disk, dimiliki setiap instans yang dibuat
darinya. Yang dicari (di setiap profil di bawah \`C:\\Users\` dan profil sistem, yang dipakai perintah TAT saat
berjalan):

| lokasi | apa | sumber |
| --- | --- | --- |
| \`.tccli\\<profile>.credential\` | JSON \`secretId\`, \`secretKey\`, \`token\`, OAuth \`refreshToken\` | \`TencentCloud/tencentcloud-cli\` \`tccli/configure.py\`, \`tccli/oauth.py\`; panduan konfigurasi TCCLI |
| \`.tencentcloud\\credentials\` | INI \`secret_id\`, \`secret_key\` | \`tencentcloud-sdk-python\` \`credential.py\` (ProfileCredential) |
| \`.cos.conf\` dan \`Documents\\.cos.conf\` | INI \`secret_id\`, \`secret_key\` (coscmd) | \`tencentyun/coscmd\` \`cos_cmd.py\`; panduan COSCMD ("berkas tersembunyi di My Documents pada Windows") |
| \`.cos.yaml\` | \`secretid\`, \`secretkey\` (coscli), dienkripsi dengan kunci yang tertanam di coscli, jadi sama saja dengan teks biasa | \`tencentyun/coscli\` \`util/secret.go\` |
| registri \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\` dan \`HKU\\<SID>\\Environment\` | \`TENCENTCLOUD_SECRET_ID\`, \`TENCENTCLOUD_SECRET_KEY\`, \`TENCENTCLOUD_SESSION_TOKEN\`/\`SECURITY_TOKEN\`, \`QCLOUD_SECRET_*\`, \`COS_SECRET_*\` | SDK \`EnvironmentVariableCredential\`, tccli \`options_define.py\` |
| berkas teks apa pun dalam pemindaian terbatas (lihat share-scan-coverage) | SecretId | di bawah |

SecretId adalah \`AKID\` diikuti 32 huruf dan angka (36 karakter; contoh milik Tencent sendiri
\`AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\`); kunci sub-akun diawali \`IKID\` (CAM "Sub-Account
Access Key Management": "A SecretId has a uniform prefix IKID"; panjangnya diasumsikan sama
[U]); SecretId sementara (STS, CAM role) lebih panjang dan dapat memuat \`_\` atau \`-\` (metadata CVM
\`TmpSecretId\`, 66 karakter): karena kedaluwarsa, hasilnya peringatan. SecretKey (32 huruf dan angka) hanya
dilaporkan di samping SecretId atau di bawah nama kunci dalam berkas alat Tencent. Bukan temuan:
"AKID" di dalam kalimat, contoh dokumentasi Tencent (\`AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\`,
\`…EXAMPLE\`, \`AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******\` yang disamarkan), deretan x, placeholder seperti
\`YOUR_SECRET_ID\`, variabel (\`$env:X\`, \`%X%\`). Profil tccli bertipe \`cvm-role\` tidak menyimpan kunci.

Tingkat: **fail** jika citra akan dibagikan (\`check --share\`, atau \`"share": true\` di
konfigurasi), selain itu **warn**. Pengguna yang hive registrinya tidak dimuat (tidak sedang masuk) tidak dapat
dibaca variabelnya: **tidak dapat diverifikasi**, dengan menyebut nama mereka (dari \`ProfileList\`).

Setiap temuan menampilkan rahasia yang disamarkan (paling banyak 4 karakter pertama dan 2 terakhir) beserta berkas dan
barisnya; snapshot tidak menyimpan lebih dari itu. Perbaikannya adalah menghapus berkas (atau variabel) dan merotasi
kunci: konsol CAM > Access Key > API Keys (\`https://console.cloud.tencent.com/cam/capi\`; untuk
sub-user: Users > pengguna tersebut > API Keys), buat kunci baru untuk apa pun yang membutuhkannya, lalu nonaktifkan dan
hapus kunci lama (Tencent Cloud "Root Account Access Key Management" dan "Sub-Account Access Key
Management"). Menghapus berkasnya saja tidak cukup: kunci itu sudah pernah berada di disk yang mungkin disalin orang lain.`,
  },
  findings: {
    'environment-unverified': {
      severity: 'unknown',
      message: {
        en: 'could not verify the environment variables of {users}: their registry hive is not loaded (not signed in)',
        'zh-CN': '无法核实 {users} 的环境变量：其注册表配置单元未加载（未登录）',
        'pt-BR':
          'não foi possível verificar as variáveis de ambiente de {users}: o hive do Registro deles não está carregado (sem sessão iniciada)',
        id: 'tidak dapat memverifikasi variabel lingkungan {users}: hive registri mereka tidak dimuat (belum masuk)',
      },
    },
    'environment-unreadable': {
      severity: 'unknown',
      message: {
        en: 'could not verify environment variables: {reason}',
        'zh-CN': '无法核实环境变量：{reason}',
        'pt-BR': 'não foi possível verificar as variáveis de ambiente: {reason}',
        id: 'tidak dapat memverifikasi variabel lingkungan: {reason}',
      },
    },
    'credential-file': {
      severity: 'fail',
      message: {
        en: '{tool} keeps Tencent Cloud credentials in {path}: {secrets}',
        'zh-CN': '{tool} 在 {path} 中保存了腾讯云凭证：{secrets}',
        'pt-BR': '{tool} guarda credenciais da Tencent Cloud em {path}: {secrets}',
        id: '{tool} menyimpan kredensial Tencent Cloud di {path}: {secrets}',
      },
    },
    'secret-in-file': {
      severity: 'fail',
      message: {
        en: 'Tencent Cloud credentials in {path}: {secrets}',
        'zh-CN': '{path} 中有腾讯云凭证：{secrets}',
        'pt-BR': 'Credenciais da Tencent Cloud em {path}: {secrets}',
        id: 'Kredensial Tencent Cloud di {path}: {secrets}',
      },
    },
    'environment-variable': {
      severity: 'fail',
      message: {
        en: 'Environment variable {name} holds a Tencent Cloud credential {secret} ({scope})',
        'zh-CN': '环境变量 {name} 中有腾讯云凭证 {secret}（{scope}）',
        'pt-BR': 'A variável de ambiente {name} contém uma credencial da Tencent Cloud {secret} ({scope})',
        id: 'Variabel lingkungan {name} berisi kredensial Tencent Cloud {secret} ({scope})',
      },
    },
    'temporary-credential': {
      severity: 'warn',
      message: {
        en: 'A temporary Tencent Cloud credential in {path}: {secrets} (it expires, but works until then)',
        'zh-CN': '{path} 中有腾讯云临时凭证：{secrets}（会过期，但过期前仍然有效）',
        'pt-BR': 'Uma credencial temporária da Tencent Cloud em {path}: {secrets} (ela expira, mas funciona até lá)',
        id: 'Kredensial sementara Tencent Cloud di {path}: {secrets} (akan kedaluwarsa, tetapi berlaku sampai saat itu)',
      },
    },
    'more-files': {
      severity: 'warn',
      message: {
        en: '{count, plural, one {# more file} other {# more files}} with Tencent Cloud credentials (see the snapshot)',
        'zh-CN': '还有 {count} 个文件含有腾讯云凭证（见快照）',
        'pt-BR': '{count, plural, one {Mais # arquivo} other {Mais # arquivos}} com credenciais da Tencent Cloud (veja o snapshot)',
        id: '{count} file lain berisi kredensial Tencent Cloud (lihat snapshot)',
      },
    },
    'none-found': {
      severity: 'pass',
      message: {
        en: 'No Tencent Cloud API key found (tccli, COS tools, SDK files, environment variables, {files} scanned files)',
        'zh-CN': '未发现腾讯云 API 密钥（已检查 tccli、COS 工具、SDK 文件、环境变量，扫描文件 {files} 个）',
        'pt-BR':
          'Nenhuma chave de API da Tencent Cloud encontrada (tccli, ferramentas do COS, arquivos do SDK, variáveis de ambiente, {files} arquivos varridos)',
        id: 'Tidak ditemukan kunci API Tencent Cloud (tccli, alat COS, file SDK, variabel lingkungan, {files} file dipindai)',
      },
    },
  },
  messages: {
    secretId: {
      en: 'SecretId {masked} (line {line})',
      'zh-CN': 'SecretId {masked}（第 {line} 行）',
      'pt-BR': 'SecretId {masked} (linha {line})',
      id: 'SecretId {masked} (baris {line})',
    },
    temporaryId: {
      en: 'temporary SecretId {masked} (line {line})',
      'zh-CN': '临时 SecretId {masked}（第 {line} 行）',
      'pt-BR': 'SecretId temporário {masked} (linha {line})',
      id: 'SecretId sementara {masked} (baris {line})',
    },
    secretKey: {
      en: 'SecretKey {masked} (line {line})',
      'zh-CN': 'SecretKey {masked}（第 {line} 行）',
      'pt-BR': 'SecretKey {masked} (linha {line})',
      id: 'SecretKey {masked} (baris {line})',
    },
    token: {
      en: 'OAuth refresh token {masked} (line {line})',
      'zh-CN': 'OAuth 刷新令牌 {masked}（第 {line} 行）',
      'pt-BR': 'token de atualização OAuth {masked} (linha {line})',
      id: 'token penyegaran OAuth {masked} (baris {line})',
    },
    obfuscated: {
      en: '{field} {masked} (line {line}; coscli encrypts it with a key anyone can find)',
      'zh-CN': '{field} {masked}（第 {line} 行；coscli 用公开可得的密钥加密，形同明文）',
      'pt-BR': '{field} {masked} (linha {line}; o coscli o criptografa com uma chave que qualquer um encontra)',
      id: '{field} {masked} (baris {line}; coscli mengenkripsinya dengan kunci yang bisa ditemukan siapa saja)',
    },
    machineScope: { en: 'for the whole machine', 'zh-CN': '整台机器', 'pt-BR': 'para a máquina inteira', id: 'untuk seluruh mesin' },
    userScope: { en: 'for user {user}', 'zh-CN': '用户 {user}', 'pt-BR': 'para o usuário {user}', id: 'untuk pengguna {user}' },
    notCollected: {
      en: 'the registry was not collected',
      'zh-CN': '未收集注册表',
      'pt-BR': 'o Registro não foi coletado',
      id: 'registri tidak dikumpulkan',
    },
    keyNotRead: {
      en: '{path} was not read (a snapshot from an older collector?)',
      'zh-CN': '未读取 {path}（快照来自旧版收集器？）',
      'pt-BR': '{path} não foi lido (um snapshot de um coletor mais antigo?)',
      id: '{path} tidak dibaca (snapshot dari pengumpul versi lama?)',
    },
    fixRotate: {
      en: 'Rotate the key: in the CAM console, {menu} ({url}; a sub-user’s keys are on that user’s page), create a new key for whatever needs one, then disable and delete {keys}. Anyone with a copy of this disk can use it until then.',
      'zh-CN':
        '轮换密钥：在访问管理控制台的“访问密钥 > API 密钥管理”（国际站为 {menu}；{url}；子用户的密钥在该用户的详情页）为需要的程序新建密钥，然后禁用并删除 {keys}。在此之前，任何拿到此磁盘副本的人都能使用它。',
      'pt-BR':
        'Troque a chave: no console do CAM, em {menu} ({url}; as chaves de um subusuário ficam na página desse usuário), crie uma chave nova para o que precisar de uma e depois desative e exclua {keys}. Até lá, qualquer pessoa com uma cópia deste disco pode usá-la.',
      id: 'Ganti kunci: di konsol CAM, buka {menu} ({url}; kunci sub-pengguna ada di halaman pengguna tersebut), buat kunci baru untuk yang membutuhkannya, lalu nonaktifkan dan hapus {keys}. Sampai saat itu, siapa pun yang memiliki salinan disk ini dapat memakainya.',
    },
    theKey: { en: 'the key', 'zh-CN': '该密钥', 'pt-BR': 'a chave', id: 'kunci tersebut' },
    fixDeleteFile: {
      en: 'Delete the file before the capture (configure the tool again afterwards if this machine still needs it, with a key of its own or a CAM role):',
      'zh-CN': '创建镜像前删除该文件（如本机之后仍需使用该工具，请重新配置，使用单独的密钥或 CAM 角色）：',
      'pt-BR':
        'Exclua o arquivo antes de criar a imagem (configure a ferramenta de novo depois, se esta máquina ainda precisar, com uma chave própria ou uma função do CAM):',
      id: 'Hapus file tersebut sebelum pembuatan citra (konfigurasikan ulang alatnya setelahnya jika mesin ini masih memerlukannya, dengan kunci tersendiri atau peran CAM):',
    },
    fixEditFile: {
      en: 'Remove the key from the file (or delete the file) before the capture; have the application read it from a CAM role or a secret store instead.',
      'zh-CN': '创建镜像前从文件中删除该密钥（或删除文件）；改为让应用通过 CAM 角色或密钥管理服务获取凭证。',
      'pt-BR':
        'Remova a chave do arquivo (ou exclua o arquivo) antes de criar a imagem; faça o aplicativo obtê-la de uma função do CAM ou de um cofre de segredos.',
      id: 'Hapus kunci dari file (atau hapus file-nya) sebelum pembuatan citra; biarkan aplikasi mengambilnya dari peran CAM atau penyimpanan rahasia.',
    },
    fixUnquotable: {
      en: 'No command is given for {path}: its name holds characters that cmd.exe or PowerShell would interpret. Delete it in Explorer.',
      'zh-CN': '不提供 {path} 的命令：其名称包含会被 cmd.exe 或 PowerShell 解释的字符。请在资源管理器中删除。',
      'pt-BR':
        'Nenhum comando é fornecido para {path}: o nome contém caracteres que o cmd.exe ou o PowerShell interpretariam. Exclua-o no Explorador.',
      id: 'Tidak ada perintah untuk {path}: namanya berisi karakter yang akan ditafsirkan oleh cmd.exe atau PowerShell. Hapus lewat Explorer.',
    },
    fixDeleteVariable: {
      en: 'Delete the variable (elevated prompt), then rotate the key as above:',
      'zh-CN': '删除该变量（在管理员命令提示符中运行），然后按上文轮换密钥：',
      'pt-BR': 'Exclua a variável (prompt como Administrador) e depois troque a chave como acima:',
      id: 'Hapus variabel tersebut (prompt sebagai Administrator), lalu ganti kunci seperti di atas:',
    },
    fixSignIn: {
      en: 'Sign in as each of them once (or delete profiles no longer used, in System Properties > User Profiles) and check again.',
      'zh-CN': '以这些用户分别登录一次（或在“系统属性 > 用户配置文件”中删除不再使用的配置文件），然后重新检查。',
      'pt-BR':
        'Entre uma vez como cada um deles (ou exclua os perfis que não são mais usados, em Propriedades do Sistema > Perfis de Usuário) e verifique de novo.',
      id: 'Masuk sekali sebagai masing-masing pengguna (atau hapus profil yang tidak dipakai lagi di Properti Sistem > Profil Pengguna) lalu periksa lagi.',
    },
  },
  appliesTo: appliesWhenSharing,
  run({ secrets, registry }, { config, finding, text }) {
    const severity = liveSecretSeverity(config);
    const out: FindingDraft[] = [];
    const rotate = (maskedIds: string[]) =>
      text('fixRotate', {
        menu: CAM_MENU,
        url: CAM_API_KEYS_URL,
        keys: maskedIds.length > 0 ? { list: maskedIds, join: 'comma' } : text('theKey'),
      });

    const describe = (h: SecretFinding): MessageRef => {
      const p = { masked: h.masked ?? '?', line: lineOf(h) };
      switch (h.kind) {
        case 'tencent-temporary-id':
          return text('temporaryId', p);
        case 'tencent-secret-key':
          return text('secretKey', p);
        case 'tencent-token':
          return text('token', p);
        case 'tencent-obfuscated':
          return text('obfuscated', { ...p, field: (h.detail ?? 'secret').split(' ')[0] ?? 'secret' });
        default:
          return text('secretId', p);
      }
    };

    const { files, more } = byFile(secrets.findings, TENCENT_KINDS);
    for (const { path, hits } of files) {
      const tool = TOOL_SOURCES[hits[0]?.source ?? ''];
      const list = { list: hits.slice(0, 6).map(describe), join: 'comma' as const };
      const ids = [...new Set(hits.filter((h) => h.kind === 'tencent-secret-id' && h.masked).map((h) => h.masked ?? ''))];
      const del = deleteCommands([path]);
      const fileFix = tool
        ? del
          ? { message: text('fixDeleteFile'), commands: del }
          : { message: text('fixUnquotable', { path }) }
        : { message: text('fixEditFile') };
      const evidence = fileEvidence(hits);
      // A file whose only ids are temporary holds a credential that expires; any other is live.
      const temporary = hits.some((h) => h.kind === 'tencent-temporary-id') && !hits.some((h) => PERMANENT.has(h.kind));
      if (temporary) {
        out.push(finding('temporary-credential', { path, secrets: list }, { evidence, fix: [fileFix] }));
      } else if (tool) {
        out.push(
          finding('credential-file', { tool, path, secrets: list }, { evidence, fix: [fileFix, { message: rotate(ids) }], severity }),
        );
      } else {
        out.push(finding('secret-in-file', { path, secrets: list }, { evidence, fix: [fileFix, { message: rotate(ids) }], severity }));
      }
    }
    if (more > 0) out.push(finding('more-files', { count: more }, { severity }));

    out.push(...environment(registry));
    if (out.every((f) => f.code === 'environment-unverified' || f.code === 'environment-unreadable'))
      out.push(finding('none-found', { files: secrets.scan.filesRead }));
    return out;

    function environment(reg: Registry | undefined): FindingDraft[] {
      if (!reg) return [finding('environment-unreadable', { reason: text('notCollected') })];
      const found: FindingDraft[] = [];
      const problems: Array<MessageRef | string> = [];
      const machine = lookupKey(reg, REGISTRY_KEYS.machineEnvironment.path);
      const listed = (path: string) => reg.keys.some((k) => k.path.toUpperCase() === path.toUpperCase());
      if (!listed(REGISTRY_KEYS.machineEnvironment.path))
        problems.push(text('keyNotRead', { path: REGISTRY_KEYS.machineEnvironment.path }));
      found.push(...variables(machine, text('machineScope')));
      problems.push(...errorOf(machine));

      const hives = lookupKey(reg, 'HKU');
      if (!listed('HKU')) problems.push(text('keyNotRead', { path: 'HKU' }));
      problems.push(...errorOf(hives));
      const loaded = hives.state === 'present' ? hives.subkeys : [];
      for (const sid of loaded) {
        const key = lookupKey(reg, `HKU\\${sid}\\Environment`);
        found.push(...variables(key, text('userScope', { user: userName(reg, sid) })));
        problems.push(...errorOf(key));
      }
      for (const k of reg.keys) {
        // Keys of hives loaded after the parent was listed, or read by another tool, count too.
        const m = USER_HIVE.exec(k.path);
        if (m?.[1] && !loaded.some((s) => s.toUpperCase() === m[1]?.toUpperCase()))
          found.push(...variables(lookupKey(reg, k.path), text('userScope', { user: userName(reg, m[1]) })));
      }

      const profiles = lookupKey(reg, 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList');
      // Only a list of the loaded hives tells which profiles' hives are not loaded.
      const notLoaded =
        profiles.state === 'present' && hives.state === 'present'
          ? profiles.subkeys.filter((sid) => !loaded.some((s) => s.toUpperCase() === sid.toUpperCase()))
          : [];
      if (notLoaded.length > 0) {
        const users = notLoaded.map((sid) => userName(reg, sid));
        found.push(
          finding(
            'environment-unverified',
            { users: { list: users, join: 'comma' } },
            {
              evidence: notLoaded.map((sid): Evidence => ({
                kind: 'registry',
                ref: `HKU\\${sid}`,
                data: { loaded: false, user: userName(reg, sid) },
              })),
              fix: [{ message: text('fixSignIn') }],
            },
          ),
        );
      }
      if (problems.length > 0) found.push(finding('environment-unreadable', { reason: { list: problems, join: 'semicolon' } }));
      return found;
    }

    function variables(key: KeyLookup, scope: MessageRef): FindingDraft[] {
      if (key.state !== 'present') return [];
      return key.values
        .filter((v) => TENCENT_VARIABLES.has(v.name.toUpperCase()) && v.secret !== undefined && LIVE_SHAPES.has(v.secret.shape))
        .map((v) => {
          const secret = typeof v.data === 'string' ? v.data : '?';
          const evidence: Evidence[] = [
            { kind: 'registry', ref: key.path, data: { value: v.name, secret, shape: v.secret?.shape ?? null } },
          ];
          const command =
            /^[A-Z0-9_]+$/i.test(v.name) && /^(HKLM|HKU)\\[A-Za-z0-9 .\\_-]+$/.test(key.path)
              ? [`reg.exe delete "${key.path}" /v ${v.name} /f`]
              : undefined;
          return finding(
            'environment-variable',
            { name: v.name, secret, scope },
            {
              evidence,
              fix: [
                command
                  ? { message: text('fixDeleteVariable'), commands: command }
                  : { message: text('fixUnquotable', { path: key.path }) },
                { message: rotate(/ID$/i.test(v.name) ? [secret] : []) },
              ],
              severity,
            },
          );
        });
    }

    function errorOf(key: KeyLookup): string[] {
      return key.state === 'error' ? [`${key.path}: ${key.message}`] : [];
    }
  },
});

/** A SID as the report names it: the profile folder's name from ProfileList, else the SID. */
function userName(reg: Registry, sid: string): string {
  const key = lookupKey(reg, `HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\${sid}`);
  const path = key.state === 'present' ? key.values.find((v) => v.name.toLowerCase() === 'profileimagepath')?.data : undefined;
  if (typeof path === 'string' && path.trim() !== '')
    return `${
      path
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() ?? sid
    } (${sid})`;
  return WELL_KNOWN_SIDS[sid.toUpperCase()] ?? sid;
}
