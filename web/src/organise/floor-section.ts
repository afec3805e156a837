import { againWhenAnswered } from '../common/api';
import { h } from '../common/dom';
import type { PageContext } from '../common/session';
import { closeDayCard } from './close-day';
import { devicesTable } from './devices-table';
import { evacuationCard } from './evacuation-card';
import { incidentsCard } from './incidents-card';
import type { Section } from './main';
import { paperKitCard } from './paper-kit';

/**
 * The floor, for organisers: an evacuation (started with a second confirmation, its roll call, ended
 * once), the incident log with its broadcasts and who read them, every device's last word (a silent
 * gate shows before its steward walks to the desk), the day's close and the paper kit.
 */
export function floorSection({ fair }: PageContext): Section {
  const evacuation = evacuationCard(fair);
  const incidents = incidentsCard(fair);
  const devices = devicesTable(fair);
  const element = h(
    'section',
    { class: 'floor' },
    evacuation.element,
    ...incidents.elements,
    h('h3', { t: 'devicesHeading' }),
    devices.element,
    closeDayCard(fair),
    paperKitCard(fair),
  );
  // Opened with no network, each part fills itself once the API answers again: the part that failed,
  // alone (the evacuation card asks again for itself).
  const retried = (part: () => Promise<void>) => {
    const load = () => void part().catch((error) => againWhenAnswered(error, load));
    return load;
  };
  const showIncidents = retried(incidents.show);
  const showDevices = retried(devices.show);
  const show = () => {
    void evacuation.show();
    showIncidents();
    showDevices();
  };
  return { id: 'floor', title: 'floorTab', element, show, relabel: show };
}
