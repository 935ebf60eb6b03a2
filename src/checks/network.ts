// Each instance made from the image gets its own private IP by DHCP and reaches Tencent's metadata
// service at first boot (Cloudbase-Init, TAT). A static address copied into the image, routes and a
// proxy that only fit this machine, or a metadata service out of reach leave instances unreachable.
import { defineCheck, type FindingDraft } from './define-check.js';
import { REGISTRY_KEYS as K } from '../catalog/registry-keys.js';
import { lookupKey, lookupValue } from '../snapshot/registry.js';
import type { NetworkAdapter, RegistryValue } from '../snapshot/schema.js';

/** Tencent's VPC DNS servers, in every region ("Private network services", doc 213/5225). */
export const TENCENT_DNS = ['183.60.83.19', '183.60.82.98'];

const isIpv4 = (a: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a);

/** The adapter traffic leaves by: one with a default gateway, the lowest metric first. */
export function primaryAdapter(adapters: readonly NetworkAdapter[]): NetworkAdapter | undefined {
  const withGateway = adapters.filter((a) => (a.DefaultIPGateway ?? []).some(isIpv4));
  const pool = withGateway.length > 0 ? withGateway : adapters.filter((a) => (a.IPAddress ?? []).some(isIpv4));
  return [...pool].sort((a, b) => (a.IPConnectionMetric ?? 9999) - (b.IPConnectionMetric ?? 9999))[0];
}

/**
 * WinHTTP's machine proxy from its REG_BINARY: little-endian DWORDs, flags at offset 8 (2 = a proxy
 * server, 4 = an auto-config URL), the proxy's length at 12 and its text after (layout from
 * stephannn/WinHttpProxySettings [P]; direct access is flags 1 with no proxy). Undefined when it cannot
 * be read; "" for direct access.
 */
export function winHttpProxy(value: RegistryValue | undefined): string | undefined {
  if (!value || typeof value.data !== 'string' || !/^([0-9a-f]{2})+$/i.test(value.data)) return undefined;
  const bytes = Buffer.from(value.data, 'hex');
  if (bytes.length < 16) return undefined;
  const flags = bytes.readUInt32LE(8);
  const length = bytes.readUInt32LE(12);
  const proxy = length > 0 && 16 + length <= bytes.length ? bytes.subarray(16, 16 + length).toString('latin1') : '';
  if ((flags & 2) !== 0 && proxy) return proxy;
  if ((flags & 4) !== 0) return '(auto-config script)';
  return '';
}

export const network = defineCheck({
  id: 'network',
  group: 'instances',
  needs: ['network'],
  optional: ['registry', 'reachability'],
  title: {
    en: 'Network of new instances',
    'zh-CN': '新实例的网络',
    'pt-BR': 'Rede das novas instâncias',
    id: 'Jaringan instans baru',
  },
  description: {
    en: 'New instances get their own address by DHCP and must reach the metadata service; nothing machine-specific may come with the image.',
    'zh-CN': '新实例通过 DHCP 获取自己的地址并且必须能访问元数据服务；镜像中不应带有本机特有的网络设置。',
    'pt-BR':
      'As novas instâncias recebem o próprio endereço por DHCP e precisam alcançar o serviço de metadados; nada específico desta máquina pode ir na imagem.',
    id: 'Instans baru mendapat alamatnya sendiri lewat DHCP dan harus menjangkau layanan metadata; tidak boleh ada pengaturan khusus mesin ini di citra.',
  },
  docs: {
    en: `Tencent Cloud gives each instance its private IP by DHCP and warns that changing it inside the operating
system interrupts the private network ("Private network services", doc 213/5225). AWS's VM Import and
Azure's VHD checklists check the same.

| finding | rule |
| --- | --- |
| static-ip (fail) | the adapter with the default gateway (lowest \`IPConnectionMetric\`) has \`DHCPEnabled\` false (Win32_NetworkAdapterConfiguration): every instance would keep this machine's address |
| static-ip-secondary (info) | another adapter has a static address |
| metadata-unreachable (warn) | \`http://metadata.tencentyun.com/latest/meta-data/\` did not answer within 2 s during the check: Cloudbase-Init and TAT need it |
| persistent-routes (warn) | values under \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\PersistentRoutes\` (\`route -p\`): routes for this machine's network go into every instance |
| winhttp-proxy (warn) | a machine-wide WinHTTP proxy (\`WinHttpSettings\` under \`…\\Internet Settings\\Connections\`; direct access is flags 1 with no proxy; Azure's vmassist checks the same value) |
| dns-not-tencent (info) | DNS servers other than Tencent's VPC DNS (183.60.83.19, 183.60.82.98) |`,
    'zh-CN': `腾讯云通过 DHCP 为每个实例分配内网 IP，并提醒在操作系统内修改内网 IP 会导致
内网通信中断（“内网服务”，doc 213/5225）。AWS 的 VM Import 和
Azure 的 VHD 检查清单也检查同样的内容。

| 发现项 | 规则 |
| --- | --- |
| static-ip (fail) | 带默认网关的网卡（\`IPConnectionMetric\` 最小）的 \`DHCPEnabled\` 为 false（Win32_NetworkAdapterConfiguration）：每个实例都会保留本机的地址 |
| static-ip-secondary (info) | 另一块网卡使用静态地址 |
| metadata-unreachable (warn) | 检查期间 \`http://metadata.tencentyun.com/latest/meta-data/\` 在 2 秒内无应答：Cloudbase-Init 和自动化助手需要它 |
| persistent-routes (warn) | \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\PersistentRoutes\` 下存在值（\`route -p\`）：本机网络的路由会进入每个实例 |
| winhttp-proxy (warn) | 全机范围的 WinHTTP 代理（\`…\\Internet Settings\\Connections\` 下的 \`WinHttpSettings\`；直接访问为 flags 1 且无代理；Azure 的 vmassist 检查同一值） |
| dns-not-tencent (info) | DNS 服务器不是腾讯云的 VPC DNS（183.60.83.19、183.60.82.98） |`,
    'pt-BR': `A Tencent Cloud dá a cada instância o IP privado por DHCP e avisa que alterá-lo dentro do sistema
operacional interrompe a rede privada ("Serviços de rede privada", doc 213/5225). As listas de verificação do VM
Import da AWS e de VHD do Azure verificam o mesmo.

| constatação | regra |
| --- | --- |
| static-ip (fail) | o adaptador com o gateway padrão (menor \`IPConnectionMetric\`) tem \`DHCPEnabled\` false (Win32_NetworkAdapterConfiguration): toda instância manteria o endereço desta máquina |
| static-ip-secondary (info) | outro adaptador tem endereço estático |
| metadata-unreachable (warn) | \`http://metadata.tencentyun.com/latest/meta-data/\` não respondeu em 2 s durante a verificação: o Cloudbase-Init e o TAT precisam dele |
| persistent-routes (warn) | valores em \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\PersistentRoutes\` (\`route -p\`): rotas da rede desta máquina vão para toda instância |
| winhttp-proxy (warn) | um proxy WinHTTP para a máquina inteira (\`WinHttpSettings\` em \`…\\Internet Settings\\Connections\`; acesso direto é flags 1 sem proxy; o vmassist do Azure verifica o mesmo valor) |
| dns-not-tencent (info) | servidores DNS diferentes do DNS de VPC da Tencent (183.60.83.19, 183.60.82.98) |`,
    id: `Tencent Cloud memberi setiap instans IP privatnya melalui DHCP dan memperingatkan bahwa mengubahnya di dalam sistem
operasi memutus jaringan privat ("Private network services", doc 213/5225). Daftar periksa VM Import AWS dan
VHD Azure memeriksa hal yang sama.

| temuan | aturan |
| --- | --- |
| static-ip (fail) | adaptor dengan gateway default (\`IPConnectionMetric\` terendah) memiliki \`DHCPEnabled\` false (Win32_NetworkAdapterConfiguration): setiap instans akan mempertahankan alamat mesin ini |
| static-ip-secondary (info) | adaptor lain memiliki alamat statis |
| metadata-unreachable (warn) | \`http://metadata.tencentyun.com/latest/meta-data/\` tidak menjawab dalam 2 dtk selama pemeriksaan: Cloudbase-Init dan TAT membutuhkannya |
| persistent-routes (warn) | nilai di bawah \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\PersistentRoutes\` (\`route -p\`): rute untuk jaringan mesin ini masuk ke setiap instans |
| winhttp-proxy (warn) | proxy WinHTTP untuk seluruh mesin (\`WinHttpSettings\` di bawah \`…\\Internet Settings\\Connections\`; akses langsung adalah flags 1 tanpa proxy; vmassist Azure memeriksa nilai yang sama) |
| dns-not-tencent (info) | server DNS selain VPC DNS Tencent (183.60.83.19, 183.60.82.98) |`,
  },
  findings: {
    'static-ip': {
      severity: 'fail',
      message: {
        en: 'The main network adapter has a static address ({address}): every instance made from the image would keep it and lose its network',
        'zh-CN': '主网卡使用静态地址（{address}）：用镜像创建的每个实例都会沿用该地址并因此断网',
        'pt-BR':
          'O adaptador de rede principal tem endereço fixo ({address}): toda instância criada a partir da imagem o manteria e perderia a rede',
        id: 'Adaptor jaringan utama memakai alamat statis ({address}): setiap instans dari citra akan mempertahankannya dan kehilangan jaringan',
      },
    },
    'static-ip-secondary': {
      severity: 'info',
      message: {
        en: 'Adapter {adapter} has a static address ({address})',
        'zh-CN': '网卡 {adapter} 使用静态地址（{address}）',
        'pt-BR': 'O adaptador {adapter} tem endereço fixo ({address})',
        id: 'Adaptor {adapter} memakai alamat statis ({address})',
      },
    },
    'metadata-unreachable': {
      severity: 'warn',
      message: {
        en: 'The metadata service did not answer ({error}): Cloudbase-Init and the TAT agent need it',
        'zh-CN': '元数据服务没有响应（{error}）：Cloudbase-Init 和自动化助手（TAT）需要它',
        'pt-BR': 'O serviço de metadados não respondeu ({error}): o Cloudbase-Init e o agente do TAT precisam dele',
        id: 'Layanan metadata tidak menjawab ({error}): Cloudbase-Init dan agen TAT memerlukannya',
      },
    },
    'persistent-routes': {
      severity: 'warn',
      message: {
        en: '{count} persistent routes would go into every instance: {routes}',
        'zh-CN': '有 {count} 条永久路由会带入每个实例：{routes}',
        'pt-BR': '{count} rotas persistentes iriam para toda instância: {routes}',
        id: '{count} rute persisten akan ikut ke setiap instans: {routes}',
      },
    },
    'winhttp-proxy': {
      severity: 'warn',
      message: {
        en: 'A machine-wide WinHTTP proxy is set ({proxy}): Windows services of every instance would use it',
        'zh-CN': '已设置全机 WinHTTP 代理（{proxy}）：每个实例的 Windows 服务都会使用它',
        'pt-BR': 'Há um proxy WinHTTP para a máquina inteira ({proxy}): os serviços do Windows de toda instância o usariam',
        id: 'Proxy WinHTTP seluruh mesin disetel ({proxy}): layanan Windows di setiap instans akan memakainya',
      },
    },
    'dns-not-tencent': {
      severity: 'info',
      message: {
        en: "DNS servers are not Tencent's VPC DNS: {servers}",
        'zh-CN': 'DNS 服务器不是腾讯云私有网络 DNS：{servers}',
        'pt-BR': 'Os servidores DNS não são o DNS de VPC da Tencent: {servers}',
        id: 'Server DNS bukan DNS VPC Tencent: {servers}',
      },
    },
    'dhcp-ok': {
      severity: 'pass',
      message: {
        en: 'The main adapter uses DHCP, the metadata service answers, no routes or proxy of this machine',
        'zh-CN': '主网卡使用 DHCP，元数据服务可访问，没有本机特有的路由或代理',
        'pt-BR': 'O adaptador principal usa DHCP, o serviço de metadados responde, sem rotas nem proxy desta máquina',
        id: 'Adaptor utama memakai DHCP, layanan metadata menjawab, tidak ada rute atau proxy khusus mesin ini',
      },
    },
  },
  messages: {
    fixDhcp: {
      en: 'Switch the adapter to DHCP before the capture (elevated prompt; the connection drops for a moment):',
      'zh-CN': '制作镜像前将网卡改为 DHCP（在管理员命令提示符中运行；连接会短暂中断）：',
      'pt-BR': 'Passe o adaptador para DHCP antes de criar a imagem (prompt de comando como Administrador; a conexão cai por um instante):',
      id: 'Ubah adaptor ke DHCP sebelum pembuatan citra (prompt perintah sebagai Administrator; koneksi terputus sebentar):',
    },
    fixRoutes: {
      en: 'Delete the persistent routes that only fit this machine (elevated prompt):',
      'zh-CN': '删除只适用于本机的永久路由（在管理员命令提示符中运行）：',
      'pt-BR': 'Apague as rotas persistentes que só servem a esta máquina (prompt de comando como Administrador):',
      id: 'Hapus rute persisten yang hanya cocok untuk mesin ini (prompt perintah sebagai Administrator):',
    },
    fixProxy: {
      en: 'If instances should not use it, reset WinHTTP to direct access (elevated prompt):',
      'zh-CN': '如果实例不应使用该代理，将 WinHTTP 恢复为直接连接（在管理员命令提示符中运行）：',
      'pt-BR': 'Se as instâncias não devem usá-lo, volte o WinHTTP para acesso direto (prompt de comando como Administrador):',
      id: 'Jika instans tidak boleh memakainya, kembalikan WinHTTP ke akses langsung (prompt perintah sebagai Administrator):',
    },
    fixMetadata: {
      en: 'Check the routes to 169.254.0.0/16 and the firewall: the metadata service is metadata.tencentyun.com on the instance’s own link.',
      'zh-CN': '检查到 169.254.0.0/16 的路由和防火墙：元数据服务为 metadata.tencentyun.com，位于实例的本地链路上。',
      'pt-BR':
        'Verifique as rotas para 169.254.0.0/16 e o firewall: o serviço de metadados é metadata.tencentyun.com, no link da própria instância.',
      id: 'Periksa rute ke 169.254.0.0/16 dan firewall: layanan metadata adalah metadata.tencentyun.com di tautan instans itu sendiri.',
    },
  },
  run({ network, registry, reachability }, { finding, text }) {
    const findings: FindingDraft[] = [];
    const primary = primaryAdapter(network.adapters);
    for (const a of network.adapters) {
      if (a.DHCPEnabled !== false) continue;
      const address = (a.IPAddress ?? []).filter(isIpv4).join(', ') || '?';
      const evidence = [
        {
          kind: 'fact' as const,
          ref: 'Win32_NetworkAdapterConfiguration',
          data: {
            Description: a.Description ?? null,
            InterfaceIndex: a.InterfaceIndex ?? null,
            DHCPEnabled: false,
            IPAddress: a.IPAddress ?? [],
            DefaultIPGateway: a.DefaultIPGateway ?? [],
          },
        },
      ];
      if (a === primary) {
        const index = a.InterfaceIndex;
        findings.push(
          finding(
            'static-ip',
            { address },
            {
              evidence,
              fix:
                index !== null && index !== undefined
                  ? [
                      {
                        message: text('fixDhcp'),
                        commands: [
                          `netsh.exe interface ipv4 set address name=${index} source=dhcp`,
                          `netsh.exe interface ipv4 set dnsservers name=${index} source=dhcp`,
                        ],
                      },
                    ]
                  : [],
            },
          ),
        );
      } else
        findings.push(finding('static-ip-secondary', { adapter: a.Description ?? String(a.InterfaceIndex ?? '?'), address }, { evidence }));
    }

    const metadata = reachability?.metadata;
    if (metadata && !metadata.reachable)
      findings.push(
        finding(
          'metadata-unreachable',
          { error: metadata.error ?? '?' },
          {
            evidence: [{ kind: 'fact', ref: metadata.target, data: { reachable: false, error: metadata.error ?? null } }],
            fix: [{ message: text('fixMetadata') }],
          },
        ),
      );

    if (registry) {
      const routes = lookupKey(registry, K.persistentRoutes.path);
      const names = routes.state === 'present' ? routes.values.map((v) => v.name) : [];
      if (names.length > 0) {
        // Each value is "destination,mask,gateway,metric": route.exe deletes by destination.
        const commands = names
          .map((n) => n.split(',')[0] ?? '')
          .filter((d) => isIpv4(d))
          .map((d) => `route.exe delete ${d}`);
        findings.push(
          finding(
            'persistent-routes',
            { count: names.length, routes: names.slice(0, 5).join('; ') },
            {
              evidence: [{ kind: 'registry', ref: K.persistentRoutes.path, data: { routes: names.slice(0, 20) } }],
              fix: [{ message: text('fixRoutes'), commands }],
            },
          ),
        );
      }
      const proxy = winHttpProxy(lookupValue(lookupKey(registry, K.winHttpSettings.path), 'WinHttpSettings'));
      if (proxy)
        findings.push(
          finding(
            'winhttp-proxy',
            { proxy },
            {
              evidence: [{ kind: 'registry', ref: K.winHttpSettings.path, data: { WinHttpSettings: proxy } }],
              fix: [{ message: text('fixProxy'), commands: ['netsh.exe winhttp reset proxy'] }],
            },
          ),
        );
    }

    const dns = (primary?.DNSServerSearchOrder ?? []).filter(isIpv4);
    if (dns.length > 0 && dns.some((d) => !TENCENT_DNS.includes(d))) findings.push(finding('dns-not-tencent', { servers: dns.join(', ') }));

    if (!findings.some((f) => f.severity !== 'info')) findings.unshift(finding('dhcp-ok'));
    return findings;
  },
});
