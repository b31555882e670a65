// `atelier run` on missions carried out by MCP servers: the example (examples/mcp-office)
// runs offline and writes its work through the reference servers; mistakes in the `mcp:`
// section or in a tool's MCP arguments are refused at load time, located, with exit 2;
// once the CLI exits no server it started is left.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MissionError, loadMission } from '../../src/team/index.js';
import { processesMentioning } from '../helpers/mcp-servers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/mcp-office');
const tmp = mkdtempSync(join(tmpdir(), 'atelier-mcp-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const atelier = (args: string[]) =>
  spawnSync(join(ROOT, 'bin/atelier'), args, {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, ATELIER_MODEL: '' },
    timeout: 180_000,
  });

/** A folder holding the example's mission.yaml with `from` replaced by `to`. */
function edited(from: string | RegExp, to: string): string {
  const yaml = readFileSync(join(EXAMPLE, 'mission.yaml'), 'utf8');
  assert.ok(typeof from === 'string' ? yaml.includes(from) : from.test(yaml), `${from} is there`);
  const dir = mkdtempSync(join(tmp, 'mission-'));
  writeFileSync(join(dir, 'mission.yaml'), yaml.replace(from, to));
  return dir;
}

/** The MissionError loading `dir` throws. */
async function refusal(dir: string): Promise<MissionError> {
  const err = await loadMission(dir).then(
    () => assert.fail('expected the mission to be refused'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof MissionError, String(err));
  return err;
}

describe('atelier run with MCP servers', () => {
  it('runs examples/mcp-office offline: every step by the filesystem or memory server, its work in out/', () => {
    // Not cleared first: docs/team.md runs the example too, maybe at the same time. The
    // notes below say that this run wrote the files.
    const out = join(EXAMPLE, 'out', 'lea');
    const r = atelier(['run', EXAMPLE, '--db', join(tmp, 'example.db'), '--time-scale', '0']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /plan v1 \(initial plan\): 8 steps/);
    assert.match(
      r.stdout,
      /\(draft welcome_letter lea\) done in \d+ ms — files\.write_file: Successfully wrote to lea\/welcome_letter\.md/,
    );
    assert.match(r.stdout, /\(file it_checklist lea\) done in \d+ ms — memory\.add_observations: /);
    assert.match(r.stdout, /work product "Welcome pack of lea"/);
    assert.match(r.stdout, /run succeeded: 8 steps, 0 re-plans/);
    assert.match(
      readFileSync(join(out, 'welcome_letter.md'), 'utf8'),
      /^# welcome_letter for lea\n/,
    );
    assert.match(
      readFileSync(join(EXAMPLE, 'out', 'welcome-lea.md'), 'utf8'),
      /## Welcome pack of lea\n\n\[FILE\] it_checklist\.md\n\[FILE\] welcome_letter\.md/,
    );
    const memory = readFileSync(join(EXAMPLE, 'out', 'memory.jsonl'), 'utf8');
    assert.match(memory, /"name":"lea","entityType":"colleague"/);
    assert.match(memory, /welcome_letter is in out\/lea\/welcome_letter\.md/);
    assert.deepEqual(processesMentioning(EXAMPLE), [], 'no server is left');
  });

  it('refuses an unknown server name, located, with exit 2 and nothing run', () => {
    const dir = edited('server: memory', 'server: memroy');
    const r = atelier(['run', dir, '--db', join(dir, 'runs.db')]);
    assert.equal(r.status, 2, r.stderr + r.stdout);
    assert.match(
      r.stderr,
      /mission\.yaml:\d+:15: error\[MISSION_MCP_UNKNOWN_SERVER\]: tools\.remember\.mcp\.server: unknown MCP server 'memroy'\n  hint: did you mean 'memory'\? the mission's servers: files, memory/,
    );
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.doesNotMatch(r.stdout, /plan v1/);
    assert.ok(!existsSync(join(dir, 'out')));
  });

  it('refuses a template naming an unknown argument, located at the name, with exit 2', () => {
    const dir = edited("path: '{{p}}/{{d}}.md'", "path: '{{p}}/{{doc}}.md'");
    const r = atelier(['run', dir, '--db', join(dir, 'runs.db')]);
    assert.equal(r.status, 2, r.stderr + r.stdout);
    const line = readFileSync(join(dir, 'mission.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('{{doc}}'));
    const col = readFileSync(join(dir, 'mission.yaml'), 'utf8')
      .split('\n')
      [line]!.indexOf('{{doc}}');
    assert.match(
      r.stderr,
      new RegExp(
        `mission\\.yaml:${line + 1}:${col + 1}: error\\[MISSION_UNKNOWN_TEMPLATE_NAME\\]: tools\\.draft\\.mcp\\.arguments\\.path: unknown name 'doc'`,
      ),
    );
    assert.match(r.stderr, /hint: a template may name \{\{d\}\}, \{\{p\}\}, .*\{\{inputs\}\}/);
  });

  it('locates the other mistakes of the mcp: section', async () => {
    const unset = await refusal(
      edited('${MISSION_DIR}/out', '${ATELIER_TEST_NO_SUCH_VARIABLE}/out'),
    );
    assert.equal(unset.code, 'MISSION_MCP_UNSET_VARIABLE');
    assert.match(
      unset.message,
      /mcp\.memory\.env\.MEMORY_FILE_PATH: the environment variable ATELIER_TEST_NO_SUCH_VARIABLE is not set/,
    );
    assert.ok(unset.location && unset.location.line > 1);

    const badArgs = await refusal(
      edited(
        /args: \[\.\.\/\.\.\/node_modules\/@modelcontextprotocol\/server-memory[^\]]*\]/,
        'args: 3',
      ),
    );
    assert.equal(badArgs.code, 'MCP_BAD_CONFIG');
    assert.match(badArgs.message, /mcp\.memory: field "args": .*expected array/);

    const both = await refusal(
      edited(
        '    command: node\n    args: [../../node_modules/@modelcontextprotocol/server-filesystem',
        '    url: http://127.0.0.1:9/mcp\n    command: node\n    args: [../../node_modules/@modelcontextprotocol/server-filesystem',
      ),
    );
    assert.equal(both.code, 'MCP_BAD_CONFIG');
    assert.match(both.message, /give either "command" \(stdio\) or "url"/);

    const named = await refusal(edited('  files:\n', '  files:\n    name: docs\n'));
    assert.equal(named.code, 'MISSION_SCHEMA');
    assert.match(named.message, /mcp\.files\.name: does not apply to a mission/);

    const twoWays = await refusal(
      edited(
        "      arguments: { path: '{{p}}' }\n",
        "      arguments: { path: '{{p}}' }\n    byModel: { instruction: open it }\n",
      ),
    );
    assert.equal(twoWays.code, 'MISSION_MCP_WITH_MODEL');

    const typo = await refusal(
      edited(
        '      tool: create_directory\n',
        '      tool: create_directory\n      argument: {}\n',
      ),
    );
    assert.equal(typo.code, 'MISSION_SCHEMA');
    assert.match(typo.message, /unknown field 'argument'/);
    assert.match(typo.hint ?? '', /did you mean 'arguments'\?/);
  });

  it('a server whose command does not exist fails the run clearly (exit 1), nothing left', () => {
    const dir = edited(
      /command: node\n(\s+)args: \[\.\.\/\.\.\/node_modules\/@modelcontextprotocol\/server-filesystem/,
      'command: atelier-no-such-mcp-server\n$1args: [../../node_modules/@modelcontextprotocol/server-filesystem',
    );
    mkdirSync(join(dir, 'out'));
    const r = atelier([
      'run',
      dir,
      '--db',
      join(dir, 'runs.db'),
      '--time-scale',
      '0',
      '--max-replans',
      '1',
    ]);
    assert.equal(r.status, 1, r.stderr + r.stdout);
    assert.match(
      r.stdout + r.stderr,
      /cannot start MCP server "files" \(atelier-no-such-mcp-server /,
    );
    assert.deepEqual(processesMentioning(dir), []);
  });
});
