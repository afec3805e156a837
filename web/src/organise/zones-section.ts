import { newestLoad, request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage } from '../common/i18n';
import type { PageContext } from '../common/session';
import type { Zone, ZoneOccupancy } from '../common/types';
import { nested } from '../common/zone-order';
import type { Section } from './main';
import { zoneForm } from './zone-form';

/**
 * Zones on the day: each zone's rules changed with the reason recorded, its count now, and the last
 * change and who made it, nested as the venue is.
 */
export function zonesSection({ fair }: PageContext): Section {
  const list = h('div', { class: 'zone-rules', id: 'zone-rules' });
  let zones: Zone[] = [];
  let live = new Map<string, ZoneOccupancy>();
  /** The zone saved last and what its card said: the list is read again after a save, the word stays. */
  let saved: { zoneId: string; text: string } | undefined;
  const show = () => {
    list.replaceChildren(
      ...nested(zones).map(([zone, depth]) =>
        zoneForm(fair, zone, depth, {
          now: live.get(zone.zoneId),
          savedText: saved?.zoneId === zone.zoneId ? saved.text : '',
          saved: async (text) => {
            saved = { zoneId: zone.zoneId, text };
            await load();
          },
        }),
      ),
    );
    applyLanguage(list);
  };

  const load = newestLoad(
    () => Promise.all([request<{ zones: Zone[] }>('/v1/fair'), request<{ zones: ZoneOccupancy[] }>('/v1/occupancy')]),
    ([described, occupancy]) => {
      zones = described.zones;
      live = new Map(occupancy.zones.map((zone) => [zone.zoneId, zone]));
      show();
    },
    (error) => list.replaceChildren(h('p', { class: 'form-error' }, explain(error))),
  );

  return {
    id: 'zones',
    title: 'tabZones',
    element: h('section', { class: 'organise-part' }, h('p', { class: 'muted', t: 'zonesHelp' }), list),
    show: () => void load(),
    relabel: show,
  };
}
