import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/emulators/free-port';
import { ROOT } from '../../local/template/cloud-assembly';
import { machineFactor } from '../support/machine-factor';
import { healthy, startLocal, stopLocal } from '../support/npm-start';

/**
 * `npm run simulate` against a real `npm start`, two short fair days, each after the exhibitors' morning
 * (the first with an evacuation drill): the simulator reads each day's report after the closing and
 * fails when it disagrees with what it sent (entries ticketed and counted, ticket holders and each
 * session's attendance exactly, the venue's peak within what was on its way, the morning's override,
 * incident and drill).
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'rawaq-simulate-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  await stopLocal(child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run simulate', () => {
  it(
    'plays two days whose reports agree with what the simulator sent',
    async () => {
      const port = await freePort();
      child = startLocal(dataDir, port, 'simulate');
      await healthy(port, dataDir);
      const simulate = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(ROOT, 'scripts', 'simulate.ts'),
          '--days',
          '2',
          '--visitors',
          '400',
          '--minutes',
          '0.5',
          '--ticketed',
          '0.3',
        ],
        {
          cwd: ROOT,
          env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, RAWAQ_PATIENCE: String(machineFactor()) },
        },
      );
      let output = '';
      simulate.stdout.on('data', (chunk) => {
        output += chunk;
      });
      simulate.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const [code] = await once(simulate, 'exit');
      expect(code, output).toBe(0);
      const verdicts = output.split('\n').filter((line) => /^ {2}2027-03-\d\d .*(agrees|DISAGREES)$/.test(line));
      expect(verdicts, output).toHaveLength(2);
      for (const line of verdicts) expect(line).toMatch(/agrees$/);
      // Walk-ins and ticket holders both came: the figures compared are not zeros.
      expect(verdicts[0]).toMatch(/ (\d{3})\/\1 /);
      // Each morning the exhibitors came in before the public, a visitor did not, a journalist was let in
      // by override; on the first, everyone inside was on the drill's roll call and an entry was refused.
      const mornings = output.split('\n').filter((line) => /^2027-03-\d\d morning: /.test(line));
      expect(mornings, output).toHaveLength(2);
      expect(mornings[0]).toMatch(
        /morning: [1-9]\d* in before the public \(1 by override\), an early visitor FAIR_CLOSED; drill: ([1-9]\d*)\/\1 on the roll call, .* an entry meanwhile EVACUATION$/,
      );
      expect(mornings[1]).toMatch(
        /morning: [1-9]\d* in before the public \(1 by override\), an early visitor FAIR_CLOSED$/,
      );
    },
    600_000 * machineFactor(),
  );
});
