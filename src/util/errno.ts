import type { MessageRef } from '../messages/types.js';
import { errnoCode, errorMessage } from './guards.js';

/** Why a file operation failed, in words for the common cases, else the error code as the system gave it. */
export function errnoReason(err: unknown): MessageRef | string {
  const code = errnoCode(err);
  if (code === 'ENOENT') return { id: 'why.noSuchFile' };
  if (code === 'EISDIR') return { id: 'why.isFolder' };
  if (code === 'EACCES' || code === 'EPERM') return { id: 'why.permissionDenied' };
  return code ?? errorMessage(err);
}
