/**
 * `tipwb auth …`: the app's credential vault (the same keychain entries). Secrets are read from a
 * prompt with echo off, or from standard input when it is a pipe — never from an argument, and
 * never printed: what comes back is metadata.
 */
import { constants, promises as fs } from 'node:fs';
import type { CredentialVault } from '../../main/credentials';
import { createTipClient } from '../../main/tip';
import type { CredentialStatus } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import type { LookupRequest } from '../../shared/tip/types';
import { booleanFlag, HELP_FLAG, parseArgs, SECRET_ARGUMENT_MESSAGE, stringFlag, type FlagSpec } from '../args';
import { environmentCredentials, fsReason, keychainService, openVault, resolveConnection } from '../connection';
import { appDataDir, loadSettings } from '../data-dir';
import { CliError, EXIT, usageError } from '../errors';
import { AUTH_HELP } from '../help';
import type { CliIo } from '../io';
import { confirm, promptLine, promptSecret, readPipedLines } from '../prompt';
import { printable } from '../text';

const FLAGS: FlagSpec[] = [HELP_FLAG, { name: 'user', kind: 'string' }, { name: 'yes', kind: 'boolean', short: 'y' }, { name: 'online', kind: 'boolean' }];
const DELETABLE = ['certificate', 'basic', 'token', 'all'] as const;
/** The app's connection check (lookup-service.ts): any well-formed object, this one TIP's own domain. */
const CHECK: LookupRequest = { type: 'domain', value: 'kaspersky.com', sections: ['Zone', 'LicenseInfo'], count: 1, format: 'json' };

export async function authCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, FLAGS, 'auth');
  const [sub, ...rest] = args.positionals;
  if (booleanFlag(args, 'help') || sub === 'help') {
    io.stdout.write(AUTH_HELP);
    return EXIT.ok;
  }
  switch (sub) {
    case 'status':
      return status(io, rest);
    case 'check':
      return check(io, rest, booleanFlag(args, 'online'));
    case 'import-cert':
      return importCertificate(io, rest);
    case 'set-token':
      noSecretArguments('set-token', rest);
      return setToken(io);
    case 'set-basic':
      noSecretArguments('set-basic', rest);
      return setBasic(io, stringFlag(args, 'user'));
    case 'use':
      return useMode(io, rest);
    case 'delete':
      return remove(io, rest, booleanFlag(args, 'yes'));
    case undefined:
      throw usageError('tipwb auth needs a subcommand: status, check, import-cert, set-token, set-basic, use or delete; see tipwb auth --help.');
    default:
      throw usageError('unknown auth subcommand; tipwb auth knows status, check, import-cert, set-token, set-basic, use and delete.');
  }
}

/** Whatever follows set-token / set-basic may be a secret: refused, and never repeated. */
function noSecretArguments(sub: string, rest: readonly string[]): void {
  if (rest.length > 0) throw usageError(`tipwb auth ${sub} takes no arguments: ${SECRET_ARGUMENT_MESSAGE}.`);
}

function noArguments(sub: string, rest: readonly string[]): void {
  if (rest.length > 0) throw usageError(`tipwb auth ${sub} takes no arguments; see tipwb auth --help.`);
}

/** A vault failure as the one error line; the vault's messages never hold a secret. */
function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code, message } = result.error;
  throw new CliError(code, message, EXIT.failed);
}

async function status(io: CliIo, rest: readonly string[]): Promise<number> {
  noArguments('status', rest);
  const vault = openVault(io.env);
  const current = unwrap(await vault.status());
  io.stdout.write(describeStatus(current, keychainService(io.env)));
  // The proxy's Basic credentials, set in the app (Settings → Network): who, never the password.
  const proxy = current.keychain.available ? await vault.proxyStatus() : null;
  if (proxy?.ok) {
    io.stdout.write(`proxy user:   ${proxy.value.user === null ? 'none' : `${printable(proxy.value.user)}${proxy.value.hasPassword ? ' (password stored)' : ''}`}\n`);
  }
  const fromEnv = environmentCredentials(io.env);
  if (fromEnv !== null) {
    const names = fromEnv === 'token' ? 'TIP_TOKEN is' : 'TIP_CERT and TIP_KEY are';
    io.stdout.write(`environment:  ${names} set: lookups use them, not the keychain\n`);
  }
  return EXIT.ok;
}

export function describeStatus(s: CredentialStatus, service: string): string {
  const lines: string[] = [];
  lines.push(`keychain:     ${s.keychain.available ? `available (service ${service})` : `UNAVAILABLE — ${s.keychain.message ?? 'unknown reason'}`}`);
  lines.push(`mode:         ${s.authMode === 'token' ? 'API token' : 'client certificate + user name and password'}`);
  const c = s.certificate;
  if (c === null) lines.push('certificate:  none');
  else {
    lines.push(`certificate:  ${c.subject} (${c.format === 'pem' ? 'PEM' : 'PKCS#12'})`);
    lines.push(`  issuer:     ${c.issuer}`);
    lines.push(`  SHA-256:    ${c.fingerprint256}`);
    lines.push(`  valid:      ${c.validFrom} to ${c.validTo} (${c.daysLeft < 0 ? 'EXPIRED' : `${c.daysLeft} days left`})`);
  }
  lines.push(`user name:    ${s.userName ?? 'none'}`);
  lines.push(`password:     ${s.hasPassword ? 'stored' : 'none'}`);
  lines.push(`API token:    ${s.hasToken ? 'stored' : 'none'}${s.hasToken && s.tokenExpiresAt ? ` (expires ${s.tokenExpiresAt})` : ''}`);
  for (const warning of s.warnings) lines.push(`${warning.level}:${' '.repeat(Math.max(1, 13 - warning.level.length))}${warning.message}`);
  return `${lines.map(printable).join('\n')}\n`;
}

async function check(io: CliIo, rest: readonly string[], online: boolean): Promise<number> {
  noArguments('check', rest);
  const dataDir = appDataDir(io.env, io.platform, io.homedir);
  const { settings } = await loadSettings(dataDir);
  if (settings.offline && !online) {
    throw new CliError('OFFLINE', "Offline mode is on in TIP Workbench's settings, so nothing was sent. Turn it off in the app, or add --online.", EXIT.failed);
  }
  const connection = await resolveConnection({ env: io.env, settings, dataDir, vault: () => openVault(io.env) });
  const client = createTipClient(connection.options);
  const started = Date.now();
  let answer;
  try {
    answer = await client.lookup(CHECK);
  } finally {
    client.close();
  }
  if (!answer.ok) throw new CliError(answer.error.code, answer.error.message, EXIT.failed);
  const license = answer.value.license;
  const expires = license?.TokenExpirationDate ?? null;
  if (connection.vault !== null) await connection.vault.recordTokenExpiry(expires);
  const quota =
    typeof license?.DayRequests === 'number' && typeof license.DayQuota === 'number'
      ? `${license.DayRequests} of ${license.DayQuota} requests used (this check included)`
      : 'not reported';
  io.stdout.write(
    [
      `connection:   OK — ${connection.options.baseUrl}, ${connection.authLabel} (${connection.source}), ${Date.now() - started} ms`,
      `access type:  ${license?.AccessType ?? 'not reported'}`,
      `quota today:  ${quota}`,
      ...(connection.options.auth.kind === 'token' ? [`token expiry: ${expires ?? 'not reported'}`] : []),
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}

async function importCertificate(io: CliIo, rest: readonly string[]): Promise<number> {
  const [path, ...extra] = rest;
  if (path === undefined || extra.length > 0) throw usageError('tipwb auth import-cert takes one FILE (PEM, or PKCS#12 .p12/.pfx).');
  try {
    await fs.access(path, constants.R_OK);
  } catch (error) {
    throw usageError(`${path} cannot be read (${fsReason(error)}).`);
  }
  const vault = openVault(io.env);
  // Piped: the first line is the passphrase (an empty line or nothing: none).
  let passphrase = io.stdin.isTTY ? undefined : (await readPipedLines(io.stdin))[0] || undefined;
  let imported = await vault.importCertificateFile(path, passphrase);
  if (!imported.ok && imported.error.code === 'BAD_PASSPHRASE' && passphrase === undefined && io.stdin.isTTY) {
    passphrase = await promptSecret(io, `Passphrase for ${path}: `);
    imported = await vault.importCertificateFile(path, passphrase);
  }
  const info = unwrap(imported);
  io.stdout.write(`stored certificate ${info.subject}, issued by ${info.issuer}, valid to ${info.validTo} (${info.daysLeft} days left)\n`);
  await noteMissing(io, vault);
  return EXIT.ok;
}

async function setToken(io: CliIo): Promise<number> {
  const token = io.stdin.isTTY ? await promptSecret(io, 'TIP API token (not shown): ') : firstFilled(await readPipedLines(io.stdin));
  const vault = openVault(io.env);
  unwrap(await vault.setToken(token));
  io.stdout.write('stored the API token\n');
  await noteMissing(io, vault);
  return EXIT.ok;
}

async function setBasic(io: CliIo, userFlag: string | undefined): Promise<number> {
  let user = userFlag;
  let password: string;
  if (io.stdin.isTTY) {
    user ??= await promptLine(io.stdin, io, 'TIP user name: ');
    password = await promptSecret(io, `Password for ${user.trim()} (not shown): `);
  } else {
    // Piped: the password alone when --user is given, else the user name then the password.
    const lines = await readPipedLines(io.stdin);
    if (user === undefined) {
      user = lines[0] ?? '';
      password = lines[1] ?? '';
    } else {
      password = lines[0] ?? '';
    }
  }
  const vault = openVault(io.env);
  const stored = unwrap(await vault.setBasic(user, password));
  io.stdout.write(`stored the user name ${stored.userName ?? ''} and its password\n`);
  await noteMissing(io, vault);
  return EXIT.ok;
}

async function useMode(io: CliIo, rest: readonly string[]): Promise<number> {
  const [mode, ...extra] = rest;
  if ((mode !== 'certificate' && mode !== 'token') || extra.length > 0) throw usageError('tipwb auth use takes certificate or token.');
  const vault = openVault(io.env);
  unwrap(await vault.setAuthMode(mode));
  io.stdout.write(`lookups now use ${mode === 'token' ? 'the API token' : 'the client certificate + user name and password'} (in the app too)\n`);
  await noteMissing(io, vault);
  return EXIT.ok;
}

async function remove(io: CliIo, rest: readonly string[], yes: boolean): Promise<number> {
  const [given, ...extra] = rest;
  if (extra.length > 0 || (given !== undefined && !(DELETABLE as readonly string[]).includes(given))) {
    throw usageError('tipwb auth delete takes certificate, basic, token or all.');
  }
  let item = given as (typeof DELETABLE)[number] | undefined;
  if (item === undefined) {
    if (!yes) {
      const answer = await confirm(io, 'Delete every TIP credential TIP Workbench stores (certificate, user name and password, token)? [y/N] ');
      if (answer === null) throw usageError('say what to delete: tipwb auth delete certificate|basic|token|all.');
      if (!answer) {
        io.stderr.write('tipwb: nothing was deleted.\n');
        return EXIT.ok;
      }
    }
    item = 'all';
  }
  unwrap(await openVault(io.env).delete(item));
  io.stdout.write(item === 'all' ? 'deleted every stored credential\n' : `deleted the stored ${item === 'basic' ? 'user name and password' : item}\n`);
  return EXIT.ok;
}

/** After a change: what the mode in force still lacks, so the next lookup does not surprise. */
async function noteMissing(io: CliIo, vault: CredentialVault): Promise<void> {
  const auth = await vault.getAuth();
  if (!auth.ok && auth.error.code === 'NO_CREDENTIALS') io.stderr.write(`tipwb: note: ${auth.error.message.replace('Settings → Credentials', 'the app or with tipwb auth')}\n`);
}

function firstFilled(lines: readonly string[]): string {
  return lines.find((line) => line.trim() !== '') ?? '';
}
