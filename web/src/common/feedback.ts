/**
 * Sound and vibration for each verdict, so gate staff need not look at the screen for every scan:
 * one high beep lets through, two mid beeps warn, a long low buzz refuses; a note on the ticket adds a
 * rising triple beep and a long vibration that are hard to miss. Generated with WebAudio: no files to load.
 */
export type Tone = 'pass' | 'warn' | 'refuse';

let audio: AudioContext | undefined;

/** Browsers start audio only after a user gesture: call this from one (the start button). */
export function unlockSound(): void {
  audio ??= new AudioContext();
  if (audio.state === 'suspended') void audio.resume();
}

function beep(frequency: number, startS: number, durationS: number, type: OscillatorType = 'sine'): void {
  if (!audio) return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = type;
  oscillator.frequency.value = frequency;
  const at = audio.currentTime + startS;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.4, at + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + durationS);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + durationS + 0.02);
}

const VIBRATION: Record<Tone, number[]> = { pass: [90], warn: [90, 80, 90], refuse: [400] };

export function signal(tone: Tone, attention = false): void {
  if (tone === 'pass') beep(1320, 0, 0.12);
  else if (tone === 'warn') {
    beep(660, 0, 0.12, 'triangle');
    beep(660, 0.18, 0.12, 'triangle');
  } else beep(180, 0, 0.45, 'square');
  let pattern = VIBRATION[tone];
  if (attention) {
    const after = tone === 'refuse' ? 0.55 : 0.4;
    beep(880, after, 0.08);
    beep(1100, after + 0.12, 0.08);
    beep(1480, after + 0.24, 0.14);
    pattern = [...pattern, 150, 120, 60, 120, 60, 500];
  }
  if ('vibrate' in navigator) navigator.vibrate(pattern);
}

/** An evacuation's alarm: a two-tone siren for a few seconds and a long vibration, hard to miss in a crowd. */
export function alarm(): void {
  for (let cycle = 0; cycle < 6; cycle += 1) {
    beep(960, cycle * 0.5, 0.24, 'square');
    beep(720, cycle * 0.5 + 0.25, 0.24, 'square');
  }
  if ('vibrate' in navigator) navigator.vibrate([800, 200, 800, 200, 800]);
}
