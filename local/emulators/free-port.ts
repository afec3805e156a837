import { createServer } from 'node:net';

/** Ports this process has handed out: the OS may offer a released one again before it is listened on. */
const given = new Set<number>();

function osPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A port the OS says is free now, never one this process handed out before: a test that picks the
 * API's port and then starts engines that pick theirs would otherwise sometimes be given the same one
 * twice, the second listen failing with EADDRINUSE. Emulators listen on loopback only.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const port = await osPort();
    if (!given.has(port) || attempt >= 20) {
      given.add(port);
      return port;
    }
  }
}

export function portInUse(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}
