// Tencent's FAQ, cause 4: other people logged on (console or RDP, active or disconnected) keep programs
// open that can hold up shutdown with "other people are logged on" or unsaved-work prompts.
import { defineCheck } from './define-check.js';

export const otherSessions = defineCheck({
  id: 'other-sessions',
  group: 'popups',
  needs: ['sessions'],
  optional: ['host'],
  title: {
    en: 'Other logged-on users',
    'zh-CN': '其他已登录用户',
    'pt-BR': 'Outros usuários conectados',
    id: 'Pengguna lain yang sedang masuk',
  },
  description: {
    en: 'Other interactive sessions keep programs open that can hold up shutdown with prompts.',
    'zh-CN': '其他交互式会话中打开的程序可能会用提示框阻止关机。',
    'pt-BR': 'Outras sessões interativas mantêm programas abertos que podem atrasar ou impedir o desligamento com perguntas.',
    id: 'Program yang masih terbuka di sesi interaktif lain dapat menahan proses pematian dengan dialog konfirmasi.',
  },
  docs: {
    en: `Cause 4. Another interactive session (console or RDP, active or disconnected) than the one the collector
ran in: warn, with \`logoff.exe ID\` per session. Run from a scheduled task (session 0), every interactive
session counts.`,
    'zh-CN': `原因 4。除收集器运行所在会话之外的其他交互式会话（控制台或 RDP，活动或已断开）：
warn，并为每个会话给出 \`logoff.exe ID\`。从计划任务（会话 0）运行时，所有交互式
会话都计算在内。`,
    'pt-BR': `Causa 4. Outra sessão interativa (console ou RDP, ativa ou desconectada) além daquela em que o coletor foi
executado: warn, com \`logoff.exe ID\` por sessão. Executado por uma tarefa agendada (sessão 0), toda sessão
interativa conta.`,
    id: `Penyebab 4. Sesi interaktif lain (konsol atau RDP, aktif atau terputus) selain sesi tempat kolektor
berjalan: warn, dengan \`logoff.exe ID\` per sesi. Jika dijalankan dari tugas terjadwal (sesi 0), setiap sesi
interaktif dihitung.`,
  },
  findings: {
    'other-sessions': {
      severity: 'warn',
      message: {
        en: '{count, plural, one {# other session} other {# other sessions}} logged on: {users}',
        'zh-CN': '另有 {count} 个会话已登录：{users}',
        'pt-BR': 'Outras sessões conectadas ({count}): {users}',
        id: '{count} sesi lain sedang masuk: {users}',
      },
    },
    'no-other-sessions': {
      severity: 'pass',
      message: {
        en: 'No other interactive sessions ({count} in all)',
        'zh-CN': '没有其他交互式会话（会话总数：{count}）',
        'pt-BR': 'Nenhuma outra sessão interativa ({count} no total)',
        id: 'Tidak ada sesi interaktif lain (total {count} sesi)',
      },
    },
  },
  messages: {
    session: {
      en: 'session {id}',
      'zh-CN': '会话 {id}',
      'pt-BR': 'sessão {id}',
      id: 'sesi {id}',
    },
    fixLogoff: {
      en: 'Ask those users to log off, or log them off (unsaved work is lost):',
      'zh-CN': '请这些用户注销，或将其强制注销（未保存的工作将会丢失）：',
      'pt-BR': 'Peça a esses usuários que façam logoff, ou faça o logoff deles (o trabalho não salvo será perdido):',
      id: 'Minta pengguna tersebut keluar (log off), atau keluarkan mereka (pekerjaan yang belum disimpan akan hilang):',
    },
  },
  run({ sessions, host }, { finding, text }) {
    const own = host?.currentSessionId;
    const interactive = sessions.filter((s) => s.sessionId !== 0);
    // Without the collector's own session id, assume the first interactive session is the admin's.
    const others = own === undefined || own === null ? interactive.slice(1) : interactive.filter((s) => s.sessionId !== own);
    if (others.length === 0) return [finding('no-other-sessions', { count: interactive.length })];
    const users = { list: others.map((s) => s.userName ?? text('session', { id: s.sessionId })), join: 'comma' as const };
    return [
      finding(
        'other-sessions',
        { count: others.length, users },
        {
          evidence: others.map((s) => ({
            kind: 'session' as const,
            ref: String(s.sessionId),
            data: { userName: s.userName ?? null, state: s.state ?? null },
          })),
          fix: [{ message: text('fixLogoff'), commands: others.map((s) => `logoff.exe ${s.sessionId}`) }],
        },
      ),
    ];
  },
});
