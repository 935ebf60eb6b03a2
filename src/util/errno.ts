import { formatMessage } from '../messages/format.js';

/** Why a file operation failed, in words, for the common cases. */
export function errnoReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return formatMessage('why.noSuchFile');
  if (code === 'EISDIR') return formatMessage('why.isFolder');
  if (code === 'EACCES' || code === 'EPERM') return formatMessage('why.permissionDenied');
  return code ?? (err as Error)?.message?.split('\n')[0] ?? String(err);
}
