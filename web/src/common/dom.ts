import type { MessageKey } from './messages';

type Child = Node | string | number | false | null | undefined;
type Attributes = Record<string, string | number | boolean | EventListener | undefined> & {
  t?: MessageKey;
  't-label'?: MessageKey;
};

/**
 * A small element builder: `h('button', {class: 'primary', onclick}, 'Go')`. `t` names a message key for
 * the text, `t-label` one for the accessible name (aria-label); `applyLanguage` fills both.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 't') element.dataset.t = String(value);
    else if (name === 't-label') element.dataset.tLabel = String(value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * What scrolls sideways inside its card when a phone is too narrow for it (a wide table): a named
 * region that the keyboard can reach and scroll, as WCAG asks of scrollable content.
 */
export function scrollRegion(label: MessageKey, content: Node): HTMLElement {
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 't-label': label }, content);
}

/**
 * A table of figures: headed columns (the first is text, the others numbers, aligned to the end),
 * scrolling inside its card when a phone is too narrow for it.
 */
export function figureTable(label: MessageKey, columns: MessageKey[], body: HTMLTableSectionElement): HTMLElement {
  return scrollRegion(
    label,
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, ...columns.map((column, index) => h('th', { t: column, ...(index > 0 ? { class: 'num' } : {}) }))),
      ),
      body,
    ),
  );
}

/** A form field with its label before it, the label tied to the field's id. */
export function labelledField(label: MessageKey, input: HTMLElement): HTMLElement[] {
  return [h('label', { for: input.id, t: label }), input];
}

/**
 * Fields side by side (a start and an end, a day and a time), each with its label above it; on a narrow
 * phone they stack, each label still with its field. (In a flex row of labels and inputs, a phone
 * wrapped the second input onto the next line, away from its label.)
 */
export function fieldPair(...fields: [MessageKey, HTMLElement][]): HTMLElement {
  return h('div', { class: 'pair' }, ...fields.map(([label, input]) => h('div', {}, ...labelledField(label, input))));
}
