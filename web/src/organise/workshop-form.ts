import { fairIso, zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { fieldPair, h, labelledField } from '../common/dom';
import { explain } from '../common/explain';
import { localName, t } from '../common/i18n';
import type { Fair } from '../common/types';

/** The form's inputs: titles in three languages, kind, room, day, hours, seats, registration. */
function workshopFields(fair: Fair) {
  const languages = ['ar', 'fr', 'en'] as const;
  return {
    titles: languages.map((language) =>
      h('input', { id: `workshop-title-${language}`, name: language, maxlength: 300, lang: language, dir: 'auto' }),
    ),
    kind: h(
      'select',
      { id: 'workshop-kind' },
      h('option', { value: 'workshop', t: 'kind_workshop' }),
      h('option', { value: 'seminar', t: 'kind_seminar' }),
    ),
    zone: h(
      'select',
      { id: 'workshop-zone' },
      ...fair.zones.map((z) => h('option', { value: z.zoneId, 'data-zone': z.zoneId }, localName(z))),
    ),
    day: h('select', { id: 'workshop-day' }, ...fair.days.map((d) => h('option', { value: d, 'data-short-day': d }))),
    starts: h('input', { id: 'workshop-starts', type: 'time', value: '10:00', required: true }),
    ends: h('input', { id: 'workshop-ends', type: 'time', value: '11:00', required: true }),
    capacity: h('input', { id: 'workshop-capacity', type: 'number', min: 1, max: 100000, value: 40, required: true }),
    registration: h('input', { id: 'workshop-registration', type: 'checkbox' }),
  };
}

/** The workshop the fields describe, as the API takes it; none without a title in some language. */
function workshopBody(fair: Fair, fields: ReturnType<typeof workshopFields>) {
  const [ar, fr, en] = fields.titles.map((input) => input.value.trim());
  const title = en || fr || ar;
  if (!title) return undefined;
  const at = (time: string) => fairIso(fields.day.value, time, zoneOf(fair));
  return {
    title,
    titles: { ...(ar ? { ar } : {}), ...(fr ? { fr } : {}), ...(en ? { en } : {}) },
    kind: fields.kind.value,
    zoneId: fields.zone.value,
    startsAt: at(fields.starts.value),
    endsAt: at(fields.ends.value),
    capacity: Number(fields.capacity.value),
    registrationRequired: fields.registration.checked,
  };
}

/**
 * The new-workshop form: titles in three languages (one is enough), workshop or seminar, room, day,
 * hours in the fair's own time, seats, and whether it takes registrations. `created` hears each success.
 */
export function newWorkshopForm(fair: Fair, created: () => Promise<void>) {
  const fields = workshopFields(fair);
  const { titles, zone } = fields;
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', id: 'new-workshop' },
    h('h2', { t: 'newWorkshop' }),
    ...labelledField('titleAr', titles[0] as HTMLInputElement),
    ...labelledField('titleFr', titles[1] as HTMLInputElement),
    ...labelledField('titleEn', titles[2] as HTMLInputElement),
    ...labelledField('kind', fields.kind),
    ...labelledField('room', zone),
    ...labelledField('day', fields.day),
    fieldPair(['starts', fields.starts], ['ends', fields.ends]),
    ...labelledField('seats', fields.capacity),
    h('label', { class: 'check' }, fields.registration, h('span', { t: 'registrationRequired' })),
    problem,
    h('button', { type: 'submit', class: 'primary', t: 'create' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = workshopBody(fair, fields);
    problem.textContent = body ? '' : t('titleNeeded');
    if (!body) return;
    try {
      await request('/v1/workshops', { body });
      for (const input of titles) input.value = '';
      await created();
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  return {
    element: form,
    /** The rooms' names in the language now chosen. */
    relabel(): void {
      for (const option of zone.options) {
        const found = fair.zones.find((z) => z.zoneId === option.value);
        if (found) option.textContent = localName(found);
      }
    },
  };
}
