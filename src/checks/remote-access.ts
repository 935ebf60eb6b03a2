// Instances made from the image are reached over Remote Desktop: RDP must be allowed, its service able to
// start, and the Windows Firewall must let its port in on the active profile. Read from the registry and
// the firewall's rules by port and action, never from their localized names.
import { defineCheck, type Evidence, type FindingDraft } from './define-check.js';
import { REGISTRY_UNREADABLE } from './shared/findings.js';
import { coversTcpPort, firewallRules, type FirewallRule } from './shared/firewall.js';
import { findService, serviceEvidence, startMode } from './shared/services.js';
import { unreadableKeys } from './shared/unreadable.js';
import { REGISTRY_KEYS as K } from '../catalog/registry-keys.js';
import { asNumber, lookupKey, lookupValue } from '../snapshot/registry.js';

const DEFAULT_PORT = 3389;
const PROFILE_NAMES: Record<number, string> = { 1: 'Domain', 2: 'Private', 4: 'Public' };

export const remoteAccess = defineCheck({
  id: 'remote-access',
  group: 'instances',
  needs: ['registry'],
  optional: ['services', 'network'],
  title: {
    en: 'Remote Desktop',
    'zh-CN': '远程桌面',
    'pt-BR': 'Área de Trabalho Remota',
    id: 'Remote Desktop (akses jarak jauh)',
  },
  description: {
    en: 'Instances made from the image must accept Remote Desktop: RDP allowed, its service startable, its port open in the firewall.',
    'zh-CN': '用镜像创建的实例必须能通过远程桌面登录：允许 RDP、其服务可以启动、防火墙放行其端口。',
    'pt-BR':
      'As instâncias criadas a partir da imagem precisam aceitar a Área de Trabalho Remota: RDP permitido, serviço utilizável, porta liberada no firewall.',
    id: 'Instans yang dibuat dari citra harus menerima Remote Desktop: RDP diizinkan, layanannya dapat dimulai, dan port-nya terbuka di firewall.',
  },
  docs: {
    en: `Every instance made from the image is reached over Remote Desktop (Tencent's login guides; AWS's and
Azure's image checklists check the same: RDP on, its port, firewall open).

| finding | rule |
| --- | --- |
| rdp-denied (fail) | \`fDenyTSConnections\` = 1 under \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\` (Group Policy, wins) or \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\` |
| termservice-disabled (fail) | the \`TermService\` service is Disabled |
| port-blocked (fail) | on an active firewall profile (\`HNetCfg.FwPolicy2\`'s \`CurrentProfileTypes\`, the profile on), no enabled inbound rule allows TCP to the RDP port, or a Block rule covers it (block wins), or "block all inbound" is on. Rules are read from \`…\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules\` and Group Policy's \`HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\FirewallRules\` by \`Action\`, \`Active\`, \`Dir\`, \`Protocol\`, \`Profile\`, \`LPort\` ([MS-GPFAS] 2.2.2.19), never by name. The stock rule's \`LPort=3389\` does not follow a changed port |
| port-mismatch (warn) | \`PortNumber\` under \`…\\WinStations\\RDP-Tcp\` differs from \`…\\Wds\\rdpwd\\Tds\\tcp\` |
| port-changed (info) | RDP listens on another port than 3389: Tencent's security group must allow it |
| nla (info) | Network Level Authentication (\`UserAuthentication\`) and \`SecurityLayer\` as set |
| remote-limited (info) | the rule that allows RDP is limited to some remote addresses |
| firewall-unknown (info) | the firewall's state could not be read |

Group Policy's \`AllowLocalPolicyMerge\` = 0 (local rules ignored) is not evaluated [U].`,
    'zh-CN': `由该镜像创建的每个实例都通过远程桌面访问（腾讯云的登录指南；AWS 和
Azure 的镜像检查清单也检查同样内容：RDP 已启用、其端口、防火墙已放行）。

| 发现项 | 规则 |
| --- | --- |
| rdp-denied (fail) | \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\`（组策略，优先）或 \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\` 下 \`fDenyTSConnections\` = 1 |
| termservice-disabled (fail) | \`TermService\` 服务为“禁用” |
| port-blocked (fail) | 在活动的防火墙配置文件上（\`HNetCfg.FwPolicy2\` 的 \`CurrentProfileTypes\`，且该配置文件已启用），没有已启用的入站规则允许 TCP 访问 RDP 端口，或有阻止规则覆盖该端口（阻止优先），或已开启“阻止所有入站连接”。规则从 \`…\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules\` 和组策略的 \`HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\FirewallRules\` 中按 \`Action\`、\`Active\`、\`Dir\`、\`Protocol\`、\`Profile\`、\`LPort\` 读取（[MS-GPFAS] 2.2.2.19），从不按名称。内置规则的 \`LPort=3389\` 不会随端口更改而变化 |
| port-mismatch (warn) | \`…\\WinStations\\RDP-Tcp\` 下的 \`PortNumber\` 与 \`…\\Wds\\rdpwd\\Tds\\tcp\` 下的不同 |
| port-changed (info) | RDP 监听 3389 以外的端口：腾讯云的安全组必须放行该端口 |
| nla (info) | 网络级别身份验证（\`UserAuthentication\`）和 \`SecurityLayer\` 的当前设置 |
| remote-limited (info) | 允许 RDP 的规则仅限部分远程地址 |
| firewall-unknown (info) | 无法读取防火墙状态 |

组策略的 \`AllowLocalPolicyMerge\` = 0（忽略本地规则）未作评估 [U]。`,
    'pt-BR': `Toda instância criada a partir da imagem é acessada pela Área de Trabalho Remota (guias de login da Tencent; as listas
de verificação de imagem da AWS e do Azure verificam o mesmo: RDP ligado, a porta dele, firewall aberto).

| constatação | regra |
| --- | --- |
| rdp-denied (fail) | \`fDenyTSConnections\` = 1 em \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\` (Política de Grupo, prevalece) ou \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\` |
| termservice-disabled (fail) | o serviço \`TermService\` está Desativado |
| port-blocked (fail) | num perfil de firewall ativo (\`CurrentProfileTypes\` do \`HNetCfg.FwPolicy2\`, o perfil ligado), nenhuma regra de entrada habilitada permite TCP para a porta do RDP, ou uma regra de Bloqueio a cobre (o bloqueio prevalece), ou "bloquear todas as conexões de entrada" está ligado. As regras são lidas de \`…\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules\` e do \`HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\FirewallRules\` da Política de Grupo por \`Action\`, \`Active\`, \`Dir\`, \`Protocol\`, \`Profile\`, \`LPort\` ([MS-GPFAS] 2.2.2.19), nunca pelo nome. O \`LPort=3389\` da regra padrão não acompanha uma porta alterada |
| port-mismatch (warn) | \`PortNumber\` em \`…\\WinStations\\RDP-Tcp\` difere de \`…\\Wds\\rdpwd\\Tds\\tcp\` |
| port-changed (info) | o RDP escuta em outra porta que não 3389: o grupo de segurança da Tencent precisa permiti-la |
| nla (info) | Autenticação no Nível da Rede (\`UserAuthentication\`) e \`SecurityLayer\` como estão configurados |
| remote-limited (info) | a regra que permite o RDP está limitada a alguns endereços remotos |
| firewall-unknown (info) | não foi possível ler o estado do firewall |

O \`AllowLocalPolicyMerge\` = 0 da Política de Grupo (regras locais ignoradas) não é avaliado [U].`,
    id: `Setiap instans yang dibuat dari citra diakses melalui Remote Desktop (panduan login Tencent; daftar periksa citra AWS dan
Azure memeriksa hal yang sama: RDP aktif, port-nya, firewall terbuka).

| temuan | aturan |
| --- | --- |
| rdp-denied (fail) | \`fDenyTSConnections\` = 1 di bawah \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\` (Group Policy, menang) atau \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\` |
| termservice-disabled (fail) | layanan \`TermService\` berstatus Disabled |
| port-blocked (fail) | pada profil firewall yang aktif (\`CurrentProfileTypes\` dari \`HNetCfg.FwPolicy2\`, profil yang menyala), tidak ada aturan inbound aktif yang mengizinkan TCP ke port RDP, atau aturan Block mencakupnya (block menang), atau "block all inbound" menyala. Aturan dibaca dari \`…\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules\` dan \`HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\FirewallRules\` milik Group Policy berdasarkan \`Action\`, \`Active\`, \`Dir\`, \`Protocol\`, \`Profile\`, \`LPort\` ([MS-GPFAS] 2.2.2.19), tidak pernah berdasarkan nama. \`LPort=3389\` pada aturan bawaan tidak mengikuti port yang diubah |
| port-mismatch (warn) | \`PortNumber\` di bawah \`…\\WinStations\\RDP-Tcp\` berbeda dari \`…\\Wds\\rdpwd\\Tds\\tcp\` |
| port-changed (info) | RDP mendengarkan di port selain 3389: security group Tencent harus mengizinkannya |
| nla (info) | Network Level Authentication (\`UserAuthentication\`) dan \`SecurityLayer\` sesuai pengaturannya |
| remote-limited (info) | aturan yang mengizinkan RDP dibatasi ke sebagian alamat remote |
| firewall-unknown (info) | status firewall tidak dapat dibaca |

\`AllowLocalPolicyMerge\` = 0 dari Group Policy (aturan lokal diabaikan) tidak dievaluasi [U].`,
  },
  findings: {
    'rdp-denied': {
      severity: 'fail',
      message: {
        en: 'Remote Desktop connections are denied (fDenyTSConnections=1{source}): nobody can log on to instances made from the image',
        'zh-CN': '远程桌面连接被拒绝（fDenyTSConnections=1{source}）：无人能登录用镜像创建的实例',
        'pt-BR':
          'As conexões de Área de Trabalho Remota estão negadas (fDenyTSConnections=1{source}): ninguém consegue entrar nas instâncias criadas a partir da imagem',
        id: 'Koneksi Remote Desktop ditolak (fDenyTSConnections=1{source}): tidak ada yang dapat masuk ke instans yang dibuat dari citra',
      },
    },
    'termservice-disabled': {
      severity: 'fail',
      message: {
        en: 'Remote Desktop Services (TermService) is disabled',
        'zh-CN': '远程桌面服务（TermService）已被禁用',
        'pt-BR': 'Os Serviços de Área de Trabalho Remota (TermService) estão desativados',
        id: 'Layanan Remote Desktop (TermService) dinonaktifkan',
      },
    },
    'port-blocked': {
      severity: 'fail',
      message: {
        en: 'The Windows Firewall blocks the RDP port {port} on the {profile} profile: {why}',
        'zh-CN': 'Windows 防火墙在“{profile}”配置文件上阻止了 RDP 端口 {port}：{why}',
        'pt-BR': 'O Firewall do Windows bloqueia a porta RDP {port} no perfil {profile}: {why}',
        id: 'Windows Firewall memblokir port RDP {port} pada profil {profile}: {why}',
      },
    },
    'port-mismatch': {
      severity: 'warn',
      message: {
        en: 'RDP-Tcp listens on port {port} but Tds\\tcp says {other}: set both to the same port',
        'zh-CN': 'RDP-Tcp 监听端口 {port}，但 Tds\\tcp 中为 {other}：请将两者设为相同端口',
        'pt-BR': 'O RDP-Tcp escuta na porta {port}, mas Tds\\tcp diz {other}: use a mesma porta nos dois',
        id: 'RDP-Tcp mendengarkan di port {port} tetapi Tds\\tcp menyebut {other}: samakan keduanya',
      },
    },
    'port-changed': {
      severity: 'info',
      message: {
        en: 'RDP listens on port {port}, not 3389: the security group of new instances must allow it',
        'zh-CN': 'RDP 监听端口为 {port}，不是 3389：新实例的安全组必须放通该端口',
        'pt-BR': 'O RDP escuta na porta {port}, não 3389: o grupo de segurança das novas instâncias precisa liberá-la',
        id: 'RDP mendengarkan di port {port}, bukan 3389: grup keamanan instans baru harus mengizinkannya',
      },
    },
    nla: {
      severity: 'info',
      message: {
        en: 'Network Level Authentication is {state} (UserAuthentication={value}, SecurityLayer={layer})',
        'zh-CN': '网络级别身份验证（NLA）为{state}（UserAuthentication={value}，SecurityLayer={layer}）',
        'pt-BR': 'A Autenticação no Nível da Rede está {state} (UserAuthentication={value}, SecurityLayer={layer})',
        id: 'Network Level Authentication {state} (UserAuthentication={value}, SecurityLayer={layer})',
      },
    },
    'remote-limited': {
      severity: 'info',
      message: {
        en: 'The firewall allows RDP only from some addresses (rule {rule}): new instances keep that limit',
        'zh-CN': '防火墙仅允许部分地址访问 RDP（规则 {rule}）：新实例会保留这一限制',
        'pt-BR': 'O firewall permite RDP só de alguns endereços (regra {rule}): as novas instâncias mantêm esse limite',
        id: 'Firewall hanya mengizinkan RDP dari beberapa alamat (aturan {rule}): instans baru mempertahankan batas itu',
      },
    },
    'firewall-unknown': {
      severity: 'info',
      message: {
        en: "Could not read the firewall's state: {reason}",
        'zh-CN': '无法读取防火墙状态：{reason}',
        'pt-BR': 'Não foi possível ler o estado do firewall: {reason}',
        id: 'Tidak dapat membaca status firewall: {reason}',
      },
    },
    'registry-unreadable': REGISTRY_UNREADABLE,
    'rdp-open': {
      severity: 'pass',
      message: {
        en: 'Remote Desktop is on, on port {port}, and the firewall lets it in',
        'zh-CN': '远程桌面已开启，端口 {port}，防火墙已放行',
        'pt-BR': 'A Área de Trabalho Remota está ativada, na porta {port}, e o firewall a deixa entrar',
        id: 'Remote Desktop aktif, di port {port}, dan firewall mengizinkannya',
      },
    },
  },
  messages: {
    byPolicy: { en: ', by Group Policy', 'zh-CN': '，来自组策略', 'pt-BR': ', pela Política de Grupo', id: ', oleh Group Policy' },
    on: { en: 'on', 'zh-CN': '开启', 'pt-BR': 'ativada', id: 'aktif' },
    off: { en: 'off', 'zh-CN': '关闭', 'pt-BR': 'desativada', id: 'nonaktif' },
    blockRule: {
      en: 'the Block rule {rule} covers it',
      'zh-CN': '阻止规则 {rule} 覆盖了该端口',
      'pt-BR': 'a regra de bloqueio {rule} a cobre',
      id: 'aturan Block {rule} mencakupnya',
    },
    noAllowRule: {
      en: 'no enabled inbound rule allows TCP {port}',
      'zh-CN': '没有已启用的入站规则允许 TCP {port}',
      'pt-BR': 'nenhuma regra de entrada ativada permite TCP {port}',
      id: 'tidak ada aturan masuk aktif yang mengizinkan TCP {port}',
    },
    blockAll: {
      en: 'all inbound connections are blocked on this profile',
      'zh-CN': '此配置文件阻止所有入站连接',
      'pt-BR': 'todas as conexões de entrada estão bloqueadas neste perfil',
      id: 'semua koneksi masuk diblokir pada profil ini',
    },
    fixAllowRdp: {
      en: 'Allow Remote Desktop (elevated prompt):',
      'zh-CN': '允许远程桌面连接（在管理员命令提示符中运行）：',
      'pt-BR': 'Permita a Área de Trabalho Remota (prompt de comando como Administrador):',
      id: 'Izinkan Remote Desktop (prompt perintah sebagai Administrator):',
    },
    fixPolicy: {
      en: 'A Group Policy denies it: change "{policy}" in the policy that sets it.',
      'zh-CN': '组策略拒绝了远程连接：请在设置它的策略中修改“{policy}”。',
      'pt-BR': 'Uma Política de Grupo nega a conexão: altere "{policy}" na política que a define.',
      id: 'Group Policy menolaknya: ubah "{policy}" di kebijakan yang menetapkannya.',
    },
    rdpPolicy: {
      en: 'Allow users to connect remotely by using Remote Desktop Services',
      'zh-CN': '允许用户通过使用远程桌面服务进行远程连接',
      'pt-BR': 'Permitir que os usuários se conectem remotamente usando os Serviços de Área de Trabalho Remota',
      // Windows Server has no Indonesian UI: the Group Policy editor shows the English name.
      id: 'Allow users to connect remotely by using Remote Desktop Services',
    },
    fixTermService: {
      en: 'Let Remote Desktop Services start on demand again (elevated prompt):',
      'zh-CN': '将远程桌面服务恢复为手动启动（在管理员命令提示符中运行）：',
      'pt-BR': 'Deixe os Serviços de Área de Trabalho Remota iniciarem sob demanda de novo (prompt de comando como Administrador):',
      id: 'Biarkan Remote Desktop Services dimulai sesuai permintaan lagi (prompt perintah sebagai Administrator):',
    },
    fixFirewall: {
      en: 'Open the RDP port in the Windows Firewall (elevated prompt; removes nothing):',
      'zh-CN': '在 Windows 防火墙中放行 RDP 端口（在管理员命令提示符中运行；不会删除任何规则）：',
      'pt-BR': 'Abra a porta RDP no Firewall do Windows (prompt de comando como Administrador; não remove nada):',
      id: 'Buka port RDP di Windows Firewall (prompt perintah sebagai Administrator; tidak menghapus apa pun):',
    },
    fixBlockRule: {
      en: 'Disable or narrow the Block rule {rule} ({console}, or the Group Policy that sets it).',
      'zh-CN': '禁用或缩小阻止规则 {rule} 的范围（在“{console}”或设置它的组策略中）。',
      'pt-BR': 'Desative ou restrinja a regra de bloqueio {rule} ({console}, ou a Política de Grupo que a define).',
      id: 'Nonaktifkan atau persempit aturan Block {rule} ({console}, atau Group Policy yang menetapkannya).',
    },
    firewallConsole: {
      en: 'Windows Defender Firewall with Advanced Security',
      'zh-CN': '高级安全 Windows Defender 防火墙',
      'pt-BR': 'Firewall do Windows Defender com Segurança Avançada',
      // Windows Server has no Indonesian UI: the console's English name.
      id: 'Windows Defender Firewall with Advanced Security',
    },
    fixPorts: {
      en: 'Set the same port in both places (elevated prompt; takes effect when TermService restarts):',
      'zh-CN': '在两处设置相同的端口（在管理员命令提示符中运行；TermService 重启后生效）：',
      'pt-BR': 'Use a mesma porta nos dois lugares (prompt de comando como Administrador; vale quando o TermService reiniciar):',
      id: 'Atur port yang sama di kedua tempat (prompt perintah sebagai Administrator; berlaku saat TermService dimulai ulang):',
    },
  },
  run({ registry, services, network }, { finding, text }) {
    const findings: FindingDraft[] = [];
    const policy = lookupKey(registry, K.terminalServicesPolicy.path);
    const local = lookupKey(registry, K.terminalServer.path);
    const policyDeny = asNumber(lookupValue(policy, 'fDenyTSConnections'));
    const localDeny = asNumber(lookupValue(local, 'fDenyTSConnections'));
    const deny = policyDeny ?? localDeny;
    if (deny === 1) {
      const byPolicy = policyDeny !== undefined;
      findings.push(
        finding(
          'rdp-denied',
          { source: byPolicy ? text('byPolicy') : '' },
          {
            evidence: [
              { kind: 'registry', ref: byPolicy ? K.terminalServicesPolicy.path : K.terminalServer.path, data: { fDenyTSConnections: 1 } },
            ],
            fix: byPolicy
              ? [{ message: text('fixPolicy', { policy: text('rdpPolicy') }) }]
              : [
                  {
                    message: text('fixAllowRdp'),
                    commands: [`reg.exe add "${K.terminalServer.path}" /v fDenyTSConnections /t REG_DWORD /d 0 /f`],
                  },
                ],
          },
        ),
      );
    }

    const term = services ? findService(services, 'TermService') : undefined;
    if (term && startMode(term) === 'disabled') {
      findings.push(
        finding(
          'termservice-disabled',
          {},
          {
            evidence: [serviceEvidence(term)],
            fix: [{ message: text('fixTermService'), commands: ['sc.exe config TermService start= demand'] }],
          },
        ),
      );
    }

    // The port: RDP-Tcp is where the listener is configured; Tds\tcp must agree.
    const rdpTcp = lookupKey(registry, K.rdpTcp.path);
    const port = asNumber(lookupValue(rdpTcp, 'PortNumber')) ?? DEFAULT_PORT;
    const tds = asNumber(lookupValue(lookupKey(registry, K.rdpTds.path), 'PortNumber'));
    if (tds !== undefined && tds !== port) {
      findings.push(
        finding(
          'port-mismatch',
          { port, other: tds },
          {
            evidence: [
              { kind: 'registry', ref: K.rdpTcp.path, data: { PortNumber: port } },
              { kind: 'registry', ref: K.rdpTds.path, data: { PortNumber: tds } },
            ],
            fix: [{ message: text('fixPorts'), commands: [`reg.exe add "${K.rdpTds.path}" /v PortNumber /t REG_DWORD /d ${port} /f`] }],
          },
        ),
      );
    }

    // The firewall, on each active profile.
    const fw = network?.firewall;
    if (!fw?.profiles || fw.currentProfileTypes === undefined) {
      findings.push(finding('firewall-unknown', { reason: fw?.error ?? { id: 'fact.network' } }));
    } else {
      const current = fw.currentProfileTypes;
      const rules = firewallRules(registry, K.firewallPolicy.path, K.firewallPolicyGp.path);
      let allowedBy: FirewallRule | undefined;
      for (const profile of fw.profiles) {
        if ((current & profile.type) === 0 || !profile.enabled) continue;
        const profileName = PROFILE_NAMES[profile.type] ?? String(profile.type);
        const covering = rules.filter((r) => coversTcpPort(r, port, profile.type, 'termservice'));
        const block = covering.find((r) => r.action === 'block');
        const allow = covering.find((r) => r.action === 'allow' || r.action === 'bypass');
        const ruleEvidence = (r: FirewallRule): Evidence => ({
          kind: 'registry',
          ref: `${r.store === 'policy' ? K.firewallPolicyGp.path : K.firewallPolicy.path}\\FirewallRules`,
          data: { [r.id]: r.raw },
        });
        const openCommand = `netsh.exe advfirewall firewall add rule name="Remote Desktop (image-preflight)" dir=in action=allow protocol=TCP localport=${port}`;
        let why: ReturnType<typeof text> | undefined;
        const evidence: Evidence[] = [
          {
            kind: 'fact',
            ref: 'firewall',
            data: { profile: profileName, enabled: true, defaultInboundAction: profile.defaultInboundAction ?? null },
          },
        ];
        const fix = [];
        if (profile.blockAllInbound) why = text('blockAll');
        else if (block) {
          why = text('blockRule', { rule: block.id });
          evidence.push(ruleEvidence(block));
          fix.push({ message: text('fixBlockRule', { rule: block.id, console: text('firewallConsole') }) });
        } else if (!allow && profile.defaultInboundAction !== 1) {
          why = text('noAllowRule', { port });
          fix.push({ message: text('fixFirewall'), commands: [openCommand] });
        }
        if (why) findings.push(finding('port-blocked', { port, profile: profileName, why }, { evidence, fix }));
        else if (allow) allowedBy ??= allow;
      }
      if (allowedBy?.remoteLimited) findings.push(finding('remote-limited', { rule: allowedBy.id }));
    }

    if (port !== DEFAULT_PORT)
      findings.push(
        finding('port-changed', { port }, { evidence: [{ kind: 'registry', ref: K.rdpTcp.path, data: { PortNumber: port } }] }),
      );
    const nla = asNumber(lookupValue(rdpTcp, 'UserAuthentication'));
    const layer = asNumber(lookupValue(rdpTcp, 'SecurityLayer'));
    if (nla !== undefined) findings.push(finding('nla', { state: nla === 1 ? text('on') : text('off'), value: nla, layer: layer ?? '?' }));

    const unreadable = unreadableKeys([policy, local, rdpTcp].filter((k) => k.state === 'error'));
    if (unreadable) findings.push(finding('registry-unreadable', unreadable.params, { evidence: unreadable.evidence }));
    if (!findings.some((f) => f.severity !== 'info')) findings.unshift(finding('rdp-open', { port }));
    return findings;
  },
});
