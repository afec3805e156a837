import { h } from '../common/dom';
import { language } from '../common/i18n';
import type { SignInCard } from '../common/print-job';
import type { Fair } from '../common/types';
import { venueMachine } from '../common/venue-machine';
import { qr, sheets } from './sheets';

/**
 * Sign-in cards for exhibitors' phones, 8 to a page, with what a phone needs before its sign-in works
 * at the venue: the Wi-Fi to join and, on the venue machine (npm start), the local certificate to
 * install once (its page's QR code).
 */
export async function signInPages(fair: Fair, cards: SignInCard[]): Promise<HTMLElement[]> {
  const venue = await venueMachine();
  const installQr = venue ? await qr(venue.installLink, venue.installUrl) : undefined;
  const fairName = fair.localNames?.[language()] ?? fair.name;
  const wifi = (name: string) =>
    h('p', { class: 'card-wifi' }, h('span', { t: 'signInWifi' }), ' ', h('bdi', { dir: 'ltr' }, name));
  return sheets(cards, 8, async (signIn) =>
    h(
      'article',
      { class: 'sign-in-card' },
      h('p', { class: 'badge-fair', dir: 'auto' }, fairName),
      h('p', { class: 'badge-holder', dir: 'auto' }, signIn.label),
      await qr(signIn.link, signIn.label),
      h('p', { class: 'card-help', t: 'signInCardHelp' }),
      fair.venueWifiName ? wifi(fair.venueWifiName) : '',
      installQr
        ? h('div', { class: 'card-install' }, installQr.cloneNode() as HTMLElement, h('p', { t: 'signInInstall' }))
        : '',
      h('p', { class: 'card-secret', t: 'keepSecret' }),
    ),
  );
}

/** A booth's A5 poster, two to a page, in Arabic and French whatever the page's language: the hall reads both. */
export function posterPages(fair: Fair, boothIds: string[], origin: string): Promise<HTMLElement[]> {
  return sheets(boothIds, 2, async (boothId) => {
    const booth = fair.booths.find((each) => each.boothId === boothId);
    const category = fair.categories?.find((candidate) => candidate.categoryId === booth?.category);
    return h(
      'article',
      { class: 'poster', 'data-booth': boothId },
      h('p', { class: 'poster-fair', lang: 'ar', dir: 'rtl' }, fair.localNames?.ar ?? fair.name),
      h('p', { class: 'poster-fair', lang: 'fr', dir: 'ltr' }, fair.localNames?.fr ?? fair.name),
      h('p', { class: 'poster-booth' }, boothId),
      h('p', { class: 'poster-exhibitor', dir: 'auto' }, booth?.exhibitor ?? boothId),
      h(
        'p',
        { class: 'poster-products', dir: 'auto' },
        (booth?.products ?? []).join(' · ') || (category?.names?.fr ?? ''),
      ),
      await qr(`${origin}/visit#${encodeURIComponent(boothId)}`, boothId),
      h('p', { class: 'poster-call', lang: 'ar', dir: 'rtl' }, 'امسحوا الرمز بهاتفكم: منتجاتنا، واتركوا رقمكم إن شئتم'),
      h(
        'p',
        { class: 'poster-call', lang: 'fr', dir: 'ltr' },
        'Scannez avec votre téléphone : nos produits, et votre numéro si vous le voulez',
      ),
    );
  });
}
