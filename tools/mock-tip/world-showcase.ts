/**
 * The demo's well-known values. They exist in every world whatever the seed (the seed changes their
 * counts and dates, never their zones or their pivots), so the README, the demo and tests can name them.
 */

import { hashesOf, type WorldBuilder } from './world-builder';
import { linkAccess, linkDownload, linkFiles, linkResolution } from './world-factory';
import type { IpEntity } from './world-model';

const FILES = {
  payload: hashesOf('tip-workbench showcase file: payload.exe'),
  stage2: hashesOf('tip-workbench showcase file: stage2.dll'),
  setup: hashesOf('tip-workbench showcase file: setup.msi'),
  adware: hashesOf('tip-workbench showcase file: toolbar_setup.exe'),
};

export const SHOWCASE = {
  /** Red shared-hosting IP: 1,600 DNS resolutions, 1,200+ downloaded files, 1,000+ hosted URLs. */
  hubIp: '203.0.113.66',
  orangeIp: '198.51.100.23',
  greenIp: '192.0.2.10',
  ipv6: '2001:db8::bad:66',
  reservedIp: '10.0.0.1',
  /** Red; resolves to hubIp, orangeIp and ipv6; serves `payload` and its C2 gate. */
  badDomain: 'bad.example.com',
  orangeDomain: 'cdn-update.example.net',
  phishingDomain: 'login-secure-account.test',
  greenDomain: 'www.example.org',
  payloadUrl: 'bad.example.com/dl/payload.exe',
  gateUrl: 'bad.example.com/gate.php',
  stage2Url: '203.0.113.66/dl/stage2.bin',
  phishingUrl: 'login-secure-account.test/signin/verify.php',
  setupUrl: 'www.example.org/downloads/setup.msi',
  adwareUrl: 'cdn-update.example.net/update/toolbar_setup.exe',
  /** Red downloader: downloaded from payloadUrl (served by hubIp), starts stage2, calls gateUrl. */
  payload: FILES.payload,
  stage2: FILES.stage2,
  /** Green, signed. */
  setup: FILES.setup,
  /** Yellow adware. */
  adware: FILES.adware,
} as const;

export const DEMO_INDICATORS: { ip: string[]; domain: string[]; url: string[]; hash: string[] } = {
  ip: [SHOWCASE.hubIp, SHOWCASE.orangeIp, SHOWCASE.greenIp, SHOWCASE.ipv6],
  domain: [SHOWCASE.badDomain, SHOWCASE.orangeDomain, SHOWCASE.phishingDomain, SHOWCASE.greenDomain],
  url: [
    `http://${SHOWCASE.payloadUrl}`,
    `http://${SHOWCASE.stage2Url}`,
    `https://${SHOWCASE.phishingUrl}`,
    `https://${SHOWCASE.setupUrl}`,
  ],
  hash: [SHOWCASE.payload.md5, SHOWCASE.stage2.sha256, SHOWCASE.setup.sha1, SHOWCASE.adware.md5],
};

/** Adds the showcase entities and the edges between them. Returns the hub, for the fan-out step. */
export function addShowcase(builder: WorldBuilder): IpEntity {
  const { rng } = builder;
  const hub = builder.addIp(SHOWCASE.hubIp, 'Red');
  hub.score = 97;
  hub.hits = rng.int(250_000, 900_000);
  hub.apt = [{ Id: rng.hex(24), Title: 'Shared hosting abused by an example campaign' }];
  hub.industries = ['Finance', 'Government'];
  hub.categories = ['CATEGORY_MALWARE', 'CATEGORY_BOTNET_CNC'];
  hub.feedMasks = [{ Zone: 'Red', Status: 'Active', NormalizedMask: SHOWCASE.hubIp, FeedNames: ['IP_Reputation_Data_Feed', 'Botnet_CnC_URL_Data_Feed'], MaskType: 'Ip' }];
  hub.dataFeeds = ['IP_Reputation_Data_Feed', 'Botnet_CnC_URL_Data_Feed'];
  hub.spam = { spam_attacks: rng.int(100, 5000), spam_ratio: 0.42, last_attack_date: hub.lastSeen, spam_attack_types: ['Malware', 'Phishing'] };
  hub.phishing = {
    phishing_attacks: rng.int(50, 900), last_attack_date: hub.lastSeen, regions: ['EU', 'NA'],
    phish_kit: 'ExampleKit', stolen_data_type: 'Credentials', attacked_industry: 'Finance', attacked_organization: 'Example Bank',
  };
  const orange = builder.addIp(SHOWCASE.orangeIp, 'Orange');
  const green = builder.addIp(SHOWCASE.greenIp, 'Green');
  const v6 = builder.addIp(SHOWCASE.ipv6, 'Red');

  const bad = builder.addDomain(SHOWCASE.badDomain, 'Red');
  bad.categories = ['CATEGORY_MALWARE', 'CATEGORY_PHISHING'];
  const orangeDomain = builder.addDomain(SHOWCASE.orangeDomain, 'Orange');
  const phishing = builder.addDomain(SHOWCASE.phishingDomain, 'Red');
  phishing.categories = ['CATEGORY_PHISHING'];
  phishing.apt = [{ Id: rng.hex(24), Title: 'Credential phishing against example finance portals' }];
  phishing.industries = ['Finance'];
  const greenDomain = builder.addDomain(SHOWCASE.greenDomain, 'Green');
  for (const ip of [hub, orange, v6]) linkResolution(rng, bad, ip);
  linkResolution(rng, orangeDomain, orange);
  linkResolution(rng, phishing, hub);
  linkResolution(rng, greenDomain, green);

  const payloadUrl = builder.addUrl(SHOWCASE.badDomain, '/dl/payload.exe', 'Red');
  const gateUrl = builder.addUrl(SHOWCASE.badDomain, '/gate.php', 'Red');
  const stage2Url = builder.addUrl(SHOWCASE.hubIp, '/dl/stage2.bin', 'Red');
  builder.addUrl(SHOWCASE.phishingDomain, '/signin/verify.php', 'Red');
  const setupUrl = builder.addUrl(SHOWCASE.greenDomain, '/downloads/setup.msi', 'Green');
  const adwareUrl = builder.addUrl(SHOWCASE.orangeDomain, '/update/toolbar_setup.exe', 'Yellow');

  const payload = builder.addFile(SHOWCASE.payload, 'Red', 'payload.exe');
  // Two detections, two names: enough to show that `count` cuts FileNames but never DetectionsInfo.
  payload.detectionName = 'Trojan-Downloader.Win32.Agent.showcase';
  payload.detections = [
    { LastDetectDate: payload.lastSeen, DescriptionUrl: 'https://threats.kaspersky.com/en/threat/Trojan-Downloader.Win32.Agent/', Zone: 'Red', DetectionName: payload.detectionName, DetectionMethod: 'Signature' },
    { LastDetectDate: payload.firstSeen, DescriptionUrl: 'https://threats.kaspersky.com/en/threat/HEUR:Trojan.Win32.Generic/', Zone: 'Red', DetectionName: 'HEUR:Trojan.Win32.Generic', DetectionMethod: 'Heuristic' },
  ];
  payload.names = [{ FileName: 'payload.exe', FileNamesHitsCount: 900 }, { FileName: 'invoice_0423.exe', FileNamesHitsCount: 120 }, { FileName: 'setup.exe', FileNamesHitsCount: 3 }];
  const stage2 = builder.addFile(SHOWCASE.stage2, 'Red', 'stage2.dll');
  const setup = builder.addFile(SHOWCASE.setup, 'Green', 'setup.msi');
  // Green files are always signed, so there is a parent certificate to add a root to.
  const [parentCert] = setup.parentCertificates;
  if (parentCert !== undefined) {
    setup.parentCertificates = [parentCert, { ...parentCert, Publisher: 'Example Root Certification Authority', SerialNumber: rng.hex(32).toUpperCase() }];
  }
  const adware = builder.addFile(SHOWCASE.adware, 'Yellow', 'toolbar_setup.exe');

  linkDownload(rng, payload, payloadUrl, hub);
  linkDownload(rng, stage2, stage2Url, hub);
  linkDownload(rng, setup, setupUrl, green);
  linkDownload(rng, adware, adwareUrl, orange);
  linkAccess(rng, payload, gateUrl);
  linkAccess(rng, stage2, gateUrl);
  linkFiles(rng, 'started', payload, stage2);
  linkFiles(rng, 'downloaded', payload, stage2);
  return hub;
}
