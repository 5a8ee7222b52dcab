/**
 * `tipwb lookup [INDICATOR…]`: plan (nothing sent yet) → checks that stop before the first request
 * (offline, credentials, --max-requests) → the shared bulk queue (Retry-After pauses the whole run,
 * the quota stops it) → one printed row per finished lookup, as each finishes, never twice.
 */
import { storedLookupFrom } from '../../shared/case-file/build';
import type { StoredLookup } from '../../shared/case-file/types';
import { ok } from '../../shared/ipc/result';
import { createLookupQueue, type QueueRow, type QueueSnapshot } from '../../shared/lookups/queue';
import { LOOKUP_FORMATS, LOOKUP_TYPES, type LicenseInfo, type LookupAnswer } from '../../shared/tip/types';
import { MAX_COUNT } from '../../shared/settings';
import { createTipClient } from '../../main/tip';
import { booleanFlag, choiceFlag, HELP_FLAG, integerFlag, parseArgs, stringFlag, type FlagSpec } from '../args';
import { openVault, resolveConnection } from '../connection';
import { appDataDir, loadSettings } from '../data-dir';
import { CliError, errorLine, EXIT, usageError } from '../errors';
import { LOOKUP_HELP } from '../help';
import type { CliIo } from '../io';
import { confirm, readStdinText } from '../prompt';
import { checkCasePath, writeCase } from '../lookup/case-output';
import { createPrinter, OUTPUT_KINDS, type OutputRow } from '../lookup/output';
import { indicatorsFromArguments, indicatorsFromText, parseSections, planLookups, type PlannedLookup } from '../lookup/plan';
import { createProgress } from '../lookup/progress';

export const DEFAULT_JOBS = 8;
export const MAX_JOBS = 16;
export const DEFAULT_MAX_REQUESTS = 100;

const FLAGS: FlagSpec[] = [
  HELP_FLAG,
  { name: 'type', kind: 'string' },
  { name: 'sections', kind: 'string' },
  { name: 'count', kind: 'string' },
  { name: 'format', kind: 'string' },
  { name: 'jobs', kind: 'string' },
  { name: 'output', kind: 'string' },
  { name: 'case', kind: 'string' },
  { name: 'max-requests', kind: 'string' },
  { name: 'yes', kind: 'boolean', short: 'y' },
  { name: 'online', kind: 'boolean' },
];

interface Answered {
  answer: LookupAnswer;
  fetchedAt: string;
}

export async function lookupCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, FLAGS, 'lookup');
  if (booleanFlag(args, 'help')) {
    io.stdout.write(LOOKUP_HELP);
    return EXIT.ok;
  }
  const type = choiceFlag(args, 'type', LOOKUP_TYPES);
  const format = choiceFlag(args, 'format', LOOKUP_FORMATS) ?? 'json';
  const sectionsText = stringFlag(args, 'sections');
  const sections = sectionsText === undefined ? undefined : parseSections(sectionsText);
  const count = stringFlag(args, 'count') === undefined ? undefined : integerFlag(args, 'count', 0, 1, MAX_COUNT);
  if (format === 'stix' && (sections !== undefined || count !== undefined)) {
    throw usageError('--sections and --count do not apply to --format stix (TIP sends the whole STIX bundle).');
  }
  const jobs = integerFlag(args, 'jobs', DEFAULT_JOBS, 1, MAX_JOBS);
  const maxRequests = integerFlag(args, 'max-requests', DEFAULT_MAX_REQUESTS, 0, 1_000_000);
  const output = choiceFlag(args, 'output', OUTPUT_KINDS) ?? (io.stdout.isTTY ? 'table' : 'ndjson');
  const casePath = stringFlag(args, 'case');
  const yes = booleanFlag(args, 'yes');

  const words = args.positionals.filter((arg) => arg !== '-');
  const fromStdin = args.positionals.includes('-') || (args.positionals.length === 0 && !io.stdin.isTTY);
  if (args.positionals.length === 0 && !fromStdin) {
    throw usageError('give indicators as arguments, or pipe text into tipwb lookup (or use - to read standard input); see tipwb lookup --help.');
  }
  if (casePath !== undefined) await checkCasePath(casePath);

  const candidates = indicatorsFromArguments(words, type);
  if (fromStdin) candidates.push(...indicatorsFromText(await readStdinText(io.stdin), type));
  const dataDir = appDataDir(io.env, io.platform, io.homedir);
  const loaded = await loadSettings(dataDir);
  if (loaded.warning) io.stderr.write(`tipwb: warning: ${loaded.warning}\n`);
  const plan = planLookups(candidates, { format, ...(type ? { type } : {}), ...(sections ? { sections } : {}), ...(count ? { count } : {}) }, loaded.settings);
  const startedAt = new Date().toISOString();

  if (candidates.length === 0) {
    io.stderr.write(`tipwb: nothing to look up: no indicator was found in ${fromStdin ? 'standard input' : 'the arguments'}.\n`);
    if (casePath !== undefined) await writeCase(casePath, [], startedAt);
    return EXIT.ok;
  }

  // Everything that can stop the run does so before the first request.
  let connection = null;
  if (plan.send.length > 0) {
    if (loaded.settings.offline && !booleanFlag(args, 'online')) {
      throw new CliError(
        'OFFLINE',
        "Offline mode is on in TIP Workbench's settings, so nothing was sent. Turn it off in the app, or add --online to send this run anyway.",
        EXIT.failed,
      );
    }
    connection = await resolveConnection({ env: io.env, settings: loaded.settings, dataDir, vault: () => openVault(io.env) });
    if (plan.send.length > maxRequests && !yes) {
      const n = plan.send.length;
      const answer = await confirm(io, `Send ${n} lookups to TIP? They count against today's quota. [y/N] `);
      if (answer !== true) {
        throw new CliError(
          'MAX_REQUESTS',
          answer === null
            ? `${n} lookups would be sent, more than --max-requests ${maxRequests}, and there is no terminal to ask at: nothing was sent. Add --yes to send them, or raise --max-requests.`
            : 'nothing was sent.',
          EXIT.usage,
        );
      }
    }
  }

  const printer = createPrinter(output);
  const progress = createProgress(io.stderr);
  let closed = false;
  const print = (text: string): void => {
    if (closed || text === '') return;
    progress.clear();
    io.stdout.write(text);
  };
  print(printer.start());
  for (const refused of plan.refused) {
    print(printer.row({ type: refused.type, value: refused.value, ok: false, error: { code: refused.error.code, message: refused.error.message } }));
  }
  if (connection === null) {
    print(printer.end());
    closed = true;
    if (casePath !== undefined) await writeCase(casePath, [], startedAt);
    return plan.refused.length > 0 ? EXIT.failed : EXIT.ok;
  }

  const client = createTipClient(connection.options);
  const answers: StoredLookup[] = [];
  const printed = new Uint8Array(plan.send.length);
  let lastLicense: LicenseInfo | null = null;

  const emit = (row: QueueRow<PlannedLookup, Answered>): void => {
    if (printed[row.index] === 1) return;
    if (row.status === 'done') {
      const stored = storedLookupFrom({ type: row.item.type, value: row.item.value, params: row.item.params }, row.value.answer, row.value.fetchedAt);
      answers.push(stored);
      printed[row.index] = 1;
      print(printer.row(answerRow(stored)));
    } else if (row.status === 'failed' || row.status === 'skipped') {
      printed[row.index] = 1;
      print(printer.row({ type: row.item.type, value: row.item.value, ok: false, error: { code: row.error.code, message: row.error.message } }));
    }
  };
  const observe = (snapshot: QueueSnapshot<PlannedLookup, Answered>): void => {
    for (const row of snapshot.rows) emit(row);
    const c = snapshot.counts;
    if (!closed) progress.update({ total: c.total, finished: c.done + c.failed + c.skipped + c.cancelled, failed: c.failed, pausedUntil: snapshot.pausedUntil });
  };

  const queue = createLookupQueue<PlannedLookup, Answered>({
    concurrency: jobs,
    run: async (item, signal) => {
      const result = await client.lookup(item.request, { signal });
      if (!result.ok) return result;
      if (result.value.license) lastLicense = result.value.license;
      return ok({ answer: result.value, fetchedAt: new Date().toISOString() });
    },
    quotaSpent: ({ answer }) => isSpent(answer.license),
    onChange: observe,
  });

  let interrupted = false;
  let brokenPipe = false;
  const stopOnInterrupt = io.onInterrupt(() => {
    if (interrupted) process.exit(EXIT.interrupted); // a second Ctrl+C: out now
    interrupted = true;
    queue.cancel();
  });
  io.stdout.on('error', (error) => {
    // The reader went away (`| head`): stop sending; nobody is left to print to.
    if ((error as { code?: unknown }).code === 'EPIPE') {
      brokenPipe = true;
      closed = true;
      queue.cancel();
    }
  });

  queue.add(plan.send);
  let final: QueueSnapshot<PlannedLookup, Answered>;
  try {
    final = await queue.done;
  } finally {
    stopOnInterrupt();
    client.close();
  }
  observe(final);
  progress.clear();
  print(printer.end());
  closed = true;
  if (casePath !== undefined) await writeCase(casePath, answers, startedAt);

  const c = final.counts;
  if (final.stopped === 'quota') io.stderr.write(errorLine('QUOTA_EXCEEDED', quotaMessage(lastLicense, c.skipped)));
  if (interrupted) {
    const unsent = c.cancelled;
    io.stderr.write(errorLine('CANCELLED', `interrupted: ${c.done} answered, ${c.failed + c.skipped} failed, ${unsent} stopped or not sent${casePath !== undefined ? `; ${casePath} holds the ${answers.length} answers` : ''}.`));
    return EXIT.interrupted;
  }
  if (brokenPipe) return EXIT.failed;
  return plan.refused.length + c.failed + c.skipped > 0 ? EXIT.failed : EXIT.ok;
}

function answerRow(stored: StoredLookup): OutputRow {
  return { type: stored.type, value: stored.value, ok: true, status: stored.status, zone: stored.zone, fetchedAt: stored.fetchedAt, body: stored.body };
}

/** Today's quota is used up by this answer's own count (DayRequests includes it). */
export function isSpent(license: LicenseInfo | undefined | null): boolean {
  const used = license?.DayRequests;
  const quota = license?.DayQuota;
  return typeof used === 'number' && typeof quota === 'number' && quota > 0 && used >= quota;
}

function quotaMessage(license: LicenseInfo | null, unsent: number): string {
  const used = isSpent(license) ? ` (${license?.DayRequests} of ${license?.DayQuota} requests used)` : '';
  const what = unsent === 1 ? '1 lookup was' : `${unsent} lookups were`;
  return `today's TIP lookup quota is used up${used}: ${what} not sent. Send them again after the quota resets.`;
}
