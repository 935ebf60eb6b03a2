// Secrets never reach output, errors, logs or reports. Every message that could carry text from
// outside (an SDK error, a metadata answer) goes through `scrub` with the secrets known at that
// moment; anything shown on purpose (which key is in use) goes through `mask`.

/** Shorter than this, a secret is shown as asterisks only: six characters of a short one say too much. */
const MIN_SHOWN_LENGTH = 12;

/** At most the first 4 and the last 2 characters, e.g. `AKID****yz`; short or empty secrets are `****`. */
export function mask(secret: string | null | undefined): string {
  if (!secret || secret.length < MIN_SHOWN_LENGTH) return '****';
  return `${secret.slice(0, 4)}****${secret.slice(-2)}`;
}

/** Replaces every occurrence of each secret (and its URL-encoded form) with its mask. */
export function scrub(text: string, secrets: Iterable<string | null | undefined>): string {
  let out = text;
  const list = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  // Longest first, so a secret that contains another is replaced whole.
  list.sort((a, b) => b.length - a.length);
  for (const secret of list) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(mask(secret));
    }
  }
  return out;
}

/** A set of secrets seen so far, shared by the credential chain and the error classifier. */
export class SecretRegistry {
  private readonly seen = new Set<string>();

  add(...secrets: Array<string | null | undefined>): void {
    for (const s of secrets) if (typeof s === 'string' && s.length >= 4) this.seen.add(s);
  }

  scrub(text: string): string {
    return scrub(text, this.seen);
  }

  values(): string[] {
    return [...this.seen];
  }
}
