/** Global ids are base64 of `Type:key`, opaque to clients (after swapi-graphql's relayNode). */
export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64');
}

/** The type and key inside a global id, or null when it is not one of ours. */
export function fromGlobalId(id: string): { type: string; key: string } | null {
  // Keys are slugs or row ids: a longer id, or one holding control characters (NUL, which
  // PostgreSQL cannot take as text), is not one of ours.
  if (id.length > 400 || !/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep <= 0 || sep === decoded.length - 1 || /[\u0000-\u001f]/.test(decoded)) return null;
  if (toGlobalId(decoded.slice(0, sep), decoded.slice(sep + 1)) !== id) return null;
  return { type: decoded.slice(0, sep), key: decoded.slice(sep + 1) };
}
