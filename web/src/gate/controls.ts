import { h } from '../common/dom';
import { localName, t } from '../common/i18n';
import type { MessageKey } from '../common/messages';
import { isLocked } from '../common/pin-lock';
import { STORED } from '../common/stored';
import type { Gate } from '../common/types';

export type Direction = 'in' | 'out';
export type GateMode = 'scan' | 'count';

/** What the steward set at the top of the gate page, kept on the phone across reloads. */
export interface GateSettings {
  gate: Gate;
  direction: Direction;
  mode: GateMode;
}

/** Where each setting is kept on the phone. */
const KEPT_AS = { gate: STORED.gate, direction: STORED.direction, mode: STORED.gateMode } as const;

/** One choice of a segmented control (Entry or Exit, Scan or Count), pressed when it is the setting. */
function choice(key: 'direction' | 'mode', value: string, label: MessageKey, current: string, onclick: () => void) {
  const className = key === 'direction' ? `direction direction-${value}` : 'mode';
  return h('button', {
    type: 'button',
    class: className,
    [`data-${key}`]: value,
    'aria-pressed': String(value === current),
    t: label,
    onclick,
  });
}

/**
 * The gate page's controls: which gate, Entry or Exit, Scan or Count. Its state is the settings
 * above; each change is stored and told to the page (`changed`), which places its panels for the mode.
 * A supervisor's lock keeps the gate as it was set.
 */
export function controlsPanel(gates: Gate[], changed: (settings: GateSettings, what: keyof GateSettings) => void) {
  const settings: GateSettings = {
    gate: gates.find((g) => g.gateId === localStorage.getItem(KEPT_AS.gate)) ?? (gates[0] as Gate),
    direction: localStorage.getItem(KEPT_AS.direction) === 'out' ? 'out' : 'in',
    mode: localStorage.getItem(KEPT_AS.mode) === 'count' ? 'count' : 'scan',
  };
  const gateSelect = h(
    'select',
    { id: 'gate', 'aria-label': t('gateLabel') },
    ...gates.map((g) => h('option', { value: g.gateId, selected: g.gateId === settings.gate.gateId }, localName(g))),
  );
  const pick = <K extends 'direction' | 'mode'>(key: K, value: GateSettings[K]) => {
    settings[key] = value;
    localStorage.setItem(KEPT_AS[key], value);
    for (const button of buttons[key]) button.setAttribute('aria-pressed', String(button.dataset[key] === value));
    document.body.dataset[key] = value;
    changed(settings, key);
  };
  const buttons = {
    direction: (['in', 'out'] as const).map((value) =>
      choice('direction', value, value === 'in' ? 'directionIn' : 'directionOut', settings.direction, () =>
        pick('direction', value),
      ),
    ),
    // Scan tickets, or count walk-ins (a free fair: most visitors hold no ticket).
    mode: (['scan', 'count'] as const).map((value) =>
      choice('mode', value, value === 'scan' ? 'modeScan' : 'modeCount', settings.mode, () => pick('mode', value)),
    ),
  };
  gateSelect.addEventListener('change', () => {
    if (isLocked()) {
      // Locked: the gate stays as the supervisor set it.
      gateSelect.value = settings.gate.gateId;
      return;
    }
    settings.gate = gates.find((g) => g.gateId === gateSelect.value) ?? settings.gate;
    localStorage.setItem(KEPT_AS.gate, settings.gate.gateId);
    changed(settings, 'gate');
  });
  gateSelect.disabled = isLocked();
  document.body.dataset.direction = settings.direction;
  const modes = h('div', { class: 'segmented modes', role: 'group' }, ...buttons.mode);
  const directions = h('div', { class: 'segmented directions', role: 'group' }, ...buttons.direction);
  return {
    settings,
    /** Entry or Exit: placed under the modes, or with the scanner in Count mode. */
    directions,
    modes,
    element: h(
      'section',
      { class: 'card controls' },
      h('label', { for: 'gate', t: 'gateLabel' }),
      gateSelect,
      modes,
      directions,
    ),
    /** Applies the stored mode (the page's panels placed for it). */
    start: () => pick('mode', settings.mode),
    /** The lock changed: the gate can be chosen only when unlocked. */
    lockChanged: () => {
      gateSelect.disabled = isLocked();
    },
    relabel: () => {
      for (const option of gateSelect.options) {
        const named = gates.find((g) => g.gateId === option.value);
        if (named) option.textContent = localName(named);
      }
    },
  };
}
