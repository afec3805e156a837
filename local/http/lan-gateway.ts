import { X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalTls } from '../tls/local-authority';

/**
 * What the venue's network sees on plain HTTP: only what a phone needs before it trusts this machine
 * (the install page and the local authority's certificate); everything else is sent on to HTTPS. This
 * machine itself (loopback) is served everything on plain HTTP, as browsers treat localhost as secure.
 */
export const INSTALL_PATH = '/install';
const AUTHORITY_PATH = '/rawaq-authority.crt';
const LOCAL_INFO_PATH = '/local.json';

const isLoopback = (address: string | undefined) =>
  !address || address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function installPage(tls: LocalTls, httpsUrl: string): string {
  const steps = {
    ar: {
      title: 'تثبيت سلطة التصديق المحلية لرواق على هذا الهاتف',
      why: 'مرة واحدة لكل هاتف: تسمح للصفحات بتشغيل الكاميرا والعمل دون شبكة عبر شبكة المعرض.',
      download: 'تنزيل الشهادة',
      android:
        'أندرويد: نزّل الشهادة، ثم الإعدادات ← الأمان ← التشفير وبيانات الاعتماد ← تثبيت شهادة ← شهادة CA، واختر الملف.',
      ios: 'آيفون: نزّل الشهادة واسمح بالملف، ثم الإعدادات ← عام ← VPN وإدارة الجهاز ← ثبّت الملف، ثم الإعدادات ← عام ← حول ← إعدادات ثقة الشهادات ← فعّل رواق.',
      check: 'قارن هذه البصمة بما يعرضه حاسوب المنظمين:',
      open: 'ثم افتح رواق',
    },
    fr: {
      title: 'Installer l’autorité locale de Rawaq sur ce téléphone',
      why: 'Une fois par téléphone : sur le Wi-Fi du salon, les pages peuvent alors utiliser la caméra et marcher hors ligne.',
      download: 'Télécharger le certificat',
      android:
        'Android : téléchargez le certificat, puis Paramètres → Sécurité → Chiffrement et identifiants → Installer un certificat → Certificat CA, et choisissez le fichier.',
      ios: 'iPhone : téléchargez le certificat et autorisez le profil, puis Réglages → Général → VPN et gestion de l’appareil → installez le profil, puis Réglages → Général → Informations → Réglages des certificats → activez Rawaq.',
      check: 'Comparez cette empreinte avec celle affichée sur l’ordinateur des organisateurs :',
      open: 'Puis ouvrez Rawaq',
    },
    en: {
      title: "Install Rawaq's local authority on this phone",
      why: 'Once per phone: on the venue Wi-Fi the pages can then use the camera and work offline.',
      download: 'Download the certificate',
      android:
        'Android: download the certificate, then Settings → Security → Encryption & credentials → Install a certificate → CA certificate, and pick the file.',
      ios: 'iPhone: download the certificate and allow the profile, then Settings → General → VPN & Device Management → install the profile, then Settings → General → About → Certificate Trust Settings → turn on Rawaq.',
      check: "Compare this fingerprint with the one the organisers' computer shows:",
      open: 'Then open Rawaq',
    },
  };
  const sections = Object.entries(steps).map(
    ([lang, s]) => `<section lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
  <h1>${escapeHtml(s.title)}</h1>
  <p>${escapeHtml(s.why)}</p>
  <p><a class="button" href="${AUTHORITY_PATH}" download="rawaq-authority.crt">${escapeHtml(s.download)}</a></p>
  <ol><li>${escapeHtml(s.android)}</li><li>${escapeHtml(s.ios)}</li></ol>
  <p>${escapeHtml(s.check)}<br><code>${escapeHtml(tls.fingerprint)}</code></p>
  <p><a class="button" href="${escapeHtml(httpsUrl)}">${escapeHtml(s.open)}</a></p>
</section>`,
  );
  return `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rawaq</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f5f3ee;color:#15202b;font-size:18px;line-height:1.5}
section{background:#fff;margin:12px;padding:12px 16px;border-radius:12px;border:1px solid #dcd8cf}
h1{font-size:1.25rem;color:#0f3d3e}.button{display:inline-block;padding:12px 18px;border-radius:12px;background:#0f3d3e;color:#fff;text-decoration:none;font-weight:700}
code{word-break:break-all;font-size:.9rem}</style></head>
<body>${sections.join('\n')}</body></html>`;
}

export interface LanGateway {
  /** Handles a plain-HTTP request from another machine; false for this machine's own (served as usual). */
  handle: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** The install page, the authority and where to find them (`/local.json`), on every listener. */
  serveLocal: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export function lanGateway(tls: LocalTls, httpsPort: number): LanGateway {
  const der = new X509Certificate(tls.authorityPem).raw;
  const httpsUrlFor = (request: IncomingMessage, path: string) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '') || 'localhost';
    return `https://${host}:${httpsPort}${path}`;
  };
  const serveLocal = (request: IncomingMessage, response: ServerResponse): boolean => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method !== 'GET') return false;
    if (path === AUTHORITY_PATH) {
      response.writeHead(200, {
        'content-type': 'application/x-x509-ca-cert',
        'content-disposition': 'attachment; filename="rawaq-authority.crt"',
        'cache-control': 'no-store',
      });
      response.end(der);
    } else if (path === INSTALL_PATH) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(installPage(tls, httpsUrlFor(request, '/')));
    } else if (path === LOCAL_INFO_PATH) {
      // For /devices: where phones install the authority, and its fingerprint. Absent on AWS (a 404).
      const host = (request.headers.host ?? '').replace(/:\d+$/, '') || 'localhost';
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ fingerprint: tls.fingerprint, installPath: INSTALL_PATH, host }));
    } else return false;
    return true;
  };
  return {
    serveLocal,
    handle(request, response) {
      if (isLoopback(request.socket.localAddress)) return false;
      if (serveLocal(request, response)) return true;
      // Everything else only over HTTPS: 308 keeps the method and the body.
      response.writeHead(308, { location: httpsUrlFor(request, request.url ?? '/') });
      response.end();
      return true;
    },
  };
}
