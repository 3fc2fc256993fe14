/**
 * @module serve
 * Serving's public surface: the app factory (tests inject into it), the server the CLI starts,
 * configuration, API keys, and the services the dashboard and `cache warm` share.
 */
export { buildApp, REDACTED_HEADERS, type AppDeps } from './app.js';
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { serveConfigFromEnv, type ServeConfig } from './config.js';
export { createApiKey, listApiKeys, revokeApiKey, verifyApiKey, type ApiKeyInfo } from './api-keys.js';
export { ServeServices, DEFAULT_PICK_FILTER, type PredictionQuery } from './services.js';
export { isoDate as isoDateSchema } from './schemas.js';
