/**
 * `tipwb`: the command line of TIP Workbench (plain Node, no Electron). Dispatches to a command
 * and turns every failure into one line on stderr and an exit status; a stack trace never reaches
 * the terminal.
 */
import { authCommand } from './commands/auth';
import { caseCommand } from './commands/case';
import { extractCommand } from './commands/extract';
import { lookupCommand } from './commands/lookup';
import { CliError, errorLine, EXIT, usageError } from './errors';
import { MAIN_HELP } from './help';
import { processIo, type CliIo } from './io';
import { CLI_VERSION } from './version';

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  lookup: lookupCommand,
  extract: extractCommand,
  case: caseCommand,
  auth: authCommand,
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(MAIN_HELP);
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === '--version' || first === '-V') {
      io.stdout.write(`tipwb ${CLI_VERSION}\n`);
      return EXIT.ok;
    }
    const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (command === undefined) {
      throw usageError(first.startsWith('-') ? 'options go after the command, e.g. tipwb lookup --help.' : 'unknown command; tipwb knows lookup, extract, case and auth (tipwb --help).');
    }
    return await command(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(errorLine(error.code, error.message));
      return error.exit;
    }
    // A bug: say so in one line, without the stack (which may quote data).
    const what = error instanceof Error ? error.name : typeof error;
    io.stderr.write(errorLine('INTERNAL', `tipwb failed unexpectedly (${what}); please report it.`));
    return EXIT.failed;
  }
}

/** The bin's entry: real streams, then the exit status once output has drained. */
export function main(): void {
  // `tipwb case stix FILE | head`: the reader leaving is not a crash. lookup also stops sending then.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  void runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
    // Nothing should be left running; a keychain or socket handle must not keep the command alive.
    const exit = (): void => process.exit(code);
    if (process.stdout.writableNeedDrain) process.stdout.once('drain', exit);
    else setImmediate(exit);
  });
}

if (require.main === module) main();
