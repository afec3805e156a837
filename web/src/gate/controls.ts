import { h } from '../common/dom';
import { localName, t } from '../common/i18n';
import { isLocked } from '../common/pin-lock';
import type { Gate } from '../common/types';

export type Direction = 'in' | 'out';
export type GateMode = 'scan' | 'count';

/** What the steward set at the top of the gate page, kept on the phone across reloads. */
export interface GateSettings {
  gate: Gate;
  direction: Direction;
  mode: GateMode;
}

/**
 * The gate page's controls: which gate, Entry or Exit, Scan or Count. Its state is the settings
 * above; each change is stored and told to the page (`changed`), which places its panels for the mode.
 * A supervisor's lock keeps the gate as it was set.
 */
export function controlsPanel(gates: Gate[], changed: (settings: GateSettings, what: keyof GateSettings) => void) {
  const settings: GateSettings = {
    gate: gates.find((g) => g.gateId === localStorage.getItem('rawaq.gate')) ?? (gates[0] as Gate),
    direction: localStorage.getItem('rawaq.direction') === 'out' ? 'out' : 'in',
    mode: localStorage.getItem('rawaq.gateMode') === 'count' ? 'count' : 'scan',
  };
  const gateSelect = h(
    'select',
    { id: 'gate', 'aria-label': t('gateLabel') },
    ...gates.map((g) => h('option', { value: g.gateId, selected: g.gateId === settings.gate.gateId }, localName(g))),
  );
  const pressed = (buttons: HTMLElement[], key: 'direction' | 'mode') => {
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset[key] === settings[key]));
    document.body.dataset[key] = settings[key];
  };
  const directionButtons = (['in', 'out'] as const).map((value) =>
    h('button', {
      type: 'button',
      class: `direction direction-${value}`,
      'data-direction': value,
      'aria-pressed': String(value === settings.direction),
      t: value === 'in' ? 'directionIn' : 'directionOut',
      onclick: () => {
        settings.direction = value;
        localStorage.setItem('rawaq.direction', value);
        pressed(directionButtons, 'direction');
        changed(settings, 'direction');
      },
    }),
  );
  // Scan tickets, or count walk-ins (a free fair: most visitors hold no ticket).
  const modeButtons = (['scan', 'count'] as const).map((value) =>
    h('button', {
      type: 'button',
      class: 'mode',
      'data-mode': value,
      'aria-pressed': String(value === settings.mode),
      t: value === 'scan' ? 'modeScan' : 'modeCount',
      onclick: () => setMode(value),
    }),
  );
  const setMode = (value: GateMode) => {
    settings.mode = value;
    localStorage.setItem('rawaq.gateMode', value);
    pressed(modeButtons, 'mode');
    changed(settings, 'mode');
  };
  gateSelect.addEventListener('change', () => {
    if (isLocked()) {
      // Locked: the gate stays as the supervisor set it.
      gateSelect.value = settings.gate.gateId;
      return;
    }
    settings.gate = gates.find((g) => g.gateId === gateSelect.value) ?? settings.gate;
    localStorage.setItem('rawaq.gate', settings.gate.gateId);
    changed(settings, 'gate');
  });
  gateSelect.disabled = isLocked();
  document.body.dataset.direction = settings.direction;
  const modes = h('div', { class: 'segmented modes', role: 'group' }, ...modeButtons);
  const directions = h('div', { class: 'segmented directions', role: 'group' }, ...directionButtons);
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
    start: () => setMode(settings.mode),
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
