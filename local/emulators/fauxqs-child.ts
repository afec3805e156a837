/**
 * fauxqs (SQS/SNS) in its own process: its SQLite writes stay off the API's event loop, and it ends
 * with its parent (the IPC channel closes when `npm start` exits, however it exits).
 */
import { startFauxqs } from 'fauxqs';

const port = Number(process.env.FAUXQS_PORT);
const dataDir = process.env.FAUXQS_DATA_DIR;
const server = await startFauxqs({ port, logger: false, ...(dataDir ? { dataDir } : {}) });
process.send?.({ ready: true, port: server.port });
const stop = async () => {
  await server.stop().catch(() => undefined);
  process.exit(0);
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
