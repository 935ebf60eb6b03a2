// Fix sentences more than one check gives, registered under `fix#key`. A check's own fixes live in
// its `messages`.
import type { MessageParams, MessageRef, Remediation, Sentence } from '../define-check.js';

export const SHARED_FIXES = {
  unquotableService: {
    en: 'No command is given for {name}: its name holds characters that cmd.exe or PowerShell would interpret. Use the Services console (services.msc) instead.',
    'zh-CN': '不提供 {name} 的命令：其名称包含会被 cmd.exe 或 PowerShell 解释的字符。请改用“服务”控制台（services.msc）。',
    'pt-BR':
      'Nenhum comando é fornecido para {name}: o nome contém caracteres que o cmd.exe ou o PowerShell interpretariam. Use o console Serviços (services.msc).',
    id: 'Tidak ada perintah untuk {name}: namanya berisi karakter yang akan ditafsirkan oleh cmd.exe atau PowerShell. Gunakan konsol Services (services.msc).',
  },
  enableAndStart: {
    en: 'Set the service to start automatically and start it (elevated prompt):',
    'zh-CN': '将该服务设置为自动启动并启动它（在管理员命令提示符中运行）：',
    'pt-BR': 'Configure o serviço para iniciar automaticamente e inicie-o (prompt de comando como Administrador):',
    id: 'Atur layanan agar dimulai otomatis lalu jalankan (prompt perintah sebagai Administrator):',
  },
  // The same when the service already starts automatically: the commands only start it.
  start: {
    en: 'Start the service (elevated prompt):',
    'zh-CN': '启动该服务（在管理员命令提示符中运行）：',
    'pt-BR': 'Inicie o serviço (prompt de comando como Administrador):',
    id: 'Jalankan layanan (prompt perintah sebagai Administrator):',
  },
  delayedRestart: {
    en: 'The command below restarts in 5 minutes and warns signed-in users (cancel it with shutdown.exe /a). While Windows shows "Configuring updates", wait: never force a power-off.',
    'zh-CN':
      '下面的命令会在 5 分钟后重启，并提醒已登录的用户（可用 shutdown.exe /a 取消）。Windows 显示“正在配置更新”时请耐心等待，切勿强制关机。',
    'pt-BR':
      'O comando abaixo reinicia em 5 minutos e avisa os usuários conectados (cancele com shutdown.exe /a). Enquanto o Windows mostrar "Configurando atualizações", aguarde: nunca force o desligamento.',
    id: 'Perintah di bawah memulai ulang dalam 5 menit dan memberi tahu pengguna yang sedang masuk (batalkan dengan shutdown.exe /a). Selama Windows menampilkan "Mengonfigurasi pembaruan", tunggu: jangan pernah mematikan paksa.',
  },
} as const satisfies Record<string, Sentence>;

export type SharedFix = keyof typeof SHARED_FIXES;

export const sharedFixId = (key: string) => `fix#${key}` as const;

export function sharedFix(key: SharedFix, params?: MessageParams): MessageRef {
  return params ? { id: sharedFixId(key), params } : { id: sharedFixId(key) };
}

/**
 * The fix for a service: its sentence and commands; when its name cannot be quoted safely, the sentence
 * that needs no commands (if there is one) and the reason no command is given.
 */
export function serviceFix(message: MessageRef, name: string, commands: string[] | undefined, withoutCommands?: MessageRef): Remediation[] {
  if (commands) return [{ message, commands }];
  const unquotable = { message: sharedFix('unquotableService', { name }) };
  return withoutCommands ? [{ message: withoutCommands }, unquotable] : [unquotable];
}
