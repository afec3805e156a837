import { describe, expect, it } from 'vitest';
import { holderEntry } from '#shared/use-cases/count-holders';

/** What a change of a ticket item says about its holder, for the reports' distinct holders. */
describe("a ticket's first entry, read from its change", () => {
  it('counts a first entry of a day, and the first of all, by category', () => {
    expect(holderEntry({ category: 'press' }, { category: 'press', enteredOn: '2027-03-26' })).toEqual({
      day: '2027-03-26',
      category: 'press',
      firstEver: true,
    });
    expect(
      holderEntry({ category: 'visitor', enteredOn: '2027-03-26' }, { category: 'visitor', enteredOn: '2027-03-27' }),
    ).toEqual({ day: '2027-03-27', category: 'visitor', firstEver: false });
  });

  it('counts nothing for a re-entry the same day, an exit, a revocation or a new ticket', () => {
    const inside = { category: 'visitor', enteredOn: '2027-03-26' };
    expect(holderEntry(inside, { ...inside })).toBeUndefined();
    expect(holderEntry(undefined, { category: 'visitor' })).toBeUndefined();
    expect(holderEntry({ category: 'visitor' }, { category: 'visitor', revoked: true } as never)).toBeUndefined();
    expect(holderEntry(inside, undefined)).toBeUndefined();
  });
});
