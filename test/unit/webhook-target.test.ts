import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '#shared/domain/public-address';
import { postToTarget, resolveWebhookTarget } from '#shared/outbound/webhook-target';

describe('public addresses', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true], // IPv4-mapped, of a public address
    ['64:ff9b::808:808', true], // NAT64 of 8.8.8.8
    ['10.1.2.3', false],
    ['172.31.255.255', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['127.0.0.1', false],
    ['0.0.0.0', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['100.128.0.1', true],
    ['224.0.0.251', false],
    ['239.255.255.250', false],
    ['255.255.255.255', false],
    ['198.18.0.1', false],
    ['::1', false],
    ['::', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:a00:1', false], // the same, in hex
    ['::ffff:127.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['64:ff9b::a9fe:a9fe', false], // NAT64 of the metadata address
    ['64:ff9b::7f00:1', false],
    ['64:ff9b:1::808:808', false], // NAT64 for local use
    ['fd00::1', false], // unique local
    ['fc00::1', false],
    ['fe80::1', false], // link-local
    ['fe80::1%eth0', false],
    ['ff02::1', false], // multicast
    ['ff0e::1', false],
    ['2001:db8::1', false], // documentation
    ['2002:a00:1::1', false], // 6to4
    ['2001::1', false], // Teredo
    ['::10.0.0.1', false], // IPv4-compatible
    ['not an address', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('webhook targets', () => {
  const resolving =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a name with any address that is not public, and names it', async () => {
    const target = await resolveWebhookTarget(
      'https://hooks.example.com/x',
      false,
      resolving('93.184.215.14', '10.0.0.5'),
    );
    expect(target).toMatchObject({ ok: false, kind: 'refused' });
    expect(!target.ok && target.problem).toContain('10.0.0.5');
    expect(
      await resolveWebhookTarget('https://hooks.example.com/x', false, resolving('::ffff:192.168.0.9')),
    ).toMatchObject({
      ok: false,
      kind: 'refused',
    });
  });

  it('answers the checked address to connect to', async () => {
    expect(
      await resolveWebhookTarget(
        'https://hooks.example.com/x',
        false,
        resolving('2606:4700::6810:84e5', '93.184.215.14'),
      ),
    ).toMatchObject({ ok: true, address: '2606:4700::6810:84e5', family: 6 });
  });

  it('tells a name that does not resolve from one that is refused', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND hooks.example.com'), {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: 'hooks.example.com',
    });
    const target = await resolveWebhookTarget('https://hooks.example.com/x', false, async () => {
      throw notFound;
    });
    expect(target).toMatchObject({ ok: false, kind: 'unresolved' });
  });

  it('allows a loopback-only host where loopback is allowed, and nothing else there', async () => {
    expect(await resolveWebhookTarget('http://localhost:9/x', true, resolving('127.0.0.1', '::1'))).toMatchObject({
      ok: true,
    });
    expect(await resolveWebhookTarget('http://localhost:9/x', true, resolving('127.0.0.1', '10.0.0.1'))).toMatchObject({
      ok: false,
    });
    expect(await resolveWebhookTarget('http://localhost:9/x', false, resolving('127.0.0.1'))).toMatchObject({
      ok: false,
    });
  });

  it('connects to the address it checked, whatever the name would resolve to now', async () => {
    // `rebind.invalid` resolves nowhere: the request can only arrive through the pinned address.
    const seen: { host?: string; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ host: request.headers.host, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const status = await postToTarget(
        { ok: true, url: new URL(`http://rebind.invalid:${port}/hook`), address: '127.0.0.1', family: 4 },
        { 'content-type': 'application/json' },
        '{"a":1}',
        2000,
      );
      expect(status).toBe(204);
      expect(seen).toEqual([{ host: `rebind.invalid:${port}`, body: '{"a":1}' }]);
    } finally {
      server.close();
    }
  });
});
