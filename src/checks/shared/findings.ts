// Findings several checks declare in the same words: spread into a check's `findings` table.
import type { FindingSpec } from '../define-check.js';

/** A registry key the collector could not read: never a pass, never "absent". */
export const REGISTRY_UNREADABLE = {
  severity: 'unknown',
  message: {
    en: 'could not verify: registry key unreadable: {paths}',
    'zh-CN': '无法确认：无法读取注册表项：{paths}',
    'pt-BR': 'não foi possível verificar: chave do Registro ilegível: {paths}',
    id: 'tidak dapat diverifikasi: kunci Registri tidak dapat dibaca: {paths}',
  },
} as const satisfies FindingSpec;
