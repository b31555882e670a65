/**
 * Reading mission.yaml: YAML syntax, then the zod schema, and a locator that turns a field
 * path (and a piece of text inside a scalar) into the line:col of mission.yaml, so later
 * checks can point at the exact spot.
 */
import { readFileSync } from 'node:fs';
import { isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Alias } from 'yaml';
import type { ZodError } from 'zod';
import { MissionError } from '../errors.js';
import { agentSchema, mcpToolSchema, missionSchema, toolSchema } from './schema.js';
import { closest } from '../../spelling.js';
import type { MissionFile } from './schema.js';

/** A field path such as ['tools', 'screen', 'precondition'] or ['facts', 2]. */
export type FieldPath = readonly (string | number)[];

/**
 * Where a field is in mission.yaml: the line:col of its value, or of something inside a
 * scalar value: `needle` as text (its `nth` occurrence, 0-based), or as a number, the
 * offset of a character in the value. Falls back to the start of the value, then to the
 * closest enclosing field; undefined when nothing is found (a mission defined in code).
 */
export type Locate = (
  path: FieldPath,
  needle?: string | number,
  nth?: number,
) => { line: number; col: number } | undefined;

/** `tools.screen.precondition`, `agents[0].tools[1]`. */
export function fieldName(path: FieldPath): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function readText(
  file: string,
  field: string | undefined,
  what: string,
  from?: { file: string; line?: number; col?: number },
): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // A file named by a field is reported against the field that names it.
    throw new MissionError(
      from?.file ?? file,
      field,
      `cannot read the ${what} '${file}': no such file`,
      {
        code: 'MISSION_FILE_UNREADABLE',
        hint: 'paths are relative to the mission folder',
        ...(from?.line === undefined ? {} : { line: from.line, col: from.col ?? 1 }),
      },
    );
  }
}

function zodToMissionError(err: ZodError, file: string, locate: Locate): MissionError {
  const issue = err.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let message = issue.message;
  let at = locate(path);
  let hint: string | undefined;
  if (issue.code === 'unrecognized_keys') {
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    at = locate([...path, issue.keys[0]!]);
    const shape =
      path.length === 0
        ? missionSchema.shape
        : path[0] === 'tools' && path[2] === 'mcp'
          ? mcpToolSchema.shape
          : path[0] === 'tools'
            ? toolSchema.shape
            : path[0] === 'agents'
              ? agentSchema.shape
              : undefined;
    if (shape !== undefined) {
      const fields = Object.keys(shape);
      const near = closest(issue.keys[0]!, fields);
      hint = `${near === undefined ? '' : `did you mean '${near}'? `}expected: ${fields.join(', ')}`;
    }
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message))
    message = `missing; ${issue.message.replace(/, received undefined/, '').replace(/^Invalid input: /, '')}`;
  return new MissionError(file, fieldName(path), message, {
    code: 'MISSION_SCHEMA',
    ...(hint === undefined ? {} : { hint }),
    ...(at === undefined ? {} : { line: at.line, col: at.col }),
  });
}

/** Index of the `nth` occurrence of `needle` in `source`, or -1. */
function occurrence(source: string, needle: string, nth: number): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = source.indexOf(needle, at + 1);
    if (at < 0) break;
  }
  return at;
}

/** Where character `offset` of a scalar's value is in its source text (plain or quoted), or -1. */
function offsetIn(source: string, value: string, offset: number): number {
  if (source === value) return offset;
  if (/^["']/.test(source) && source.slice(1, -1) === value) return offset + 1;
  // Folded or block scalars change only whitespace: find the same occurrence of the token there.
  const token = /^\S+/.exec(value.slice(offset))?.[0];
  if (token === undefined) return -1;
  let nth = 0;
  for (let i = value.indexOf(token); i >= 0 && i < offset; i = value.indexOf(token, i + 1)) nth++;
  return occurrence(source, token, nth);
}

/** Reads and checks mission.yaml; returns its content and a locator into it. */
export function readMissionFile(file: string): { data: MissionFile; locate: Locate } {
  const text = readText(file, undefined, 'mission file');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new MissionError(file, undefined, `invalid YAML: ${e.message.split('\n')[0]}`, {
      code: 'MISSION_YAML',
      ...(pos === undefined ? {} : { line: pos.line, col: pos.col }),
    });
  }
  // Mission files are small and written by hand: an alias (*name) is refused where it is,
  // which also rules out alias bombs (a few lines that expand to gigabytes).
  let alias: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      alias = node;
      return visit.BREAK;
    },
  });
  if (alias !== undefined) {
    const pos = alias.range ? lc.linePos(alias.range[0]) : undefined;
    throw new MissionError(
      file,
      undefined,
      `YAML aliases such as *${alias.source} are not supported in a mission file`,
      {
        code: 'MISSION_YAML',
        hint: 'write the value out where it is used',
        ...(pos === undefined ? {} : { line: pos.line, col: pos.col }),
      },
    );
  }
  const locate: Locate = (path, needle, nth = 0) => {
    for (let k = path.length; k >= 0; k--) {
      const node = doc.getIn(path.slice(0, k), true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range === undefined) continue;
      if (k === path.length && needle !== undefined && isScalar(node)) {
        const source = text.slice(node.range[0], node.range[1]);
        const at =
          typeof needle === 'number'
            ? offsetIn(source, String(node.value), needle)
            : occurrence(source, needle, nth);
        if (at >= 0) return lc.linePos(node.range[0] + at);
      }
      return lc.linePos(node.range[0]);
    }
    return undefined;
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (err) {
    throw new MissionError(
      file,
      undefined,
      `invalid YAML: ${(err as Error).message.split('\n')[0]}`,
      {
        code: 'MISSION_YAML',
      },
    );
  }
  const parsed = missionSchema.safeParse(value);
  if (!parsed.success) throw zodToMissionError(parsed.error, file, locate);
  return { data: parsed.data, locate };
}
