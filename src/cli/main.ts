import type { Command } from 'commander';
import { endQuietlyOnClosedPipe, reportUserError } from './process-io.js';

/**
 * The `atelier` command. Each capability contributes one subcommand module; this file
 * only wires them together and turns user errors into exit codes.
 *
 * Subcommand modules are imported on demand: `atelier plan` loads the planner, not the
 * HTTP server or the agent runtime, so it starts fast. `--help` loads them all.
 * A plain `atelier plan DOMAIN PROBLEM [options]` does not even load commander (see
 * runPlainPlan in plan.ts); anything unusual goes through commander as before.
 */
type CommandFactory = () => Command;

endQuietlyOnClosedPipe();

const COMMANDS: Record<string, () => Promise<CommandFactory>> = {
  plan: async () => {
    const { Command } = await import('commander');
    const m = await import('./plan.js');
    return () => m.planCommand(Command);
  },
  validate: async () => (await import('./validate.js')).validateCommand,
  reason: async () => (await import('./reason.js')).reasonCommand,
  learn: async () => (await import('./learn.js')).learnCommand,
  run: async () => (await import('./run.js')).runCommand,
  resume: async () => (await import('./run.js')).resumeCommand,
  runs: async () => (await import('./runs.js')).runsCommand,
  show: async () => (await import('./runs.js')).showCommand,
  chat: async () => (await import('./chat.js')).chatCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  worker: async () => (await import('./worker.js')).workerCommand,
  mcp: async () => (await import('./mcp.js')).mcpCommand,
};

const requested = process.argv[2];
const plainDone =
  requested === 'plan' && (await (await import('./plan.js')).runPlainPlan(process.argv.slice(3)));
if (!plainDone) await runProgram();

async function runProgram(): Promise<void> {
  const { Command: CommandClass, CommanderError } = await import('commander');
  const { version } = await import('../version.js');
  const program = new CommandClass('atelier')
    .description('Teams of AI assistants that reason, plan and collaborate.')
    .version(version)
    .showHelpAfterError()
    .exitOverride();

  const names =
    requested !== undefined && requested in COMMANDS ? [requested] : Object.keys(COMMANDS);
  for (const name of names) program.addCommand((await COMMANDS[name]!())());
  // Subcommands do not inherit exitOverride: without it a usage mistake would exit 1, not 2.
  // A usage mistake carries its code like every user error: `error[CLI_USAGE]: ...`.
  const code = 'CLI_USAGE';
  const output = {
    outputError: (text: string, write: (s: string) => void) =>
      write(text.replace(/^error:/, `error[${code}]:`)),
  };
  program.configureOutput(output);
  for (const command of program.commands)
    command.exitOverride().showHelpAfterError().configureOutput(output);

  const telemetry = await (await import('./telemetry.js')).startTelemetry();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    // Help and version "errors" are normal exits; usage mistakes are bad input.
    if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : 2;
    else reportUserError(err);
  } finally {
    await telemetry?.shutdown();
  }
}
