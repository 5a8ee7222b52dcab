/** Full `ip`, `domain` and `url` answers (every section, lists untruncated) for world entities. */

import { byRelevance, commonGeneral, hasRed, type Json, type JsonObject, minute, seconds } from './answers-common';
import type { World } from './world';
import type { Access, DomainEntity, DomainWhois, Download, FeedMask, IpEntity, Referral, Resolution, UrlEntity } from './world-model';
import { FEED_NAMES } from './world-vocab';

function feedMasks(masks: FeedMask[]): Json[] {
  return masks.map((mask) => ({ ...mask, FeedNames: mask.FeedNames.slice() }));
}

function hostedUrls(ip: IpEntity): UrlEntity[] {
  const urls = new Set<UrlEntity>(ip.literalUrls);
  for (const resolution of ip.resolutions) for (const url of resolution.domain.urls) urls.add(url);
  return byRelevance([...urls], (u) => u.hits, (u) => u.lastSeen, (u) => u.url);
}

function downloadItems(downloads: Download[]): Json[] {
  return byRelevance(downloads, (d) => d.hits, (d) => d.lastSeen, (d) => d.url.url + d.file.md5).map((d) => ({
    Md5: d.file.md5,
    Zone: d.file.zone,
    Url: d.url.url,
    DownloadHitsCount: d.hits,
    DetectionName: d.file.detectionName,
    FirstSeen: minute(d.firstSeen),
    LastSeen: minute(d.lastSeen),
  }));
}

/** One row per file, however many of the host's URLs it contacted. */
function accessItems(accesses: Access[]): Json[] {
  const perFile = new Map<string, { access: Access; hits: number; first: number; last: number }>();
  for (const access of accesses) {
    const row = perFile.get(access.file.md5);
    if (row === undefined) perFile.set(access.file.md5, { access, hits: access.hits, first: access.firstSeen, last: access.lastSeen });
    else {
      row.hits += access.hits;
      row.first = Math.min(row.first, access.firstSeen);
      row.last = Math.max(row.last, access.lastSeen);
    }
  }
  return byRelevance([...perFile.values()], (r) => r.hits, (r) => r.last, (r) => r.access.file.md5).map((r) => ({
    Md5: r.access.file.md5,
    Zone: r.access.file.zone,
    AccessHitsCount: r.hits,
    DetectionName: r.access.file.detectionName,
    FirstSeen: minute(r.first),
    LastSeen: minute(r.last),
  }));
}

function domainResolutionItems(resolutions: Resolution[]): Json[] {
  return byRelevance(resolutions, (r) => r.hits, (r) => r.lastSeen, (r) => r.ip.address).map((r) => ({
    Ip: r.ip.address,
    Zone: r.ip.zone,
    ThreatScore: r.ip.score,
    HitsCount: r.hits,
    FirstSeen: minute(r.firstSeen),
    LastSeen: minute(r.lastSeen),
    PeakDate: minute(r.peakDate),
    DailyPeak: r.dailyPeak,
  }));
}

function referralItems(referrals: Referral[], side: 'from' | 'to'): Json[] {
  return byRelevance(referrals, () => 0, (r) => r.lastSeen, (r) => r[side].url).map((r): JsonObject =>
    side === 'from'
      ? { Url: r.from.url, Zone: r.from.zone, LastSeen: minute(r.lastSeen) }
      : { Url: r.to.url, Zone: r.to.zone });
}

export function whoisSection(whois: DomainWhois): JsonObject {
  const registrant = whois.privacy
    ? { Name: 'REDACTED FOR PRIVACY', Organization: 'Privacy Service', Address: 'REDACTED FOR PRIVACY' }
    : { Name: 'Example Holder', Organization: `${whois.domainName} Holdings`, Address: '1 Example Street' };
  return {
    DomainName: whois.domainName,
    Created: seconds(whois.created),
    Updated: seconds(whois.updated),
    Expires: seconds(whois.expires),
    NameServers: whois.nameServers.slice(),
    DomainStatus: ['clientTransferProhibited https://icann.org/epp#clientTransferProhibited'],
    RegistrationOrganization: whois.registrar,
    Registrar: { Info: whois.registrar, IanaId: whois.ianaId, Email: whois.registrarEmail },
    Contacts: whois.privacy && whois.domainName.endsWith('.test') ? null : [{
      ContactType: 'Registrant', ...registrant, City: whois.city, CountryCode: whois.countryCode,
      State: 'Example State', PostalCode: '00000', Email: `owner@${whois.domainName}`, Phone: '+0.0000000000', Fax: null,
    }],
  };
}

export function ipAnswer(ip: IpEntity): JsonObject {
  const hosted = hostedUrls(ip);
  const answer: JsonObject = {
    Zone: ip.zone,
    RelatedObjects: {
      HasRedZone: hasRed([...ip.resolutions.map((r) => r.domain.zone), ...ip.downloads.map((d) => d.file.zone), ...hosted.map((u) => u.zone)]),
    },
    IpGeneralInfo: {
      Ip: ip.address,
      HitsCount: ip.hits,
      FirstSeen: minute(ip.firstSeen),
      ThreatScore: ip.score,
      CountryCode: ip.countryCode,
      Status: 'Known',
      ...commonGeneral(ip),
    },
    IpDnsResolutions: byRelevance(ip.resolutions, (r) => r.hits, (r) => r.lastSeen, (r) => r.domain.name).map((r) => ({
      Domain: r.domain.name,
      Zone: r.domain.zone,
      HitsCount: r.hits,
      FirstSeen: minute(r.firstSeen),
      LastSeen: minute(r.lastSeen),
      DailyPeak: r.dailyPeak,
      PeakDate: minute(r.peakDate),
      Categories: r.domain.categories.slice(),
    })),
    FilesDownloadedFromIp: downloadItems(ip.downloads),
    HostedUrls: hosted.map((u) => ({
      Url: u.url, Zone: u.zone, UrlHitsCount: u.hits, IsUrlTruncated: u.truncated, FirstSeen: minute(u.firstSeen), LastSeen: minute(u.lastSeen),
    })),
    FeedMasks: feedMasks(ip.feedMasks),
    IpWhoIs: {
      Net: { RangeStart: ip.net.start, RangeEnd: ip.net.end, Created: seconds(ip.net.created), Changed: seconds(ip.net.changed), Name: ip.net.name, Description: ip.net.description },
      Asn: [{ Number: ip.net.asn, Description: ip.net.asnDescription }],
      Contacts: [{ ContactType: 'Abuse', Name: `${ip.net.name} NOC`, Address: ['1 Example Street', 'Example City'], Email: 'abuse@example.net', Phone: '+0 000 000 0000', Fax: null }],
      Status: ip.net.status,
    },
  };
  if (ip.spam !== null) answer.IPSpamInfo = { ...ip.spam, spam_attack_types: ip.spam.spam_attack_types.slice(), last_attack_date: minute(ip.spam.last_attack_date) };
  if (ip.phishing !== null) answer.IPPhishingInfo = { ...ip.phishing, regions: ip.phishing.regions.slice(), last_attack_date: minute(ip.phishing.last_attack_date) };
  if (ip.dataFeeds.length > 0) answer.DataFeeds = ip.dataFeeds.slice();
  answer.Industries = ip.industries.slice();
  return answer;
}

export function domainAnswer(world: World, domain: DomainEntity): JsonObject {
  const downloads = domain.urls.flatMap((u) => u.downloads);
  const accesses = domain.urls.flatMap((u) => u.accesses);
  const suffix = `.${domain.name}`;
  const subdomains = [...world.domains.values()].filter((d) => d.name.endsWith(suffix)).sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    Zone: domain.zone,
    RelatedObjects: {
      HasRedZone: hasRed([...domain.resolutions.map((r) => r.ip.zone), ...downloads.map((d) => d.file.zone), ...domain.urls.map((u) => u.zone)]),
    },
    DomainGeneralInfo: {
      Domain: domain.name,
      FilesCount: new Set(downloads.map((d) => d.file)).size,
      UrlsCount: domain.urls.length,
      HitsCount: domain.hits,
      Ipv4Count: domain.resolutions.filter((r) => r.ip.version === 4).length,
      ...commonGeneral(domain),
    },
    DomainDnsResolutions: domainResolutionItems(domain.resolutions),
    FilesDownloaded: downloadItems(downloads),
    FilesAccessed: accessItems(accesses),
    DomainWhoIsInfo: whoisSection(domain.whois),
    UrlReferrals: referralItems(domain.urls.flatMap((u) => u.referrals), 'from'),
    UrlReferredTo: referralItems(domain.urls.flatMap((u) => u.referredTo), 'to'),
    Subdomains: subdomains.map((d) => ({ Subdomain: d.name, Zone: d.zone })),
    FeedMasks: feedMasks(domain.feedMasks),
    Industries: domain.industries.slice(),
  };
}

function urlFeedMasks(url: UrlEntity): Json[] {
  const feed = FEED_NAMES[url.zone][0];
  if (feed === undefined) return [];
  const slash = url.url.lastIndexOf('/');
  const mask = slash > url.host.length ? `${url.url.slice(0, slash)}/*` : `${url.host}/*`;
  return [{ Zone: url.zone, Status: 'Active', NormalizedMask: mask, FeedNames: [feed], MaskType: 'Url' }];
}

export function urlAnswer(url: UrlEntity): JsonObject {
  const resolutions = url.hostDomain?.resolutions ?? [];
  const answer: JsonObject = {
    Zone: url.zone,
    RelatedObjects: {
      HasRedZone: hasRed([...resolutions.map((r) => r.ip.zone), ...url.downloads.map((d) => d.file.zone), ...url.referredTo.map((r) => r.to.zone)]),
    },
    UrlGeneralInfo: {
      Url: url.url,
      Host: url.host,
      Ipv4Count: url.hostIp !== null ? 1 : resolutions.filter((r) => r.ip.version === 4).length,
      FilesCount: new Set(url.downloads.map((d) => d.file)).size,
      ...commonGeneral(url),
    },
  };
  if (url.hostDomain !== null) answer.UrlDomainWhoIs = whoisSection(url.hostDomain.whois);
  answer.DomainDnsResolutions = domainResolutionItems(resolutions);
  answer.FilesDownloaded = downloadItems(url.downloads);
  answer.FilesAccessed = accessItems(url.accesses);
  answer.UrlReferrals = referralItems(url.referrals, 'from');
  answer.UrlReferredTo = referralItems(url.referredTo, 'to');
  answer.FeedMasks = urlFeedMasks(url);
  answer.Industries = url.industries.slice();
  return answer;
}
