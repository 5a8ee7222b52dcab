/** The help texts, one per command, each with examples. */

export const MAIN_HELP = `tipwb — TIP Workbench on the command line: Kaspersky TIP Threat Lookup over mutual TLS.

Usage:
  tipwb lookup [INDICATOR…]     look indicators up (arguments, or every indicator in standard input)
  tipwb extract                 list the indicators found in standard input (NDJSON)
  tipwb case check FILE         validate a case file (*.tipcase.json) and summarise it
  tipwb case stix FILE          print a case file's STIX 2.1 bundle
  tipwb auth status|check|import-cert FILE|set-token|set-basic|use MODE|delete [ITEM]
                                the app's credentials, in the OS keychain

  tipwb COMMAND --help          help for one command;  tipwb --version

Credentials and settings are the app's own (the same keychain entries, the same settings file).
Environment variables take precedence over both:
  TIP_BASE_URL                                   the TIP address (default: the app's setting)
  TIP_TOKEN                                      sign in with an API token
  TIP_CERT, TIP_KEY, TIP_USER, TIP_PASSWORD      or with a client certificate + key (PEM files) and user
  TIP_KEY_PASSPHRASE                             the key's passphrase, when it is encrypted
  TIP_CA                                         an extra CA file, added to the system roots
                                                 (and to the CAs added in the app, Settings → Network)
  HTTPS_PROXY, NO_PROXY                          the proxy (CONNECT), when the app's proxy setting is
                                                 "system"; http://user:pass@host:port, or credentials
                                                 from the keychain (set in the app)
  TIPWB_DATA_DIR                                 the app's data folder (settings), if not the default
  TIPWB_KEYCHAIN_SERVICE                         another keychain service (default tip-workbench)

Exit status: 0 all answered (404 "not known" is an answer), 1 some failed, 2 usage error,
3 no credentials configured, 130 interrupted (Ctrl+C).

Examples:
  tipwb lookup 203.0.113.66 bad[.]example[.]com
  pbpaste | tipwb lookup --case incident-42.tipcase.json
  tipwb auth check
`;

export const LOOKUP_HELP = `Usage: tipwb lookup [options] [INDICATOR…]
       … | tipwb lookup [options] [-]

Looks up IP addresses, domains, web addresses and file hashes (MD5, SHA-1, SHA-256) in TIP.
Indicators come from the arguments (defanged forms such as 1.2.3[.]4 or hxxp:// are fine), or, with
no argument and a pipe (or with -), every indicator found in standard input: paste a whole report.
Results are printed as they arrive; a malformed indicator is a failed row, nothing is sent for it.

Options:
  --type ip|domain|url|hash   treat the arguments as this type; from standard input, keep only it
  --sections A,B              TIP sections to ask for (default: the app's setting per type),
                              e.g. Zone,IpGeneralInfo; sections a type lacks are dropped for it
  --count N                   records per list section, 1–1000 (default: the app's setting)
  --format json|stix          TIP's JSON answer (default) or its STIX 2.1 bundle
  --jobs N                    lookups in flight at once, 1–16 (default 8); when TIP answers 429,
                              the whole run waits as long as it asks (Retry-After) and slows down
  --output ndjson|json|csv|table
                              default: a table on a terminal, NDJSON when piped
  --case FILE                 also write the run as a case file the app imports (*.tipcase.json)
  --max-requests N            a run sending more than N lookups (default 100) asks first on a
                              terminal; with no terminal it stops before sending anything (exit 2)
  -y, --yes                   send without asking, whatever the count
  --online                    send even though the app's Offline mode is on (this run only)
  -h, --help                  this help

Each NDJSON line is
  {"type","value","ok":true,"status","zone","fetchedAt","body"}   or
  {"type","value","ok":false,"error":{"code","message"}}
(json: one array of these at the end; csv: one row each, with a header).

Quota: every lookup costs one request. Once an answer's LicenseInfo says today's quota is used up
(or TIP refuses with QUOTA_EXCEEDED) nothing more is sent, and the rest are reported as not sent.
No request is spent to learn the quota: LicenseInfo is asked for with every lookup (added to
--sections; it costs nothing more).

Ctrl+C stops cleanly: lookups in flight are cancelled, what finished is printed (and written to
--case), exit status 130.

Exit status: 0 all answered (404 "not known" is an answer), 1 some failed or were not sent,
2 usage error or a run refused by --max-requests, 3 no credentials configured.

Examples:
  tipwb lookup 203.0.113.66 bad[.]example[.]com 44d88612fea8a8f36de82e1278abb02f
  tipwb lookup --output csv --sections Zone,IpGeneralInfo 198.51.100.23 > out.csv
  cat report.txt | tipwb lookup --jobs 4 --case report.tipcase.json
  cat iocs.txt | tipwb lookup --yes --output ndjson | jq -r 'select(.zone == "Red") | .value'
`;

export const EXTRACT_HELP = `Usage: … | tipwb extract

Prints every indicator found in standard input (any text: a pasted report, defanged forms
included), one NDJSON object per line: {"type","value","raw"} — value normalised and refanged, raw as
written. Nothing is sent anywhere.

Examples:
  tipwb extract < report.txt
  pbpaste | tipwb extract | jq -r .value
`;

export const CASE_HELP = `Usage: tipwb case check FILE
       tipwb case stix FILE

  check   validates a case file (*.tipcase.json) with the app's own import rules and summarises
          it: name, answers, nodes, operations, zones, generator, export time.
          Exit 1 and the reason when the app would refuse it; exit 2 when it cannot be read.
  stix    prints the case's STIX 2.1 bundle (the same mapping as the app's STIX export).

Examples:
  tipwb case check incident-42.tipcase.json
  tipwb case stix incident-42.tipcase.json > incident-42.stix.json
`;

export const AUTH_HELP = `Usage: tipwb auth status
       tipwb auth check
       tipwb auth import-cert FILE
       tipwb auth set-token
       tipwb auth set-basic [--user NAME]
       tipwb auth use certificate|token
       tipwb auth delete certificate|basic|token|all [--yes]

The app's credential vault in the OS keychain: what is stored here is what the app uses, and the
other way round.

  status        what is stored: certificate subject, issuer, fingerprint and expiry, the user name,
                whether a password and a token are stored, the proxy's user name — never a secret
  check         the app's connection check: one lookup with sections=Zone,LicenseInfo. It costs ONE
                request against today's quota. Prints the access type and the quota used.
  import-cert   stores a client certificate: PEM (certificate + key) or PKCS#12 (.p12/.pfx). A
                passphrase, when the file needs one, is asked for (or read from standard input)
  set-token     stores an API token
  set-basic     stores the TIP user name and password (certificate mode sends both)
  use           which credentials lookups use: the certificate (+ user) or the API token
  delete        removes stored credentials; with no item, asks on a terminal before removing all

Secrets (token, password, passphrase) are typed at a prompt with echo off, or read from standard
input when it is a pipe (one per line) — never taken from an argument, which shell history and the
process list would keep.

Examples:
  tipwb auth import-cert ~/tip/client.p12
  tipwb auth set-basic --user analyst
  printf '%s\\n' "$TOKEN_FROM_VAULT" | tipwb auth set-token
  tipwb auth status
  tipwb auth check
`;
