/**
 * Atelier's HTTP server: the JSON + SSE API, OpenAI-compatible /v1 endpoints and the
 * web UI. `createApp` builds the app without listening (tests, embedding);
 * `startServer` listens.
 */
export { createApp, DEFAULT_BODY_LIMIT } from './app.js';
export { startServer, checkListen, DEFAULT_PORT, DEFAULT_HOST } from './server.js';
export type { ServerOptions, RunningServer } from './server.js';
export type { AppOptions } from './types.js';
export { loadOrCreateToken, tokenFileFor } from './auth.js';
export type { ServerToken } from './auth.js';
export { HttpError } from './errors.js';
export { webBuilt, DEFAULT_WEB_ROOT } from './static.js';
export { agentTarget } from './chat-targets.js';
export type { ChatTarget, ChatChunk } from './chat-targets.js';
export { teamTarget, narrate } from './team-target.js';
export { teamAssistantTarget } from './team-assistant-target.js';
export type { RunsOptions } from './types.js';
