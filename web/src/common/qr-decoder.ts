import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * Reads QR codes from camera frames: the browser's own BarcodeDetector where it has one (Android
 * Chrome), else ZXing-C++ compiled to WebAssembly (zxing-wasm). The .wasm file is served with the pages,
 * never fetched from a CDN: the venue's network may be down.
 */
type Decode = (frame: ImageData) => Promise<string | undefined>;

interface NativeDetector {
  detect(source: ImageData): Promise<{ rawValue: string }[]>;
}
declare const BarcodeDetector:
  | {
      new (options: { formats: string[] }): NativeDetector;
      getSupportedFormats(): Promise<string[]>;
    }
  | undefined;

async function nativeDecoder(): Promise<Decode | undefined> {
  if (typeof BarcodeDetector === 'undefined') return undefined;
  try {
    if (!(await BarcodeDetector.getSupportedFormats()).includes('qr_code')) return undefined;
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    return async (frame) => (await detector.detect(frame))[0]?.rawValue;
  } catch {
    return undefined;
  }
}

async function wasmDecoder(): Promise<Decode> {
  const { prepareZXingModule, readBarcodes } = await import('zxing-wasm/reader');
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    fireImmediately: true,
  });
  return async (frame) => {
    const results = await readBarcodes(frame, { formats: ['QRCode'], maxNumberOfSymbols: 1, tryHarder: true });
    return results.find((result) => result.isValid)?.text;
  };
}

let decoder: Promise<Decode> | undefined;

export function qrDecoder(): Promise<Decode> {
  decoder ??= nativeDecoder().then((native) => native ?? wasmDecoder());
  return decoder;
}
