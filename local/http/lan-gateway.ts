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
      check:
        'بعد التثبيت، افتح الشهادة في إعدادات هاتفك نفسه (أندرويد: الأمان ← بيانات الاعتماد الموثوقة ← المستخدم ← رواق؛ آيفون: ملف التعريف ← مزيد من التفاصيل) وقارن بصمة SHA-256 التي يعرضها الهاتف بالبصمة على شاشة المنظمين. إن اختلفت، احذف الشهادة وأخبر المنظمين.',
      open: 'ثم افتح رواق',
      remove:
        'بعد المعرض: احذف الشهادة (أندرويد: الأمان ← بيانات الاعتماد الموثوقة ← المستخدم ← رواق ← إزالة؛ آيفون: الإعدادات ← عام ← VPN وإدارة الجهاز ← رواق ← إزالة الملف). لا تصلح إلا لهذا الحاسوب وتنتهي صلاحيتها في:',
    },
    fr: {
      title: 'Installer l’autorité locale de Rawaq sur ce téléphone',
      why: 'Une fois par téléphone : sur le Wi-Fi du salon, les pages peuvent alors utiliser la caméra et marcher hors ligne.',
      download: 'Télécharger le certificat',
      android:
        'Android : téléchargez le certificat, puis Paramètres → Sécurité → Chiffrement et identifiants → Installer un certificat → Certificat CA, et choisissez le fichier.',
      ios: 'iPhone : téléchargez le certificat et autorisez le profil, puis Réglages → Général → VPN et gestion de l’appareil → installez le profil, puis Réglages → Général → Informations → Réglages des certificats → activez Rawaq.',
      check:
        'Après l’installation, ouvrez le certificat dans les réglages du téléphone lui-même (Android : Sécurité → Identifiants de confiance → Utilisateur → Rawaq ; iPhone : le profil → Plus de détails) et comparez l’empreinte SHA-256 qu’il affiche avec celle de l’écran des organisateurs. Si elles diffèrent, supprimez-le et prévenez les organisateurs.',
      open: 'Puis ouvrez Rawaq',
      remove:
        'Après le salon : supprimez le certificat (Android : Sécurité → Identifiants de confiance → Utilisateur → Rawaq → Supprimer ; iPhone : Réglages → Général → VPN et gestion de l’appareil → Rawaq → Supprimer le profil). Il ne vaut que pour cet ordinateur et expire le :',
    },
    en: {
      title: "Install Rawaq's local authority on this phone",
      why: 'Once per phone: on the venue Wi-Fi the pages can then use the camera and work offline.',
      download: 'Download the certificate',
      android:
        'Android: download the certificate, then Settings → Security → Encryption & credentials → Install a certificate → CA certificate, and pick the file.',
      ios: 'iPhone: download the certificate and allow the profile, then Settings → General → VPN & Device Management → install the profile, then Settings → General → About → Certificate Trust Settings → turn on Rawaq.',
      check:
        "After installing, open the certificate in the phone's own settings (Android: Security → Trusted credentials → User → Rawaq; iPhone: the profile → More Details) and compare the SHA-256 fingerprint the phone shows with the one on the organisers' screen. If they differ, remove it and tell the organisers.",
      open: 'Then open Rawaq',
      remove:
        'After the fair: remove the certificate (Android: Security → Trusted credentials → User → Rawaq → Remove; iPhone: Settings → General → VPN & Device Management → Rawaq → Remove Profile). It is good only for this computer and expires on:',
    },
  };
  const sections = Object.entries(steps).map(
    ([lang, s]) => `<section lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
  <h1>${escapeHtml(s.title)}</h1>
  <p>${escapeHtml(s.why)}</p>
  <p><a class="button" href="${AUTHORITY_PATH}" download="rawaq-authority.crt">${escapeHtml(s.download)}</a></p>
  <ol><li>${escapeHtml(s.android)}</li><li>${escapeHtml(s.ios)}</li></ol>
  <p>${escapeHtml(s.check)}</p>
  <p><a class="button" href="${escapeHtml(httpsUrl)}">${escapeHtml(s.open)}</a></p>
  <p class="remove">${escapeHtml(s.remove)} <bdi>${escapeHtml(tls.validUntil.slice(0, 10))}</bdi></p>
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

/** The host a request named, without its port (an IPv6 literal keeps its brackets). */
const hostOf = (request: IncomingMessage) => (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();

export function lanGateway(tls: LocalTls, httpsPort: number, plainPort: number): LanGateway {
  const der = new X509Certificate(tls.authorityPem).raw;
  // Where plain HTTP may send a phone: only a name the certificate carries (never a Host header's
  // choice, which would make this machine an open redirect), else its first network name.
  const certified = new Set(tls.names.map((name) => (name.includes(':') ? `[${name}]` : name).toLowerCase()));
  const fallback =
    tls.names.find((name) => name !== 'localhost' && !name.startsWith('127.') && name !== '::1') ?? 'localhost';
  const httpsUrlFor = (request: IncomingMessage, path: string) => {
    const host = certified.has(hostOf(request)) ? hostOf(request) : fallback;
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
      // For /devices: where phones install the authority, and its fingerprint. Absent on AWS (a 404);
      // on plain HTTP from the network it is not served (see handle): a fingerprint is worth only what
      // the channel that carried it is worth.
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(
        JSON.stringify({
          fingerprint: tls.fingerprint,
          installPath: INSTALL_PATH,
          installUrl: `http://${fallback}:${plainPort}${INSTALL_PATH}`,
          host: certified.has(hostOf(request)) ? hostOf(request) : fallback,
          httpsPort,
          names: tls.names,
          validUntil: tls.validUntil,
        }),
      );
    } else return false;
    return true;
  };
  return {
    serveLocal,
    handle(request, response) {
      if (isLoopback(request.socket.localAddress)) return false;
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (path !== LOCAL_INFO_PATH && serveLocal(request, response)) return true;
      if (path.startsWith('/v1/') || path === '/v1') {
        // The API never over plain HTTP from the network: a redirect would come after the credential
        // already crossed the Wi-Fi in clear, and teach clients that it is fine. Say so instead.
        request.resume();
        const body = JSON.stringify({
          error: {
            code: 'UPGRADE_REQUIRED',
            message: `the API is served over HTTPS only on the venue network: https://${fallback}:${httpsPort}/v1/ (a phone installs the local authority first, from ${INSTALL_PATH} on this address)`,
            details: [],
          },
        });
        response.writeHead(426, {
          'content-type': 'application/json; charset=utf-8',
          upgrade: 'TLS/1.2, HTTP/1.1',
          connection: 'close',
        });
        response.end(body);
        return true;
      }
      // Pages only over HTTPS: 308 to the same path under a name the certificate carries.
      response.writeHead(308, { location: httpsUrlFor(request, request.url ?? '/') });
      response.end();
      return true;
    },
  };
}
