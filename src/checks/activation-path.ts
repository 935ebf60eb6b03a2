// Whether instances made from the image can activate Windows: Tencent's public images are KMS clients
// of kms.tencentyun.com, reached from the guest; that needs the Software Protection service and the
// port. A key of the admin's own (BYOL) travels with a shared image.
import { defineCheck, type FindingDraft } from './define-check.js';
import { findService, startMode } from './shared/services.js';
import { REGISTRY_KEYS as K } from '../catalog/registry-keys.js';
import { asString, lookupKey, lookupValue } from '../snapshot/registry.js';

const TENCENT_KMS = 'kms.tencentyun.com';
/** The port Tencent's activation commands use; its pages also print 1668, apparently a typo (docs/checks.md). */
const KMS_PORT = '1688';

export const activationPath = defineCheck({
  id: 'activation-path',
  group: 'instances',
  needs: ['registry'],
  optional: ['licensing', 'activation', 'reachability', 'services', 'host'],
  title: {
    en: 'Activation of new instances',
    'zh-CN': '新实例的激活',
    'pt-BR': 'Ativação das novas instâncias',
    id: 'Aktivasi instans baru',
  },
  description: {
    en: "Instances of a Tencent public image activate against Tencent's KMS: its host, port and the Software Protection service.",
    'zh-CN': '腾讯云公共镜像的实例通过腾讯云 KMS 激活：检查其地址、端口和 Software Protection 服务。',
    'pt-BR':
      'As instâncias de uma imagem pública da Tencent se ativam no KMS da Tencent: o host, a porta e o serviço Proteção de Software.',
    id: 'Instans dari citra publik Tencent diaktifkan melalui KMS Tencent: host, port, dan layanan Software Protection.',
  },
  docs: {
    en: `Tencent's "Windows Server activation" guide (doc 213/2757): \`slmgr.vbs -skms kms.tencentyun.com:1688\`,
\`slmgr.vbs -ato\`, for CVMs of its public images, whose key is a KMS client key (\`ProductKeyChannel\`
\`Volume:GVLK\`). The same page says the images are set to "kms.tencentyun.com:1668"; its commands and
Tencent's image install script use 1688, so 1668 is taken for a typo and flagged [P].

| finding | rule |
| --- | --- |
| sppsvc-disabled (warn) | the Software Protection service (\`sppsvc\`) is Disabled: Windows cannot activate |
| kms-unreachable (warn) | a KMS client that could not open TCP to kms.tencentyun.com:1688 during the check (2 s) |
| kms-port-1668 (warn) | the KMS is set to port 1668 (\`KeyManagementServicePort\` under \`…\\SoftwareProtectionPlatform\`) |
| kms-other (info) | a KMS client set to another KMS host than Tencent's |
| own-licence (info) | the key is Retail, OEM or MAK: a licence of your own (BYOL) goes with every instance and every account the image is shared with |`,
    'zh-CN': `腾讯云《Windows Server 激活》指南（doc 213/2757）：\`slmgr.vbs -skms kms.tencentyun.com:1688\`、
\`slmgr.vbs -ato\`，适用于其公共镜像创建的云服务器，其密钥为 KMS 客户端密钥（\`ProductKeyChannel\`
\`Volume:GVLK\`）。同一页面称镜像设置为“kms.tencentyun.com:1668”；但其命令和腾讯云的镜像安装脚本使用 1688，
因此 1668 被视为笔误并标记为 [P]。

| 发现项 | 规则 |
| --- | --- |
| sppsvc-disabled (warn) | Software Protection 服务（\`sppsvc\`）为“禁用”：Windows 无法激活 |
| kms-unreachable (warn) | KMS 客户端在检查期间（2 秒）无法建立到 kms.tencentyun.com:1688 的 TCP 连接 |
| kms-port-1668 (warn) | KMS 设置为端口 1668（\`…\\SoftwareProtectionPlatform\` 下的 \`KeyManagementServicePort\`） |
| kms-other (info) | KMS 客户端设置的 KMS 主机不是腾讯云的 |
| own-licence (info) | 密钥为 Retail、OEM 或 MAK：您自己的许可证（BYOL）会随每个实例以及镜像共享到的每个帐号一起带走 |`,
    'pt-BR': `Guia "Ativação do Windows Server" da Tencent (doc 213/2757): \`slmgr.vbs -skms kms.tencentyun.com:1688\`,
\`slmgr.vbs -ato\`, para CVMs criadas das imagens públicas dela, cuja chave é uma chave de cliente KMS
(\`ProductKeyChannel\` \`Volume:GVLK\`). A mesma página diz que as imagens vêm configuradas com
"kms.tencentyun.com:1668"; os comandos dela e o script de instalação de imagens da Tencent usam 1688, então
1668 é tratado como erro de digitação e marcado [P].

| constatação | regra |
| --- | --- |
| sppsvc-disabled (warn) | o serviço Proteção de Software (\`sppsvc\`) está Desativado: o Windows não consegue ativar |
| kms-unreachable (warn) | um cliente KMS que não conseguiu abrir TCP até kms.tencentyun.com:1688 durante a verificação (2 s) |
| kms-port-1668 (warn) | o KMS está configurado na porta 1668 (\`KeyManagementServicePort\` em \`…\\SoftwareProtectionPlatform\`) |
| kms-other (info) | um cliente KMS configurado para outro host KMS que não o da Tencent |
| own-licence (info) | a chave é Retail, OEM ou MAK: uma licença sua (BYOL) vai junto com cada instância e cada conta com que a imagem é compartilhada |`,
    id: `Panduan "Windows Server activation" Tencent (doc 213/2757): \`slmgr.vbs -skms kms.tencentyun.com:1688\`,
\`slmgr.vbs -ato\`, untuk CVM dari citra publiknya, yang kuncinya adalah kunci klien KMS (\`ProductKeyChannel\`
\`Volume:GVLK\`). Halaman yang sama menyebut citra diatur ke "kms.tencentyun.com:1668"; perintahnya dan skrip
instalasi citra Tencent memakai 1688, jadi 1668 dianggap salah ketik dan ditandai [P].

| temuan | aturan |
| --- | --- |
| sppsvc-disabled (warn) | layanan Software Protection (\`sppsvc\`) berstatus Disabled: Windows tidak dapat diaktifkan |
| kms-unreachable (warn) | klien KMS yang tidak dapat membuka TCP ke kms.tencentyun.com:1688 selama pemeriksaan (2 dtk) |
| kms-port-1668 (warn) | KMS diatur ke port 1668 (\`KeyManagementServicePort\` di bawah \`…\\SoftwareProtectionPlatform\`) |
| kms-other (info) | klien KMS yang diatur ke host KMS lain selain milik Tencent |
| own-licence (info) | kuncinya Retail, OEM, atau MAK: lisensi milik Anda sendiri (BYOL) ikut ke setiap instans dan setiap akun tempat citra dibagikan |`,
  },
  findings: {
    'sppsvc-disabled': {
      severity: 'warn',
      message: {
        en: 'The Software Protection service (sppsvc) is disabled: instances cannot activate Windows',
        'zh-CN': 'Software Protection 服务（sppsvc）已被禁用：实例无法激活 Windows',
        'pt-BR': 'O serviço Proteção de Software (sppsvc) está desativado: as instâncias não conseguem ativar o Windows',
        id: 'Layanan Software Protection (sppsvc) dinonaktifkan: instans tidak dapat mengaktifkan Windows',
      },
    },
    'kms-unreachable': {
      severity: 'warn',
      message: {
        en: 'Tencent’s KMS ({target}) could not be reached from this machine ({error}): activation would fail',
        'zh-CN': '本机无法连接腾讯云 KMS（{target}）（{error}）：激活将会失败',
        'pt-BR': 'O KMS da Tencent ({target}) não foi alcançado a partir desta máquina ({error}): a ativação falharia',
        id: 'KMS Tencent ({target}) tidak dapat dijangkau dari mesin ini ({error}): aktivasi akan gagal',
      },
    },
    'kms-port-1668': {
      severity: 'warn',
      message: {
        en: 'The KMS port is set to 1668; KMS listens on 1688',
        'zh-CN': 'KMS 端口设置为 1668；KMS 实际监听 1688',
        'pt-BR': 'A porta do KMS está definida como 1668; o KMS escuta na 1688',
        id: 'Port KMS disetel ke 1668; KMS mendengarkan di 1688',
      },
    },
    'kms-other': {
      severity: 'info',
      message: {
        en: 'Windows activates against {host}, not Tencent’s KMS',
        'zh-CN': 'Windows 通过 {host} 激活，而不是腾讯云 KMS',
        'pt-BR': 'O Windows se ativa em {host}, não no KMS da Tencent',
        id: 'Windows diaktifkan melalui {host}, bukan KMS Tencent',
      },
    },
    'own-licence': {
      severity: 'info',
      message: {
        en: 'Windows has a key of its own ({channel}): every instance, and every account the image is shared with, carries that licence',
        'zh-CN': 'Windows 使用自有密钥（{channel}）：每个实例以及镜像共享到的每个帐号都会带有该许可证',
        'pt-BR':
          'O Windows tem uma chave própria ({channel}): toda instância, e toda conta com quem a imagem for compartilhada, leva essa licença',
        id: 'Windows memiliki kunci sendiri ({channel}): setiap instans, dan setiap akun tempat citra dibagikan, membawa lisensi itu',
      },
    },
    ok: {
      severity: 'pass',
      message: {
        en: 'Nothing stands in the way of activation (KMS {host})',
        'zh-CN': '激活没有障碍（KMS {host}）',
        'pt-BR': 'Nada impede a ativação (KMS {host})',
        id: 'Tidak ada yang menghalangi aktivasi (KMS {host})',
      },
    },
  },
  messages: {
    fixSppsvc: {
      en: 'Let the Software Protection service start again (elevated prompt):',
      'zh-CN': '让 Software Protection 服务可以再次启动（在管理员命令提示符中运行）：',
      'pt-BR': 'Deixe o serviço Proteção de Software iniciar de novo (prompt de comando como Administrador):',
      id: 'Izinkan layanan Software Protection berjalan lagi (prompt perintah sebagai Administrator):',
    },
    fixPort: {
      en: 'Point Windows at Tencent’s KMS on port 1688 (elevated prompt):',
      'zh-CN': '将 Windows 的 KMS 设为腾讯云 KMS 的 1688 端口（在管理员命令提示符中运行）：',
      'pt-BR': 'Aponte o Windows para o KMS da Tencent na porta 1688 (prompt de comando como Administrador):',
      id: 'Arahkan Windows ke KMS Tencent di port 1688 (prompt perintah sebagai Administrator):',
    },
    fixReach: {
      en: 'Check the security group, routes and firewall for outbound TCP 1688 to kms.tencentyun.com.',
      'zh-CN': '检查安全组、路由和防火墙是否放通到 kms.tencentyun.com 的出站 TCP 1688。',
      'pt-BR': 'Verifique o grupo de segurança, as rotas e o firewall para TCP 1688 de saída até kms.tencentyun.com.',
      id: 'Periksa grup keamanan, rute, dan firewall untuk TCP 1688 keluar ke kms.tencentyun.com.',
    },
  },
  run({ registry, licensing, activation, reachability, services, host: machine }, { finding, text }) {
    const findings: FindingDraft[] = [];
    const spp = services ? findService(services, 'sppsvc') : undefined;
    if (spp && startMode(spp) === 'disabled')
      findings.push(
        finding(
          'sppsvc-disabled',
          {},
          {
            evidence: [{ kind: 'service', ref: 'sppsvc', data: { StartMode: spp.StartMode } }],
            fix: [{ message: text('fixSppsvc'), commands: ['sc.exe config sppsvc start= delayed-auto'] }],
          },
        ),
      );

    const key = lookupKey(registry, K.softwareProtection.path);
    const host = (asString(lookupValue(key, 'KeyManagementServiceName')) ?? activation?.KeyManagementServiceMachine ?? '').trim();
    const port = (asString(lookupValue(key, 'KeyManagementServicePort')) ?? String(activation?.KeyManagementServicePort ?? '')).trim();
    const channels = (licensing ?? []).map((p) => p.ProductKeyChannel ?? '').filter((c) => c);
    const kmsClient = channels.some((c) => /GVLK/i.test(c));
    const own = channels.find((c) => /retail|oem|mak/i.test(c));
    const evidence = [
      {
        kind: 'registry' as const,
        ref: K.softwareProtection.path,
        data: { KeyManagementServiceName: host || null, KeyManagementServicePort: port || null, ProductKeyChannel: channels },
      },
    ];

    if (port === '1668')
      findings.push(
        finding(
          'kms-port-1668',
          {},
          {
            evidence,
            fix: [
              {
                message: text('fixPort'),
                commands: [
                  `cscript.exe //nologo ${machine?.systemRoot ?? 'C:\\Windows'}\\System32\\slmgr.vbs /skms ${TENCENT_KMS}:${KMS_PORT}`,
                ],
              },
            ],
          },
        ),
      );
    if (kmsClient && host && host.toLowerCase() !== TENCENT_KMS) findings.push(finding('kms-other', { host }, { evidence }));
    const kms = reachability?.kms;
    if (kmsClient && kms && !kms.reachable && (!host || host.toLowerCase() === TENCENT_KMS))
      findings.push(
        finding(
          'kms-unreachable',
          { target: kms.target, error: kms.error ?? '?' },
          {
            evidence: [{ kind: 'fact', ref: kms.target, data: { reachable: false, error: kms.error ?? null } }],
            fix: [{ message: text('fixReach') }],
          },
        ),
      );
    if (own) findings.push(finding('own-licence', { channel: own }, { evidence }));

    if (!findings.some((f) => f.severity !== 'info'))
      findings.unshift(finding('ok', { host: `${host || TENCENT_KMS}:${port || KMS_PORT}` }));
    return findings;
  },
});
