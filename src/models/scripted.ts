/**
 * A scripted model for tests and examples: it replays the responses it was given, in
 * order, and records every request. It never pretends to be a real model — its name is
 * `scripted`.
 */
import type { Model, ModelRequest, ModelResponse, ModelStreamEvent, ToolCall } from './types.js';

/** One scripted turn: a response, a plain text answer, or a function of the request. */
export type ScriptedStep =
  ModelResponse | string | ((request: ModelRequest, index: number) => ModelResponse | string);

export interface ScriptedModel extends Model {
  /** Every request received, in order (messages copied at the time of the call). */
  readonly requests: ModelRequest[];
  /** How many scripted steps are left (Infinity for a function script). */
  remaining(): number;
}

export interface ScriptedModelOptions {
  /** Record requests (default true). The benchmark turns it off. */
  record?: boolean;
  /** Split streamed text into deltas of this many characters (default 4). */
  chunkSize?: number;
}

/**
 * Builds a scripted model from a list of steps (consumed once each) or from a function
 * called for every request. Running out of steps is an error naming the request number.
 */
export function scriptedModel(
  script:
    readonly ScriptedStep[] | ((request: ModelRequest, index: number) => ModelResponse | string),
  options: ScriptedModelOptions = {},
): ScriptedModel {
  const record = options.record ?? true;
  const chunk = Math.max(1, options.chunkSize ?? 4);
  const requests: ModelRequest[] = [];
  let index = 0;

  function next(request: ModelRequest): ModelResponse {
    request.signal?.throwIfAborted();
    if (record) requests.push({ ...request, messages: request.messages.slice() });
    const i = index++;
    let step: ScriptedStep | undefined;
    if (typeof script === 'function') step = script;
    else {
      step = script[i];
      if (step === undefined)
        throw new Error(
          `scripted model: no response scripted for request #${i + 1} (${script.length} given)`,
        );
    }
    const value = typeof step === 'function' ? step(request, i) : step;
    return typeof value === 'string' ? scriptedText(value) : value;
  }

  return {
    name: 'scripted',
    requests,
    remaining: () => (typeof script === 'function' ? Infinity : Math.max(0, script.length - index)),
    generate: (request) => {
      try {
        return Promise.resolve(next(request));
      } catch (err) {
        return Promise.reject(err);
      }
    },
    async *stream(request): AsyncIterable<ModelStreamEvent> {
      const response = next(request);
      const t = response.text ?? '';
      for (let at = 0; at < t.length; at += chunk) {
        request.signal?.throwIfAborted();
        yield { type: 'text-delta', text: t.slice(at, at + chunk) };
      }
      yield { type: 'response', response };
    },
  };
}

/** A scripted final text answer. */
export function scriptedText(value: string): ModelResponse {
  return { text: value, toolCalls: [], finishReason: 'stop' };
}

let callCounter = 0;

/** A scripted response calling one or more tools (arguments given as objects, serialised here). */
export function scriptedToolCalls(
  ...calls: Array<{ name: string; arguments: unknown; id?: string }>
): ModelResponse {
  const list: ToolCall[] = calls.map((c) => ({
    id: c.id ?? `call_${++callCounter}`,
    name: c.name,
    arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
  }));
  return { text: null, toolCalls: list, finishReason: 'tool_calls' };
}

/** A scripted response calling a single tool. */
export function scriptedToolCall(name: string, args: unknown, id?: string): ModelResponse {
  return scriptedToolCalls(
    id === undefined ? { name, arguments: args } : { name, arguments: args, id },
  );
}
