// Draws QR images for `npm run tickets` off the main thread, so drawing overlaps the API calls.
// Plain JavaScript: a worker thread gets no TypeScript loader.
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import QRCode from 'qrcode';

const options = { errorCorrectionLevel: 'M', margin: 2 };

parentPort.on('message', async ({ id, format, items }) => {
  for (const { token, file } of items) {
    if (format === 'svg') writeFileSync(file, await QRCode.toString(token, { ...options, type: 'svg' }));
    else await QRCode.toFile(file, token, { ...options, type: 'png', scale: 8 });
  }
  parentPort.postMessage({ id, count: items.length });
});
