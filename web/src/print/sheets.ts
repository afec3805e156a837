import QRCode from 'qrcode';
import { h } from '../common/dom';
import { LANGUAGES, type Language } from '../common/i18n';

/** Sheets of A4 for an ordinary printer: items laid out so many to a page, and the QR codes on them. */
const QR = { type: 'svg' as const, errorCorrectionLevel: 'M' as const, margin: 1 };

export async function qr(text: string, alt: string): Promise<HTMLImageElement> {
  const svg = await QRCode.toString(text, QR);
  return h('img', { class: 'qr', alt, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
}

export function sheets<T>(
  items: T[],
  perPage: number,
  draw: (item: T) => Promise<HTMLElement>,
  layout = `per-${perPage}`,
): Promise<HTMLElement[]> {
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += perPage) pages.push(items.slice(start, start + perPage));
  return Promise.all(
    pages.map(async (page) => h('div', { class: `sheet ${layout}` }, ...(await Promise.all(page.map(draw))))),
  );
}

export const dirOf = (lang: Language) => LANGUAGES.find((entry) => entry.code === lang)?.dir ?? 'ltr';
