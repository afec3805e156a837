import { type Fair, FairSchema } from '../domain/fair';
import { buildDemoBooths } from './demo-booths';
import { buildDemoProgramme, DEMO_TIMEZONE, demoDays } from './demo-programme';
import { demoGates, demoZones } from './demo-zones';

/** The fair Rawaq ships with, so a new user sees it working at once. */
export const demoFair: Fair = FairSchema.parse({
  fairId: 'oujda-ess-2027',
  name: '3rd Regional Exhibition of the Social and Solidarity Economy, Oujda',
  localNames: {
    ar: 'المعرض الجهوي للاقتصاد الاجتماعي والتضامني - الدورة الثالثة',
    fr: "3e Salon régional de l'économie sociale et solidaire, Oujda",
    en: '3rd Regional Exhibition of the Social and Solidarity Economy, Oujda',
  },
  timezone: DEMO_TIMEZONE,
  days: demoDays,
  zones: demoZones,
  gates: demoGates,
  booths: buildDemoBooths(),
  workshops: buildDemoProgramme(),
});
