/**
 * The demo profile: `npm run demo` starts the demo TIP service and launches the app with
 * TIP_WORKBENCH_DEMO_CONFIG pointing at a small JSON file that says where the service listens and
 * where its generated (demo-only) CA and client certificate are. The demo uses its own data folder
 * and its own keychain service name, so it never touches an analyst's real data or entries.
 */
import { readFileSync } from 'node:fs';
import { StaticCredentialProvider, type CredentialProvider } from './credentials/provider';

export const DEMO_CONFIG_ENV = 'TIP_WORKBENCH_DEMO_CONFIG';

export interface DemoConfigFile {
  baseUrl: string;
  caPath: string;
  certPath: string;
  keyPath: string;
  user: string;
  password: string;
}

export interface DemoProfile {
  baseUrl: string;
  ca: string[];
  credentials: CredentialProvider;
}

export function loadDemoProfile(env: NodeJS.ProcessEnv): DemoProfile | null {
  const path = env[DEMO_CONFIG_ENV];
  if (!path) return null;
  const config = JSON.parse(readFileSync(path, 'utf8')) as DemoConfigFile;
  const cert = readFileSync(config.certPath, 'utf8');
  const key = readFileSync(config.keyPath, 'utf8');
  return {
    baseUrl: config.baseUrl,
    ca: [readFileSync(config.caPath, 'utf8')],
    credentials: new StaticCredentialProvider({
      kind: 'certificate',
      cert,
      key,
      user: config.user,
      password: config.password,
    }),
  };
}
