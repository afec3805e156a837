import { usKey, wedgeCode } from '../../../shared/domain/wedge-keys';
import { qrDecoder } from './qr-decoder';

/**
 * Where codes come from at a gate or a door: the camera, or a handheld scanner that types the code
 * and presses Enter (a keyboard wedge). Neither needs an input field to have focus, so the phone's
 * on-screen keyboard never opens. Every read is passed on, the same code many times a second from a
 * camera held over a ticket: `ScanIds` decides which reads are one scan.
 */
export type CodeSource = 'camera' | 'wedge';

const FRAME_INTERVAL_MS = 100;
const MAX_FRAME_SIDE = 720;
/**
 * A wedge types faster than any person: keys further apart than this start a new code. Judged by each
 * key's own time (`event.timeStamp`), never by when a listener runs: on a slow phone the scan's own
 * work can hold the page long enough for the next listener to see a scanner's Enter as a lone one.
 */
export const WEDGE_KEY_GAP_MS = 300;

/** A key typed into a field belongs to the field: neither a scanner's code nor a clicker's tap. */
export function typedInField(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return target !== null && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export class CodeReader {
  private video: HTMLVideoElement | undefined;
  private stream: MediaStream | undefined;
  private running = false;
  private wedgeBuffer = '';
  /** The same keys read by their places on a US keyboard (undefined once a key has none). */
  private wedgePlaces: string | undefined = '';
  private wakeLock: { release(): Promise<void> } | undefined;
  private wedgeLastKey = 0;

  constructor(private readonly onCode: (code: string, source: CodeSource) => void) {
    document.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Starts the back camera into `video`; throws the browser's error (NotAllowedError, NotFoundError). */
  async startCamera(video: HTMLVideoElement): Promise<void> {
    this.video = video;
    this.stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
    video.srcObject = this.stream;
    video.setAttribute('playsinline', '');
    video.muted = true;
    await video.play();
    this.running = true;
    void this.keepScreenOn();
    void this.loop();
  }

  /** A gate phone must not lock itself between two visitors. */
  private async keepScreenOn(): Promise<void> {
    const wakeLock = (
      navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }
    ).wakeLock;
    this.wakeLock = await wakeLock?.request('screen').catch(() => undefined);
  }

  stopCamera(): void {
    this.running = false;
    void this.wakeLock?.release().catch(() => undefined);
    this.wakeLock = undefined;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    if (this.video) this.video.srcObject = null;
  }

  get cameraOn(): boolean {
    return this.running;
  }

  private async loop(): Promise<void> {
    const decode = await qrDecoder();
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    while (this.running && this.video && context) {
      const started = performance.now();
      const { videoWidth, videoHeight } = this.video;
      if (videoWidth > 0 && videoHeight > 0) {
        const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(videoWidth, videoHeight));
        canvas.width = Math.round(videoWidth * scale);
        canvas.height = Math.round(videoHeight * scale);
        context.drawImage(this.video, 0, 0, canvas.width, canvas.height);
        const text = await decode(context.getImageData(0, 0, canvas.width, canvas.height)).catch(() => undefined);
        if (text) this.accept(text, 'camera');
      }
      const elapsed = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, Math.max(10, FRAME_INTERVAL_MS - elapsed)));
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (typedInField(event)) return;
    const now = event.timeStamp;
    if (now - this.wedgeLastKey > WEDGE_KEY_GAP_MS) this.wedgeBuffer = this.wedgePlaces = '';
    this.wedgeLastKey = now;
    if (event.key === 'Enter') {
      const code = wedgeCode(this.wedgeBuffer, this.wedgePlaces);
      this.wedgeBuffer = this.wedgePlaces = '';
      if (code.length >= 8) {
        event.preventDefault();
        this.accept(code, 'wedge');
      }
      return;
    }
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      this.wedgeBuffer += event.key;
      const place = usKey(event.code, event.shiftKey);
      this.wedgePlaces = place === undefined || this.wedgePlaces === undefined ? undefined : this.wedgePlaces + place;
    }
  }

  private accept(raw: string, source: CodeSource): void {
    this.onCode(raw.trim(), source);
  }
}
