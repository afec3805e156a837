/** Whether a string read from outside (stored data, a parsed reason) is one of a union's values. */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
