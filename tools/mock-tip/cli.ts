/**
 * `npx tsx tools/mock-tip/cli.ts [--port N] [--token-port N] [--seed S] [--epoch N] [--latency MS] [--data-dir D] [--quota N] [--no-compression]`
 * Starts the demo TIP service, prints how to reach it, and runs until SIGINT/SIGTERM.
 */

import { parseArgs } from 'node:util';
import { DEMO_INDICATORS, startMockTip, type MockTipOptions } from './index';

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} expects a non-negative integer, got "${text}"`);
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'token-port': { type: 'string' },
      seed: { type: 'string' },
      epoch: { type: 'string' },
      latency: { type: 'string' },
      'data-dir': { type: 'string' },
      quota: { type: 'string' },
      'no-compression': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log('usage: npx tsx tools/mock-tip/cli.ts [--port N] [--token-port N] [--seed S] [--epoch N] [--latency MS] [--data-dir D] [--quota N] [--no-compression]');
    return;
  }
  const options: MockTipOptions = {};
  const port = integer('port', values.port);
  const tokenPort = integer('token-port', values['token-port']);
  const latencyMs = integer('latency', values.latency);
  const dayQuota = integer('quota', values.quota);
  const epoch = integer('epoch', values.epoch);
  if (port !== undefined) options.port = port;
  if (tokenPort !== undefined) options.tokenPort = tokenPort;
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  if (dayQuota !== undefined) options.dayQuota = dayQuota;
  if (epoch !== undefined) options.epoch = epoch;
  if (values.seed !== undefined) options.seed = values.seed;
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values['no-compression'] === true) options.compression = false;

  const mock = await startMockTip(options);
  const lines = [
    'TIP Workbench demo TIP service (fake data only)',
    `  certificate mode : ${mock.url}   (client certificate + Basic ${mock.user} / ${mock.password})`,
    `  token mode       : ${mock.tokenUrl}   (Bearer ${mock.token}, expires ${mock.tokenExpiresAt.toISOString()})`,
    `  CA certificate   : ${mock.paths.ca}`,
    `  client cert/key  : ${mock.paths.clientCert}  ${mock.paths.clientKey}`,
    `  encrypted key    : ${mock.paths.clientKeyEncrypted}  (passphrase ${mock.clientCert.keyPassphrase})`,
    `  PKCS#12          : ${mock.paths.clientPfx}  (passphrase ${mock.clientCert.pfxPassphrase})`,
    `  world            : ${JSON.stringify(mock.world.stats)}, epoch ${mock.epoch}`,
    '  try:',
    ...Object.entries(DEMO_INDICATORS).map(([type, values]) => `    ${type.padEnd(6)} ${values.join('  ')}`),
    `  e.g. curl --cacert ${mock.paths.ca} --cert ${mock.paths.clientCert} --key ${mock.paths.clientKey} -u ${mock.user}:${mock.password} ${mock.url}/api/ip/${DEMO_INDICATORS.ip[0] ?? ''}?count=5`,
  ];
  console.log(lines.join('\n'));
  const shutdown = (signal: string): void => {
    console.log(`\n${signal}: stopping`);
    mock.stop().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
