// Tencent's FAQ, cause 4: settings that put a dialog in front of unattended work. Windows' defaults
// are normal; only settings that force a prompt (UAC asking every time or for credentials, a logon
// legal notice, Interactive Services Detection running) are a risk.
import { defineCheck, type FindingDraft } from './define-check.js';
import { REGISTRY_UNREADABLE } from './shared/findings.js';
import { findService, serviceEvidence, serviceState } from './shared/services.js';
import { unreadableKeys } from './shared/unreadable.js';
import { REGISTRY_KEYS } from '../catalog/registry-keys.js';
import { asNumber, asString, lookupKey, lookupValue } from '../snapshot/registry.js';

const K = REGISTRY_KEYS;

export const systemDialogs = defineCheck({
  id: 'system-dialogs',
  group: 'popups',
  needs: ['registry'],
  optional: ['services'],
  title: {
    en: 'System dialogs',
    'zh-CN': '系统对话框',
    'pt-BR': 'Caixas de diálogo do sistema',
    id: 'Dialog sistem',
  },
  description: {
    en: 'UAC prompts, a logon legal notice and Interactive Services Detection.',
    'zh-CN': '用户帐户控制（UAC）提示、登录时的法律声明和交互式服务检测。',
    'pt-BR': 'Solicitações do Controle de Conta de Usuário (UAC), aviso legal no logon e Detecção de Serviços Interativos.',
    id: 'Permintaan UAC, pemberitahuan hukum saat masuk, dan Interactive Services Detection.',
  },
  docs: {
    en: `Cause 4. UAC prompting for every elevation or for credentials (\`ConsentPromptBehaviorAdmin\` 1, 2, 3 or 4:
warn; the default 5, "prompt for consent for non-Windows binaries", passes; values from Microsoft's "User
Account Control settings and configuration"), a logon legal notice (\`legalnoticecaption\`/\`legalnoticetext\`:
warn), Interactive Services Detection (\`UI0Detect\`) running (warn; Server 2016 and older), interactive
services allowed (\`NoInteractiveServices=0\`: a note). The Shutdown Event Tracker is judged with the soft
shutdown (\`shutdown-readiness\`).`,
    'zh-CN': `原因 4。用户帐户控制对每次提升或对凭据进行提示（\`ConsentPromptBehaviorAdmin\` 为 1、2、3 或 4：
warn；默认值 5，“非 Windows 二进制文件的同意提示”，通过；数值来自 Microsoft 的“用户帐户控制
设置和配置”）、登录法律声明（\`legalnoticecaption\`/\`legalnoticetext\`：
warn）、交互式服务检测（\`UI0Detect\`）正在运行（warn；Server 2016 及更早版本）、允许交互式
服务（\`NoInteractiveServices=0\`：提示）。关闭事件跟踪程序在软关机检查中判断
（\`shutdown-readiness\`）。`,
    'pt-BR': `Causa 4. O Controle de Conta de Usuário pedindo confirmação a cada elevação ou pedindo credenciais
(\`ConsentPromptBehaviorAdmin\` 1, 2, 3 ou 4: warn; o padrão 5, "solicitar consentimento para binários que não sejam
do Windows", passa; valores de "Configurações e configuração do Controle de Conta de Usuário" da Microsoft), um aviso
legal no logon (\`legalnoticecaption\`/\`legalnoticetext\`: warn), a Detecção de Serviços Interativos (\`UI0Detect\`)
em execução (warn; Server 2016 e anteriores), serviços interativos permitidos (\`NoInteractiveServices=0\`: uma nota).
O Rastreador de Eventos de Desligamento é avaliado junto com o desligamento suave (\`shutdown-readiness\`).`,
    id: `Penyebab 4. UAC yang meminta konfirmasi untuk setiap elevasi atau meminta kredensial (\`ConsentPromptBehaviorAdmin\` 1,
2, 3, atau 4: warn; bawaan 5, "prompt for consent for non-Windows binaries", lolos; nilai dari "User Account Control
settings and configuration" Microsoft), pemberitahuan hukum saat logon (\`legalnoticecaption\`/\`legalnoticetext\`:
warn), Interactive Services Detection (\`UI0Detect\`) yang berjalan (warn; Server 2016 dan yang lebih lama), layanan
interaktif diizinkan (\`NoInteractiveServices=0\`: catatan). Shutdown Event Tracker dievaluasi bersama soft
shutdown (\`shutdown-readiness\`).`,
  },
  findings: {
    'uac-prompts': {
      severity: 'warn',
      message: {
        en: 'UAC asks administrators for credentials (ConsentPromptBehaviorAdmin={value})',
        'zh-CN': 'UAC 要求管理员输入凭据（ConsentPromptBehaviorAdmin={value}）',
        'pt-BR': 'O UAC pede credenciais aos administradores (ConsentPromptBehaviorAdmin={value})',
        id: 'UAC meminta kredensial dari administrator (ConsentPromptBehaviorAdmin={value})',
      },
    },
    'logon-notice': {
      severity: 'warn',
      message: {
        en: 'A legal notice is shown at logon and must be clicked away',
        'zh-CN': '登录时会显示法律声明，必须手动点击关闭',
        'pt-BR': 'Um aviso legal é exibido no logon e precisa ser fechado manualmente',
        id: 'Pemberitahuan hukum ditampilkan saat masuk dan harus ditutup secara manual',
      },
    },
    'ui0detect-running': {
      severity: 'warn',
      message: {
        en: 'Interactive Services Detection is running and shows "a program can\'t display a message" dialogs',
        'zh-CN': '交互式服务检测正在运行，会弹出“程序无法显示消息”对话框',
        'pt-BR': 'A Detecção de Serviços Interativos está em execução e exibe caixas de diálogo "um programa não pode exibir uma mensagem"',
        id: 'Interactive Services Detection sedang berjalan dan menampilkan dialog "program tidak dapat menampilkan pesan"',
      },
    },
    'registry-unreadable': REGISTRY_UNREADABLE,
    'interactive-services-allowed': {
      severity: 'info',
      message: {
        en: 'Interactive services are allowed (NoInteractiveServices=0)',
        'zh-CN': '允许交互式服务（NoInteractiveServices=0）',
        'pt-BR': 'Serviços interativos são permitidos (NoInteractiveServices=0)',
        id: 'Layanan interaktif diizinkan (NoInteractiveServices=0)',
      },
    },
    'uac-off': {
      severity: 'pass',
      message: {
        en: 'UAC is off: no elevation prompts',
        'zh-CN': '用户帐户控制（UAC）已关闭：不会弹出提权提示',
        'pt-BR': 'O UAC está desativado: sem solicitações de elevação',
        id: 'UAC mati: tidak ada permintaan elevasi',
      },
    },
    'uac-default': {
      severity: 'pass',
      message: {
        en: 'UAC uses its default prompt behaviour (ConsentPromptBehaviorAdmin={value})',
        'zh-CN': 'UAC 使用默认提示方式（ConsentPromptBehaviorAdmin={value}）',
        'pt-BR': 'O UAC usa o comportamento de solicitação padrão (ConsentPromptBehaviorAdmin={value})',
        id: 'UAC memakai perilaku permintaan bawaannya (ConsentPromptBehaviorAdmin={value})',
      },
    },
    'no-logon-notice': {
      severity: 'pass',
      message: {
        en: 'No logon legal notice',
        'zh-CN': '登录时不显示法律声明',
        'pt-BR': 'Nenhum aviso legal no logon',
        id: 'Tidak ada pemberitahuan hukum saat masuk',
      },
    },
  },
  messages: {
    uacAlways: {
      en: "UAC prompts for every elevation, even Windows' own programs (ConsentPromptBehaviorAdmin={value})",
      'zh-CN': '每次提权都会弹出 UAC 提示，Windows 自带程序也不例外（ConsentPromptBehaviorAdmin={value}）',
      'pt-BR': 'O UAC solicita confirmação a cada elevação, até para programas do próprio Windows (ConsentPromptBehaviorAdmin={value})',
      id: 'UAC meminta konfirmasi untuk setiap elevasi, bahkan untuk program Windows sendiri (ConsentPromptBehaviorAdmin={value})',
    },
    fixUacDefault: {
      en: 'Restore the default UAC prompt behaviour (elevated prompt):',
      'zh-CN': '恢复 UAC 默认提示方式（在管理员命令提示符中运行）：',
      'pt-BR': 'Restaure o comportamento de solicitação padrão do UAC (prompt de comando como Administrador):',
      id: 'Kembalikan perilaku permintaan UAC bawaan (prompt perintah sebagai Administrator):',
    },
    fixLegalNotice: {
      en: 'Remove the logon notice (elevated prompt; a domain policy may set it again):',
      'zh-CN': '删除登录声明（在管理员命令提示符中运行；域策略可能会再次设置它）：',
      'pt-BR': 'Remova o aviso de logon (prompt de comando como Administrador; uma política de domínio pode defini-lo de novo):',
      id: 'Hapus pemberitahuan saat masuk (prompt perintah sebagai Administrator; kebijakan domain dapat mengaturnya lagi):',
    },
    fixUi0detect: {
      en: 'Stop Interactive Services Detection and return it to Manual (elevated prompt):',
      'zh-CN': '停止交互式服务检测并将其恢复为“手动”启动（在管理员命令提示符中运行）：',
      'pt-BR': 'Pare a Detecção de Serviços Interativos e volte-a para Manual (prompt de comando como Administrador):',
      id: 'Hentikan Interactive Services Detection dan kembalikan ke Manual (prompt perintah sebagai Administrator):',
    },
    fixNoInteractiveServices: {
      en: 'Optional: block interactive services (elevated prompt):',
      'zh-CN': '可选：禁止交互式服务（在管理员命令提示符中运行）：',
      'pt-BR': 'Opcional: bloqueie serviços interativos (prompt de comando como Administrador):',
      id: 'Opsional: blokir layanan interaktif (prompt perintah sebagai Administrator):',
    },
  },
  run({ registry, services }, { finding, findingAs, text }) {
    const uac = (): FindingDraft => {
      const key = lookupKey(registry, K.policiesSystem.path);
      const enableLua = asNumber(lookupValue(key, 'EnableLUA')) ?? 1;
      const cpba = asNumber(lookupValue(key, 'ConsentPromptBehaviorAdmin')) ?? 5;
      const evidence = [
        { kind: 'registry' as const, ref: K.policiesSystem.path, data: { EnableLUA: enableLua, ConsentPromptBehaviorAdmin: cpba } },
      ];
      if (enableLua === 0) return finding('uac-off', {}, { evidence });
      // 1 and 3 ask for credentials, 2 and 4 ask even for Windows' own binaries: each stops unattended elevation.
      if (cpba >= 1 && cpba <= 4) {
        const fix = [
          {
            message: text('fixUacDefault'),
            commands: [`reg.exe add "${K.policiesSystem.path}" /v ConsentPromptBehaviorAdmin /t REG_DWORD /d 5 /f`],
          },
        ];
        return cpba === 2 || cpba === 4
          ? findingAs('uac-prompts', 'uacAlways', { value: cpba }, { evidence, fix })
          : finding('uac-prompts', { value: cpba }, { evidence, fix });
      }
      return finding('uac-default', { value: cpba }, { evidence });
    };

    const legalNotice = (): FindingDraft => {
      const found: Array<{ path: string; name: string; text: string }> = [];
      for (const [spec, names] of [
        [K.policiesSystem, ['legalnoticecaption', 'legalnoticetext']],
        [K.winlogon, ['LegalNoticeCaption', 'LegalNoticeText']],
      ] as const) {
        const key = lookupKey(registry, spec.path);
        for (const name of names) {
          const value = asString(lookupValue(key, name))?.trim();
          if (value) found.push({ path: spec.path, name, text: value });
        }
      }
      if (found.length === 0) return finding('no-logon-notice');
      return finding(
        'logon-notice',
        {},
        {
          evidence: found.map((f) => ({
            kind: 'registry' as const,
            ref: f.path,
            data: { [f.name]: f.text.length > 80 ? `${f.text.slice(0, 77)}...` : f.text },
          })),
          // Deleted, not set to "": Windows PowerShell 5.1 drops an empty argument (`/d "" /f` reaches
          // reg.exe as `/d /f`). No value shows no notice, as an empty one does.
          fix: [{ message: text('fixLegalNotice'), commands: found.map((f) => `reg.exe delete "${f.path}" /v ${f.name} /f`) }],
        },
      );
    };

    const interactiveServices = (): FindingDraft | undefined => {
      const ui0 = services ? findService(services, 'UI0Detect') : undefined;
      if (ui0 && serviceState(ui0) === 'running') {
        return finding(
          'ui0detect-running',
          {},
          {
            evidence: [serviceEvidence(ui0)],
            fix: [{ message: text('fixUi0detect'), commands: ['sc.exe stop UI0Detect', 'sc.exe config UI0Detect start= demand'] }],
          },
        );
      }
      const allowed = asNumber(lookupValue(lookupKey(registry, K.controlWindows.path), 'NoInteractiveServices'));
      if (allowed !== 0) return undefined;
      return finding(
        'interactive-services-allowed',
        {},
        {
          evidence: [{ kind: 'registry', ref: K.controlWindows.path, data: { NoInteractiveServices: 0 } }],
          fix: [
            {
              message: text('fixNoInteractiveServices'),
              commands: [`reg.exe add "${K.controlWindows.path}" /v NoInteractiveServices /t REG_DWORD /d 1 /f`],
            },
          ],
        },
      );
    };

    const findings = [uac(), legalNotice()];
    const keys = [K.policiesSystem, K.winlogon, K.controlWindows];
    const unreadable = unreadableKeys(keys.map((k) => lookupKey(registry, k.path)));
    if (unreadable) findings.push(finding('registry-unreadable', unreadable.params, { evidence: unreadable.evidence }));
    const isd = interactiveServices();
    if (isd) findings.push(isd);
    return findings;
  },
});
