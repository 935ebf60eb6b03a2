// Errors that end the run with a one-line message instead of a stack trace. The text comes from the
// message catalogue like every other sentence the user sees.
import type { MessageParams } from './checks/define-check.js';
import type { MessageId } from './messages/en.js';
import { formatMessage } from './messages/format.js';

export const EXIT = { READY: 0, AT_RISK: 1, BLOCKED: 2, INPUT: 3 } as const;

/** Bad usage or bad input: the CLI prints `image-preflight: <message>` and exits 3. */
export class InputError extends Error {
  readonly exitCode = EXIT.INPUT;
  constructor(readonly messageId: MessageId, readonly params: MessageParams = {}) {
    super(formatMessage(messageId, params));
    this.name = 'InputError';
  }
}
