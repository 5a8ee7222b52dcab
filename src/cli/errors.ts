/**
 * Exit statuses and the one error line (ARCHITECTURE.md, "The command line, by its flags"):
 * `tipwb: CODE: message` on standard error — never a stack trace, never a secret.
 */
export const EXIT = {
  /** Every indicator answered (a 404 "not known" is an answer). */
  ok: 0,
  /** Some lookup failed: a malformed indicator, a refused request, a refused credential. */
  failed: 1,
  /** Unknown command or flag, unreadable file, a secret given as an argument, a run refused before sending. */
  usage: 2,
  /** No credentials configured at all (nothing in the environment, nothing usable in the keychain). */
  noCredentials: 3,
  /** Stopped by Ctrl+C (128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure that ends the command with one line on stderr and an exit status. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exit: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError('USAGE', message, EXIT.usage);
}

/** The one line a failure prints; newlines are folded so it stays one line. */
export function errorLine(code: string, message: string): string {
  return `tipwb: ${code}: ${message.replace(/\s*\n\s*/g, ' ')}\n`;
}
