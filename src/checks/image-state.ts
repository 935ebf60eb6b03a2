// Whether this Windows can be imaged as it is, and whether the image's instances can live side by side:
// the Setup image state (a generalized or half-specialized Windows makes a broken image), domain
// membership (instances share the SID and the machine account unless Sysprep makes them unique), and,
// when the capture will use Sysprep, what Sysprep needs (Tencent's "Sysprep for a unique SID" guide).
import { defineCheck, type FindingDraft } from './define-check.js';
import { REGISTRY_UNREADABLE } from './shared/findings.js';
import { findService } from './shared/services.js';
import { REGISTRY_KEYS as K } from '../catalog/registry-keys.js';
import { asString, lookupKey, lookupValue } from '../snapshot/registry.js';

const COMPLETE = 'IMAGE_STATE_COMPLETE';
/** Win32_ComputerSystem.DomainRole: 4 backup, 5 primary domain controller. */
const DOMAIN_CONTROLLER_ROLES = new Set([4, 5]);

export const imageState = defineCheck({
  id: 'image-state',
  group: 'capture',
  needs: ['registry'],
  optional: ['host', 'activation', 'licensing', 'services'],
  title: {
    en: 'Setup state, domain and Sysprep',
    'zh-CN': '安装状态、域与 Sysprep',
    'pt-BR': 'Estado da instalação, domínio e Sysprep',
    id: 'Status Setup, domain, dan Sysprep',
  },
  description: {
    en: 'Windows must be fully set up; a domain member needs Sysprep for its instances to join the domain.',
    'zh-CN': 'Windows 必须已完成安装；已加入域的机器需要使用 Sysprep，其实例才能加入域。',
    'pt-BR':
      'O Windows precisa estar totalmente instalado; um membro de domínio precisa do Sysprep para as instâncias ingressarem no domínio.',
    id: 'Windows harus sudah selesai diinstal; anggota domain memerlukan Sysprep agar instansnya dapat bergabung ke domain.',
  },
  docs: {
    en: `**Setup state.** \`ImageState\` under \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\State\` must be
\`IMAGE_STATE_COMPLETE\` (Microsoft, "Windows Setup states"): \`IMAGE_STATE_UNDEPLOYABLE\` means a Setup pass
failed and the image must be reinstalled; \`IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE\`/\`…_AUDIT\` means Windows was
already generalized and should have been captured switched off; \`IMAGE_STATE_SPECIALIZE_RESEAL_TO_…\` means it
is half-way through its first boot. Any of these: fail. (Tencent's TAT agent waits for \`IMAGE_STATE_COMPLETE\`
before it starts, Tencent/tat-agent.)

**Domain.** A domain member (\`Win32_ComputerSystem.PartOfDomain\`): warn, because every instance made from the
image shares its SID and machine account and cannot join the domain unless the image is made with Sysprep
(Tencent's guide "Sysprep for a unique SID after joining a domain"); a domain controller: warn that it must
never be cloned (Tencent's AD best practice). With Sysprep planned, a member is a note.

**Sysprep planned** (config \`"sysprep": true\` or \`check --sysprep\`): Tencent's guide requires a remaining
Windows rearm count of at least 1 (\`SoftwareLicensingService.RemainingWindowsReArmCount\`, shown by \`slmgr.vbs
/dlv\`), an activated Windows, and Cloudbase-Init installed (it sets the password after Sysprep resets it):
any missing is a fail.`,
    'zh-CN': `**安装状态。** \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\State\` 下的 \`ImageState\` 必须为
\`IMAGE_STATE_COMPLETE\`（Microsoft，“Windows 安装程序状态”）：\`IMAGE_STATE_UNDEPLOYABLE\` 表示某个安装阶段
失败，必须重新安装镜像；\`IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE\`/\`…_AUDIT\` 表示 Windows
已经通用化，本应在关机状态下制作镜像；\`IMAGE_STATE_SPECIALIZE_RESEAL_TO_…\` 表示它
正处于首次启动过程中。以上任一：fail。（腾讯云的自动化助手代理在启动前会等待 \`IMAGE_STATE_COMPLETE\`，
Tencent/tat-agent。）

**域。** 域成员（\`Win32_ComputerSystem.PartOfDomain\`）：warn，因为由该镜像创建的每个实例
都共享其 SID 和计算机帐户，除非镜像经过 Sysprep 制作，否则无法加入域
（腾讯云指南“加入域后使用 Sysprep 获得唯一 SID”）；域控制器：警告绝不能
克隆它（腾讯云的 AD 最佳实践）。计划执行 Sysprep 时，域成员为提示。

**计划执行 Sysprep**（配置 \`"sysprep": true\` 或 \`check --sysprep\`）：腾讯云指南要求剩余的
Windows 重整（rearm）次数至少为 1（\`SoftwareLicensingService.RemainingWindowsReArmCount\`，可由 \`slmgr.vbs
/dlv\` 查看）、Windows 已激活，并已安装 Cloudbase-Init（Sysprep 重置密码后由它设置密码）：
缺少任一项即为 fail。`,
    'pt-BR': `**Estado da Instalação.** \`ImageState\` em \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\State\` precisa ser
\`IMAGE_STATE_COMPLETE\` (Microsoft, "Estados da Instalação do Windows"): \`IMAGE_STATE_UNDEPLOYABLE\` significa que uma
etapa da Instalação falhou e a imagem precisa ser reinstalada; \`IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE\`/\`…_AUDIT\`
significa que o Windows já foi generalizado e deveria ter sido capturado desligado; \`IMAGE_STATE_SPECIALIZE_RESEAL_TO_…\`
significa que ele está no meio da primeira inicialização. Qualquer um deles: fail. (O agente TAT da Tencent espera por
\`IMAGE_STATE_COMPLETE\` antes de iniciar, Tencent/tat-agent.)

**Domínio.** Um membro de domínio (\`Win32_ComputerSystem.PartOfDomain\`): warn, porque toda instância criada a partir da
imagem compartilha o SID e a conta de computador dela e não consegue ingressar no domínio, a menos que a imagem seja
feita com Sysprep (guia da Tencent "Sysprep para um SID exclusivo depois de ingressar num domínio"); um controlador de
domínio: aviso de que ele nunca pode ser clonado (boas práticas de AD da Tencent). Com Sysprep planejado, um membro é
uma nota.

**Sysprep planejado** (config \`"sysprep": true\` ou \`check --sysprep\`): o guia da Tencent exige uma contagem restante
de rearm do Windows de pelo menos 1 (\`SoftwareLicensingService.RemainingWindowsReArmCount\`, mostrada por \`slmgr.vbs
/dlv\`), um Windows ativado e o Cloudbase-Init instalado (ele define a senha depois que o Sysprep a redefine):
faltar qualquer um é fail.`,
    id: `**Status Setup.** \`ImageState\` di bawah \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\State\` harus
\`IMAGE_STATE_COMPLETE\` (Microsoft, "Windows Setup states"): \`IMAGE_STATE_UNDEPLOYABLE\` berarti satu tahap Setup
gagal dan citra harus diinstal ulang; \`IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE\`/\`…_AUDIT\` berarti Windows sudah
digeneralisasi dan seharusnya dibuatkan citra dalam keadaan mati; \`IMAGE_STATE_SPECIALIZE_RESEAL_TO_…\` berarti
Windows sedang di tengah boot pertamanya. Salah satu dari ini: fail. (Agen TAT Tencent menunggu
\`IMAGE_STATE_COMPLETE\` sebelum mulai, Tencent/tat-agent.)

**Domain.** Anggota domain (\`Win32_ComputerSystem.PartOfDomain\`): warn, karena setiap instans yang dibuat dari citra
berbagi SID dan akun komputernya dan tidak dapat bergabung ke domain kecuali citra dibuat dengan Sysprep
(panduan Tencent "Sysprep for a unique SID after joining a domain"); pengontrol domain: peringatan bahwa ia tidak
boleh dikloning (praktik terbaik AD dari Tencent). Jika Sysprep direncanakan, anggota domain menjadi catatan.

**Sysprep direncanakan** (konfigurasi \`"sysprep": true\` atau \`check --sysprep\`): panduan Tencent mewajibkan sisa
hitungan rearm Windows minimal 1 (\`SoftwareLicensingService.RemainingWindowsReArmCount\`, ditampilkan oleh \`slmgr.vbs
/dlv\`), Windows yang sudah diaktifkan, dan Cloudbase-Init yang diinstal (ia mengatur kata sandi setelah Sysprep
meresetnya): jika salah satu tidak ada, fail.`,
  },
  findings: {
    'not-complete': {
      severity: 'fail',
      message: {
        en: 'Windows setup is not complete (ImageState {state}): {meaning}',
        'zh-CN': 'Windows 安装尚未完成（ImageState 为 {state}）：{meaning}',
        'pt-BR': 'A instalação do Windows não está concluída (ImageState {state}): {meaning}',
        id: 'Setup Windows belum selesai (ImageState {state}): {meaning}',
      },
    },
    'domain-member': {
      severity: 'warn',
      message: {
        en: 'This machine is a member of the domain {domain}: instances made from the image share its SID and cannot join the domain unless the image is made with Sysprep',
        'zh-CN': '本机已加入域 {domain}：用镜像创建的实例将共用相同的 SID，除非使用 Sysprep 制作镜像，否则无法加入域',
        'pt-BR':
          'Esta máquina é membro do domínio {domain}: as instâncias criadas a partir da imagem compartilham o SID e não ingressam no domínio a menos que a imagem seja feita com Sysprep',
        id: 'Mesin ini anggota domain {domain}: instans yang dibuat dari citra berbagi SID-nya dan tidak dapat bergabung ke domain kecuali citra dibuat dengan Sysprep',
      },
    },
    'domain-controller': {
      severity: 'warn',
      message: {
        en: 'This machine is a domain controller of {domain}: an instance made from its image would be a second copy of it',
        'zh-CN': '本机是域 {domain} 的域控制器：用其镜像创建的实例将成为它的第二个副本',
        'pt-BR':
          'Esta máquina é um controlador de domínio de {domain}: uma instância criada a partir da imagem seria uma segunda cópia dele',
        id: 'Mesin ini adalah pengendali domain {domain}: instans yang dibuat dari citranya akan menjadi salinan keduanya',
      },
    },
    'sysprep-no-rearm': {
      severity: 'fail',
      message: {
        en: 'Sysprep is planned but no Windows rearm is left (RemainingWindowsReArmCount {count})',
        'zh-CN': '计划使用 Sysprep，但剩余的 Windows 重置计数为 0（RemainingWindowsReArmCount 为 {count}）',
        'pt-BR': 'O Sysprep está planejado, mas não resta nenhum rearm do Windows (RemainingWindowsReArmCount {count})',
        id: 'Sysprep direncanakan tetapi tidak ada sisa rearm Windows (RemainingWindowsReArmCount {count})',
      },
    },
    'sysprep-not-activated': {
      severity: 'fail',
      message: {
        en: 'Sysprep is planned but Windows is not activated',
        'zh-CN': '计划使用 Sysprep，但 Windows 尚未激活',
        'pt-BR': 'O Sysprep está planejado, mas o Windows não está ativado',
        id: 'Sysprep direncanakan tetapi Windows belum diaktifkan',
      },
    },
    'sysprep-no-cloudbase-init': {
      severity: 'fail',
      message: {
        en: 'Sysprep is planned but Cloudbase-Init is not installed: nothing will set the password Sysprep resets',
        'zh-CN': '计划使用 Sysprep，但未安装 Cloudbase-Init：Sysprep 重置的密码将无人设置',
        'pt-BR': 'O Sysprep está planejado, mas o Cloudbase-Init não está instalado: nada vai definir a senha que o Sysprep redefine',
        id: 'Sysprep direncanakan tetapi Cloudbase-Init tidak diinstal: tidak ada yang akan mengatur kata sandi yang diatur ulang Sysprep',
      },
    },
    'sysprep-unknown': {
      severity: 'unknown',
      message: {
        en: 'could not verify that Sysprep can run: {facts}',
        'zh-CN': '无法确认 Sysprep 能否运行：{facts}',
        'pt-BR': 'não foi possível verificar se o Sysprep pode ser executado: {facts}',
        id: 'tidak dapat memastikan Sysprep dapat dijalankan: {facts}',
      },
    },
    'registry-unreadable': REGISTRY_UNREADABLE,
    'sysprep-ready': {
      severity: 'pass',
      message: {
        en: 'Sysprep can run: {count} rearms left, Windows activated, Cloudbase-Init installed',
        'zh-CN': '可以运行 Sysprep：剩余 {count} 次重置计数，Windows 已激活，已安装 Cloudbase-Init',
        'pt-BR': 'O Sysprep pode ser executado: restam {count} rearms, Windows ativado, Cloudbase-Init instalado',
        id: 'Sysprep dapat dijalankan: sisa {count} rearm, Windows aktif, Cloudbase-Init diinstal',
      },
    },
    complete: {
      severity: 'pass',
      message: {
        en: 'Windows setup is complete (IMAGE_STATE_COMPLETE) and the machine is not in a domain',
        'zh-CN': 'Windows 安装已完成（IMAGE_STATE_COMPLETE），且本机未加入域',
        'pt-BR': 'A instalação do Windows está concluída (IMAGE_STATE_COMPLETE) e a máquina não está em um domínio',
        id: 'Setup Windows sudah selesai (IMAGE_STATE_COMPLETE) dan mesin tidak berada dalam domain',
      },
    },
  },
  messages: {
    undeployable: {
      en: 'a Setup pass failed; Microsoft says such a Windows must be reinstalled',
      'zh-CN': '某个安装阶段失败；微软说明此类 Windows 必须重新安装',
      'pt-BR': 'uma etapa da instalação falhou; a Microsoft diz que esse Windows precisa ser reinstalado',
      id: 'salah satu tahap Setup gagal; Microsoft menyatakan Windows seperti ini harus diinstal ulang',
    },
    generalized: {
      en: 'it was already generalized by Sysprep and should have been captured switched off, without starting it',
      'zh-CN': '它已被 Sysprep 通用化，应在关机状态下直接制作镜像，不应再启动',
      'pt-BR': 'ele já foi generalizado pelo Sysprep e devia ter sido capturado desligado, sem iniciá-lo',
      id: 'Windows ini sudah digeneralisasi oleh Sysprep dan seharusnya dibuat citranya dalam keadaan mati, tanpa dinyalakan',
    },
    specializing: {
      en: 'it is still in its first boot (specialize); wait until setup finishes',
      'zh-CN': '它仍处于首次启动（specialize）阶段；请等待安装完成',
      'pt-BR': 'ele ainda está na primeira inicialização (specialize); aguarde a instalação terminar',
      id: 'Windows masih dalam boot pertamanya (specialize); tunggu hingga setup selesai',
    },
    other: {
      en: 'an unknown Setup state',
      'zh-CN': '未知的安装状态',
      'pt-BR': 'um estado de instalação desconhecido',
      id: 'status Setup yang tidak dikenal',
    },
    fixDomain: {
      en: 'Make the image with Sysprep (Tencent Cloud\'s guide "Sysprep for a unique SID"), or leave the domain before the capture and join each instance afterwards.',
      'zh-CN':
        '使用 Sysprep 制作镜像（见腾讯云文档《通过 Sysprep 实现云服务器入域后 SID 唯一》），或在制作镜像前退出域，之后再让每个实例加入域。',
      'pt-BR':
        'Crie a imagem com Sysprep (guia da Tencent Cloud "Sysprep para um SID único") ou saia do domínio antes da criação e ingresse cada instância depois.',
      id: 'Buat citra dengan Sysprep (panduan Tencent Cloud "Sysprep untuk SID unik"), atau keluar dari domain sebelum pembuatan citra dan gabungkan setiap instans setelahnya.',
    },
    fixActivate: {
      en: 'Activate Windows first (see the windows-licence check), then run Sysprep.',
      'zh-CN': '请先激活 Windows（见 windows-licence 检查项），再运行 Sysprep。',
      'pt-BR': 'Ative o Windows primeiro (veja a verificação windows-licence) e depois execute o Sysprep.',
      id: 'Aktifkan Windows terlebih dahulu (lihat pemeriksaan windows-licence), lalu jalankan Sysprep.',
    },
    fixNoRearm: {
      en: 'Do not run Sysprep on this Windows: make the image without it, or from a fresh instance of the original image.',
      'zh-CN': '请勿在此 Windows 上运行 Sysprep：不使用 Sysprep 制作镜像，或从原始镜像新建的实例制作。',
      'pt-BR': 'Não execute o Sysprep neste Windows: crie a imagem sem ele, ou a partir de uma instância nova da imagem original.',
      id: 'Jangan jalankan Sysprep pada Windows ini: buat citra tanpanya, atau dari instans baru citra aslinya.',
    },
  },
  run({ registry, host, activation, licensing, services }, { config, finding, text }) {
    const findings: FindingDraft[] = [];
    const key = lookupKey(registry, K.setupState.path);
    const state = asString(lookupValue(key, 'ImageState'))?.trim().toUpperCase();
    if (key.state === 'error') {
      findings.push(
        finding(
          'registry-unreadable',
          { paths: key.path },
          { evidence: [{ kind: 'registry', ref: key.path, data: { error: key.message } }] },
        ),
      );
    } else if (state && state !== COMPLETE) {
      const meaning = state.includes('UNDEPLOYABLE')
        ? text('undeployable')
        : state.includes('GENERALIZE')
          ? text('generalized')
          : state.includes('SPECIALIZE')
            ? text('specializing')
            : text('other');
      findings.push(
        finding('not-complete', { state, meaning }, { evidence: [{ kind: 'registry', ref: key.path, data: { ImageState: state } }] }),
      );
    }

    const domain = host?.domain ?? '?';
    const hostEvidence = [
      {
        kind: 'host' as const,
        ref: 'Win32_ComputerSystem',
        data: { PartOfDomain: host?.partOfDomain ?? null, Domain: domain, DomainRole: host?.domainRole ?? null },
      },
    ];
    if (host?.domainRole !== undefined && host.domainRole !== null && DOMAIN_CONTROLLER_ROLES.has(host.domainRole)) {
      findings.push(finding('domain-controller', { domain }, { evidence: hostEvidence }));
    } else if (host?.partOfDomain === true && !config.sysprep) {
      findings.push(finding('domain-member', { domain }, { evidence: hostEvidence, fix: [{ message: text('fixDomain') }] }));
    }

    if (config.sysprep) {
      const unknown: string[] = [];
      const rearm = activation?.RemainingWindowsReArmCount;
      if (rearm === undefined || rearm === null) unknown.push('RemainingWindowsReArmCount');
      else if (rearm < 1)
        findings.push(
          finding(
            'sysprep-no-rearm',
            { count: rearm },
            {
              evidence: [{ kind: 'licence', ref: 'SoftwareLicensingService', data: { RemainingWindowsReArmCount: rearm } }],
              fix: [{ message: text('fixNoRearm') }],
            },
          ),
        );
      if (!licensing) unknown.push('SoftwareLicensingProduct');
      else if (!licensing.some((p) => p.LicenseStatus === 1))
        findings.push(
          finding(
            'sysprep-not-activated',
            {},
            {
              evidence: licensing.map((p) => ({
                kind: 'licence' as const,
                ref: p.Name ?? 'Windows',
                data: { LicenseStatus: p.LicenseStatus },
              })),
              fix: [{ message: text('fixActivate') }],
            },
          ),
        );
      if (!services) unknown.push('services');
      else if (!findService(services, 'cloudbase-init')) findings.push(finding('sysprep-no-cloudbase-init'));
      if (unknown.length > 0) findings.push(finding('sysprep-unknown', { facts: unknown.join(', ') }));
      else if (!findings.some((f) => f.code.startsWith('sysprep-'))) findings.push(finding('sysprep-ready', { count: rearm ?? 0 }));
    }

    if (findings.length === 0)
      findings.push(finding('complete', {}, { evidence: [{ kind: 'registry', ref: key.path, data: { ImageState: state ?? null } }] }));
    return findings;
  },
});
