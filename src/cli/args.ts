/**
 * The argument parser: long flags (`--jobs 8`, `--jobs=8`), `-h`, `--` to end flags, `-` as a
 * positional (standard input). Written here rather than taken from `node:util` because its errors
 * must never repeat what followed `=` (someone will type `--token=SECRET`), and flags that would
 * carry a secret get their own refusal.
 */
import { usageError } from './errors';
import { shortPrintable } from './text';

export interface FlagSpec {
  name: string;
  kind: 'boolean' | 'string';
  short?: string;
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/** Flags someone might try to pass a secret with: refused whatever the command, value never shown. */
const SECRET_FLAGS = new Set(['token', 'password', 'pass', 'passphrase', 'secret', 'key-passphrase', 'api-key']);

export const SECRET_ARGUMENT_MESSAGE =
  'a token, password or passphrase is never taken from the command line (shell history and the process list would keep it): type it at the prompt, or pipe it on standard input';

export const HELP_FLAG: FlagSpec = { name: 'help', kind: 'boolean', short: 'h' };

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short !== undefined).map((spec) => [spec.short, spec]));
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) inline = arg.slice(eq + 1);
      if (SECRET_FLAGS.has(name.toLowerCase())) throw usageError(`--${name} is not an option: ${SECRET_ARGUMENT_MESSAGE}.`);
      spec = byName.get(name);
      if (spec === undefined) throw usageError(`unknown option --${shortPrintable(name)} for ${command}; see tipwb ${command} --help.`);
    } else {
      const short = arg.slice(1, 2);
      spec = arg.length === 2 ? byShort.get(short) : undefined;
      if (spec === undefined) throw usageError(`unknown option -${shortPrintable(arg.slice(1, 2))} for ${command}; see tipwb ${command} --help.`);
    }
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw usageError(`--${spec.name} takes no value.`);
      flags.set(spec.name, true);
      continue;
    }
    const value = inline ?? argv[i + 1];
    if (inline === undefined) i += 1;
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw usageError(`--${spec.name} needs a value; see tipwb ${command} --help.`);
    }
    flags.set(spec.name, value);
  }
  return { flags, positionals };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** A whole number within [min, max], or a usage error naming the flag. */
export function integerFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const text = stringFlag(args, name);
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw usageError(`--${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** One of the allowed words, or a usage error listing them. */
export function choiceFlag<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[]): T | undefined {
  const text = stringFlag(args, name);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) throw usageError(`--${name} must be one of ${allowed.join(', ')}.`);
  return text as T;
}
