/** Word lists the world generator draws names from. All made up; all domains are reserved names. */

import type { WorldZone } from './world-model';

export const WORDS = [
  'acme', 'alpha', 'amber', 'apex', 'arrow', 'atlas', 'aurora', 'beacon', 'birch', 'blue',
  'bolt', 'bright', 'cedar', 'cloud', 'cobalt', 'comet', 'coral', 'crest', 'crystal', 'delta',
  'drift', 'echo', 'ember', 'falcon', 'fern', 'flint', 'forge', 'fox', 'frost', 'galaxy',
  'garnet', 'glade', 'granite', 'harbor', 'hazel', 'helix', 'horizon', 'indigo', 'iris', 'jade',
  'juniper', 'kestrel', 'lagoon', 'lark', 'lumen', 'lynx', 'maple', 'marble', 'meadow', 'mesa',
  'nimbus', 'north', 'nova', 'oak', 'onyx', 'orbit', 'otter', 'pebble', 'pine', 'pixel',
  'polar', 'prairie', 'quartz', 'quill', 'raven', 'reef', 'ridge', 'river', 'rowan', 'sable',
  'sage', 'shadow', 'sierra', 'silver', 'slate', 'solar', 'spruce', 'storm', 'summit', 'swift',
  'tango', 'tide', 'timber', 'topaz', 'tundra', 'umber', 'vale', 'vector', 'velvet', 'willow',
  'wren', 'zenith', 'zephyr',
] as const;

export const LURE_WORDS = [
  'secure', 'update', 'login', 'account', 'verify', 'invoice', 'billing', 'support', 'service',
  'cdn', 'download', 'office', 'docs', 'share', 'cloud', 'mail', 'portal', 'auth', 'wallet',
] as const;

export const SUBDOMAIN_PREFIXES = [
  'www', 'dl', 'cdn', 'mail', 'api', 'login', 'update', 'static', 'files', 'portal', 'm', 'img',
] as const;

export const BASE_SUFFIXES = ['.test', '.example'] as const;
export const EXAMPLE_PARENTS = ['example.com', 'example.net', 'example.org'] as const;

export const MALICIOUS_DOWNLOAD_PATHS = [
  '/dl/payload.exe', '/files/invoice_{n}.exe', '/update/setup_{n}.exe', '/wp-content/uploads/{n}/doc.zip',
  '/download/{w}.scr', '/tmp/{w}.dll', '/static/js/{w}.js', '/media/{w}_{n}.apk', '/s/{n}.bin',
  '/docs/scan_{n}.doc', '/x/{w}.ps1',
] as const;

export const BENIGN_DOWNLOAD_PATHS = [
  '/downloads/setup.msi', '/files/{w}-installer.exe', '/release/{w}-{n}.zip', '/pub/{w}.tar.gz',
] as const;

export const PAGE_PATHS = [
  '/', '/index.html', '/login', '/signin/verify.php', '/account/update', '/news/{n}', '/about',
  '/search?q={w}', '/track?id={n}', '/redirect?u={n}', '/gate.php', '/api/beacon', '/panel/{w}.php',
] as const;

export const C2_PATHS = ['/gate.php', '/api/beacon', '/panel/{w}.php', '/c/{n}', '/jquery-{n}.min.js'] as const;

export const COUNTRY_CODES = [
  'US', 'DE', 'NL', 'FR', 'GB', 'SG', 'JP', 'BR', 'CA', 'SE', 'CH', 'PL', 'IN', 'KR', 'AU', 'ZA',
] as const;

export const CATEGORIES_BY_ZONE: Record<WorldZone, readonly string[]> = {
  Red: ['CATEGORY_MALWARE', 'CATEGORY_PHISHING', 'CATEGORY_BOTNET_CNC', 'CATEGORY_RANSOMWARE'],
  Orange: ['CATEGORY_NOT_TRUSTED', 'CATEGORY_SPAM', 'CATEGORY_SUSPICIOUS_ACTIVITY'],
  Yellow: ['CATEGORY_ADWARE', 'CATEGORY_RISKWARE', 'CATEGORY_PUSH_NOTIFICATIONS'],
  Grey: [],
  Green: ['CATEGORY_INFORMATION_TECHNOLOGIES', 'CATEGORY_SOFTWARE_UPDATES', 'CATEGORY_CDN'],
};

export const INDUSTRIES = [
  'Finance', 'Government', 'Healthcare', 'Telecommunications', 'Energy', 'Education', 'Retail',
  'Manufacturing', 'Transportation', 'Media',
] as const;

export const APT_TITLES = [
  'Example APT campaign targets example sector',
  'Spear-phishing wave delivers modular backdoor',
  'Supply-chain intrusion through a tampered updater',
  'Watering-hole operation against regional ministries',
  'Long-running espionage toolkit resurfaces',
] as const;

export const MALWARE_FAMILIES = [
  'Trojan.Win32.Generic', 'Trojan-Downloader.Win32.Agent', 'Backdoor.Win32.Agent',
  'Trojan-PSW.Win32.Stealer', 'Trojan-Ransom.Win32.Crypren', 'Trojan.MSIL.Crypt',
  'Trojan-Dropper.Win32.Injector', 'Trojan.JS.Redirector', 'Trojan.PowerShell.Starter',
  'Trojan-Banker.AndroidOS.Agent', 'Exploit.MSOffice.CVE-2017-11882',
] as const;

export const ADWARE_FAMILIES = [
  'not-a-virus:HEUR:AdWare.Win32.Agent.gen', 'not-a-virus:Downloader.Win32.Bundler',
  'not-a-virus:HEUR:RiskTool.Win32.BitCoinMiner.gen', 'not-a-virus:WebToolbar.Win32.Agent',
] as const;

export const FILE_TYPES = ['Win32 EXE', 'Win32 DLL', 'Win64 EXE', 'JavaScript', 'ZIP', 'MS Word Document', 'Android APK', 'PowerShell'] as const;
export const PACKERS = ['UPX', 'ASPack', 'Themida', 'MPRESS', 'VMProtect'] as const;

export const SIGNERS = [
  'Example Software Ltd', 'Acme Tools GmbH', 'Contoso Utilities Inc.', 'Northwind Digital LLC',
] as const;

export const CERT_VENDORS = ['Example Trust Services CA', 'Test Code Signing CA 2021', 'Demo Timestamping Authority'] as const;

export const FILE_LOCATIONS = ['%temp%', '%localappdata%', '%appdata%', '%programfiles%', '%windir%', '%userprofile%\\downloads'] as const;
export const FILE_FOLDERS = ['\\', '\\temp\\', '\\microsoft\\', '\\updater\\', '\\{w}\\'] as const;

export const REGISTRARS = [
  { name: 'Example Registrar, Inc.', ianaId: '9999', email: 'abuse@example.net' },
  { name: 'Demo Names LLC', ianaId: '9998', email: 'abuse@demo-names.example' },
  { name: 'Test Domains GmbH', ianaId: '9997', email: 'abuse@test-domains.test' },
] as const;

export const FEED_NAMES: Record<WorldZone, readonly string[]> = {
  Red: ['Malicious_URL_Data_Feed', 'Botnet_CnC_URL_Data_Feed', 'Phishing_URL_Data_Feed', 'IP_Reputation_Data_Feed', 'Ransomware_URL_Data_Feed'],
  Orange: ['IP_Reputation_Data_Feed', 'Mobile_Botnet_CnC_URL_Data_Feed'],
  Yellow: ['Malicious_URL_Data_Feed'],
  Grey: [],
  Green: [],
};

export const SPAM_TYPES = ['Malware', 'Phishing', 'Scam', 'Advertising', 'Extortion'] as const;
export const PHISH_KITS = ['16shop', 'ExampleKit', 'Generic Office365 kit', 'none'] as const;
export const STOLEN_DATA = ['Credentials', 'Bank cards', 'Personal data'] as const;
export const ORGANIZATIONS = ['Example Bank', 'Demo Mail Service', 'Test Payment Provider', 'Sample Government Portal'] as const;
export const REGIONS = ['EU', 'NA', 'APAC', 'LATAM', 'MEA'] as const;
