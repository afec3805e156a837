import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Stands in for Secrets Manager locally: the stack's generated secrets, made once with the same
 * length and alphabet as GenerateSecretString, kept in one file under $DATA_DIR (mode 600).
 */
export class SecretVault {
  private readonly values: Record<string, string>;

  constructor(private readonly file: string | undefined) {
    this.values = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }

  ensure(arn: string, length: number): void {
    if (this.values[arn]) return;
    this.set(arn, Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
  }

  /** A new value, as `aws secretsmanager put-secret-value` (a key rotation). */
  set(arn: string, value: string): void {
    this.values[arn] = value;
    if (!this.file) return;
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.values, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  get(arnOrName: string): string | undefined {
    return this.values[arnOrName] ?? Object.entries(this.values).find(([arn]) => arn.endsWith(`:${arnOrName}`))?.[1];
  }
}
