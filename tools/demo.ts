/**
 * `npm run demo`: starts the demo TIP service on 127.0.0.1, builds the app, and opens the workbench
 * against it with a separate demo profile (its own data folder and keychain service name), so the
 * demo never touches an analyst's real data. Electron downloads its binary at first run; where that
 * cannot happen the demo service keeps running and says how to reach it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_CONFIG_ENV, type DemoConfigFile } from '../src/main/demo-profile';
import { installedElectron } from './electron-binary';
import { DEMO_INDICATORS, startMockTip } from './mock-tip';

const root = resolve(__dirname, '..');
const demoDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tip-workbench-demo');

function ensureElectron(): string | null {
  const found = installedElectron();
  if (found) return found;
  console.log('Electron downloads its binary at first run; fetching it now…');
  const install = spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], { stdio: 'inherit' });
  return install.status === 0 ? installedElectron() : null;
}

async function main(): Promise<void> {
  mkdirSync(demoDir, { recursive: true });
  const mock = await startMockTip({ dataDir: join(demoDir, 'pki'), port: Number(process.env.TIP_DEMO_PORT ?? 0) });
  const config: DemoConfigFile = {
    baseUrl: mock.url,
    caPath: mock.paths.ca,
    certPath: mock.paths.clientCert,
    keyPath: mock.paths.clientKey,
    user: mock.user,
    password: mock.password,
  };
  const configPath = join(demoDir, 'demo.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  console.log(`Demo TIP service: ${mock.url}`);
  console.log(`Try: ${[DEMO_INDICATORS.ip[0], DEMO_INDICATORS.domain[0], DEMO_INDICATORS.hash[0]].join('  ')}`);

  const build = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    await mock.stop();
    process.exit(build.status ?? 1);
  }

  const electron = ensureElectron();
  if (!electron) {
    console.error(
      '\nThe Electron binary is not available (it is downloaded at first run and this machine could not fetch it).\n' +
        `The demo TIP service keeps running at ${mock.url} — CA ${mock.paths.ca}, client certificate ${mock.paths.clientCert}.\n` +
        'Press Ctrl+C to stop it.',
    );
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
    await mock.stop();
    return;
  }

  const app = spawn(electron, ['.'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, [DEMO_CONFIG_ENV]: configPath },
  });
  const stop = (): void => {
    app.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await new Promise<number>((done) => app.once('exit', (exitCode) => done(exitCode ?? 0)));
  await mock.stop();
  process.exit(code);
}

void main();
