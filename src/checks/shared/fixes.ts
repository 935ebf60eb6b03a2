// Fix sentences more than one check gives, registered under `fix#key`. A check's own fixes live in
// its `messages`.
import type { MessageRef, Sentence } from '../define-check.js';

export const SHARED_FIXES = {
  enableAndStart: {
    en: 'Set the service to start automatically and start it (elevated prompt):',
    'zh-CN': '将该服务设置为自动启动并启动它（在管理员命令提示符中运行）：',
    'pt-BR': 'Configure o serviço para iniciar automaticamente e inicie-o (prompt de comando como Administrador):',
    id: 'Atur layanan agar dimulai otomatis lalu jalankan (prompt perintah sebagai Administrator):',
  },
} as const satisfies Record<string, Sentence>;

export type SharedFix = keyof typeof SHARED_FIXES;

export const sharedFixId = (key: string) => `fix#${key}` as const;

export function sharedFix(key: SharedFix): MessageRef {
  return { id: sharedFixId(key) };
}
