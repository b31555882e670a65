/**
 * The API client: the bearer token from localStorage (or a `?token=` link), JSON
 * calls that turn error bodies into ApiError, and an SSE reader over fetch (so it can
 * send the token) that reconnects with Last-Event-ID and misses nothing.
 */
const TOKEN_KEY = 'atelier.token';

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** Moves `?token=` from the address bar into localStorage (and out of history). */
export function adoptTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  setToken(token);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export interface SourceLocation {
  file?: string;
  line: number;
  col: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get location(): SourceLocation | undefined {
    const loc = this.details.location as SourceLocation | undefined;
    return loc && typeof loc.line === 'number' ? loc : undefined;
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when the server answers 401 (the login screen listens). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function toError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string } & Record<string, unknown> } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not JSON (a proxy error page): fall back to the status text.
  }
  const {
    code = 'http_error',
    message = res.statusText || `HTTP ${res.status}`,
    ...details
  } = body.error ?? {};
  return new ApiError(res.status, code, message, details);
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${getToken() ?? ''}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? null : JSON.stringify(init.body),
    signal: init.signal ?? null,
  });
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401) unauthorizedListeners.forEach((l) => l());
    throw err;
  }
  return (await res.json()) as T;
}

export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

export interface StreamHandlers {
  onMessage(message: SseMessage): void;
  onStatus?(status: 'connecting' | 'live' | 'reconnecting' | 'closed'): void;
}

/**
 * Follows an SSE endpoint until `signal` aborts. On a dropped connection it waits
 * and reconnects with Last-Event-ID set to the last id seen, so no event is lost.
 * Resolves when the server ends the stream normally with an `end` event.
 */
export async function followEvents(
  path: string,
  handlers: StreamHandlers,
  signal: AbortSignal,
): Promise<void> {
  let lastId: string | undefined;
  let delay = 500;
  while (!signal.aborted) {
    handlers.onStatus?.(lastId === undefined ? 'connecting' : 'reconnecting');
    let ended = false;
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${getToken() ?? ''}`,
        accept: 'text/event-stream',
      };
      if (lastId !== undefined) headers['last-event-id'] = lastId;
      const res = await fetch(path, { headers, signal });
      if (res.status === 401) {
        unauthorizedListeners.forEach((l) => l());
        return;
      }
      if (!res.ok || !res.body) throw await toError(res);
      handlers.onStatus?.('live');
      delay = 500;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const msg = parseBlock(block);
          if (!msg) continue;
          if (msg.id !== undefined) lastId = msg.id;
          if (msg.event === 'end') ended = true;
          handlers.onMessage(msg);
        }
      }
    } catch (err) {
      if (signal.aborted) break;
      if (err instanceof ApiError && err.status < 500) {
        handlers.onStatus?.('closed');
        throw err;
      }
    }
    if (ended) break;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 5000);
  }
  handlers.onStatus?.('closed');
}

function parseBlock(block: string): SseMessage | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0 && id === undefined) return undefined;
  return { id, event, data: data.join('\n') };
}
