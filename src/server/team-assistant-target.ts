/**
 * A team as an OpenAI "model" when a model is configured: `team:NAME` talks with the
 * team's assistant (src/team/chat), which plans, explains and starts runs through the
 * symbolic core. Runs it starts wait on the store for approvals: the person gives them in
 * the web UI or the API (POST /api/runs/RUN/steps/STEP/approve); the model cannot.
 */
import type { Model } from '../models/index.js';
import { isRunRequest, teamAssistant } from '../team/index.js';
import type { Mission, RunStore } from '../team/index.js';
import { agentTarget } from './chat-targets.js';
import type { ChatTarget } from './chat-targets.js';
import { lastUserText, teamTarget } from './team-target.js';

export function teamAssistantTarget(
  mission: Mission,
  options: {
    store: RunStore;
    model: Model;
    timeScale?: number;
    runUrl?: (id: string) => string;
  },
): ChatTarget {
  const where = options.runUrl ? `the run's page, ${options.runUrl('RUN')}` : 'the web UI';
  const assistant = teamAssistant({
    mission,
    store: options.store,
    model: options.model,
    approve: 'store',
    approvalHint: `the person approves or rejects each step in ${where}, or with POST /api/runs/RUN/steps/STEP/approve`,
    runOptions: options.timeScale === undefined ? {} : { timeScale: options.timeScale },
  });
  const talk = agentTarget(assistant, {
    id: `team:${mission.name}`,
    description: mission.description || `The team of mission ${mission.name}`,
  });
  // "run" and a PDDL goal are commands, not words to interpret: they run the mission as
  // without a model (the same answer, and no model call that could fail or be billed).
  const direct = teamTarget(mission, options);
  return {
    ...talk,
    kind: 'team',
    chat(messages, signal, chatOptions) {
      const text = lastUserText(messages);
      const command = text.startsWith('(') || isRunRequest(text);
      return (command ? direct : talk).chat(messages, signal, chatOptions);
    },
  };
}
