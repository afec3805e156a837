import { h } from '../common/dom';

/**
 * The contact a visitor may leave when a ticket is issued, and, field by field, what they agree to
 * give a booth they show their consent code to. Nothing is shared unless ticked; a ticket that shares
 * something gets the consent code printed on its badge's fold-back panel.
 */
const FIELDS = [
  { field: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'off' },
  { field: 'whatsapp', type: 'tel', inputmode: 'tel', autocomplete: 'off' },
  { field: 'email', type: 'email', inputmode: 'email', autocomplete: 'off' },
  { field: 'city', type: 'text', inputmode: 'text', autocomplete: 'off' },
  { field: 'organisation', type: 'text', inputmode: 'text', autocomplete: 'off' },
] as const;
type Field = (typeof FIELDS)[number]['field'];

export interface ContactFields {
  element: HTMLElement;
  /** What the request carries: the contact given, and the fields ticked to share. */
  value(hasName: boolean): { contact?: Partial<Record<Field, string>>; share?: string[] };
  clear(): void;
}

export function contactFields(): ContactFields {
  const inputs = new Map<Field, HTMLInputElement>();
  const shares = new Map<string, HTMLInputElement>();
  const share = (field: string) => {
    const box = h('input', { type: 'checkbox', id: `share-${field}`, 'data-share': field });
    shares.set(field, box);
    return h('label', { class: 'check share' }, box, h('span', { t: 'shareWithBooths' }));
  };
  const nameShare = h('input', { type: 'checkbox', id: 'share-name', 'data-share': 'name' });
  shares.set('name', nameShare);
  const rows = FIELDS.map(({ field, type, inputmode, autocomplete }) => {
    const input = h('input', {
      id: `contact-${field}`,
      name: field,
      type,
      inputmode,
      autocomplete,
      maxlength: field === 'organisation' || field === 'email' ? 200 : 100,
      dir: field === 'city' || field === 'organisation' ? 'auto' : 'ltr',
    });
    inputs.set(field, input);
    return h(
      'div',
      { class: 'contact-field' },
      h('label', { for: `contact-${field}`, t: `contact_${field}` }),
      input,
      share(field),
    );
  });
  const element = h(
    'details',
    { class: 'contact-fields', id: 'contact-fields' },
    h('summary', { t: 'contactDetails' }),
    h('p', { class: 'muted', t: 'shareWithBooths' }),
    h('label', { class: 'check share' }, nameShare, h('span', { t: 'share_name' })),
    ...rows,
  );
  return {
    element,
    value(hasName) {
      const contact: Partial<Record<Field, string>> = {};
      for (const [field, input] of inputs) if (input.value.trim()) contact[field] = input.value.trim();
      const shared = [...shares]
        .filter(([field, box]) => box.checked && (field === 'name' ? hasName : Boolean(contact[field as Field])))
        .map(([field]) => field);
      return {
        ...(Object.keys(contact).length > 0 ? { contact } : {}),
        ...(shared.length > 0 ? { share: shared } : {}),
      };
    },
    clear() {
      for (const input of inputs.values()) input.value = '';
      for (const box of shares.values()) box.checked = false;
    },
  };
}
