/**
 * @module serve/routes/reply
 * Sends a cached value as it is stored (JSON text), saying which tier answered in `X-Cache`.
 */
import type { FastifyReply } from 'fastify';
import type { CacheHit } from '../../cache/tiered-cache.js';

export function sendCached(reply: FastifyReply, hit: CacheHit): FastifyReply {
  return reply.type('application/json; charset=utf-8').header('x-cache', hit.tier).send(hit.json);
}
