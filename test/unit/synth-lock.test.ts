import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oneSynthAtATime } from '../../local/template/cloud-assembly';

/**
 * Two test lanes on a fresh clone both found the assembly stale and ran `cdk synth` into the same
 * folder at once; the CDK CLI refused the second ("Another CLI is currently synthing"). Synthesis into
 * one folder is now one at a time across processes.
 */
const folder = mkdtempSync(path.join(tmpdir(), 'rawaq-synth-lock-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('one synthesis into a folder at a time', () => {
  it('runs a second synthesis only after the first, and frees the lock', async () => {
    // In a folder a fresh clone does not have yet (the test stacks' .test-assemblies/).
    const outdir = path.join(folder, 'not-yet', 'one');
    const order: string[] = [];
    const synth = (name: string) =>
      oneSynthAtATime(outdir, async () => {
        order.push(`${name} starts`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        order.push(`${name} ends`);
      });
    await Promise.all([synth('a'), synth('b')]);
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
    expect(existsSync(`${outdir}.synth-lock`)).toBe(false);
  });

  it('takes over a lock whose process has ended (one whose process runs is waited for, above)', async () => {
    const outdir = path.join(folder, 'two');
    // A process id that ran and is gone.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${outdir}.synth-lock`, ended);
    let ran = false;
    await oneSynthAtATime(outdir, async () => {
      ran = true;
      expect(readFileSync(`${outdir}.synth-lock`, 'utf8')).toBe(String(process.pid));
    });
    expect(ran).toBe(true);
  });
});
