import { createHash, webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  id_ce_nameConstraints,
  NameConstraints,
} from '@peculiar/asn1-x509';
// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/**
 * HTTPS for the venue's network. Phones allow the camera and service workers only in secure contexts:
 * on `http://192.168.x.x` a gate page can neither scan nor work offline. So `npm start` makes a small
 * certificate authority of its own, and from it a certificate for this machine's names and addresses
 * (made again, by the same authority, when they change: another venue's Wi-Fi). Organisers install
 * the authority on each phone once (the /install page says how).
 *
 * A phone that trusts it must not be exposed to more than this machine. So the authority can sign
 * only for this machine's names and for private and loopback addresses (X.509 name constraints,
 * critical: a certificate it signs for any other site is refused by the phone); it is valid for the
 * fair and a margin, not for years; and its private key is kept apart from the data folder (in
 * `keyDir`, owner-only), so a copy of the data folder cannot sign anything.
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** Apple's devices refuse server certificates valid longer than 398 days. */
const SERVER_DAYS = 390;
/** After the fair's last day, how long phones may still use it (a late report, a second event). */
export const AUTHORITY_MARGIN_DAYS = 14;
/** What an authority may sign for, besides this machine's own names: private and loopback addresses. */
export const PRIVATE_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '127.0.0.0/8',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
];

export interface LocalTls {
  key: string;
  cert: string;
  /** The authority's certificate, as phones install it (PEM). */
  authorityPem: string;
  /** Its SHA-256 fingerprint, to compare on the phone with what this machine prints. */
  fingerprint: string;
  authorityFile: string;
  names: string[];
  /** When the authority (and so every certificate from it) stops being valid. */
  validUntil: string;
  /** The DNS names the authority may sign for (its name constraints), besides private addresses. */
  permittedNames: string[];
}

export interface AuthorityOptions {
  /** The fair's last day: the authority is valid until it plus AUTHORITY_MARGIN_DAYS. */
  fairEnds: Date;
  /** Where the authority's private key lives, apart from the data: default ~/.config/rawaq/authority. */
  keyDir?: string;
}

/** The ranges an authority may sign addresses in: private and loopback, and any other address this machine has. */
function permittedRanges(ips: string[]): string[] {
  const ranges = rangeList(PRIVATE_RANGES);
  const others = ips.filter((ip) => !ranges.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4'));
  return [...PRIVATE_RANGES, ...others.map((ip) => `${ip}/${isIP(ip) === 6 ? 128 : 32}`)];
}

function rangeList(ranges: string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address = '', prefix = '0'] = range.split('/');
    list.addSubnet(address, Number(prefix), isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

const nameConstraints = (dns: string[], ranges: string[]) =>
  new x509.Extension(
    id_ce_nameConstraints,
    true,
    AsnConvert.serialize(
      new NameConstraints({
        permittedSubtrees: new GeneralSubtrees([
          ...dns.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
          ...ranges.map((iPAddress) => new GeneralSubtree({ base: new GeneralName({ iPAddress }) })),
        ]),
      }),
    ),
  );

/** The DNS names and address ranges an authority was limited to (none for one made before constraints). */
function permittedOf(cert: x509.X509Certificate): { dns: string[]; ranges: string[] } | undefined {
  const extension = cert.getExtension(id_ce_nameConstraints);
  if (!extension) return undefined;
  const subtrees = AsnConvert.parse(extension.value, NameConstraints).permittedSubtrees ?? [];
  return {
    dns: subtrees.flatMap((subtree) => (subtree.base.dNSName ? [subtree.base.dNSName] : [])),
    ranges: subtrees.flatMap((subtree) => (subtree.base.iPAddress ? [subtree.base.iPAddress] : [])),
  };
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`;
}

async function importKey(pem: string, certificate: x509.X509Certificate): Promise<CryptoKeyPair> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const privateKey = (await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, true, [
    'sign',
  ])) as unknown as CryptoKey;
  return { privateKey, publicKey: await certificate.publicKey.export(ALGORITHM, ['verify']) };
}

const serial = () =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString('hex')
    .replace(/^./, '1');

async function makeAuthority(
  label: string,
  names: { dns: string[]; ips: string[] },
  notAfter: Date,
): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Rawaq local authority (${label}), O=Rawaq`,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      nameConstraints(names.dns, permittedRanges(names.ips)),
    ],
  });
  return { cert, keys };
}

/** Until when an authority made now for a fair ending `fairEnds` is valid: a margin after it, at least 30 days. */
export function authorityValidUntil(fairEnds: Date, now = Date.now()): Date {
  return new Date(Math.max(fairEnds.getTime() + AUTHORITY_MARGIN_DAYS * DAY_MS, now + 30 * DAY_MS));
}

const fingerprintOf = (cert: x509.X509Certificate) =>
  createHash('sha256')
    .update(Buffer.from(cert.rawData))
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');

async function makeServerCertificate(
  authority: { cert: x509.X509Certificate; keys: CryptoKeyPair },
  names: { dns: string[]; ips: string[] },
): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names.dns[0] ?? 'rawaq.local'}`,
    issuer: authority.cert.subject,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Math.min(Date.now() + SERVER_DAYS * DAY_MS, authority.cert.notAfter.getTime())),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: authority.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(authority.keys.publicKey),
    ],
  });
  return { cert, keys };
}

/**
 * The authority and this machine's certificate under `dir` (its key under `options.keyDir`), made or
 * made again as needed: a new authority when there is none, when it expires before the fair's margin
 * or outlives it by far (one made for an earlier fair, or before authorities were bounded), when it
 * lacks name constraints or this machine's names fall outside them, or when its key is not at hand.
 * A new authority means every phone installs it again; the old one's key file is removed.
 */
export async function ensureLocalTls(
  dir: string,
  names: { dns: string[]; ips: string[] },
  label: string,
  options: AuthorityOptions,
): Promise<LocalTls> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const keyDir = options.keyDir ?? path.join(homedir(), '.config', 'rawaq', 'authority');
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  chmodSync(keyDir, 0o700);
  const file = (name: string) => path.join(dir, name);
  const keyFileFor = (cert: x509.X509Certificate) =>
    path.join(keyDir, `${fingerprintOf(cert).replace(/:/g, '').slice(0, 32)}.key`);
  const wantedUntil = authorityValidUntil(options.fairEnds);
  let authority: { cert: x509.X509Certificate; keys: CryptoKeyPair } | undefined;
  let madeAuthority = false;
  if (existsSync(file('authority.crt'))) {
    const cert = new x509.X509Certificate(readFileSync(file('authority.crt'), 'utf8'));
    const permitted = permittedOf(cert);
    const ranges = rangeList(permitted?.ranges ?? []);
    const usable =
      permitted !== undefined &&
      names.dns.every((name) => permitted.dns.includes(name)) &&
      names.ips.every((ip) => ranges.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4')) &&
      cert.notAfter.getTime() >= wantedUntil.getTime() - DAY_MS &&
      cert.notAfter.getTime() <= wantedUntil.getTime() + 60 * DAY_MS &&
      existsSync(keyFileFor(cert));
    if (usable) authority = { cert, keys: await importKey(readFileSync(keyFileFor(cert), 'utf8'), cert) };
    else if (existsSync(keyFileFor(cert))) rmSync(keyFileFor(cert));
  }
  if (!authority) {
    authority = await makeAuthority(label, names, wantedUntil);
    writeFileSync(keyFileFor(authority.cert), await keyPem(authority.keys.privateKey), { mode: 0o600 });
    writeFileSync(file('authority.crt'), authority.cert.toString('pem'), { mode: 0o644 });
    madeAuthority = true;
  }
  // An authority key from before keys were kept apart: it must not stay beside the data.
  rmSync(file('authority.key'), { force: true });
  const wanted = [...names.dns, ...names.ips].sort().join(',');
  const current = existsSync(file('server.names')) ? readFileSync(file('server.names'), 'utf8') : '';
  const expiring =
    existsSync(file('server.crt')) &&
    new x509.X509Certificate(readFileSync(file('server.crt'), 'utf8')).notAfter.getTime() < Date.now() + 30 * DAY_MS;
  if (madeAuthority || current !== wanted || !existsSync(file('server.crt')) || expiring) {
    const server = await makeServerCertificate(authority, names);
    writeFileSync(file('server.key'), await keyPem(server.keys.privateKey), { mode: 0o600 });
    writeFileSync(file('server.crt'), `${server.cert.toString('pem')}\n${authority.cert.toString('pem')}`);
    writeFileSync(file('server.names'), wanted);
  }
  return {
    key: readFileSync(file('server.key'), 'utf8'),
    cert: readFileSync(file('server.crt'), 'utf8'),
    authorityPem: authority.cert.toString('pem'),
    fingerprint: fingerprintOf(authority.cert),
    authorityFile: file('authority.crt'),
    names: wanted.split(','),
    validUntil: authority.cert.notAfter.toISOString(),
    permittedNames: permittedOf(authority.cert)?.dns ?? [],
  };
}
