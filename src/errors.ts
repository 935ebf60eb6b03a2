// Errors that end the run with a one-line message instead of a stack trace. The text comes from the
// message catalogue like every other sentence the user sees.
import type { MessageId } from './messages/en.js';
import { formatMessage } from './messages/format.js';
import type { MessageParams, MessageRef } from './messages/types.js';

/** 0-2: the verdict; 3: bad usage or input; 4: fix --apply or restore could not complete an action. */
export const EXIT = { READY: 0, AT_RISK: 1, BLOCKED: 2, INPUT: 3, ACTION_FAILED: 4 } as const;

/**
 * Bad usage or bad input: the CLI prints `image-preflight: <message>` in the reader's language and
 * exits 3. `message` is the English wording, for logs.
 */
export class InputError extends Error {
  readonly exitCode = EXIT.INPUT;
  constructor(
    readonly messageId: MessageId,
    readonly params: MessageParams = {},
  ) {
    super(formatMessage(messageId, params));
    this.name = 'InputError';
  }

  get ref(): MessageRef {
    return { id: this.messageId, params: this.params };
  }
}
