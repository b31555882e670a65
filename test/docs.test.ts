import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATELIER, ROOT, cliEnv, hasStack } from './helpers/cli.js';
import { HAS_SCRIPT } from './helpers/pty.js';

// Every shell command and TypeScript program in README.md and docs/*.md runs as written:
// ```sh blocks line by line (a `$ ` line is a command, the lines under it its output, the
// first of which must appear), ```ts blocks that import something as programs (through
// tsx, from the checkout's root). A command's exit code is 0 unless its comment says
// `exit N`. Placeholders: RUN is the first run of the block's own store. What cannot run
// here is skipped with its reason: in docs/ by a `<!-- doc-test: skip: REASON -->` line
// before the block; in README.md (edited by the lead only) by the table below.

interface Block {
  file: string;
  line: number;
  lang: string;
  text: string;
  skip: string | undefined;
}

/** README blocks that do not run here, found by a piece of their text. */
const README_SKIPS: Record<string, string> = {
  "agent({ name: 'assistant', instructions: 'Be brief.', model: modelFromEnv()":
    'needs a model (ATELIER_MODEL)',
};

/** Commands that do not run here, whatever the file. */
const COMMAND_SKIPS: [RegExp, string][] = [
  [/^npm (install|ci|test)\b/, 'installs or tests this very project'],
  [/^npm run bench|bench\/\w+\.ts/, 'a benchmark (minutes of CPU)'],
  [/^export (ATELIER_MODEL|OPENAI_)/, 'configures a model'],
  [/atelier chat\b/, 'needs a model'],
  [/atelier serve\b/, 'a server: runs until stopped (test/server starts it)'],
  [
    /conformance:mcp/,
    'the MCP conformance suite (minutes; test/server runs the scenarios that apply)',
  ],
  [/atelier mcp\b/, 'an MCP server on stdio: runs until its client leaves (test/server drives it)'],
  [/--goal "[^(]/, 'a goal in words needs a model'],
];

function blocksOf(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (open === null) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    const text = lines.slice(i + 1, end).join('\n');
    const marker = /^<!-- doc-test: skip: (.+) -->$/.exec(lines[i - 1] ?? '');
    const readme = Object.entries(README_SKIPS).find(
      ([k]) => file === 'README.md' && text.includes(k),
    );
    out.push({ file, line: i + 1, lang: open[1]!, text, skip: marker?.[1] ?? readme?.[1] });
    i = end;
  }
  return out;
}

const FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter(
  (f) => f.endsWith('.md'),
);
const BLOCKS = FILES.flatMap(blocksOf);

interface Command {
  text: string;
  exit: number;
  output: string | undefined;
  skip: string | undefined;
}

/** The commands of a ```sh block: continuation lines joined, outputs kept apart. */
function commandsOf(block: Block): Command[] {
  const lines = block.text.split('\n');
  const prompted = lines.some((l) => l.startsWith('$ '));
  const out: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (prompted && !line.startsWith('$ ')) continue;
    if (prompted) line = line.slice(2);
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    while (line.endsWith('\\') && i + 1 < lines.length)
      line = `${line.slice(0, -1)} ${lines[++i]!.trim()}`;
    const next = lines[i + 1];
    const output =
      prompted && next !== undefined && !next.startsWith('$ ') && next.trim() !== ''
        ? next
        : undefined;
    const exit = /#.*\bexit (\d+)/.exec(line);
    const skip = COMMAND_SKIPS.find(([re]) => re.test(line.trim()))?.[1];
    out.push({ text: line, exit: exit === null ? 0 : Number(exit[1]), output, skip });
  }
  return out;
}

interface Outcome {
  failures: string[];
  skipped: string[];
}

/**
 * Runs a command, collecting stdout and stderr. With `answer`, each [y/N] question printed
 * is answered "y" once it is asked (a reader takes every line typed ahead).
 */
function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  answer = false,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env });
    let out = '';
    let asked = 0;
    const take = (d: string): void => {
      out += d;
      const questions = out.split('[y/N]').length - 1;
      for (; answer && asked < questions; asked++) child.stdin.write('y\r');
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** Runs a ```sh block as a bash script (in a pty when there is one: prompts answered "y"). */
async function runShell(block: Block, dir: string): Promise<Outcome> {
  const where = `${block.file}:${block.line}`;
  const commands = commandsOf(block);
  const skipped = commands
    .filter((c) => c.skip)
    .map((c) => `${where} \`${c.text.trim()}\`: ${c.skip}`);
  writeFileSync(join(dir, 'atelier'), `#!/bin/sh\nexec ${JSON.stringify(ATELIER)} "$@"\n`);
  chmodSync(join(dir, 'atelier'), 0o755);
  const script = [
    `export PATH=${JSON.stringify(dir)}:"$PATH"`,
    `cd ${JSON.stringify(ROOT)}`,
    ...commands.flatMap((c, n) =>
      c.skip
        ? []
        : [
            `echo "@@doc-test ${n}@@"`,
            ...(/\bRUN\b/.test(c.text)
              ? ['RUN=$(atelier runs 2>/dev/null | grep ^run- | tail -1 | cut -d" " -f1)']
              : []),
            c.text.replace(/\bRUN\b/g, '$RUN'),
            `echo "@@rc ${n} $?@@"`,
          ],
    ),
  ].join('\n');
  writeFileSync(join(dir, 'block.sh'), script);
  const env = cliEnv({ ATELIER_DB: join(dir, 'atelier.db') });
  const { out } = HAS_SCRIPT
    ? await run(
        'script',
        ['-qfec', `bash ${join(dir, 'block.sh')}`, '/dev/null'],
        { ...env, TERM: 'dumb' },
        true,
      )
    : await run('bash', [join(dir, 'block.sh')], env);
  const failures: string[] = [];
  commands.forEach((c, n) => {
    if (c.skip) return;
    const section = out.split(`@@doc-test ${n}@@`)[1]?.split(`@@rc ${n} `);
    const rc = section?.[1] === undefined ? NaN : Number.parseInt(section[1], 10);
    const text = (section?.[0] ?? '').replace(/\r/g, '');
    const what = `${where} \`${c.text.trim()}\``;
    if (!HAS_SCRIPT && /RUN_NEEDS_APPROVAL/.test(text)) {
      skipped.push(`${what}: needs a terminal to answer the approval prompt`);
      return;
    }
    if (rc !== c.exit)
      failures.push(`${what}: exit ${rc}, expected ${c.exit}\n${text.slice(0, 800)}`);
    else if (hasStack(text)) failures.push(`${what}: a stack trace\n${text.slice(0, 800)}`);
    const expected = c.output?.replace(/\s+<- stderr$/, '').trim();
    if (expected !== undefined && expected !== '...' && !text.includes(expected))
      failures.push(
        `${what}: its output lacks the documented line "${expected}"\n${text.slice(0, 800)}`,
      );
  });
  return { failures, skipped };
}

/** Runs a ```ts block as a program, from the checkout's root (its './src/...' imports resolve). */
async function runTypeScript(block: Block, dir: string, n: number): Promise<Outcome> {
  const file = join(ROOT, `.doc-test-${process.pid}-${n}.ts`);
  writeFileSync(file, `${block.text}\nexport {};\n`);
  try {
    const { code, out } = await run(
      process.execPath,
      ['--import', 'tsx', file],
      cliEnv({ ATELIER_DB: join(dir, 'atelier.db') }),
    );
    const where = `${block.file}:${block.line} (ts)`;
    return {
      failures: code === 0 ? [] : [`${where}: exit ${code}\n${out.slice(0, 1500)}`],
      skipped: [],
    };
  } finally {
    rmSync(file, { force: true });
  }
}

test(
  'every command and program in README.md and docs/ runs as written',
  { timeout: 900_000 },
  async (t) => {
    const runnable = BLOCKS.filter(
      (b) => b.lang === 'sh' || (b.lang === 'ts' && /^import /m.test(b.text)),
    );
    const skipped = runnable.filter((b) => b.skip).map((b) => `${b.file}:${b.line}: ${b.skip}`);
    const queue = runnable.filter((b) => !b.skip).map((b, n) => ({ b, n }));
    const failures: string[] = [];
    const worker = async (): Promise<void> => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        const dir = mkdtempSync(join(tmpdir(), 'atelier-doc-'));
        try {
          const o =
            job.b.lang === 'sh'
              ? await runShell(job.b, dir)
              : await runTypeScript(job.b, dir, job.n);
          failures.push(...o.failures);
          skipped.push(...o.skipped);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    };
    await Promise.all([worker(), worker()]);
    for (const s of skipped.sort()) t.diagnostic(`skipped ${s}`);
    assert.deepEqual(failures, []);
  },
);

test('each README skip entry still matches a block (remove it once the README changes)', () => {
  const readme = BLOCKS.filter((b) => b.file === 'README.md');
  for (const key of Object.keys(README_SKIPS))
    assert.ok(
      readme.some((b) => b.text.includes(key)),
      `no README block holds ${JSON.stringify(key)}`,
    );
});
