import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { sourceFiles } from '../support/source-files';

/** The pages' words: a form per plural category in each language, French typography. */
let i18n: typeof import('../../web/src/common/i18n');

beforeAll(async () => {
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => store.set(key, value),
    removeItem: (key: string) => store.delete(key),
  });
  vi.stubGlobal('navigator', { language: 'fr-MA' });
  vi.stubGlobal('document', { documentElement: {}, querySelectorAll: () => [] });
  i18n = await import('../../web/src/common/i18n');
});

describe('words on the pages', () => {
  it('counts in Arabic with its six plural forms', () => {
    i18n.setLanguage('ar');
    const said = (count: number) => i18n.t('visitorsSeen', { count });
    expect(said(0)).toBe('لا زوار في المجموع');
    expect(said(1)).toBe('زائر واحد في المجموع');
    expect(said(2)).toBe('زائران في المجموع');
    expect(said(3)).toBe('3 زوار في المجموع');
    expect(said(11)).toBe('11 زائرًا في المجموع');
    expect(said(100)).toBe('100 زائر في المجموع');
    // The door's verdict: never "1 مقاعد".
    const seats = (count: number) => i18n.t('seatsLeftCount', { count });
    expect([1, 2, 3, 11].map(seats)).toEqual(['مقعد واحد شاغر', 'مقعدان شاغران', '3 مقاعد شاغرة', '11 مقعدًا شاغرًا']);
    // Minutes too (a silent phone, a zone filling): never "6 دقيقة".
    const silent = (minutes: number) => i18n.t('notice_device-silent', { by: 'هاتف', place: 'البوابة', minutes });
    expect([2, 6, 12].map(silent)).toEqual([
      'البوابة: هاتف صامت منذ دقيقتين.',
      'البوابة: هاتف صامت منذ 6 دقائق.',
      'البوابة: هاتف صامت منذ 12 دقيقة.',
    ]);
    // A day's close: five tickets let out are تذاكر.
    expect(i18n.t('closingLine', { time: '20:00', swept: 3, tickets: 5 })).toContain('وأُخرجت 5 تذاكر.');
    // Ten short codes are رموز, eleven رمزًا.
    const guesses = (n: number) => i18n.t('notice_short-code-guesses', { by: 'هاتف', n, minutes: 10 });
    expect(guesses(10)).toContain('10 رموز قصيرة لا تطابق');
    expect(guesses(11)).toContain('11 رمزًا قصيرًا لا يطابق');
    // An alert's reminders, and a closing's progress: never "3 تذكير" or "3 شخص".
    expect([1, 3, 11].map((count) => i18n.t('escalation', { count }))).toEqual([
      'أُرسل تذكير واحد',
      'أُرسلت 3 تذكيرات',
      'أُرسل 11 تذكيرا',
    ]);
    expect(i18n.t('closeDayProgressOf', { count: 1, total: 20 })).toBe(
      'الإغلاق جارٍ: أُخرج شخص واحد من أصل 20 حتى الآن…',
    );
    expect(i18n.t('closeDayProgressOf', { count: 3, total: 20 })).toBe('الإغلاق جارٍ: أُخرج 3 من أصل 20 حتى الآن…');
  });

  it('says no number of minutes or tickets in Arabic without choosing a form by a number', async () => {
    const { ar } = await import('../../web/src/common/messages');
    const unchosen = Object.entries(ar).filter(
      ([, text]) => typeof text === 'string' && /\{\w+\} (دقيقة|دقائق|تذكرة|تذاكر)/.test(text),
    );
    expect(unchosen.map(([key]) => key)).toEqual([]);
  });

  it('counts in French and English: one scan, two scans; a plural chosen by the number it is about', () => {
    i18n.setLanguage('en');
    expect(i18n.t('pending', { count: 1 })).toBe('1 scan waiting to sync');
    expect(i18n.t('pending', { count: 5 })).toBe('5 scans waiting to sync');
    expect(i18n.t('coverage_partial', { inUse: 0, total: 1 })).toBe('0 of 1 door counted');
    i18n.setLanguage('fr');
    expect(i18n.t('pending', { count: 0 })).toBe('0 scan en attente de synchronisation');
    expect(i18n.t('pending', { count: 2 })).toBe('2 scans en attente de synchronisation');
    // French agrees with the doors counted, English with the doors there are.
    expect(i18n.t('coverage_partial', { inUse: 1, total: 2 })).toBe('1 porte comptée sur 2');
    expect(i18n.t('coverage_partial', { inUse: 2, total: 3 })).toBe('2 portes comptées sur 3');
  });

  it('puts a no-break space before French colons and a narrow one before ; ! ?', () => {
    i18n.setLanguage('fr');
    expect(i18n.t('zoneNow', { zone: 'Hall A', count: 3, capacity: 830 })).toBe('Hall A\u00a0: 3 sur 830');
    expect(i18n.frenchSpacing('Réessayez ; vraiment ? « oui » !')).toBe(
      'Réessayez\u202f; vraiment\u202f? «\u00a0oui\u00a0»\u202f!',
    );
    expect(i18n.t('credential')).toBe('Code d’accès');
    expect(i18n.labelled('Capacité', 1800)).toMatch(/^Capacité\u00a0: 1\D800$/);
    i18n.setLanguage('en');
    expect(i18n.labelled('Capacity', 'full')).toBe('Capacity: full');
    i18n.setLanguage('fr');
    expect(i18n.localName({ name: 'x', names: { ar: 'أ', fr: 'Hall A : produits', en: 'Hall A' } })).toBe(
      'Hall A\u00a0: produits',
    );
  });

  it('signs out with words that are not the gate’s exit button', () => {
    i18n.setLanguage('ar');
    expect(i18n.t('signOut')).not.toBe(i18n.t('directionOut'));
    expect(i18n.t('hourLabel', { hour: '09' })).toBe('09:00');
  });
});

describe('one word for a booth in Arabic', () => {
  it('calls a booth جناح everywhere; رواق is only the product’s name', async () => {
    const { ar } = await import('../../web/src/common/messages');
    const texts = Object.values(ar).flatMap((text) => (typeof text === 'string' ? [text] : Object.values(text)));
    const booth = /أروقة|الرواق|لرواق|رواقً|رواقين|رواقان|كل رواق|لا رواق/;
    expect(texts.filter((text) => booth.test(String(text)))).toEqual([]);
    // "+1" inside Arabic is isolated left to right: never shown as "1+".
    for (const key of ['countIn', 'countOut', 'plusOneVisitor'] as const)
      expect(String(ar[key])).toMatch(/^\u2066\+1\u2069 /);
    const { csvHeader } = await import('../../shared/commons/csv');
    expect(csvHeader(['booths', 'boothId'], 'ar')).toEqual(['الأجنحة', 'الجناح']);
  });
});

describe('plain words for the people at booths and desks', () => {
  it('says no "unique visitors", "download CSV" or "whole ticket code" in any language', async () => {
    const { ar, en, fr } = await import('../../web/src/common/messages');
    const jargon =
      /unique visitors|visiteurs uniques|الزوار الفريدون|whole ticket code|code complet du billet|رمز التذكرة كاملًا|download csv|télécharger (le )?csv/i;
    const texts = [en, fr, ar].flatMap((words) =>
      Object.entries(words).flatMap(([key, text]) =>
        (typeof text === 'string' ? [text] : Object.values(text)).map((said) => `${key}: ${said}`),
      ),
    );
    expect(texts.filter((text) => jargon.test(text))).toEqual([]);
    // The check sees the words the cooperative met.
    expect(jargon.test('Visits, unique visitors and leads.')).toBe(true);
  });
});

describe('the same parameters in every language', () => {
  it("fills in each text with the parameters English names, no fewer and no other (a plural's forms together)", async () => {
    const { ar, en, fr } = await import('../../web/src/common/messages');
    const params = (text: unknown) =>
      [
        ...new Set(
          (typeof text === 'string'
            ? [text]
            : Object.entries(text as object).filter(([form]) => form !== 'by')
          ).flatMap((entry) => String(Array.isArray(entry) ? entry[1] : entry).match(/\{(\w+)\}/g) ?? []),
        ),
      ].sort();
    const differing = (Object.keys(en) as (keyof typeof en)[]).flatMap((key) =>
      [
        ['fr', fr[key]],
        ['ar', ar[key]],
      ].flatMap(([lang, text]) =>
        params(text).join() === params(en[key]).join()
          ? []
          : [`${lang}.${key}: ${params(text).join(' ')} where English has ${params(en[key]).join(' ')}`],
      ),
    );
    expect(differing).toEqual([]);
    // And the check sees a text that lost its parameter.
    expect(params({ one: 'one seat', other: '{count} seats' })).toEqual(['{count}']);
    expect(params('a gate')).toEqual([]);
  });
});

describe('a word for every category a page shows', () => {
  it("names each ticket category, and a lead from a booth's poster, in every language (never the raw code)", async () => {
    const { ar, en, fr } = await import('../../web/src/common/messages');
    const { CATEGORIES } = await import('../../shared/domain/ticket-token');
    const missing = [en, fr, ar].flatMap((words, index) =>
      [...CATEGORIES, 'poster'].filter((category) => !(`category_${category}` in words)).map((c) => `${index}:${c}`),
    );
    expect(missing).toEqual([]);
    expect(en.category_poster).not.toBe('poster');
  });
});

describe('no emoji on the pages', () => {
  it('draws its pictures inline: a phone without the emoji font (or a printer) shows an emoji as a box', () => {
    // The consent question's 🤝 was a box in Chromium here, on the screen a visitor answers.
    const web = path.resolve(import.meta.dirname, '..', '..', 'web');
    const found = sourceFiles(web, (name) => /\.(ts|html|css|js)$/.test(name)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/gu)].map(
        ([emoji]) => `${path.relative(web, file)}: ${emoji}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
