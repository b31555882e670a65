/**
 * `atelier reason FILE... [--query Q] [--why F] [--why-not F] [--json]`: loads Datalog
 * files, computes their model and prints every derived fact (sorted), the answers to
 * a query, or a proof. Exit 0; 1 when --why asks about a fact that does not hold;
 * 2 for bad input (file:line:col, or the column inside the argument, or a predicate
 * that occurs nowhere in the program).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { UserError } from '../errors.js';
import { closest } from '../spelling.js';
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
  parseProgram,
  proofToJson,
} from '../logic/index.js';
import type { Atom, Literal, Program, Reasoner, WhyNot } from '../logic/index.js';

interface ReasonOptions {
  query?: string;
  why?: string;
  whyNot?: string;
  json?: boolean;
}

function load(files: string[]): Program {
  const program: Program = { facts: [], rules: [] };
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
    const p = parseProgram(text, f);
    program.facts.push(...p.facts);
    program.rules.push(...p.rules);
  }
  return program;
}

/**
 * The reasoner of the files, after `check` has seen the predicates they mention. The
 * parsed program stays in this frame, so its atoms can be collected once loaded (the
 * action's frame lives on while the output is written).
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
function predicatesOf(program: Program): Set<string> {
  const names = new Set<string>();
  for (const f of program.facts) names.add(f.predicate);
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

export function reasonCommand(): Command {
  return new Command('reason')
    .description(
      'Derive facts from Datalog rules; answer queries; explain why (or why not) a fact holds',
    )
    .argument('<files...>', 'Datalog files (facts and rules, Prolog/Soufflé syntax)')
    .option('--query <pattern>', "print the bindings of a query, e.g. 'path(X, b)'")
    .option('--why <fact>', 'print a proof tree of a fact')
    .option(
      '--why-not <fact>',
      'explain which premise fails for each rule that could derive a fact',
    )
    .option('--json', 'print JSON')
    .action(async (files: string[], opts: ReasonOptions) => {
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
    });
}
