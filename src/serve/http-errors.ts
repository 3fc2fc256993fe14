/**
 * @module serve/http-errors
 * What an error looks like on the wire. Validation failures and `SharplineError`s below 500 go out
 * with their code and message; anything else is a generic 500 carrying the request id, with the full
 * error only in the log (a driver error can quote SQL or a connection string).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isSharplineError, type ErrorCode } from '../errors.js';

/** The HTTP status of a known error code. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'SL_AUTH_REQUIRED':
      return 401;
    case 'SL_GAME_NOT_FOUND':
    case 'SL_TEAM_NOT_FOUND':
    case 'SL_RUN_NOT_FOUND':
    case 'SL_API_KEY_NOT_FOUND':
      return 404;
    case 'SL_MODEL_NOT_TRAINED':
    case 'SL_NO_TRAINING_DATA':
    case 'SL_QUALITY_GATE':
      return 409;
    case 'SL_STORE_LOCKED':
    case 'SL_STORE_CONNECT':
      return 503;
    default:
      break;
  }
  return code === 'SL_STORE_QUERY' || code.startsWith('SL_MIGRATION') ? 500 : 400;
}

export interface ErrorBody {
  error: { code: string; message: string; request_id: string };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const body = (code: string, message: string): ErrorBody => ({ error: { code, message, request_id: String(request.id) } });
  const fe = error as FastifyError & { validation?: unknown };
  if (fe && (fe.validation || fe.code === 'FST_ERR_VALIDATION')) return reply.status(400).send(body('SL_USAGE', fe.message));
  if (isSharplineError(error)) {
    const status = httpStatusFor(error.code);
    if (status < 500) return reply.status(status).send(body(error.code, error.message));
  }
  // Fastify's own client errors (bad JSON body, body too large, 404 of an unknown method) keep their status.
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send(body(fe.code ?? 'SL_USAGE', fe.message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send(body('SL_INTERNAL', `internal error; quote request id ${request.id} when reporting it`));
}
