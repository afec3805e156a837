import { describe, expect, it } from 'vitest';
import { csvHeader, toCsv } from '#commons/csv';
import { alertEmail, alertSms, smsMeasure } from '#shared/domain/alert-text';
import { zoneOf } from '#shared/domain/fair-time';
import { LEVELS } from '#shared/domain/levels';
import { demoFair } from '#shared/fair/demo-fair';

// The demo fair's clock: Casablanca, +00:00 pinned by its file.
const CASABLANCA = zoneOf(demoFair);

describe('CSV files', () => {
  it('open in Excel set to French: a BOM, semicolons, a header row in the reader’s language', () => {
    const text = toCsv(csvHeader(['boothId', 'exhibitor', 'visits'], 'fr'), [['A001', 'تعاونية النخيل; فجيج', 12]]);
    expect(text).toBe('\uFEFFStand;Exposant;Visites\r\nA001;"تعاونية النخيل; فجيج";12\r\n');
    expect(toCsv(['a', 'b'], [['x,y', 1]], { separator: 'comma' })).toBe('\uFEFFa,b\r\n"x,y",1\r\n');
  });

  it('never hands a spreadsheet a formula: = + - @ and control characters are defused', () => {
    const text = toCsv(
      ['name'],
      [['=HYPERLINK("http://evil","x")'], ['+212600000000'], ['-1+2'], ['@SUM(A1)'], ['\tx'], ['ok']],
    );
    expect(text.split('\r\n').slice(1, -1)).toEqual([
      '"\'=HYPERLINK(""http://evil"",""x"")"',
      "'+212600000000",
      "'-1+2",
      "'@SUM(A1)",
      "'\tx",
      'ok',
    ]);
    // Numbers stay numbers, negative ones included.
    expect(toCsv(['n'], [[-3]])).toBe('\uFEFFn\r\n-3\r\n');
  });
});

describe('alert texts', () => {
  const alert = (overrides = {}) => ({
    alertId: 'hall-b.7',
    level: 'full' as const,
    previousLevel: 'critical' as const,
    count: 1800,
    capacity: 1800,
    raisedAt: '2027-03-27T14:05:00Z',
    escalation: 0,
    ...overrides,
  });

  it('fits one SMS for every zone of the demo fair, at every level, in Arabic, French and English', () => {
    for (const zone of demoFair.zones)
      for (const level of LEVELS)
        for (const language of ['ar', 'fr', 'en'] as const)
          for (const escalation of [0, 12]) {
            const text = alertSms(alert({ level, escalation }), zone, language, CASABLANCA);
            const { used, limit } = smsMeasure(text);
            expect(used, `${language}: ${text}`).toBeLessThanOrEqual(limit);
            // French and English stay in the SMS alphabet: 160 characters, not 70.
            if (language !== 'ar') expect(limit, text).toBe(160);
            expect(text).toContain('1800/1800');
            expect(text).toContain(language === 'fr' ? '14h05' : '14:05');
          }
  });

  it('says zone, level, figures and fair time in the organisers’ language', () => {
    const hall = demoFair.zones.find((zone) => zone.zoneId === 'seminar-hall');
    if (!hall) throw new Error('no seminar hall');
    expect(alertSms(alert({ count: 160, capacity: 160 }), hall, 'ar', CASABLANCA)).toBe(
      'رواق · قاعة الندوات: ممتلئ 160/160 · 14:05',
    );
    expect(alertSms(alert({ count: 160, capacity: 160, escalation: 2 }), hall, 'fr', CASABLANCA)).toBe(
      'Rawaq - rappel 2 - Salle des conférences : plein 160/160 - 14h05',
    );
    // Kept in the SMS alphabet (160 characters): an accent it lacks is dropped, é stays.
    expect(smsMeasure('Salle des conférences').limit).toBe(160);
    expect(smsMeasure('Hôtel').limit).toBe(70);
    expect(alertSms(alert({ kind: 'dayClosed', day: '2027-03-27', sweptOut: 41 }), hall, 'fr', CASABLANCA)).toBe(
      'Rawaq - journée du 27/03 close, 41 sortis du comptage - 14h05',
    );
    // A zone rising says when it would be full at that rate.
    expect(
      alertSms(alert({ level: 'critical', count: 152, capacity: 160, fullInMinutes: 4 }), hall, 'fr', CASABLANCA),
    ).toBe('Rawaq - Salle des conférences : critique 152/160 - plein dans ~4 min - 14h05');
    // Notices: an evacuation with its reason, an implausible count naming who sent it.
    expect(alertSms(alert({ kind: 'evacuation', reason: 'fumée au hall A' }), hall, 'fr', CASABLANCA)).toBe(
      'Rawaq - EVACUATION de Salle des conférences : fumée au hall A - 14h05',
    );
    const gate = {
      zoneId: 'main',
      name: 'Main entrance',
      names: { ar: 'المدخل الرئيسي', fr: 'Entrée principale', en: 'Main entrance' },
    };
    const implausible = alertSms(
      alert({ kind: 'implausible-count', people: 50, perMinute: 240, credentialLabel: 'Porte 1, tel 2' }),
      gate,
      'ar',
      CASABLANCA,
    );
    // Arabic holds 70 characters an SMS: the place and the figure first, who sent it as far as it fits.
    expect(implausible.startsWith('رواق · عدّ غير معقول، المدخل الرئيسي: 50 في دقيقة،')).toBe(true);
    expect(implausible.endsWith(' · 14:05')).toBe(true);
    expect(smsMeasure(implausible).used).toBeLessThanOrEqual(smsMeasure(implausible).limit);
    // Minutes after a figure are abbreviated (min, د) in every language: never "6 دقيقة".
    const silent = alertSms(
      alert({ kind: 'device-silent', minutes: 6, credentialLabel: 'هاتف 2' }),
      gate,
      'ar',
      CASABLANCA,
    );
    expect(silent).toBe('رواق · جهاز صامت عند المدخل الرئيسي منذ 6 د: هاتف 2 · 14:05');
    expect(
      alertSms(alert({ level: 'critical', count: 152, capacity: 160, fullInMinutes: 4 }), hall, 'ar', CASABLANCA),
    ).toBe('رواق · قاعة الندوات: حرج 152/160 · ممتلئ بعد ~4 د · 14:05');
  });

  it('shortens a zone name too long for one SMS, never the figures', () => {
    const long = {
      zoneId: 'z',
      name: 'x',
      names: { ar: 'قاعة '.repeat(30), fr: 'Salle '.repeat(60), en: 'Hall '.repeat(60) },
    };
    for (const language of ['ar', 'fr', 'en'] as const) {
      const text = alertSms(alert(), long, language, CASABLANCA);
      const { used, limit } = smsMeasure(text);
      expect(used).toBeLessThanOrEqual(limit);
      expect(text).toMatch(/1800\/1800 (·|-) 14(:|h)05$/);
      expect(text).toMatch(/…|\.\.\./);
    }
  });

  it('gives the e-mail every detail: the zone in each language, both levels, the time with its offset, the JSON', () => {
    const hall = demoFair.zones.find((zone) => zone.zoneId === 'hall-a');
    if (!hall) throw new Error('no hall A');
    const email = alertEmail(alert({ escalation: 1 }), hall, 'fr', CASABLANCA, { alertId: 'hall-b.7' });
    expect(email.subject).toBe('Rawaq : Hall A : produits du terroir - plein (rappel 1)');
    expect(email.body).toContain('القاعة أ: المنتوجات المجالية');
    expect(email.body).toContain('Hall A: regional products');
    expect(email.body).toContain('Niveau: plein (avant: critique)');
    expect(email.body).toContain('2027-03-27 14h05 (heure du salon, UTC+00:00)');
    expect(email.body).toContain('"alertId": "hall-b.7"');
  });

  it('says an incident’s kind in the organisers’ language, its text as written', () => {
    const venue = demoFair.zones.find((zone) => zone.zoneId === 'venue');
    if (!venue) throw new Error('no venue');
    const incident = alert({ kind: 'incident', reason: 'technical: écran noir au hall B', level: 'normal' });
    expect(alertSms(incident, venue, 'fr', CASABLANCA)).toContain('panne technique : écran noir au hall B');
    expect(alertSms(incident, venue, 'en', CASABLANCA)).toContain('technical: écran noir');
    expect(alertSms(incident, venue, 'ar', CASABLANCA)).toContain('عطل تقني: écran noir');
    // A reason that names no kind is left as it is.
    expect(alertSms({ ...incident, reason: 'smoke: kitchen' }, venue, 'fr', CASABLANCA)).toContain('smoke: kitchen');
  });
});
