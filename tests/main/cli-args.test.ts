// The command line's own argument parser and its planning of lookups: what a user typing flags
// and indicators would notice — errors that name the flag but never repeat a value, defanged
// input accepted, malformed input kept as a failed row, the app's defaults applied.
import { describe, expect, it } from 'vitest';
import { choiceFlag, integerFlag, parseArgs, type FlagSpec } from '../../src/cli/args';
import { CliError, EXIT } from '../../src/cli/errors';
import { indicatorsFromArguments, indicatorsFromText, parseSections, planLookups } from '../../src/cli/lookup/plan';
import { defaultSettings } from '../../src/shared/settings';

const SPECS: FlagSpec[] = [
  { name: 'help', kind: 'boolean', short: 'h' },
  { name: 'jobs', kind: 'string' },
  { name: 'output', kind: 'string' },
  { name: 'yes', kind: 'boolean', short: 'y' },
];

function usage(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) {
      expect(error.exit).toBe(EXIT.usage);
      return error;
    }
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, short flags, - and -- ', () => {
    const args = parseArgs(['--jobs', '4', '--output=csv', '-y', 'a', '-', '--', '--not-a-flag'], SPECS, 'lookup');
    expect(args.flags.get('jobs')).toBe('4');
    expect(args.flags.get('output')).toBe('csv');
    expect(args.flags.get('yes')).toBe(true);
    expect(args.positionals).toEqual(['a', '-', '--not-a-flag']);
  });

  it('refuses an unknown flag by name, never repeating what followed "="', () => {
    const error = usage(() => parseArgs(['--colour=hunter2-secret'], SPECS, 'lookup'));
    expect(error.message).toContain('--colour');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses secret-carrying flags with their own reason, in any form', () => {
    for (const argv of [['--token', 'abc123'], ['--token=abc123'], ['--password=abc123'], ['--passphrase', 'abc123']]) {
      const error = usage(() => parseArgs(argv, SPECS, 'auth'));
      expect(error.message).toMatch(/never taken from the command line/);
      expect(error.message).not.toContain('abc123');
    }
  });

  it('needs a value for a string flag, and none for a boolean', () => {
    expect(usage(() => parseArgs(['--jobs'], SPECS, 'lookup')).message).toContain('--jobs needs a value');
    expect(usage(() => parseArgs(['--jobs', '--yes'], SPECS, 'lookup')).message).toContain('--jobs needs a value');
    expect(usage(() => parseArgs(['--yes=1'], SPECS, 'lookup')).message).toContain('takes no value');
  });

  it('checks numbers and choices', () => {
    const args = parseArgs(['--jobs', '0', '--output', 'xml'], SPECS, 'lookup');
    expect(usage(() => integerFlag(args, 'jobs', 8, 1, 16)).message).toContain('--jobs must be a whole number from 1 to 16');
    expect(usage(() => choiceFlag(args, 'output', ['ndjson', 'json'] as const)).message).toContain('ndjson, json');
    expect(integerFlag(parseArgs([], SPECS, 'lookup'), 'jobs', 8, 1, 16)).toBe(8);
    expect(integerFlag(parseArgs(['--jobs=12'], SPECS, 'lookup'), 'jobs', 8, 1, 16)).toBe(12);
    expect(usage(() => integerFlag(parseArgs(['--jobs=1e1'], SPECS, 'lookup'), 'jobs', 8, 1, 16)).exit).toBe(2);
  });

  it('never echoes control characters from a flag name', () => {
    expect(usage(() => parseArgs(['--\u001b[31mred'], SPECS, 'lookup')).message).not.toContain('\u001b');
  });
});

describe('planning lookups', () => {
  const settings = defaultSettings();

  it('takes arguments in defanged form and keeps a malformed one as a failed row', () => {
    const plan = planLookups(indicatorsFromArguments(['1.2.3[.]4', 'hxxp://evil[.]com/x', '300.1.2.3', `http://a.com/${'x'.repeat(2100)}`], undefined), { format: 'json' }, settings);
    expect(plan.send.map((row) => [row.type, row.value])).toEqual([
      ['ip', '1.2.3.4'],
      ['url', 'http://evil.com/x'],
    ]);
    expect(plan.refused.map((row) => [row.type, row.error.code])).toEqual([
      ['ip', 'INVALID_INPUT'],
      ['url', 'URL_TOO_LONG'],
    ]);
  });

  it('finds every indicator in a pasted report, once each, and --type keeps one kind', () => {
    const report = 'C2 at 198.51.100[.]23 and bad[.]example[.]com; again 198.51.100.23. Dropper md5 44D88612FEA8A8F36DE82E1278ABB02F.';
    expect(indicatorsFromText(report, undefined).map((i) => i.value)).toEqual(['198.51.100.23', 'bad.example.com', '44d88612fea8a8f36de82e1278abb02f']);
    expect(indicatorsFromText(report, 'domain').map((i) => i.value)).toEqual(['bad.example.com']);
  });

  it('sends each (type, value) once, with the app default count and the sections a type has', () => {
    const candidates = indicatorsFromArguments(['203.0.113.66', '203.0.113.66', 'bad.example.com'], undefined);
    const plan = planLookups(candidates, { format: 'json', sections: ['Zone', 'IpGeneralInfo'] }, settings);
    expect(plan.send).toHaveLength(2);
    expect(plan.send[0]?.request).toEqual({ type: 'ip', value: '203.0.113.66', format: 'json', count: settings.defaultCount, sections: ['Zone', 'IpGeneralInfo', 'LicenseInfo'] });
    // LicenseInfo rides along with any choice of sections: the quota meter needs it.
    expect(plan.send[1]?.request.sections).toEqual(['Zone', 'LicenseInfo']);
  });

  it('fails a row none of whose sections its type has, and refuses a section no type has', () => {
    const plan = planLookups(indicatorsFromArguments(['bad.example.com'], undefined), { format: 'json', sections: ['IpGeneralInfo'] }, settings);
    expect(plan.refused[0]?.error.code).toBe('INVALID_INPUT');
    expect(usage(() => parseSections('Zone,NoSuchSection')).message).toContain('NoSuchSection');
  });

  it('sends neither count nor sections for STIX, as the app does', () => {
    const plan = planLookups(indicatorsFromArguments(['bad.example.com'], undefined), { format: 'stix' }, settings);
    expect(plan.send[0]?.request).toEqual({ type: 'domain', value: 'bad.example.com', format: 'stix' });
  });

  it('--type forces the kind of an argument', () => {
    expect(indicatorsFromArguments(['example.com'], 'url')).toEqual([{ type: 'url', value: 'example.com' }]);
  });
});
