/** `tipwb extract`: the indicators in standard input, one NDJSON object each. Sends nothing. */
import { extractIndicators } from '../../shared/indicators';
import { booleanFlag, HELP_FLAG, parseArgs } from '../args';
import { EXIT, usageError } from '../errors';
import { EXTRACT_HELP } from '../help';
import type { CliIo } from '../io';
import { readStdinText } from '../prompt';

export async function extractCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [HELP_FLAG], 'extract');
  if (booleanFlag(args, 'help')) {
    io.stdout.write(EXTRACT_HELP);
    return EXIT.ok;
  }
  if (args.positionals.some((arg) => arg !== '-')) throw usageError('tipwb extract reads standard input only: tipwb extract < report.txt');
  if (io.stdin.isTTY && io.stderr.isTTY) io.stderr.write('Paste the text, then press Ctrl+D on a line of its own.\n');
  for (const { type, value, raw } of extractIndicators(await readStdinText(io.stdin))) {
    io.stdout.write(`${JSON.stringify({ type, value, raw })}\n`);
  }
  return EXIT.ok;
}
