import { describe, expect, it } from 'vitest';
import { demoFair } from '#shared/fair/demo-fair';
import { privacyTexts } from '#shared/fair/privacy-notice';

describe('the privacy drafts (law 09-08)', () => {
  it('says where the data is kept and until when, and names hosting abroad as a transfer', () => {
    const fair = demoFair;
    const venue = privacyTexts(fair, { kind: 'venue' });
    const aws = privacyTexts(fair, { kind: 'aws', region: 'eu-west-3' });
    expect(Object.keys(venue).sort()).toEqual([
      'cndp-declaration.ar.md',
      'cndp-declaration.fr.md',
      'entrance-notice.ar.md',
      'entrance-notice.fr.md',
    ]);
    // 90 days after the fair's last day (31 March 2027).
    for (const text of Object.values(venue)) expect(text).toContain('2027-06-30');
    expect(venue['cndp-declaration.fr.md']).toContain('Aucun : les données restent au Maroc');
    expect(aws['cndp-declaration.fr.md']).toContain('hors du Maroc (France (Paris))');
    expect(aws['cndp-declaration.fr.md']).toMatch(/articles 43 et 44/);
    expect(aws['cndp-declaration.ar.md']).toContain('فرنسا (باريس)');
    expect(aws['entrance-notice.ar.md']).toContain('رمز الموافقة');
    expect(venue['entrance-notice.fr.md']).toContain(fair.localNames.fr);
    // What the organiser must fill in is marked, never invented.
    expect(venue['cndp-declaration.fr.md']).toContain('[à compléter]');
    expect(venue['cndp-declaration.ar.md']).toContain('[يُستكمل]');
  });
});
