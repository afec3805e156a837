import { describe, expect, it } from 'vitest';
import {
  GUESS_WINDOW_MINUTES,
  guessWindow,
  previousGuessWindow,
  secondsLeftInWindow,
} from '../../shared/domain/short-code-guesses';

describe('short-code guess windows', () => {
  it('names a window by its start, ten minutes long, whatever second it is', () => {
    expect(GUESS_WINDOW_MINUTES).toBe(10);
    expect(guessWindow(new Date('2027-03-26T11:10:00.000Z'))).toBe('2027-03-26T11:10');
    expect(guessWindow(new Date('2027-03-26T11:19:59.999Z'))).toBe('2027-03-26T11:10');
    expect(guessWindow(new Date('2027-03-26T11:20:00.000Z'))).toBe('2027-03-26T11:20');
    expect(previousGuessWindow(new Date('2027-03-26T00:05:00.000Z'))).toBe('2027-03-25T23:50');
  });

  it('says how long until the window ends, never 0', () => {
    expect(secondsLeftInWindow(new Date('2027-03-26T11:10:00.000Z'))).toBe(600);
    expect(secondsLeftInWindow(new Date('2027-03-26T11:18:30.000Z'))).toBe(90);
    expect(secondsLeftInWindow(new Date('2027-03-26T11:19:59.999Z'))).toBe(1);
  });
});
