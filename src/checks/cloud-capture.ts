// What Tencent Cloud itself will say to CreateImage, from the API (check --cloud, capture): the instance
// exists in the region and is in a state that can be imaged, whether it can be imaged while running or
// must be shut down first, the region's custom image quota against the custom images already there,
// and a planned image name against the documented limit and the names already taken. The facts come
// from the `cloud` group, which the command adds (the guest's collector never does); without it the
// group says "not checked" and changes nothing.
import { defineCheck, type Evidence, type FindingDraft, type MessageRef } from './define-check.js';
import { charCount, IMAGE_NAME_MAX_CHARS } from '../cloud/limits.js';
import { cloudErrorRef } from '../util/cloud-error-ref.js';

/** "2018年7月之后基于公共镜像创建的实例（系统盘为云硬盘），支持在线制作镜像": instances created before this moment
 * must be shut down first. July 2018 itself is counted as before, to be safe. */
export const ONLINE_CAPTURE_SINCE = '2018-08-01T00:00:00Z';
/** States CreateImage accepts; its documented errors refuse PENDING, STARTING, STOPPING, REBOOTING, TERMINATING, ... */
const IMAGEABLE_STATES = new Set(['RUNNING', 'STOPPED']);

/** Characters as the API counts them: code points. */
const chars = charCount;

type CollectionErrorLike = { collectionError: { message: string; code?: string } };
const isError = (v: unknown): v is CollectionErrorLike => typeof v === 'object' && v !== null && 'collectionError' in v;
const reasonOf = (e: CollectionErrorLike) => cloudErrorRef(e.collectionError.code, e.collectionError.message);

export const cloudCapture = defineCheck({
  id: 'cloud-capture',
  group: 'cloud',
  needs: [],
  optional: ['cloud'],
  title: {
    en: 'Tencent Cloud: instance, image quota and image name',
    'zh-CN': '腾讯云：实例、镜像配额与镜像名称',
    'pt-BR': 'Tencent Cloud: instância, cota de imagens e nome da imagem',
    id: 'Tencent Cloud: instans, kuota citra, dan nama citra',
  },
  description: {
    en: 'What the Tencent Cloud API says about the capture: the instance, the custom image quota, the image name (check --cloud).',
    'zh-CN': '腾讯云 API 对本次制作镜像的说明：实例、自定义镜像配额、镜像名称（check --cloud）。',
    'pt-BR':
      'O que a API da Tencent Cloud diz sobre a captura: a instância, a cota de imagens personalizadas, o nome da imagem (check --cloud).',
    id: 'Apa kata API Tencent Cloud tentang pembuatan citra: instans, kuota citra kustom, nama citra (check --cloud).',
  },
  docs: {
    en: `Only with \`check --cloud\` or \`capture\`, which read the Tencent Cloud API (DescribeInstances,
DescribeImageQuota, DescribeImages) with the credentials of [docs/cloud.md](cloud.md); otherwise this check says
"not checked" (a note) and changes nothing. With \`--cloud\` and no usable credentials, or an API that does not
answer, it could not verify (AT RISK). The instance ID and region come from the metadata service (the
snapshot's \`instance\` group) unless \`--instance-id\` and \`--region\` are given.

**Instance.** DescribeInstances must list it in the region (else fail: a wrong ID or \`--region\`). CreateImage is
refused for an instance that is starting, stopping, rebooting, being terminated or still busy with an
operation (its documented errors \`UnsupportedOperation.InstanceState*\`, \`OperationDenied.InstanceOperationInProgress\`)
and for an instance stopped with "stop billing when shut down" (\`UnsupportedOperation.StoppedModeStopCharging\`):
each a fail. RUNNING and STOPPED pass.

**Running or stopped.** Tencent's guide "Creating Custom Images" (intlcloud-documents
\`yehe_doc/计算和容器/云服务器/操作指南/镜像/创建自定义镜像_intl_zh.md\`): "2018年7月之后基于公共镜像创建的实例（系统盘为云硬盘），
支持在线制作镜像（即实例不关机的情况下制作镜像）。除此情况外的实例，请先将实例关机后再进行镜像制作" — only an instance
created from a public image after July 2018, with a cloud system disk, can be imaged while running; any other
must be shut down first. So a RUNNING instance made from a public image (DescribeImages of its \`ImageId\`:
\`PUBLIC_IMAGE\`), created on or after 2018-08-01 (\`CreatedTime\`; July itself counts as before, to be safe), with
a \`CLOUD_*\` system disk, is a note (CreateImage's own documentation: "开机状态制作镜像，可能导致部分数据未备份" — data
written during the capture may be missing); any other RUNNING instance warns: stop it first, or capture with
\`--force-poweroff\` (CreateImage \`ForcePoweroff\`), which is then a note.

**Quota.** DescribeImageQuota's \`ImageNumQuota\` against the region's custom images (DescribeImages,
\`image-type\` \`PRIVATE_IMAGE\`): none left is a fail (CreateImage answers \`ImageQuotaLimitExceeded\`); the last
one, or less than a tenth of the quota left, warns.

**Image name** (\`--name\`): at most ${IMAGE_NAME_MAX_CHARS} characters (CreateImage \`ImageName\`: "最多支持60个字符"), and
no custom image in the region may have it already (\`InvalidImageName.Duplicate\`): either is a fail.`,
    'zh-CN': `仅在使用 \`check --cloud\` 或 \`capture\` 时进行，它们使用 [docs/cloud.md](cloud.md) 中的凭证读取腾讯云 API（DescribeInstances、
DescribeImageQuota、DescribeImages）；否则此检查显示“未检查”（提示）且不改变任何结果。使用 \`--cloud\` 但没有可用凭证，
或 API 无应答时，结果为无法验证（AT RISK）。实例 ID 和地域来自元数据服务（快照的 \`instance\` 组），
除非给出了 \`--instance-id\` 和 \`--region\`。

**实例。** DescribeInstances 必须在该地域列出该实例（否则为 fail：ID 或 \`--region\` 有误）。对于正在开机、关机、重启、
销毁或仍在执行操作的实例（其文档中的错误 \`UnsupportedOperation.InstanceState*\`、\`OperationDenied.InstanceOperationInProgress\`），
以及以“关机不收费”方式关机的实例（\`UnsupportedOperation.StoppedModeStopCharging\`），CreateImage 会被拒绝：
均为 fail。RUNNING 和 STOPPED 通过。

**运行中或已关机。** 腾讯云指南《创建自定义镜像》（intlcloud-documents
\`yehe_doc/计算和容器/云服务器/操作指南/镜像/创建自定义镜像_intl_zh.md\`）：“2018年7月之后基于公共镜像创建的实例（系统盘为云硬盘），
支持在线制作镜像（即实例不关机的情况下制作镜像）。除此情况外的实例，请先将实例关机后再进行镜像制作”——只有
2018 年 7 月之后基于公共镜像创建、系统盘为云硬盘的实例才能在运行中制作镜像；其他实例必须先关机。
因此，基于公共镜像（对其 \`ImageId\` 调用 DescribeImages：\`PUBLIC_IMAGE\`）、在 2018-08-01 或之后创建
（\`CreatedTime\`；为稳妥起见，7 月本身按之前计算）、系统盘为 \`CLOUD_*\` 的 RUNNING 实例为提示（CreateImage 自己的文档：
“开机状态制作镜像，可能导致部分数据未备份”——制作期间写入的数据可能缺失）；其他 RUNNING 实例均为警告：
请先关机，或使用 \`--force-poweroff\`（CreateImage \`ForcePoweroff\`）制作，此时为提示。

**配额。** 将 DescribeImageQuota 的 \`ImageNumQuota\` 与该地域的自定义镜像数（DescribeImages，
\`image-type\` \`PRIVATE_IMAGE\`）比较：没有剩余为 fail（CreateImage 返回 \`ImageQuotaLimitExceeded\`）；只剩最后
一个，或剩余不足配额的十分之一，为警告。

**镜像名称**（\`--name\`）：最多 ${IMAGE_NAME_MAX_CHARS} 个字符（CreateImage \`ImageName\`：“最多支持60个字符”），
且该地域不能已有同名的自定义镜像（\`InvalidImageName.Duplicate\`）：任一不满足即为 fail。`,
    'pt-BR': `Só com \`check --cloud\` ou \`capture\`, que leem a API da Tencent Cloud (DescribeInstances,
DescribeImageQuota, DescribeImages) com as credenciais de [docs/cloud.md](cloud.md); fora isso, esta verificação
diz "não verificado" (uma nota) e não muda nada. Com \`--cloud\` e sem credenciais utilizáveis, ou com uma API que
não responde, não foi possível verificar (AT RISK). O ID da instância e a região vêm do serviço de metadados (o
grupo \`instance\` do snapshot), a menos que \`--instance-id\` e \`--region\` sejam informados.

**Instância.** O DescribeInstances precisa listá-la na região (senão fail: ID ou \`--region\` errado). O CreateImage é
recusado para uma instância que está iniciando, parando, reiniciando, sendo encerrada ou ainda ocupada com uma
operação (seus erros documentados \`UnsupportedOperation.InstanceState*\`, \`OperationDenied.InstanceOperationInProgress\`)
e para uma instância parada com "parar a cobrança ao desligar" (\`UnsupportedOperation.StoppedModeStopCharging\`):
cada caso é um fail. RUNNING e STOPPED passam.

**Em execução ou parada.** Guia da Tencent "Criar imagens personalizadas" (intlcloud-documents
\`yehe_doc/计算和容器/云服务器/操作指南/镜像/创建自定义镜像_intl_zh.md\`): "2018年7月之后基于公共镜像创建的实例（系统盘为云硬盘），
支持在线制作镜像（即实例不关机的情况下制作镜像）。除此情况外的实例，请先将实例关机后再进行镜像制作" — só uma instância
criada a partir de uma imagem pública depois de julho de 2018, com disco do sistema em nuvem, pode virar imagem em execução;
qualquer outra precisa ser desligada antes. Então uma instância RUNNING criada de uma imagem pública (DescribeImages do seu
\`ImageId\`: \`PUBLIC_IMAGE\`), criada em 2018-08-01 ou depois (\`CreatedTime\`; julho em si conta como antes, por
segurança), com disco do sistema \`CLOUD_*\`, é uma nota (a documentação do próprio CreateImage: "开机状态制作镜像，可能导致部分数据未备份" —
dados gravados durante a captura podem faltar); qualquer outra instância RUNNING gera aviso: pare-a antes, ou capture com
\`--force-poweroff\` (CreateImage \`ForcePoweroff\`), que passa a ser uma nota.

**Cota.** O \`ImageNumQuota\` do DescribeImageQuota contra as imagens personalizadas da região (DescribeImages,
\`image-type\` \`PRIVATE_IMAGE\`): nenhuma sobrando é fail (o CreateImage responde \`ImageQuotaLimitExceeded\`); a última,
ou menos de um décimo da cota sobrando, gera aviso.

**Nome da imagem** (\`--name\`): no máximo ${IMAGE_NAME_MAX_CHARS} caracteres (CreateImage \`ImageName\`: "最多支持60个字符"), e
nenhuma imagem personalizada da região pode já ter esse nome (\`InvalidImageName.Duplicate\`): qualquer um dos dois é fail.`,
    id: `Hanya dengan \`check --cloud\` atau \`capture\`, yang membaca API Tencent Cloud (DescribeInstances,
DescribeImageQuota, DescribeImages) dengan kredensial dari [docs/cloud.md](cloud.md); selain itu pemeriksaan ini
menyatakan "tidak diperiksa" (catatan) dan tidak mengubah apa pun. Dengan \`--cloud\` tanpa kredensial yang dapat
dipakai, atau API yang tidak menjawab, hasilnya tidak dapat diverifikasi (AT RISK). ID instans dan region berasal
dari layanan metadata (grup \`instance\` pada snapshot) kecuali \`--instance-id\` dan \`--region\` diberikan.

**Instans.** DescribeInstances harus mencantumkannya di region tersebut (jika tidak, fail: ID atau \`--region\` salah).
CreateImage ditolak untuk instans yang sedang dimulai, dihentikan, di-reboot, diakhiri, atau masih sibuk dengan suatu
operasi (galat terdokumentasinya \`UnsupportedOperation.InstanceState*\`, \`OperationDenied.InstanceOperationInProgress\`)
dan untuk instans yang dihentikan dengan "berhenti ditagih saat dimatikan" (\`UnsupportedOperation.StoppedModeStopCharging\`):
masing-masing fail. RUNNING dan STOPPED lolos.

**Berjalan atau berhenti.** Panduan Tencent "Creating Custom Images" (intlcloud-documents
\`yehe_doc/计算和容器/云服务器/操作指南/镜像/创建自定义镜像_intl_zh.md\`): "2018年7月之后基于公共镜像创建的实例（系统盘为云硬盘），
支持在线制作镜像（即实例不关机的情况下制作镜像）。除此情况外的实例，请先将实例关机后再进行镜像制作" — hanya instans yang
dibuat dari citra publik setelah Juli 2018, dengan disk sistem cloud, yang dapat dibuatkan citra saat berjalan; yang lain
harus dimatikan dulu. Jadi instans RUNNING yang dibuat dari citra publik (DescribeImages untuk \`ImageId\`-nya:
\`PUBLIC_IMAGE\`), dibuat pada atau setelah 2018-08-01 (\`CreatedTime\`; Juli sendiri dihitung sebelumnya, agar aman),
dengan disk sistem \`CLOUD_*\`, adalah catatan (dokumentasi CreateImage sendiri: "开机状态制作镜像，可能导致部分数据未备份" — data
yang ditulis selama pembuatan citra mungkin hilang); instans RUNNING lainnya memberi peringatan: hentikan dulu, atau buat
citra dengan \`--force-poweroff\` (CreateImage \`ForcePoweroff\`), yang kemudian menjadi catatan.

**Kuota.** \`ImageNumQuota\` dari DescribeImageQuota dibandingkan dengan citra kustom di region tersebut (DescribeImages,
\`image-type\` \`PRIVATE_IMAGE\`): tidak ada sisa berarti fail (CreateImage menjawab \`ImageQuotaLimitExceeded\`); sisa
satu terakhir, atau sisa kurang dari sepersepuluh kuota, memberi peringatan.

**Nama citra** (\`--name\`): paling banyak ${IMAGE_NAME_MAX_CHARS} karakter (CreateImage \`ImageName\`: "最多支持60个字符"), dan
tidak boleh ada citra kustom di region itu yang sudah memakainya (\`InvalidImageName.Duplicate\`): salah satunya berarti fail.`,
  },
  findings: {
    'not-checked': {
      severity: 'info',
      message: {
        en: 'Not checked: run check --cloud (with Tencent Cloud API credentials) to ask the API about the instance, the image quota and the image name',
        'zh-CN': '未检查：运行 check --cloud（需要腾讯云 API 密钥），向 API 查询实例、镜像配额和镜像名称',
        'pt-BR':
          'Não verificado: execute check --cloud (com credenciais da API da Tencent Cloud) para consultar a API sobre a instância, a cota de imagens e o nome da imagem',
        id: 'Tidak diperiksa: jalankan check --cloud (dengan kredensial API Tencent Cloud) untuk menanyakan instans, kuota citra, dan nama citra ke API',
      },
    },
    'cloud-unverified': {
      severity: 'unknown',
      message: {
        en: 'could not ask the Tencent Cloud API: {reason}',
        'zh-CN': '无法查询腾讯云 API：{reason}',
        'pt-BR': 'não foi possível consultar a API da Tencent Cloud: {reason}',
        id: 'tidak dapat bertanya ke API Tencent Cloud: {reason}',
      },
    },
    'instance-unverified': {
      severity: 'unknown',
      message: {
        en: 'could not read the instance in {region}: {reason}',
        'zh-CN': '无法读取 {region} 中的实例信息：{reason}',
        'pt-BR': 'não foi possível ler a instância em {region}: {reason}',
        id: 'tidak dapat membaca instans di {region}: {reason}',
      },
    },
    'instance-not-found': {
      severity: 'fail',
      message: {
        en: 'Instance {instanceId} does not exist in region {region}: check the instance ID and the region (--instance-id, --region)',
        'zh-CN': '地域 {region} 中不存在实例 {instanceId}：请核对实例 ID 和地域（--instance-id、--region）',
        'pt-BR': 'A instância {instanceId} não existe na região {region}: confira o ID da instância e a região (--instance-id, --region)',
        id: 'Instans {instanceId} tidak ada di region {region}: periksa ID instans dan region (--instance-id, --region)',
      },
    },
    'instance-state': {
      severity: 'fail',
      message: {
        en: 'Instance {instanceId} is {state}: CreateImage takes only a running or stopped instance; wait until it is RUNNING or STOPPED',
        'zh-CN': '实例 {instanceId} 的状态为 {state}：CreateImage 只接受运行中或已关机的实例，请等到状态变为 RUNNING 或 STOPPED',
        'pt-BR':
          'A instância {instanceId} está {state}: o CreateImage só aceita uma instância em execução ou parada; aguarde até ficar RUNNING ou STOPPED',
        id: 'Instans {instanceId} berstatus {state}: CreateImage hanya menerima instans yang berjalan atau berhenti; tunggu sampai RUNNING atau STOPPED',
      },
    },
    'instance-busy': {
      severity: 'fail',
      message: {
        en: 'Instance {instanceId} is still busy with {operation}: CreateImage is refused until that ends',
        'zh-CN': '实例 {instanceId} 仍在执行 {operation}：该操作结束前 CreateImage 会被拒绝',
        'pt-BR': 'A instância {instanceId} ainda está ocupada com {operation}: o CreateImage é recusado até isso terminar',
        id: 'Instans {instanceId} masih sibuk dengan {operation}: CreateImage ditolak sampai operasi itu selesai',
      },
    },
    'stopped-no-charging': {
      severity: 'fail',
      message: {
        en: 'Instance {instanceId} was stopped with billing stopped (STOP_CHARGING): such an instance cannot be imaged; start it, or stop it again keeping billing (KEEP_CHARGING)',
        'zh-CN':
          '实例 {instanceId} 以“关机不收费”（STOP_CHARGING）方式关机：这样的实例无法制作镜像；请开机，或以“关机继续收费”（KEEP_CHARGING）方式重新关机',
        'pt-BR':
          'A instância {instanceId} foi parada com a cobrança suspensa (STOP_CHARGING): uma instância assim não pode virar imagem; inicie-a ou pare-a de novo mantendo a cobrança (KEEP_CHARGING)',
        id: 'Instans {instanceId} dihentikan dengan penagihan dihentikan (STOP_CHARGING): instans seperti itu tidak dapat dijadikan citra; jalankan, atau hentikan lagi dengan penagihan tetap berjalan (KEEP_CHARGING)',
      },
    },
    'instance-ok': {
      severity: 'pass',
      message: {
        en: 'Instance {instanceId} ({name}) is {state} in {zone}',
        'zh-CN': '实例 {instanceId}（{name}）位于 {zone}，状态为 {state}',
        'pt-BR': 'A instância {instanceId} ({name}) está {state} em {zone}',
        id: 'Instans {instanceId} ({name}) berstatus {state} di {zone}',
      },
    },
    'online-ok': {
      severity: 'info',
      message: {
        en: 'It can be imaged while running ({why}); data written during the capture may be missing from the image: stop it first, or use --force-poweroff, for an exact copy',
        'zh-CN': '可以在线制作镜像（{why}）；制作期间写入的数据可能不在镜像中：如需完全一致的副本，请先关机，或使用 --force-poweroff',
        'pt-BR':
          'Pode virar imagem em execução ({why}); dados gravados durante a captura podem faltar na imagem: pare-a antes, ou use --force-poweroff, para uma cópia exata',
        id: 'Dapat dijadikan citra saat berjalan ({why}); data yang ditulis selama pembuatan citra mungkin tidak ikut: hentikan dulu, atau gunakan --force-poweroff, untuk salinan yang persis',
      },
    },
    'must-stop': {
      severity: 'warn',
      message: {
        en: 'Instance {instanceId} must be shut down before it is imaged ({why}): stop it first, or capture with --force-poweroff',
        'zh-CN': '实例 {instanceId} 需要先关机才能制作镜像（{why}）：请先关机，或使用 --force-poweroff 制作',
        'pt-BR':
          'A instância {instanceId} precisa ser desligada antes de virar imagem ({why}): pare-a antes ou capture com --force-poweroff',
        id: 'Instans {instanceId} harus dimatikan sebelum dijadikan citra ({why}): hentikan dulu, atau buat citra dengan --force-poweroff',
      },
    },
    'will-power-off': {
      severity: 'info',
      message: {
        en: 'The capture shuts instance {instanceId} down first (--force-poweroff): it is unavailable until it is started again',
        'zh-CN': '制作镜像前会先将实例 {instanceId} 关机（--force-poweroff）：重新开机前实例不可用',
        'pt-BR': 'A captura desliga a instância {instanceId} antes (--force-poweroff): ela fica indisponível até ser iniciada de novo',
        id: 'Pembuatan citra mematikan instans {instanceId} terlebih dahulu (--force-poweroff): instans tidak tersedia sampai dijalankan lagi',
      },
    },
    'online-unverified': {
      severity: 'unknown',
      message: {
        en: 'could not tell whether instance {instanceId} can be imaged while running: {reason}',
        'zh-CN': '无法判断实例 {instanceId} 能否在线制作镜像：{reason}',
        'pt-BR': 'não foi possível saber se a instância {instanceId} pode virar imagem em execução: {reason}',
        id: 'tidak dapat mengetahui apakah instans {instanceId} dapat dijadikan citra saat berjalan: {reason}',
      },
    },
    'quota-unverified': {
      severity: 'unknown',
      message: {
        en: 'could not read the custom image quota of {region}: {reason}',
        'zh-CN': '无法读取 {region} 的自定义镜像配额：{reason}',
        'pt-BR': 'não foi possível ler a cota de imagens personalizadas de {region}: {reason}',
        id: 'tidak dapat membaca kuota citra kustom di {region}: {reason}',
      },
    },
    'quota-full': {
      severity: 'fail',
      message: {
        en: 'No custom image left in {region}: {count} of {quota} are used, so CreateImage is refused; delete custom images you no longer need, or ask Tencent Cloud for a higher quota',
        'zh-CN':
          '{region} 的自定义镜像已用满：已用 {count} 个，配额 {quota} 个，CreateImage 会被拒绝；请删除不再需要的自定义镜像，或向腾讯云申请提高配额',
        'pt-BR':
          'Não resta nenhuma imagem personalizada em {region}: {count} de {quota} estão em uso, então o CreateImage é recusado; apague imagens que não usa mais ou peça uma cota maior à Tencent Cloud',
        id: 'Tidak ada sisa citra kustom di {region}: {count} dari {quota} sudah terpakai, jadi CreateImage ditolak; hapus citra kustom yang tidak diperlukan, atau minta kuota lebih besar ke Tencent Cloud',
      },
    },
    'quota-nearly-full': {
      severity: 'warn',
      message: {
        en: 'Custom images in {region}: {count} of {quota} are used; after this capture {left} will be left',
        'zh-CN': '{region} 的自定义镜像：已用 {count} 个，配额 {quota} 个；本次制作后仅剩 {left} 个',
        'pt-BR': 'Imagens personalizadas em {region}: {count} de {quota} em uso; depois desta captura restarão {left}',
        id: 'Citra kustom di {region}: {count} dari {quota} terpakai; setelah pembuatan ini tersisa {left}',
      },
    },
    'quota-ok': {
      severity: 'pass',
      message: {
        en: 'Custom images in {region}: {count} of {quota} are used',
        'zh-CN': '{region} 的自定义镜像：已用 {count} 个，配额 {quota} 个',
        'pt-BR': 'Imagens personalizadas em {region}: {count} de {quota} em uso',
        id: 'Citra kustom di {region}: {count} dari {quota} terpakai',
      },
    },
    'name-too-long': {
      severity: 'fail',
      message: {
        en: 'The image name has {count} characters; CreateImage allows at most {max}',
        'zh-CN': '镜像名称有 {count} 个字符；CreateImage 最多允许 {max} 个',
        'pt-BR': 'O nome da imagem tem {count} caracteres; o CreateImage aceita no máximo {max}',
        id: 'Nama citra memiliki {count} karakter; CreateImage mengizinkan paling banyak {max}',
      },
    },
    'name-taken': {
      severity: 'fail',
      message: {
        en: 'A custom image named "{name}" already exists in {region}: choose another name',
        'zh-CN': '{region} 中已存在名为“{name}”的自定义镜像：请换一个名称',
        'pt-BR': 'Já existe uma imagem personalizada chamada "{name}" em {region}: escolha outro nome',
        id: 'Citra kustom bernama "{name}" sudah ada di {region}: pilih nama lain',
      },
    },
    'name-unverified': {
      severity: 'unknown',
      message: {
        en: 'could not tell whether the name "{name}" is free in {region}: {reason}',
        'zh-CN': '无法判断名称“{name}”在 {region} 中是否已被占用：{reason}',
        'pt-BR': 'não foi possível saber se o nome "{name}" está livre em {region}: {reason}',
        id: 'tidak dapat mengetahui apakah nama "{name}" masih bebas di {region}: {reason}',
      },
    },
    'name-ok': {
      severity: 'pass',
      message: {
        en: 'The image name "{name}" is free in {region} and within {max} characters',
        'zh-CN': '镜像名称“{name}”在 {region} 中未被占用，且不超过 {max} 个字符',
        'pt-BR': 'O nome de imagem "{name}" está livre em {region} e tem até {max} caracteres',
        id: 'Nama citra "{name}" masih bebas di {region} dan tidak lebih dari {max} karakter',
      },
    },
  },
  messages: {
    whyPublic: {
      en: 'made from the public image {image} on {date}, system disk {disk}',
      'zh-CN': '于 {date} 由公共镜像 {image} 创建，系统盘为 {disk}',
      'pt-BR': 'criada a partir da imagem pública {image} em {date}, disco do sistema {disk}',
      id: 'dibuat dari citra publik {image} pada {date}, disk sistem {disk}',
    },
    whyNotPublic: {
      en: 'it was made from {image}, which is not a public image ({type})',
      'zh-CN': '它由镜像 {image} 创建，该镜像不是公共镜像（{type}）',
      'pt-BR': 'ela foi criada a partir de {image}, que não é uma imagem pública ({type})',
      id: 'instans dibuat dari {image}, yang bukan citra publik ({type})',
    },
    whyImageGone: {
      en: 'the image it was made from, {image}, no longer exists, so it cannot be shown to be a public image',
      'zh-CN': '创建它所用的镜像 {image} 已不存在，无法确认是公共镜像',
      'pt-BR': 'a imagem de origem, {image}, não existe mais, então não dá para mostrar que era pública',
      id: 'citra asalnya, {image}, sudah tidak ada, sehingga tidak dapat dipastikan sebagai citra publik',
    },
    whyNoImage: {
      en: 'DescribeInstances names no image it was made from',
      'zh-CN': 'DescribeInstances 未给出创建它所用的镜像',
      'pt-BR': 'o DescribeInstances não informa de qual imagem ela foi criada',
      id: 'DescribeInstances tidak menyebut citra asalnya',
    },
    whyOld: {
      en: 'it was created on {date}, before August 2018',
      'zh-CN': '它创建于 {date}，早于 2018 年 8 月',
      'pt-BR': 'ela foi criada em {date}, antes de agosto de 2018',
      id: 'instans dibuat pada {date}, sebelum Agustus 2018',
    },
    whyNoDate: {
      en: 'DescribeInstances gives no creation time',
      'zh-CN': 'DescribeInstances 未给出创建时间',
      'pt-BR': 'o DescribeInstances não informa a data de criação',
      id: 'DescribeInstances tidak memberikan waktu pembuatan',
    },
    whyLocalDisk: {
      en: 'its system disk is {disk}, not a cloud disk',
      'zh-CN': '其系统盘为 {disk}，不是云硬盘',
      'pt-BR': 'o disco do sistema é {disk}, não um disco em nuvem',
      id: 'disk sistemnya {disk}, bukan cloud disk',
    },
    namesIncomplete: {
      en: 'only the first {count} of {total} custom image names were read',
      'zh-CN': '只读取了 {total} 个自定义镜像名称中的前 {count} 个',
      'pt-BR': 'só os primeiros {count} de {total} nomes de imagens personalizadas foram lidos',
      id: 'hanya {count} dari {total} nama citra kustom pertama yang terbaca',
    },
    unknownValue: {
      en: 'unknown',
      'zh-CN': '未知',
      'pt-BR': 'desconhecido',
      id: 'tidak diketahui',
    },
  },
  run({ cloud }, { config, failed, finding, text }) {
    if (!cloud) {
      const f = failed.cloud;
      return [f ? finding('cloud-unverified', { reason: f.reason }) : finding('not-checked')];
    }
    const region = cloud.region;
    const out: FindingDraft[] = [];
    const unknown = text('unknownValue');

    // The instance and whether it can be imaged as it is.
    const inst = cloud.instance;
    if (isError(inst)) {
      out.push(finding('instance-unverified', { region, reason: reasonOf(inst) }));
    } else if (!inst.exists) {
      out.push(finding('instance-not-found', { instanceId: inst.instanceId, region }));
    } else {
      const instanceId = inst.instanceId;
      const state = inst.state ?? '?';
      const evidence: Evidence[] = [
        {
          kind: 'fact',
          ref: `cloud.instance ${instanceId}`,
          data: {
            InstanceState: inst.state,
            LatestOperation: inst.latestOperation,
            LatestOperationState: inst.latestOperationState,
            StopChargingMode: inst.stopChargingMode ?? null,
            ImageId: inst.imageId,
            CreatedTime: inst.createdTime ?? null,
            SystemDisk: inst.systemDisk?.type ?? null,
          },
        },
      ];
      const problems: FindingDraft[] = [];
      if (!IMAGEABLE_STATES.has(state)) problems.push(finding('instance-state', { instanceId, state }, { evidence }));
      if (inst.latestOperationState === 'OPERATING')
        problems.push(finding('instance-busy', { instanceId, operation: inst.latestOperation ?? '?' }, { evidence }));
      if (state === 'STOPPED' && inst.stopChargingMode === 'STOP_CHARGING')
        problems.push(finding('stopped-no-charging', { instanceId }, { evidence }));
      if (problems.length > 0) out.push(...problems);
      else out.push(finding('instance-ok', { instanceId, name: inst.name ?? unknown, state, zone: inst.zone ?? region }, { evidence }));

      // Running: imaged as it runs only when Tencent's guide says it can be (see the docs above).
      const source = cloud.sourceImage;
      if (state !== 'RUNNING' || problems.length > 0) {
        // Stopped, or refused anyway: nothing to add.
      } else if (config.capture.forcePoweroff) {
        out.push(finding('will-power-off', { instanceId }));
      } else if (isError(source)) {
        out.push(finding('online-unverified', { instanceId, reason: reasonOf(source) }));
      } else {
        const why: MessageRef[] = [];
        const image = source?.imageName ?? inst.imageId ?? '?';
        if (!inst.imageId || !source) why.push(text('whyNoImage'));
        else if (!source.found) why.push(text('whyImageGone', { image: inst.imageId }));
        else if (source.imageType !== 'PUBLIC_IMAGE') why.push(text('whyNotPublic', { image, type: source.imageType ?? unknown }));
        const created = inst.createdTime ?? null;
        const createdMs = created === null ? NaN : Date.parse(created);
        if (created === null || Number.isNaN(createdMs)) why.push(text('whyNoDate'));
        else if (createdMs < Date.parse(ONLINE_CAPTURE_SINCE)) why.push(text('whyOld', { date: created.slice(0, 10) }));
        const disk = inst.systemDisk?.type ?? null;
        if (!disk?.startsWith('CLOUD_')) why.push(text('whyLocalDisk', { disk: disk ?? unknown }));
        if (why.length > 0) out.push(finding('must-stop', { instanceId, why: { list: why, join: 'semicolon' } }, { evidence }));
        else
          out.push(
            finding('online-ok', {
              why: text('whyPublic', { image, date: (created ?? '').slice(0, 10), disk: disk ?? unknown }),
            }),
          );
      }
    }

    // The region's custom image quota.
    const quota = cloud.imageQuota;
    const images = cloud.privateImages;
    if (isError(quota)) out.push(finding('quota-unverified', { region, reason: reasonOf(quota) }));
    else if (isError(images)) out.push(finding('quota-unverified', { region, reason: reasonOf(images) }));
    else {
      const q = quota.imageNumQuota;
      const count = images.count;
      const left = q - count;
      const evidence: Evidence[] = [{ kind: 'fact', ref: `cloud.imageQuota ${region}`, data: { ImageNumQuota: q, PrivateImages: count } }];
      if (left <= 0) out.push(finding('quota-full', { region, count, quota: q }, { evidence }));
      else if (left === 1 || left <= q / 10)
        out.push(finding('quota-nearly-full', { region, count, quota: q, left: left - 1 }, { evidence }));
      else out.push(finding('quota-ok', { region, count, quota: q }, { evidence }));
    }

    // The planned image name.
    const name = config.capture.imageName;
    if (name !== null) {
      if (chars(name) > IMAGE_NAME_MAX_CHARS) out.push(finding('name-too-long', { count: chars(name), max: IMAGE_NAME_MAX_CHARS }));
      if (isError(images)) out.push(finding('name-unverified', { name, region, reason: reasonOf(images) }));
      else if (images.names.includes(name)) out.push(finding('name-taken', { name, region }));
      else if (!images.namesComplete)
        out.push(
          finding('name-unverified', {
            name,
            region,
            reason: text('namesIncomplete', { count: images.names.length, total: images.count }),
          }),
        );
      else if (chars(name) <= IMAGE_NAME_MAX_CHARS) out.push(finding('name-ok', { name, region, max: IMAGE_NAME_MAX_CHARS }));
    }
    return out;
  },
});
