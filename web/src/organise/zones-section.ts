import { zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { fairNow } from '../common/fair-clock';
import { applyLanguage, formatNumber, formatTime, localName, t } from '../common/i18n';
import type { PageContext } from '../common/session';
import type { Zone, ZoneOccupancy } from '../common/types';
import { nested } from '../common/zone-order';
import type { Section } from './main';

/**
 * Zones on the day: capacity, thresholds and escalation changed with the reason recorded (a fire
 * officer's instruction, a hall partly closed), the count now, and the last change and who made it.
 */
type ZoneRules = Zone;

const percent = (fraction: number) => Math.round(fraction * 100);

export function zonesSection({ fair }: PageContext): Section {
  const list = h('div', { class: 'zone-rules', id: 'zone-rules' });
  let zones: ZoneRules[] = [];
  let live = new Map<string, ZoneOccupancy>();
  /** The zone saved last and what its card said: the list is read again after a save, the word stays. */
  let saved: { zoneId: string; text: string } | undefined;

  const card = ([zone, depth]: [ZoneRules, number]) => {
    const field = (name: string, value: number, min: number, max: number) =>
      h('input', { type: 'number', name, value, min, max, required: true, id: `zone-${zone.zoneId}-${name}` });
    const capacity = field('capacity', zone.capacity, 1, 1_000_000);
    const warning = field('warning', percent(zone.thresholds.warning), 1, 100);
    const critical = field('critical', percent(zone.thresholds.critical), 1, 100);
    const full = field('full', percent(zone.thresholds.full), 1, 100);
    const escalation = field('escalationMinutes', zone.escalationMinutes, 1, 1440);
    const reason = h('input', {
      name: 'reason',
      required: true,
      maxlength: 300,
      dir: 'auto',
      id: `zone-${zone.zoneId}-reason`,
    });
    const status = h(
      'p',
      { class: 'muted zone-saved', role: 'status' },
      saved?.zoneId === zone.zoneId ? saved.text : '',
    );
    // The floor plan's safe capacity, and a warning while the figure typed is above it.
    const safe = zone.safeCapacity;
    const above = h('p', { class: 'form-error above-safe', role: 'alert', id: `zone-${zone.zoneId}-above-safe` });
    const judge = () => {
      above.hidden = !safe || Number(capacity.value) <= safe;
      above.textContent = safe ? t('aboveSafeCapacity', { n: formatNumber(safe) }) : '';
    };
    capacity.addEventListener('input', judge);
    judge();
    const now = live.get(zone.zoneId);
    // A zone no door counts today has no figure: "0 / 830 · normal" would read as an empty hall.
    const nowLine = !now
      ? ''
      : now.coverage === 'none'
        ? h('p', { class: 'muted not-counted' }, t('coverage_none'))
        : h(
            'p',
            { class: `level-${now.level}` },
            `${formatNumber(now.count)} / ${formatNumber(now.capacity)} · ${t(`level_${now.level}`)}`,
          );
    const percentSign = () => h('span', { class: 'unit', dir: 'ltr' }, '%');
    const form = h(
      'form',
      {
        class: 'card zone-form',
        'data-zone': zone.zoneId,
        style: depth > 0 ? `margin-inline-start: ${Math.min(depth, 3) * 1.25}rem` : '',
      },
      h('h3', { dir: 'auto' }, localName(zone)),
      nowLine,
      h('label', { for: capacity.id, t: 'capacity' }),
      capacity,
      safe ? h('p', { class: 'muted safe-capacity' }, t('safeCapacity', { n: formatNumber(safe) })) : '',
      above,
      h(
        'div',
        { class: 'row thresholds' },
        h('label', { for: warning.id, t: 'level_warning' }),
        warning,
        percentSign(),
        h('label', { for: critical.id, t: 'level_critical' }),
        critical,
        percentSign(),
        h('label', { for: full.id, t: 'level_full' }),
        full,
        percentSign(),
      ),
      h('label', { for: escalation.id, t: 'escalationMinutes' }),
      escalation,
      h('label', { for: reason.id, t: 'changeReason' }),
      reason,
      h('button', { type: 'submit', class: 'primary', t: 'save' }),
      zone.lastChange
        ? h(
            'p',
            { class: 'muted last-change', dir: 'auto' },
            t('lastChange', {
              time: formatTime(zone.lastChange.at, zoneOf(fair)),
              who: zone.lastChange.by,
              reason: zone.lastChange.reason ?? '—',
            }),
          )
        : '',
      status,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await request(`/v1/zones/${encodeURIComponent(zone.zoneId)}`, {
          method: 'PATCH',
          body: {
            capacity: Number(capacity.value),
            thresholds: {
              warning: Number(warning.value) / 100,
              critical: Number(critical.value) / 100,
              full: Number(full.value) / 100,
            },
            escalationMinutes: Number(escalation.value),
            reason: reason.value.trim(),
          },
        });
        saved = { zoneId: zone.zoneId, text: `${t('saved')} ${formatTime(fairNow().toISOString(), zoneOf(fair))}` };
        status.textContent = saved.text;
        await load();
      } catch (error) {
        status.textContent = explain(error);
      }
    });
    return form;
  };

  async function load(): Promise<void> {
    try {
      const [described, occupancy] = await Promise.all([
        request<{ zones: ZoneRules[] }>('/v1/fair'),
        request<{ zones: ZoneOccupancy[] }>('/v1/occupancy'),
      ]);
      zones = described.zones;
      live = new Map(occupancy.zones.map((zone) => [zone.zoneId, zone]));
      list.replaceChildren(...nested(zones).map(card));
      applyLanguage(list);
    } catch (error) {
      list.replaceChildren(h('p', { class: 'form-error' }, explain(error)));
    }
  }

  return {
    id: 'zones',
    title: 'tabZones',
    element: h('section', { class: 'organise-part' }, h('p', { class: 'muted', t: 'zonesHelp' }), list),
    show: () => void load(),
    relabel: () => {
      list.replaceChildren(...nested(zones).map(card));
      applyLanguage(list);
    },
  };
}
