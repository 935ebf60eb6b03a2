// Tencent's FAQ, cause 4: pop-ups interrupt the creation tool. An open crash dialog (WerFault.exe in
// an interactive session) is one right now; the error-reporting and hard-error settings decide whether
// the next crash shows one. Windows' defaults show them, so those settings are information only.
import { defineCheck, type FindingDraft } from './define-check.js';
import { REGISTRY_UNREADABLE } from './shared/findings.js';
import { processEvidence } from './shared/services.js';
import { unreadableKeys } from './shared/unreadable.js';
import { REGISTRY_KEYS } from '../catalog/registry-keys.js';
import { asNumber, lookupKey, lookupValue } from '../snapshot/registry.js';
import { imageKey } from '../util/windows-path.js';

const CRASH_DIALOG_PROCESSES = new Set(['werfault', 'werfaultsecure']);
const WER_KEY = REGISTRY_KEYS.errorReporting.path;
const CONTROL_WINDOWS = REGISTRY_KEYS.controlWindows.path;

export const crashDialogs = defineCheck({
  id: 'crash-dialogs',
  group: 'popups',
  needs: ['processes'],
  optional: ['registry'],
  title: {
    en: 'Crash dialogs',
    'zh-CN': '程序崩溃对话框',
    'pt-BR': 'Caixas de diálogo de falha',
    id: 'Dialog crash',
  },
  description: {
    en: 'Open crash dialogs, and whether the next crash will show one.',
    'zh-CN': '当前是否有未关闭的崩溃对话框，以及下次程序崩溃时是否会弹出对话框。',
    'pt-BR': 'Caixas de diálogo de falha abertas e se a próxima falha de programa vai mostrar uma.',
    id: 'Dialog crash yang sedang terbuka, dan apakah crash berikutnya akan menampilkannya.',
  },
  docs: {
    en: `Cause 4 (pop-ups). An open crash dialog (\`WerFault.exe\` in a user session) is a pop-up now (warn); the fix
ends that process by its PID (\`taskkill.exe /PID n /F\`), never every \`WerFault.exe\` (one may be writing a
service's crash dump). The error-reporting UI (\`DontShowUI\`) and hard-error mode (\`ErrorMode\`) decide
whether the next crash shows one; Windows' defaults show them, so they are notes with the optional setting
that turns them off.`,
    'zh-CN': `原因 4（弹窗）。打开着的崩溃对话框（用户会话中的 \`WerFault.exe\`）就是当前的弹窗（warn）；修复方法按其 PID
结束该进程（\`taskkill.exe /PID n /F\`），绝不结束所有 \`WerFault.exe\`（其中一个可能正在写入某个服务的崩溃转储）。
错误报告界面（\`DontShowUI\`）和硬错误模式（\`ErrorMode\`）决定下一次崩溃是否会显示对话框；Windows 默认会显示，
因此它们作为提示给出，并附上可关闭它们的可选设置。`,
    'pt-BR': `Causa 4 (pop-ups). Uma caixa de diálogo de falha aberta (\`WerFault.exe\` numa sessão de usuário) já é um pop-up
(warn); a correção encerra esse processo pelo PID (\`taskkill.exe /PID n /F\`), nunca todos os \`WerFault.exe\` (um
deles pode estar gravando o despejo de falha de um serviço). A interface do Relatório de Erros do Windows
(\`DontShowUI\`) e o modo de erro grave (\`ErrorMode\`) decidem se a próxima falha mostra uma caixa; o padrão do
Windows é mostrar, então elas são notas com a configuração opcional que as desliga.`,
    id: `Penyebab 4 (pop-up). Dialog crash yang terbuka (\`WerFault.exe\` di sesi pengguna) adalah pop-up saat ini (warn);
perbaikannya mengakhiri proses itu berdasarkan PID-nya (\`taskkill.exe /PID n /F\`), tidak pernah semua \`WerFault.exe\`
(salah satunya mungkin sedang menulis crash dump sebuah layanan). UI Windows Error Reporting (\`DontShowUI\`) dan mode
hard error (\`ErrorMode\`) menentukan apakah crash berikutnya menampilkan dialog; bawaan Windows menampilkannya, jadi
keduanya menjadi catatan dengan pengaturan opsional yang mematikannya.`,
  },
  findings: {
    'crash-dialog-open': {
      severity: 'warn',
      message: {
        en: '{count, plural, one {# crash dialog} other {# crash dialogs}} open (WerFault.exe in session {sessions})',
        'zh-CN': '有 {count} 个崩溃对话框未关闭（WerFault.exe，位于会话 {sessions}）',
        'pt-BR':
          '{count, plural, one {# caixa de diálogo de falha aberta} other {# caixas de diálogo de falha abertas}} (WerFault.exe na sessão {sessions})',
        id: '{count} dialog crash terbuka (WerFault.exe di sesi {sessions})',
      },
    },
    'registry-unreadable': REGISTRY_UNREADABLE,
    'crash-reporting-background': {
      severity: 'info',
      message: {
        en: 'Windows Error Reporting is handling a crash in the background (in session 0, or with its dialogs turned off)',
        'zh-CN': 'Windows 错误报告正在后台处理一次崩溃（位于会话 0，或已禁止显示其对话框）',
        'pt-BR':
          'O Relatório de Erros do Windows está tratando uma falha em segundo plano (na sessão 0, ou com as caixas de diálogo desativadas)',
        id: 'Windows Error Reporting sedang menangani crash di latar belakang (di sesi 0, atau dengan dialognya dimatikan)',
      },
    },
    'wer-ui-default': {
      severity: 'info',
      message: {
        en: 'A crash will show a Windows Error Reporting dialog (Windows default)',
        'zh-CN': '程序崩溃时会弹出 Windows 错误报告对话框（Windows 默认设置）',
        'pt-BR': 'Uma falha de programa vai mostrar uma caixa de diálogo do Relatório de Erros do Windows (padrão do Windows)',
        id: 'Crash akan menampilkan dialog Windows Error Reporting (bawaan Windows)',
      },
    },
    'hard-error-dialogs': {
      severity: 'info',
      message: {
        en: 'Hard-error pop-ups are shown (ErrorMode {mode}; Windows default)',
        'zh-CN': '会弹出严重错误提示框（ErrorMode {mode}；Windows 默认设置）',
        'pt-BR': 'Janelas de erro grave são exibidas (ErrorMode {mode}; padrão do Windows)',
        id: 'Pop-up hard error (kesalahan sistem) ditampilkan (ErrorMode {mode}; bawaan Windows)',
      },
    },
    'wer-ui-suppressed': {
      severity: 'pass',
      message: {
        en: 'Windows Error Reporting dialogs are turned off',
        'zh-CN': '已禁止显示 Windows 错误报告对话框',
        'pt-BR': 'As caixas de diálogo do Relatório de Erros do Windows estão desativadas',
        id: 'Dialog Windows Error Reporting dimatikan',
      },
    },
    'no-crash-dialogs': {
      severity: 'pass',
      message: {
        en: 'No crash dialog open',
        'zh-CN': '没有未关闭的崩溃对话框',
        'pt-BR': 'Nenhuma caixa de diálogo de falha aberta',
        id: 'Tidak ada dialog crash yang terbuka',
      },
    },
  },
  messages: {
    fixClose: {
      en: 'Log on to that session and close the dialog, or end it (elevated prompt):',
      'zh-CN': '登录到该会话并关闭对话框，或直接结束 WerFault.exe 进程（在管理员命令提示符中运行）：',
      'pt-BR':
        'Faça logon nessa sessão e feche a caixa de diálogo, ou encerre o processo WerFault.exe (prompt de comando como Administrador):',
      id: 'Masuk ke sesi tersebut dan tutup dialognya, atau akhiri proses WerFault.exe (prompt perintah sebagai Administrator):',
    },
    fixCloseByHand: {
      en: 'Log on to that session and close the dialog.',
      'zh-CN': '登录到该会话并关闭对话框。',
      'pt-BR': 'Faça logon nessa sessão e feche a caixa de diálogo.',
      id: 'Masuk ke sesi tersebut dan tutup dialognya.',
    },
    fixWerSuppress: {
      en: 'Optional: stop crash dialogs from appearing (elevated prompt):',
      'zh-CN': '可选：禁止弹出崩溃对话框（在管理员命令提示符中运行）：',
      'pt-BR': 'Opcional: impeça que caixas de diálogo de falha apareçam (prompt de comando como Administrador):',
      id: 'Opsional: cegah dialog crash muncul (prompt perintah sebagai Administrator):',
    },
    fixErrorMode: {
      en: 'Optional: log hard errors instead of showing them (elevated prompt):',
      'zh-CN': '可选：将严重错误记录到日志而不弹窗显示（在管理员命令提示符中运行）：',
      'pt-BR': 'Opcional: registre erros graves em log em vez de exibi-los (prompt de comando como Administrador):',
      id: 'Opsional: catat hard error ke log alih-alih menampilkannya (prompt perintah sebagai Administrator):',
    },
  },
  run({ processes, registry }, { finding, text }) {
    const findings: FindingDraft[] = [];
    const policy = registry && lookupKey(registry, REGISTRY_KEYS.errorReportingPolicy.path);
    const local = registry && lookupKey(registry, WER_KEY);
    const read = (name: string) =>
      policy && local ? (asNumber(lookupValue(policy, name)) ?? asNumber(lookupValue(local, name))) : undefined;
    const suppressed = read('DontShowUI') === 1 || read('Disabled') === 1;

    const wer = processes.filter((p) => CRASH_DIALOG_PROCESSES.has(imageKey(p.Name)));
    // Session 0 has no desktop, and with the UI turned off WerFault reports without a dialog anywhere.
    const onDesktop = suppressed ? [] : wer.filter((p) => p.SessionId !== 0);
    if (onDesktop.length > 0) {
      const sessions = [...new Set(onDesktop.map((p) => p.SessionId ?? '?'))].join(', ');
      // By PID: ending every WerFault.exe would also end one writing a service's crash dump.
      const pids = onDesktop.flatMap((p) => (typeof p.ProcessId === 'number' && p.ProcessId > 0 ? [p.ProcessId] : []));
      const fix = pids.length > 0 ? [{ message: text('fixClose'), commands: pids.map((pid) => `taskkill.exe /PID ${pid} /F`) }] : [];
      if (pids.length < onDesktop.length) fix.push({ message: text('fixCloseByHand'), commands: [] });
      findings.push(finding('crash-dialog-open', { count: onDesktop.length, sessions }, { evidence: onDesktop.map(processEvidence), fix }));
    } else if (wer.length > 0) {
      findings.push(finding('crash-reporting-background', {}, { evidence: wer.map(processEvidence) }));
    }

    if (registry && policy && local) {
      if (suppressed) {
        findings.push(
          finding(
            'wer-ui-suppressed',
            {},
            {
              evidence: [
                { kind: 'registry', ref: WER_KEY, data: { DontShowUI: read('DontShowUI') ?? null, Disabled: read('Disabled') ?? null } },
              ],
            },
          ),
        );
      } else {
        findings.push(
          finding(
            'wer-ui-default',
            {},
            {
              evidence: [{ kind: 'registry', ref: WER_KEY, data: { DontShowUI: read('DontShowUI') ?? '(not set: dialogs shown)' } }],
              fix: [{ message: text('fixWerSuppress'), commands: [`reg.exe add "${WER_KEY}" /v DontShowUI /t REG_DWORD /d 1 /f`] }],
            },
          ),
        );
      }
      const ctl = lookupKey(registry, CONTROL_WINDOWS);
      const unreadable = unreadableKeys([policy, local, ctl]);
      if (unreadable) findings.push(finding('registry-unreadable', unreadable.params, { evidence: unreadable.evidence }));
      const mode = asNumber(lookupValue(ctl, 'ErrorMode')) ?? 0;
      if (mode !== 2) {
        findings.push(
          finding(
            'hard-error-dialogs',
            { mode },
            {
              evidence: [{ kind: 'registry', ref: CONTROL_WINDOWS, data: { ErrorMode: mode } }],
              fix: [{ message: text('fixErrorMode'), commands: [`reg.exe add "${CONTROL_WINDOWS}" /v ErrorMode /t REG_DWORD /d 2 /f`] }],
            },
          ),
        );
      }
    }
    if (findings.length === 0) findings.push(finding('no-crash-dialogs'));
    return findings;
  },
});
