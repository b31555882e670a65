/**
 * `atelier reason FILE... [--query Q] [--why F] [--why-not F] [--json]`: loads Datalog
 * files, computes their model and prints every derived fact (sorted), the answers to
 * a query, or a proof. Exit 0; 1 when --why asks about a fact that does not hold;
 * 2 for bad input (file:line:col, or the column inside the argument, or a predicate
 * that occurs nowhere in the program).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { closest } from '../spelling.js';
import { endQuietlyOnClosedPipe, reportUserError } from './process-io.js';
import {
  ChunkPool,
  LogicError,
  createReasoner,
  formatAtom,
  formatProof,
  formatRule,
  formatValue,
  formatWhyNot,
  parseAtom,
  parseBody,
  ProgramLoader,
  proofToJson,
} from '../logic/index.js';
import type { Atom, LoadedProgram, Literal, Reasoner, WhyNot } from '../logic/index.js';

export interface ReasonOptions {
  query?: string;
  why?: string;
  whyNot?: string;
  json?: boolean;
}

/** The files' rules, and their facts packed while parsing (no atom per fact). */
function load(files: string[]): LoadedProgram {
  const loader = new ProgramLoader();
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      throw new UserError(`cannot read ${f}`, {
        code: 'LOGIC_FILE_UNREADABLE',
        hint: 'check the file name',
      });
    }
    loader.add(text, f);
  }
  return loader.program;
}

/**
 * The reasoner of the files, after `check` has seen the predicates they mention. The
 * loaded program stays in this frame, so its packed facts can be collected once loaded
 * (the action's frame lives on while the output is written).
 */
function loadReasoner(files: string[], check: (known: Set<string>) => void): Reasoner {
  const program = load(files);
  check(predicatesOf(program));
  return createReasoner(program);
}

/** An argument is parsed as a "file" named after its option, so errors read `--why:1:7`. */
const arg = <T>(option: string, text: string, parse: (t: string, file: string) => T): T =>
  parse(text, option);

/** JSON text spliced into the output as is (proofs can be deeper than JSON.stringify recurses). */
class RawJson {
  constructor(readonly text: string) {}
}

/** Like JSON.stringify(value, null, 2), but `RawJson` values are written as their text. */
function writeJson(value: unknown, indent = ''): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${writeJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${writeJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const whyNotJson = (w: WhyNot): unknown =>
  w.holds
    ? { fact: formatAtom(w.fact), holds: true, proof: new RawJson(proofToJson(w.proof)) }
    : {
        fact: formatAtom(w.fact),
        holds: false,
        reason: w.reason,
        rules: w.rules.map((r) => ({
          rule: formatRule(r.rule),
          failedAt: r.failedAt === 'head' ? 'head' : r.failedAt + 1,
          premise: r.text,
          tried: r.tried,
        })),
      };

/** Every predicate the program mentions: in facts, rule heads and bodies (counts included). */
function predicatesOf(program: LoadedProgram): Set<string> {
  const names = program.facts.predicates();
  for (const r of program.rules) {
    names.add(r.head.predicate);
    for (const l of r.body) {
      if (l.kind === 'atom') names.add(l.atom.predicate);
      else if (l.kind === 'count') for (const a of l.body) names.add(a.predicate);
    }
  }
  return names;
}

/**
 * A predicate in --why, --why-not or --query that the program never mentions is a typo
 * far more often than a question: say so (exit 2) rather than answer "does not hold".
 */
function checkKnown(option: string, atoms: Atom[], known: Set<string>): void {
  for (const a of atoms) {
    if (known.has(a.predicate)) continue;
    const near = closest(a.predicate, known);
    throw new LogicError(
      `unknown predicate '${a.predicate}' in ${option}: no fact or rule of the program mentions it`,
      undefined,
      near === undefined ? 'check the spelling, or the files given' : `did you mean '${near}'?`,
      'LOGIC_UNKNOWN_PREDICATE',
    );
  }
}

const atomsOf = (body: Literal[]): Atom[] =>
  body.flatMap((l) => (l.kind === 'atom' ? [l.atom] : l.kind === 'count' ? l.body : []));

const encoder = new TextEncoder();

/** The derived facts, sorted, as chunks of text (or of the `{ "derived": [...] }` JSON). */
function* derivedChunks(reasoner: Reasoner, json: boolean, pool: ChunkPool): Generator<Uint8Array> {
  if (!json) {
    yield* reasoner.factText({ derivedOnly: true, pool });
    return;
  }
  let any = false;
  for (const chunk of reasoner.factText({ derivedOnly: true, jsonIndent: '    ', pool })) {
    if (!any) yield encoder.encode('{\n  "derived": [\n    ');
    any = true;
    yield chunk;
  }
  yield encoder.encode(any ? '\n  ]\n}\n' : '{\n  "derived": []\n}\n');
}

/**
 * Writes chunk after chunk, waiting for 'drain' when the stream's buffer is full; each
 * chunk goes back to `pool` once written, for the next one to reuse.
 */
async function writeChunks(
  out: NodeJS.WritableStream,
  chunks: Iterable<Uint8Array>,
  pool: ChunkPool,
): Promise<void> {
  let pending = 0;
  for (const chunk of chunks) {
    pending++;
    const room = out.write(chunk, () => {
      pending--;
      pool.give(chunk);
    });
    // A file's stream writes synchronously and says "room" every time, but calls back
    // only on a later tick: let the callbacks run so that chunks get reused.
    if (!room) await once(out, 'drain');
    else if (pending > 4) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The `reason` command's action: what it prints, and its exit code in process.exitCode. */
export async function runReason(files: string[], opts: ReasonOptions): Promise<void> {
  const query = opts.query === undefined ? undefined : arg('--query', opts.query, parseBody);
  const whyFact = opts.why === undefined ? undefined : arg('--why', opts.why, parseAtom);
  const whyNotFact =
    opts.whyNot === undefined ? undefined : arg('--why-not', opts.whyNot, parseAtom);
  for (const [name, a] of [
    ['--why', whyFact],
    ['--why-not', whyNotFact],
  ] as Array<[string, Atom | undefined]>) {
    const v = a?.args.find((t) => t.kind === 'var');
    if (v !== undefined)
      throw new UserError(`${name} needs a ground fact, but ${formatAtom(a!)} has a variable`, {
        code: 'LOGIC_NOT_GROUND',
        hint: 'use --query to find the instances of a pattern',
      });
  }
  const reasoner = loadReasoner(files, (known) => {
    if (query !== undefined) checkKnown('--query', atomsOf(query), known);
    if (whyFact !== undefined) checkKnown('--why', [whyFact], known);
    if (whyNotFact !== undefined) checkKnown('--why-not', [whyNotFact], known);
  });
  if (query === undefined && whyFact === undefined && whyNotFact === undefined) {
    // Streamed: millions of derived facts never exist as one string (or as atoms).
    const pool = new ChunkPool();
    await writeChunks(process.stdout, derivedChunks(reasoner, opts.json === true, pool), pool);
    return;
  }
  const out: string[] = [];
  const json: Record<string, unknown> = {};
  let exit = 0;
  if (query !== undefined) {
    const rows = reasoner.query(query);
    json.query = rows;
    if (rows.length === 0) out.push('no');
    for (const b of rows) {
      const parts = Object.entries(b).map(([k, v]) => `${k} = ${formatValue(v)}`);
      out.push(parts.length === 0 ? 'yes' : parts.join(', '));
    }
  }
  if (whyFact !== undefined) {
    const proof = reasoner.why(whyFact);
    if (opts.json) json.why = proof === undefined ? null : new RawJson(proofToJson(proof));
    if (proof === undefined) {
      out.push(`${formatAtom(whyFact)} does not hold (try --why-not)`);
      exit = 1;
    } else out.push(formatProof(proof));
  }
  if (whyNotFact !== undefined) {
    const w = reasoner.whyNot(whyNotFact);
    if (opts.json) json.whyNot = whyNotJson(w);
    out.push(formatWhyNot(w));
  }
  process.stdout.write(
    opts.json ? `${writeJson(json)}\n` : out.length > 0 ? `${out.join('\n')}\n` : '',
  );
  process.exitCode = exit;
}

/**
 * The arguments of `atelier reason` when they are plain (files, and the known options
 * each at most once with a value that does not look like an option), read without
 * commander. Anything else (help, an unknown or malformed option, no file) gives
 * undefined, and commander parses and reports it as usual.
 */
export function plainReasonArgs(
  args: string[],
): { files: string[]; opts: ReasonOptions } | undefined {
  if (args.some((a) => a === '--' || a === '-')) return undefined;
  try {
    const { values, positionals, tokens } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        query: { type: 'string' },
        why: { type: 'string' },
        'why-not': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const options = tokens.filter((t) => t.kind === 'option');
    if (new Set(options.map((t) => t.name)).size !== options.length) return undefined;
    if (options.some((t) => t.value?.startsWith('-') === true)) return undefined;
    if (positionals.length === 0) return undefined;
    const { query, why, 'why-not': whyNot, json } = values;
    const opts: ReasonOptions = {
      ...(query === undefined ? {} : { query }),
      ...(why === undefined ? {} : { why }),
      ...(whyNot === undefined ? {} : { whyNot }),
      ...(json ? { json } : {}),
    };
    return { files: positionals, opts };
  } catch {
    return undefined;
  }
}

/**
 * Runs a plain `atelier reason ...` (see plainReasonArgs) as the CLI would, user errors
 * and a closed pipe included, without loading commander or the rest of the CLI (bin/atelier
 * requires the CommonJS build of this file). False, having done nothing, when the
 * arguments need commander. The logic core makes no trace spans, so skipping the CLI's
 * telemetry start changes nothing.
 */
export async function runPlainReason(args: string[]): Promise<boolean> {
  const plain = plainReasonArgs(args);
  if (!plain) return false;
  endQuietlyOnClosedPipe();
  try {
    await runReason(plain.files, plain.opts);
  } catch (err) {
    reportUserError(err);
  }
  return true;
}
