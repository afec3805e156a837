import { createHash, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/**
 * HTTPS for the venue's network. Phones allow the camera and service workers only in secure contexts:
 * on `http://192.168.x.x` a gate page can neither scan nor work offline. So `npm start` makes, once, a
 * small certificate authority of its own in the data folder, and from it a certificate for this
 * machine's names and addresses (made again, by the same authority, when they change: another venue's
 * Wi-Fi). Organisers install the authority on each phone once (the /install page says how); its
 * private key never leaves the data folder.
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** Apple's devices refuse server certificates valid longer than 398 days. */
const SERVER_DAYS = 390;
const AUTHORITY_DAYS = 10 * 365;

export interface LocalTls {
  key: string;
  cert: string;
  /** The authority's certificate, as phones install it (PEM). */
  authorityPem: string;
  /** Its SHA-256 fingerprint, to compare on the phone with what this machine prints. */
  fingerprint: string;
  authorityFile: string;
  names: string[];
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

async function makeAuthority(label: string): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Rawaq local authority (${label}), O=Rawaq`,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + AUTHORITY_DAYS * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

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
    notAfter: new Date(Date.now() + SERVER_DAYS * DAY_MS),
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

/** The authority and this machine's certificate under `dir`, made (or made again) as needed. */
export async function ensureLocalTls(
  dir: string,
  names: { dns: string[]; ips: string[] },
  label: string,
): Promise<LocalTls> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => path.join(dir, name);
  let authority: { cert: x509.X509Certificate; keys: CryptoKeyPair };
  if (existsSync(file('authority.crt')) && existsSync(file('authority.key'))) {
    const cert = new x509.X509Certificate(readFileSync(file('authority.crt'), 'utf8'));
    authority = { cert, keys: await importKey(readFileSync(file('authority.key'), 'utf8'), cert) };
  } else {
    authority = await makeAuthority(label);
    writeFileSync(file('authority.key'), await keyPem(authority.keys.privateKey), { mode: 0o600 });
    writeFileSync(file('authority.crt'), authority.cert.toString('pem'));
  }
  const wanted = [...names.dns, ...names.ips].sort().join(',');
  const current = existsSync(file('server.names')) ? readFileSync(file('server.names'), 'utf8') : '';
  const expiring =
    existsSync(file('server.crt')) &&
    new x509.X509Certificate(readFileSync(file('server.crt'), 'utf8')).notAfter.getTime() < Date.now() + 30 * DAY_MS;
  if (current !== wanted || !existsSync(file('server.crt')) || expiring) {
    const server = await makeServerCertificate(authority, names);
    writeFileSync(file('server.key'), await keyPem(server.keys.privateKey), { mode: 0o600 });
    writeFileSync(file('server.crt'), `${server.cert.toString('pem')}\n${authority.cert.toString('pem')}`);
    writeFileSync(file('server.names'), wanted);
  }
  const authorityPem = authority.cert.toString('pem');
  return {
    key: readFileSync(file('server.key'), 'utf8'),
    cert: readFileSync(file('server.crt'), 'utf8'),
    authorityPem,
    fingerprint: createHash('sha256')
      .update(Buffer.from(authority.cert.rawData))
      .digest('hex')
      .toUpperCase()
      .replace(/(..)(?!$)/g, '$1:'),
    authorityFile: file('authority.crt'),
    names: wanted.split(','),
  };
}
