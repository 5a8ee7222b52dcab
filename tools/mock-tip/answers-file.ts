/** Full `hash` answers for world files: every section, lists untruncated. */

import { byRelevance, commonGeneral, hasRed, type Json, type JsonObject, minute, seconds } from './answers-common';
import type { Certificate, FileEntity, FileLink } from './world-model';

function certificates(list: Certificate[]): Json[] {
  return list.map((c) => ({
    Vendor: c.Vendor, Publisher: c.Publisher, TimeStamp: seconds(c.TimeStamp), Issued: seconds(c.Issued), Expires: seconds(c.Expires), SerialNumber: c.SerialNumber,
  }));
}

function links(list: FileLink[], side: 'parent' | 'child', dateKey: 'LastStartDate' | 'LastDownloadDate'): Json[] {
  return byRelevance(list, (l) => l.hits, (l) => l.date, (l) => l[side].md5).map((link) => {
    const file = link[side];
    const path = file.paths[0];
    return {
      Md5: file.md5,
      Zone: file.zone,
      HitsCount: link.hits,
      Name: side === 'child' ? link.name : (file.names[0]?.FileName ?? 'unknown.bin'),
      Path: side === 'child' ? link.path : (path?.Path ?? '\\'),
      Location: side === 'child' ? link.location : (path?.Location ?? '%temp%'),
      DetectionName: file.detectionName,
      [dateKey]: minute(link.date),
    };
  });
}

export function fileAnswer(file: FileEntity): JsonObject {
  const downloads = byRelevance(file.downloads, (d) => d.hits, (d) => d.lastSeen, (d) => d.url.url);
  const accesses = byRelevance(file.accesses, (a) => a.hits, (a) => a.lastSeen, (a) => a.url.url);
  return {
    Zone: file.zone,
    RelatedObjects: {
      HasRedZone: hasRed([
        ...downloads.map((d) => d.url.zone), ...accesses.map((a) => a.url.zone),
        ...file.started.map((l) => l.child.zone), ...file.startedBy.map((l) => l.parent.zone),
      ]),
    },
    FileGeneralInfo: {
      Md5: file.md5,
      Sha1: file.sha1,
      Sha256: file.sha256,
      FirstSeen: minute(file.firstSeen),
      LastSeen: minute(file.lastSeen),
      Signer: file.signer,
      SignerZone: file.signerZone,
      SignerStatus: file.signerStatus,
      Packer: file.packer,
      Size: file.size,
      Type: file.type,
      HitsCount: file.hits,
      ...commonGeneral(file),
    },
    DetectionsInfo: file.detections.map((d) => ({ ...d, LastDetectDate: minute(d.LastDetectDate) })),
    // `Domain` is the URL's host, so this pivot lands on the domain (or IP) whose lookup lists the file.
    FileDownloadedFromUrls: downloads.map((d) => ({ Url: d.url.url, Domain: d.url.host, Zone: d.url.zone, LastDownloadDate: minute(d.lastSeen) })),
    FileAccessedUrls: accesses.map((a) => ({ Url: a.url.url, Domain: a.url.host, Zone: a.url.zone })),
    FileNames: byRelevance(file.names, (n) => n.FileNamesHitsCount, () => 0, (n) => n.FileName).map((n) => ({ ...n })),
    FilePaths: byRelevance(file.paths, (p) => p.FilePathHitsCount, () => 0, (p) => p.Location + p.Path).map((p) => ({ ...p })),
    FileCertificates: certificates(file.certificates),
    FileParentCertificates: certificates(file.parentCertificates),
    FileStartedObjects: links(file.started, 'child', 'LastStartDate'),
    FileStartedBy: links(file.startedBy, 'parent', 'LastStartDate'),
    FileDownloadedObjects: links(file.downloadedObjects, 'child', 'LastDownloadDate'),
    FileDownloadedBy: links(file.downloadedBy, 'parent', 'LastDownloadDate'),
    Industries: file.industries.slice(),
  };
}
