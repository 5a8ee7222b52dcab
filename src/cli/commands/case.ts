/**
 * `tipwb case check FILE` and `tipwb case stix FILE`: the app's own import rules
 * (`parseCaseFile`) and its own STIX export (`lookupsToStixBundle`, given what the app gives it).
 */
import { promises as fs } from 'node:fs';
import { CASE_FILE_LIMITS } from '../../shared/case-file/limits';
import type { CaseFile } from '../../shared/case-file/types';
import { parseCaseFile } from '../../shared/case-file/validate';
import { lookupsToStixBundle } from '../../shared/stix';
import { booleanFlag, HELP_FLAG, parseArgs } from '../args';
import { fsReason } from '../connection';
import { CliError, EXIT, usageError } from '../errors';
import { CASE_HELP } from '../help';
import type { CliIo } from '../io';
import { printable } from '../text';

export async function caseCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [HELP_FLAG], 'case');
  const [sub, path, ...extra] = args.positionals;
  if (booleanFlag(args, 'help') || sub === 'help') {
    io.stdout.write(CASE_HELP);
    return EXIT.ok;
  }
  if (sub !== 'check' && sub !== 'stix') {
    throw usageError(sub === undefined ? 'tipwb case needs check or stix; see tipwb case --help.' : 'tipwb case knows check and stix; see tipwb case --help.');
  }
  if (path === undefined || extra.length > 0) throw usageError(`tipwb case ${sub} takes one FILE.`);
  const file = await readCase(path);
  if (sub === 'check') {
    io.stdout.write(summary(path, file));
    return EXIT.ok;
  }
  const bundle = lookupsToStixBundle(
    file.lookups.map((row) => ({ type: row.type, value: row.value, body: row.body, fetchedAt: row.fetchedAt })),
    { name: file.case.name, ...(file.case.notes ? { description: file.case.notes } : {}) },
  );
  io.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
  return EXIT.ok;
}

/** Exit 2 when the file cannot be read; exit 1 with the app's reason when it would be refused. */
async function readCase(path: string): Promise<CaseFile> {
  let text: string;
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) throw usageError(`${path} is a folder, not a case file.`);
    if (stat.size > CASE_FILE_LIMITS.bytes) {
      throw new CliError('INVALID_INPUT', `${path} is larger than ${CASE_FILE_LIMITS.bytes / 1024 / 1024} MiB, the most a case file may be.`, EXIT.failed);
    }
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('STORAGE', `${path} cannot be read (${fsReason(error)}).`, EXIT.usage);
  }
  const parsed = parseCaseFile(text);
  if (!parsed.ok) throw new CliError(parsed.error.code, `${path}: ${parsed.error.message}`, EXIT.failed);
  return parsed.value;
}

function summary(path: string, file: CaseFile): string {
  const zones = new Map<string, number>();
  for (const lookup of file.lookups) {
    const zone = lookup.zone ?? 'none';
    zones.set(zone, (zones.get(zone) ?? 0) + 1);
  }
  const zoneText = [...zones].map(([zone, n]) => `${zone} ${n}`).join(', ') || '-';
  const lines = [
    `${path}: a valid case file (version ${file.version}); the app would import it`,
    `name:        ${file.case.name}`,
    `answers:     ${file.lookups.length}`,
    `nodes:       ${file.nodes.length}`,
    `operations:  ${file.ops.length}`,
    `zones:       ${zoneText}`,
    `generator:   ${file.generator}`,
    `exported at: ${file.exportedAt}`,
  ];
  return `${lines.map(printable).join('\n')}\n`;
}
