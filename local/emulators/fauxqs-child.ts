/**
 * fauxqs (SQS/SNS) in its own process: its SQLite writes stay off the API's event loop, and it ends
 * with its parent (the IPC channel closes when `npm start` exits, however it exits).
 */
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server } from 'node:net';
import { startFauxqs } from 'fauxqs';
import { refusedHost } from './loopback-host';

// Loopback only: the emulator has no authentication, so nothing but this machine may reach it. fauxqs
// 2.4 listens on 0.0.0.0 whatever `host` says (it names queue URLs with it): in this process, which
// runs nothing else, every listen is held to loopback.
const listen = Server.prototype.listen;
Server.prototype.listen = function loopbackListen(this: Server, ...args: unknown[]) {
  const [first] = args;
  if (first && typeof first === 'object') args[0] = { ...(first as object), host: '127.0.0.1' };
  else if (typeof args[1] === 'string') args[1] = '127.0.0.1';
  return (listen as (...rest: unknown[]) => Server).apply(this, args);
} as typeof Server.prototype.listen;

// And addressed to loopback only (a rebound name is refused before fauxqs reads the request).
const emit = HttpServer.prototype.emit;
HttpServer.prototype.emit = function loopbackHostsOnly(this: HttpServer, event: string, ...args: unknown[]) {
  if (event === 'request' && refusedHost(...(args as [IncomingMessage, ServerResponse]))) return true;
  return (emit as (this: HttpServer, event: string, ...rest: unknown[]) => boolean).call(this, event, ...args);
} as typeof HttpServer.prototype.emit;

const port = Number(process.env.FAUXQS_PORT);
const dataDir = process.env.FAUXQS_DATA_DIR;
const server = await startFauxqs({ port, host: '127.0.0.1', logger: false, ...(dataDir ? { dataDir } : {}) });
process.send?.({ ready: true, port: server.port });
const stop = async () => {
  await server.stop().catch(() => undefined);
  process.exit(0);
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
