/**
 * @module cache/redis
 * The Redis client the cache and the rate limiter share, set up to fail fast: with the offline
 * queue off, a command while Redis is down rejects at once instead of queueing, so a request
 * degrades to the in-process tier within milliseconds. ioredis keeps reconnecting in the background.
 */
import { Redis } from 'ioredis';

export interface RedisOptions {
  /** Give up on one command after this many milliseconds. Default 250. */
  commandTimeoutMs?: number;
  /** Called once per outage (not per failed command), with a message free of credentials. */
  onDown?: (message: string) => void;
}

/** A client for `url` (`redis://host:port/db`). It connects in the background; check `status === 'ready'`. */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 1000,
    // Keep trying, at most every 2 s: Redis coming back should bring the shared tier back.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let down = false;
  // Without a listener, ioredis's connection errors would be unhandled 'error' events.
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    options.onDown?.(`redis unavailable (${error.message.replace(/\/\/[^@/]*@/, '//***@')}); serving from the in-process cache`);
  });
  client.on('ready', () => {
    down = false;
  });
  return client;
}

/** Whether `client` can take commands now. */
export function redisReady(client: Redis | null | undefined): client is Redis {
  return !!client && client.status === 'ready';
}

/**
 * A client for SUBSCRIBE only: unlike `connectRedis`, it queues commands while disconnected, so a
 * subscription made while Redis is down takes effect when it comes back (and after reconnects).
 */
export function connectRedisSubscriber(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 1000, retryStrategy: (attempt) => Math.min(attempt * 200, 2000) });
  client.on('error', () => undefined);
  return client;
}

/** Resolves when `client` is ready or after `timeoutMs`, whichever is first; true when ready. */
export async function waitForRedis(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}
