/** Feed cursors are opaque to clients: the last sort key they saw, base64url. */
export function encodeFeedCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

export function decodeFeedCursor(cursor: string | undefined, shape: RegExp): string | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return shape.test(text) ? text : undefined;
}
