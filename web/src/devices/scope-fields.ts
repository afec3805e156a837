import { fairDay, zoneOf } from '../../../shared/domain/fair-time';
import { h } from '../common/dom';
import { applyLanguage, formatShortDay, formatTime, localName, localTitle } from '../common/i18n';
import type { Fair, Role } from '../common/types';

export type DeviceRole = Exclude<Role, 'organiser'>;

const checkboxes = (name: string, items: { id: string; text: string }[]) =>
  items.map((item) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name, value: item.id }),
      h('span', { dir: 'auto' }, item.text),
    ),
  );

const byGates = (role: DeviceRole) => role === 'gate' || role === 'supervisor';

/** What a role's device may be used for: its gates, its workshops, its booth, or nothing to choose. */
function scopeChoices(fair: Fair, role: DeviceRole): HTMLElement[] {
  if (byGates(role))
    return [
      h('legend', { t: 'gates' }),
      ...checkboxes(
        'gates',
        fair.gates.map((g) => ({ id: g.gateId, text: localName(g) })),
      ),
    ];
  if (role === 'host') {
    const when = (instant: string) =>
      `${formatShortDay(fairDay(new Date(instant), zoneOf(fair)))} ${formatTime(instant, zoneOf(fair))}`;
    const workshops = [...fair.workshops]
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .map((w) => ({ id: w.workshopId, text: `${when(w.startsAt)} · ${localTitle(w)}` }));
    return [h('legend', { t: 'workshops' }), ...checkboxes('workshops', workshops)];
  }
  if (role === 'desk' || role === 'viewer') return [h('p', { class: 'muted', t: `scopeOf_${role}` })];
  return [
    h('legend', { t: 'booth' }),
    h(
      'select',
      { name: 'booth', id: 'booth' },
      ...fair.booths.map((b) => h('option', { value: b.boothId }, `${b.boothId} · ${b.exhibitor}`)),
    ),
  ];
}

/** The scope of the device being made, redrawn for its role and in the reader's language. */
export function scopeFields(fair: Fair, role: () => DeviceRole) {
  const element = h('fieldset', { class: 'scope', id: 'scope' });
  const checked = (name: string) =>
    [...element.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)].map((input) => input.value);
  return {
    element,
    /** Redrawn: what was ticked stays ticked, the booth chosen stays chosen. */
    show(): void {
      const ticked = new Set(
        [...element.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => `${input.name}:${input.value}`),
      );
      const booth = element.querySelector<HTMLSelectElement>('#booth')?.value;
      element.replaceChildren(...scopeChoices(fair, role()));
      applyLanguage(element);
      for (const input of element.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
        input.checked = ticked.has(`${input.name}:${input.value}`);
      const boothSelect = element.querySelector<HTMLSelectElement>('#booth');
      if (boothSelect && booth) boothSelect.value = booth;
    },
    /** The scope chosen, as the API takes it; none when a gate or workshop role has nothing ticked. */
    chosen(): { gates?: string[]; workshops?: string[]; booth?: string } | undefined {
      const current = role();
      if (byGates(current)) return checked('gates').length > 0 ? { gates: checked('gates') } : undefined;
      if (current === 'host') return checked('workshops').length > 0 ? { workshops: checked('workshops') } : undefined;
      if (current === 'exhibitor') return { booth: element.querySelector<HTMLSelectElement>('#booth')?.value ?? '' };
      return {};
    },
  };
}
