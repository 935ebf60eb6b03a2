// With -EncodedCommand and stderr redirected, Windows PowerShell 5.1 always writes its error stream as
// CLIXML ("#< CLIXML" then <Objs>…), -OutputFormat or not (ConsoleHost; only pwsh 6.2+ honours the
// flag). The text a person would read is in the <S S="Error"> elements, XML-escaped, with control
// characters and surrogates written as _xHHHH_ (UTF-16 code units). Progress records are skipped.

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCharCode(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCharCode(Number.parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? m;
    })
    .replace(/_x([0-9a-f]{4})_/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The error text of a CLIXML stderr, or undefined when the text is not CLIXML. */
export function decodeClixml(stderr: string): string | undefined {
  if (!stderr.includes('#< CLIXML')) return undefined;
  return [...stderr.matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)].map((m) => unescape(m[1] ?? '')).join('');
}

/** stderr as a person would read it: CLIXML decoded, otherwise as written. */
export function readableStderr(stderr: string): string {
  return decodeClixml(stderr) ?? stderr;
}
