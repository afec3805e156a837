import { zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { fairNow } from '../common/fair-clock';
import { formatNumber, formatTime, localName, t } from '../common/i18n';
import { nameOf } from '../common/names';
import type { Fair, Zone, ZoneOccupancy } from '../common/types';

const percent = (fraction: number) => Math.round(fraction * 100);

/** The zone's rules as fields: capacity, its three thresholds in per cent, escalation, the reason for a change. */
function zoneFields(zone: Zone) {
  const field = (name: string, value: number, min: number, max: number) =>
    h('input', { type: 'number', name, value, min, max, required: true, id: `zone-${zone.zoneId}-${name}` });
  return {
    capacity: field('capacity', zone.capacity, 1, 1_000_000),
    warning: field('warning', percent(zone.thresholds.warning), 1, 100),
    critical: field('critical', percent(zone.thresholds.critical), 1, 100),
    full: field('full', percent(zone.thresholds.full), 1, 100),
    escalation: field('escalationMinutes', zone.escalationMinutes, 1, 1440),
    reason: h('input', {
      name: 'reason',
      required: true,
      maxlength: 300,
      dir: 'auto',
      id: `zone-${zone.zoneId}-reason`,
    }),
  };
}

type ZoneFields = ReturnType<typeof zoneFields>;

/** The change as the API takes it. */
const zoneChange = (fields: ZoneFields) => ({
  capacity: Number(fields.capacity.value),
  thresholds: {
    warning: Number(fields.warning.value) / 100,
    critical: Number(fields.critical.value) / 100,
    full: Number(fields.full.value) / 100,
  },
  escalationMinutes: Number(fields.escalation.value),
  reason: fields.reason.value.trim(),
});

/** The count now; a zone no door counts today has no figure: "0 / 830 · normal" would read as an empty hall. */
function nowLine(now: ZoneOccupancy | undefined): HTMLElement | string {
  if (!now) return '';
  if (now.coverage === 'none') return h('p', { class: 'muted not-counted' }, t('coverage_none'));
  const figures = `${formatNumber(now.count)} / ${formatNumber(now.capacity)} · ${t(`level_${now.level}`)}`;
  return h('p', { class: `level-${now.level}` }, figures);
}

/** The floor plan's safe capacity, and a warning while the figure typed is above it. */
function safeCapacity(zone: Zone, capacity: HTMLInputElement): (HTMLElement | string)[] {
  const safe = zone.safeCapacity;
  const above = h('p', { class: 'form-error above-safe', role: 'alert', id: `zone-${zone.zoneId}-above-safe` });
  const judge = () => {
    above.hidden = !safe || Number(capacity.value) <= safe;
    above.textContent = safe ? t('aboveSafeCapacity', { n: formatNumber(safe) }) : '';
  };
  capacity.addEventListener('input', judge);
  judge();
  return [safe ? h('p', { class: 'muted safe-capacity' }, t('safeCapacity', { n: formatNumber(safe) })) : '', above];
}

function thresholds({ warning, critical, full }: ZoneFields): HTMLElement {
  const percentSign = () => h('span', { class: 'unit', dir: 'ltr' }, '%');
  return h(
    'div',
    { class: 'row thresholds' },
    ...(
      [
        [warning, 'level_warning'],
        [critical, 'level_critical'],
        [full, 'level_full'],
      ] as const
    ).map(([input, label]) =>
      // A word, its field and its unit wrap as one: on a phone a word never ends a line whose field is on the next.
      h('span', { class: 'threshold' }, h('label', { for: input.id, t: label }), input, percentSign()),
    ),
  );
}

/** What a zone's card shows beside its rules: its count now and the word left by the last save. */
export interface ZoneCardState {
  now: ZoneOccupancy | undefined;
  savedText: string;
  /** Saved: the card's word, kept across the list's reading again. */
  saved: (text: string) => Promise<void>;
}

/**
 * A zone on the day: capacity, thresholds and escalation changed with the reason recorded (a fire
 * officer's instruction, a hall partly closed), the count now, and the last change and who made it.
 */
export function zoneForm(fair: Fair, zone: Zone, depth: number, state: ZoneCardState): HTMLElement {
  const fields = zoneFields(zone);
  const status = h('p', { class: 'muted zone-saved', role: 'status' }, state.savedText);
  const time = (instant: string) => formatTime(instant, zoneOf(fair));
  const last = zone.lastChange;
  const form = h(
    'form',
    {
      class: 'card zone-form',
      'data-zone': zone.zoneId,
      style: depth > 0 ? `margin-inline-start: ${Math.min(depth, 3) * 1.25}rem` : '',
    },
    h('h3', { dir: 'auto' }, localName(zone)),
    nowLine(state.now),
    h('label', { for: fields.capacity.id, t: 'capacity' }),
    fields.capacity,
    ...safeCapacity(zone, fields.capacity),
    thresholds(fields),
    h('label', { for: fields.escalation.id, t: 'escalationMinutes' }),
    fields.escalation,
    h('label', { for: fields.reason.id, t: 'changeReason' }),
    fields.reason,
    h('button', { type: 'submit', class: 'primary', t: 'save' }),
    last
      ? h(
          'p',
          { class: 'muted last-change', dir: 'auto' },
          t('lastChange', { time: time(last.at), who: nameOf(last.by), reason: last.reason ?? '—' }),
        )
      : '',
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await request(`/v1/zones/${encodeURIComponent(zone.zoneId)}`, { method: 'PATCH', body: zoneChange(fields) });
      status.textContent = `${t('saved')} ${time(fairNow().toISOString())}`;
      await state.saved(status.textContent);
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  return form;
}
