/**
 * @module serve/api-keys
 * API keys for admin and mutating endpoints. A key is `sl_<id>_<secret>`: the id is public (it
 * names the key in lists and logs), the secret is 32 random bytes. Only the SHA-256 of the whole
 * key is stored (`ops.api_keys`), and it is compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SharplineError } from '../errors.js';
import type { Database } from '../store/database.js';
import { isoTime } from './data/values.js';

export interface ApiKeyInfo {
  api_key_id: string;
  name: string;
  created_at: string | null;
  revoked_at: string | null;
}

const KEY_PATTERN = /^sl_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a key named `name`; the returned `key` is shown once and never stored. */
export async function createApiKey(db: Database, name: string): Promise<ApiKeyInfo & { key: string }> {
  if (!name.trim()) throw new SharplineError('SL_USAGE', 'an API key needs a --name (who or what will hold it)');
  const id = randomBytes(6).toString('hex');
  const key = `sl_${id}_${randomBytes(32).toString('base64url')}`;
  const createdAt = new Date().toISOString();
  await db.execute(`INSERT INTO ops.api_keys (api_key_id, name, key_hash, created_at) VALUES ($1, $2, $3, $4)`, [id, name.trim(), hashKey(key), createdAt]);
  return { api_key_id: id, name: name.trim(), created_at: createdAt, revoked_at: null, key };
}

/** Revokes key `id` (kept in the ledger with its revocation time). */
export async function revokeApiKey(db: Database, id: string): Promise<ApiKeyInfo> {
  await db.execute(`UPDATE ops.api_keys SET revoked_at = $2 WHERE api_key_id = $1 AND revoked_at IS NULL`, [id, new Date().toISOString()]);
  const [row] = await db.query(`SELECT api_key_id, name, created_at, revoked_at FROM ops.api_keys WHERE api_key_id = $1`, [id]);
  if (!row) throw new SharplineError('SL_API_KEY_NOT_FOUND', `no API key with id "${id}"`);
  return toInfo(row);
}

export async function listApiKeys(db: Database): Promise<ApiKeyInfo[]> {
  return (await db.query(`SELECT api_key_id, name, created_at, revoked_at FROM ops.api_keys ORDER BY created_at, api_key_id`)).map(toInfo);
}

/** The id of a presented key when it is valid and not revoked; null otherwise. */
export async function verifyApiKey(db: Database, presented: string): Promise<string | null> {
  const m = KEY_PATTERN.exec(presented);
  if (!m) return null;
  const [row] = await db.query<{ key_hash: string; revoked_at: unknown }>(`SELECT key_hash, revoked_at FROM ops.api_keys WHERE api_key_id = $1`, [m[1]!]);
  if (!row || (row.revoked_at !== null && row.revoked_at !== undefined)) return null;
  const a = Buffer.from(hashKey(presented), 'hex');
  const b = Buffer.from(String(row.key_hash), 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? m[1]! : null;
}

/** The key a request presents: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const x = headers['x-api-key'];
  return typeof x === 'string' && x ? x.trim() : null;
}

function toInfo(r: Record<string, unknown>): ApiKeyInfo {
  return { api_key_id: String(r.api_key_id), name: String(r.name), created_at: isoTime(r.created_at), revoked_at: isoTime(r.revoked_at) };
}
