/**
 * Time in the demo world. Epoch 0 is the world exactly as generated (the answers every other test
 * knows); each later epoch is one more week of activity, replayed step by step on a fresh copy, so
 * epoch n is the same world whatever was asked for before:
 * - every epoch, hits grow everywhere and about half of everything is seen again in the new week
 *   (noise a diff should ignore), then a seeded drift rezones some objects, moves IP threat scores,
 *   adds and ends DNS resolutions and downloads, and changes some WHOIS records (world-drift.ts);
 * - epoch 1 also tells the showcase story (world-epoch-showcase.ts), written out so tests can name it.
 *
 * The drift leaves the showcase alone, and everything the showcase answers list, so a showcase
 * object's diff is exactly its story. The hub is the exception: it is where churn and the `count`
 * cut show, so its edges drift (its own zone and score do not).
 */

import { Rng, type Seed } from './prng';
import type { WorldBuilder } from './world-builder';
import { applyDrift, type Entity, type Still } from './world-drift';
import { EPOCH_SHOWCASE, tellShowcaseStory, type EpochWindow } from './world-epoch-showcase';
import { minuteAt, WORLD_END } from './world-factory';
import type { DomainEntity, DomainWhois, IpEntity } from './world-model';
import { SHOWCASE } from './world-showcase';

export { EPOCH_SHOWCASE } from './world-epoch-showcase';

/** World time one epoch stands for. */
export const EPOCH_DAYS = 7;
/** Ten years of weeks: far more than a demo needs, and replaying stays well under a second. */
export const MAX_EPOCH = 520;
const DAY = 86_400_000;

/** The end of an epoch's week, epoch ms: where its new LastSeen dates stop. */
export function epochEnd(epoch: number): number {
  return WORLD_END + epoch * EPOCH_DAYS * DAY;
}

export function checkEpoch(epoch: number): number {
  if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch > MAX_EPOCH) {
    throw new RangeError(`epoch must be an integer from 0 to ${MAX_EPOCH}, got ${String(epoch)}`);
  }
  return epoch;
}

/** What an entity's own answer lists, i.e. whose zone or edges would show in its diff. */
function neighbours(entity: Entity, domains: Iterable<DomainEntity>): Entity[] {
  if ('address' in entity) {
    return [
      ...entity.resolutions.map((r) => r.domain), ...entity.downloads.flatMap((d) => [d.file, d.url]),
      ...entity.literalUrls, ...entity.resolutions.flatMap((r) => r.domain.urls),
    ];
  }
  if ('whois' in entity) {
    const suffix = `.${entity.name}`;
    return [
      ...entity.resolutions.map((r) => r.ip), ...entity.urls.flatMap((u) => [u, ...neighbours(u, [])]),
      ...[...domains].filter((d) => d.name.endsWith(suffix)),
    ];
  }
  if ('md5' in entity) {
    return [
      ...entity.downloads.map((d) => d.url), ...entity.accesses.map((a) => a.url),
      ...entity.started.map((l) => l.child), ...entity.startedBy.map((l) => l.parent),
      ...entity.downloadedObjects.map((l) => l.child), ...entity.downloadedBy.map((l) => l.parent),
    ];
  }
  return [
    ...(entity.hostDomain === null ? [] : [entity.hostDomain, ...entity.hostDomain.resolutions.map((r) => r.ip)]),
    ...(entity.hostIp === null ? [] : [entity.hostIp]),
    ...entity.downloads.map((d) => d.file), ...entity.accesses.map((a) => a.file),
    ...entity.referrals.map((r) => r.from), ...entity.referredTo.map((r) => r.to),
  ];
}

function showcaseEntities(builder: WorldBuilder): Entity[] {
  const found: (Entity | undefined)[] = [
    builder.ips.get(SHOWCASE.hubIp), builder.ips.get(SHOWCASE.orangeIp), builder.ips.get(SHOWCASE.greenIp),
    builder.ips.get(SHOWCASE.ipv6), builder.ips.get(EPOCH_SHOWCASE.successorIp),
    ...[SHOWCASE.badDomain, SHOWCASE.orangeDomain, SHOWCASE.phishingDomain, SHOWCASE.greenDomain, EPOCH_SHOWCASE.newDomain].map((d) => builder.domains.get(d)),
    ...[SHOWCASE.payloadUrl, SHOWCASE.gateUrl, SHOWCASE.stage2Url, SHOWCASE.phishingUrl, SHOWCASE.setupUrl, SHOWCASE.adwareUrl, EPOCH_SHOWCASE.newUrl].map((u) => builder.urls.get(u)),
    ...[SHOWCASE.payload, SHOWCASE.stage2, SHOWCASE.setup, SHOWCASE.adware, EPOCH_SHOWCASE.dropper].map((f) => builder.files.get(f.md5.toLowerCase())),
  ];
  return found.filter((entity): entity is Entity => entity !== undefined);
}

function stillSet(builder: WorldBuilder, hub: IpEntity): Still {
  const showcase = showcaseEntities(builder);
  const entities = new Set<Entity>(showcase);
  for (const entity of showcase) {
    if (entity !== hub) for (const near of neighbours(entity, builder.domains.values())) entities.add(near);
  }
  entities.delete(hub);
  // A URL's answer carries its host's WHOIS, so a still URL keeps its host's record too.
  const whois = new Set<DomainWhois>();
  for (const entity of entities) {
    if ('whois' in entity) whois.add(entity.whois);
    else if ('hostDomain' in entity && entity.hostDomain !== null) whois.add(entity.hostDomain.whois);
  }
  return { entities, whois, pinned: new Set<Entity>(showcase), hub };
}

/** Counts go up and about half of what exists is seen again this week: what a diff must ignore. */
function growActivity(builder: WorldBuilder, rng: Rng, window: EpochWindow): void {
  const more = (n: number): number => n + Math.floor(n * rng.next() * 0.2) + rng.int(0, 3);
  const seen = <T extends { lastSeen: number }>(item: T): void => {
    if (rng.chance(0.5)) item.lastSeen = minuteAt(rng, window.from + 60_000, window.to);
  };
  for (const ip of builder.ips.values()) {
    ip.hits = more(ip.hits);
    seen(ip);
    if (ip.spam !== null) ip.spam.spam_attacks = more(ip.spam.spam_attacks);
    if (ip.phishing !== null) ip.phishing.phishing_attacks = more(ip.phishing.phishing_attacks);
    for (const resolution of ip.resolutions) {
      resolution.hits = more(resolution.hits);
      resolution.dailyPeak = Math.max(resolution.dailyPeak, Math.floor(resolution.hits / 40));
      seen(resolution);
    }
  }
  for (const entity of [...builder.domains.values(), ...builder.urls.values()]) {
    entity.hits = more(entity.hits);
    seen(entity);
  }
  for (const url of builder.urls.values()) for (const referral of url.referredTo) seen(referral);
  for (const file of builder.fileList) {
    file.hits = more(file.hits);
    seen(file);
    for (const edge of [...file.downloads, ...file.accesses]) {
      edge.hits = more(edge.hits);
      seen(edge);
    }
    for (const link of [...file.started, ...file.downloadedObjects]) link.hits = more(link.hits);
    for (const name of file.names) name.FileNamesHitsCount = more(name.FileNamesHitsCount);
    for (const place of file.paths) place.FilePathHitsCount = more(place.FilePathHitsCount);
    for (const detection of file.detections) detection.LastDetectDate = Math.max(detection.LastDetectDate, file.lastSeen);
  }
}

/** One epoch's step: the week's activity, the story at epoch 1, then the drift. */
export function advanceWorld(builder: WorldBuilder, seed: Seed, epoch: number): void {
  const hub = builder.ips.get(SHOWCASE.hubIp);
  if (hub === undefined) throw new Error('the world has no hub');
  const rng = new Rng(`${String(seed)}:epoch:${epoch}`);
  const window: EpochWindow = { from: epochEnd(epoch - 1), to: epochEnd(epoch) };
  growActivity(builder, rng.fork('activity'), window);
  // The story before the drift, so the drift knows (and leaves alone) the objects it brings in.
  if (epoch === 1) tellShowcaseStory(builder, rng.fork('story'), window);
  applyDrift(builder, rng.fork('drift'), window, stillSet(builder, hub));
}
