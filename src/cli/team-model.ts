/**
 * The model a mission's model-driven steps are written with: the configured one
 * (ATELIER_MODEL, atelier.config.json), or none — then the mission's simulated world
 * carries those steps out, and the CLI says so before the run starts.
 */
import { modelFromEnv } from '../models/index.js';
import type { Model } from '../models/index.js';
import { SIMULATED_NOTE } from '../team/index.js';
import type { Mission } from '../team/index.js';

export function teamModel(
  mission: Mission | undefined,
  quiet: boolean,
  say: (line: string) => void = (l) => void process.stdout.write(`${l}\n`),
): { model?: Model } {
  if (mission === undefined) return {};
  const byModel = [...mission.tools.values()].filter((t) => t.byModel !== undefined);
  if (byModel.length === 0) return {};
  const model = modelFromEnv();
  const names = byModel.map((t) => t.name).join(', ');
  if (!quiet)
    say(
      model === undefined
        ? `model-driven steps (${names}): ${SIMULATED_NOTE}; the simulated world carries them out (set ATELIER_MODEL to have the agents write them)`
        : `model-driven steps (${names}): written by the agents with model ${model.name}`,
    );
  return model === undefined ? {} : { model };
}
